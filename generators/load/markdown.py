"""Objects declared in Markdown pages: a heading (`### BR-PAY-01 — Titre`) or a table row (`| ENF-VID-01 | … |`)
whose text starts with an id of the kind's pattern. Fenced code blocks are skipped."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

_FENCE = re.compile(r"^\s*(```|~~~)")


def _core(id_pattern: str) -> str:
    return id_pattern.removeprefix("^").removesuffix("$")


@cache
def heading_pattern(id_pattern: str) -> re.Pattern[str]:
    """Group 1: the id (followed by a space, a colon or the end: `BR-PAY-٠١` declares nothing); group 2: the
    title (after an optional dash or colon, without `{#anchor}`)."""
    return re.compile(
        rf"^#{{1,6}}\s+({_core(id_pattern)})(?=[\s:]|$)\s*(?:[—–:-]\s*)?(.*?)\s*(?:\{{[^}}]*\}})?\s*#*\s*$", re.ASCII
    )


@cache
def table_row_pattern(id_pattern: str) -> re.Pattern[str]:
    """Group 1: the id in a row's first cell; group 2: the second cell."""
    return re.compile(rf"^\s*\|\s*({_core(id_pattern)})\s*\|\s*([^|]*?)\s*\|", re.ASCII)


def declarations(text: str, id_pattern: str, table_rows: bool = False) -> Iterator[tuple[int, str, str]]:
    """(line, id, title) of every object of the kind declared in a page."""
    heading = heading_pattern(id_pattern)
    row = table_row_pattern(id_pattern) if table_rows else None
    in_fence = False
    for number, line in enumerate(text.splitlines(), start=1):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        if line.startswith("#"):
            match = heading.match(line)
        elif row is not None and "|" in line:
            match = row.match(line)
        else:
            continue
        if match:
            yield number, match.group(1), match.group(2).strip()
