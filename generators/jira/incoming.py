"""Text that comes from Jira (display names, statuses, summaries, sprint names, changelog) is cleaned once, where it
enters: C0/C1 control characters, ESC and bidirectional overrides are removed (CRLF becomes LF; tab and newline
stay), so nothing written into the YAML or the history, or printed, can move the cursor, fake a line or reorder text.
Which issues were touched is remembered, so that the command can say so."""

from __future__ import annotations

import re
from typing import Any

# whole terminal sequences first (CSI such as ESC[2J, OSC such as OSC 8 links, other ESC pairs), so no "[2J" is left
SEQUENCE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x9b[0-?]*[ -/]*[@-~]|\x1b[@-_]")
# C0 but tab and newline, DEL, C1, and the bidi marks, embeddings, overrides and isolates
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def strip_controls(text: str) -> str:
    return CONTROL.sub("", SEQUENCE.sub("", text.replace("\r\n", "\n")))


def clean(value: Any) -> tuple[Any, bool]:
    """`value` (decoded JSON) with every string cleaned, and whether anything but a CRLF was removed."""
    if isinstance(value, str):
        cleaned = strip_controls(value)
        return cleaned, cleaned != value.replace("\r\n", "\n")
    if isinstance(value, list):
        items = [clean(item) for item in value]
        return [item for item, _ in items], any(changed for _, changed in items)
    if isinstance(value, dict):
        pairs = {key: clean(item) for key, item in value.items()}
        return {key: item for key, (item, _) in pairs.items()}, any(changed for _, changed in pairs.values())
    return value, False


def warning(keys: set[str]) -> str | None:
    if not keys:
        return None
    return (
        f"control characters (terminal escapes, bidirectional overrides) removed from Jira text of "
        f"{', '.join(sorted(keys))}: edit those issues in Jira to remove them there too"
    )
