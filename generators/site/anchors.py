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
