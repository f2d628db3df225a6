"""Business-rule IDs, read from the headings of the specification's Markdown pages.

A rule is declared by a heading whose text starts with its ID: `### BR-PAY-01 — Remboursement sous 14 jours`.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..model import BusinessRule, Finding, Location

RULE_HEADING = re.compile(r"^#{1,6}\s+(BR-[A-Z0-9]+(?:-[A-Z0-9]+)*)\b\s*(?:[—–:-]\s*)?(.*?)\s*(?:\{[^}]*\})?\s*#*\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")


def scan_rules(specs_dir: Path, root: Path) -> tuple[list[BusinessRule], dict[str, Location], list[Finding]]:
    rules: list[BusinessRule] = []
    locations: dict[str, Location] = {}
    findings: list[Finding] = []
    if not specs_dir.is_dir():
        return rules, locations, findings
    for page in sorted(specs_dir.rglob("*.md")):
        relative = page.relative_to(root).as_posix()
        try:
            text = page.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            findings.append(Finding(relative, 1, "-", "file is not valid UTF-8"))
            continue
        in_fence = False
        for number, line in enumerate(text.splitlines(), start=1):
            if _FENCE.match(line):
                in_fence = not in_fence
                continue
            if in_fence or not line.startswith("#"):
                continue
            match = RULE_HEADING.match(line)
            if not match:
                continue
            rule_id, title = match.group(1), match.group(2).strip()
            if rule_id in locations:
                first = locations[rule_id]
                findings.append(
                    Finding(
                        relative,
                        number,
                        rule_id,
                        f"duplicate business rule id (first declared at {first})",
                        code="duplicate-id",
                    )
                )
                continue
            locations[rule_id] = Location(relative, number)
            rules.append(BusinessRule(id=rule_id, title=title or rule_id, page=page.relative_to(specs_dir).as_posix()))
    return rules, locations, findings
