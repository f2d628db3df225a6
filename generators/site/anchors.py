"""Stable HTML ids for business-rule headings (`### BR-PAY-01 — Titre` gets `{#br-pay-01}`), so that stories
link to `regles-metier.md#br-pay-01` whatever the heading's title says."""

from __future__ import annotations

import re

from ..load.rules import RULE_HEADING

_FENCE = re.compile(r"^\s*(```|~~~)")
_ATTRS = re.compile(r"\s*\{:?\s*([^}]*)\}\s*#*\s*$")
_ID = re.compile(r"(?:^|\s)#([^\s}]+)")


def rule_heading_ids(markdown: str) -> tuple[str, list[str]]:
    """The Markdown with an explicit id on every rule heading, and messages about ids it had to replace."""
    out: list[str] = []
    notes: list[str] = []
    in_fence = False
    for line in markdown.split("\n"):
        if _FENCE.match(line):
            in_fence = not in_fence
        if in_fence or not line.startswith("#"):
            out.append(line)
            continue
        match = RULE_HEADING.match(line)
        if not match:
            out.append(line)
            continue
        wanted = match.group(1).lower()
        attrs = _ATTRS.search(line)
        if attrs is None:
            out.append(f"{line.rstrip().rstrip('#').rstrip()} {{: #{wanted} }}")
            continue
        inner = attrs.group(1)
        found = _ID.search(inner)
        if found and found.group(1) != wanted:
            notes.append(f"heading id #{found.group(1)} replaced by #{wanted} so that links to {match.group(1)} work")
        inner = _ID.sub("", inner).strip()
        out.append(f"{line[: attrs.start()].rstrip()} {{: #{wanted} {inner} }}".replace("  }", " }"))
    return "\n".join(out), notes


_ROW = re.compile(r"^(\s*\|\s*)([A-Z][A-Z0-9]*(?:-[A-Za-z0-9]+)+)(\s*\|)", re.ASCII)


def row_anchors(markdown: str, ids: set[str]) -> str:
    """Table rows whose first cell is exactly one of `ids` (requirements declared in a table) get the id as an
    HTML anchor (`<span id="enf-vid-01">`), so that links to them work on their page and on the print page."""
    if not ids:
        return markdown
    out: list[str] = []
    in_fence = False
    for line in markdown.split("\n"):
        if _FENCE.match(line):
            in_fence = not in_fence
        match = None if in_fence else _ROW.match(line)
        if match is not None and match.group(2) in ids:
            line = f'{match.group(1)}<span id="{match.group(2).lower()}"></span>{match.group(2)}{line[match.end(2) :]}'
        out.append(line)
    return "\n".join(out)
