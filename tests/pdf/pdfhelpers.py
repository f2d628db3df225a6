"""Shared by the PDF tests (tests/pdf/conftest.py puts this folder on sys.path)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Printed:
    root: Path
    pdf: Path
    site: Path  # the site the export built (with the dossier in its downloads)
    stderr: str


def outline(reader: Any) -> list[tuple[int, str, int]]:
    """(level, title, 0-based page) of every bookmark, in order."""
    found: list[tuple[int, str, int]] = []

    def walk(items: list[Any], level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                found.append((level, " ".join(str(item.title).split()), reader.get_destination_page_number(item)))

    walk(reader.outline, 1)
    return found


def stranded_headings(reader: Any, front_pages: int) -> list[tuple[int, str]]:
    """Headings printed last on their page (nothing of their section follows them there): the body's last line
    is a heading whose bookmark points at that page. Chromium writes a page's running header and footer after
    its body: the body's last line is the third line from the end."""
    on_page: dict[int, set[str]] = {}
    for _, title, index in outline(reader):
        on_page.setdefault(index, set()).add(title)
    stranded = []
    for index in range(front_pages, len(reader.pages)):
        titles = on_page.get(index, set())
        lines = [" ".join(line.split()) for line in (reader.pages[index].extract_text() or "").splitlines()]
        lines = [line for line in lines if line]
        if len(lines) >= 3 and lines[-3] in titles:
            stranded.append((index + 1, lines[-3]))
    return stranded
