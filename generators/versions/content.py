"""What each object says, as plain JSON-able data, for every registered kind (the diff and the fingerprints).

Generic: an object's fields (`model_dump`) minus the objects nested in it (they are diffed as their own kind),
plus the id of its parent (so a story moved to another epic shows as changed), minus its `id`. Objects
declared in Markdown (business rules, requirements) carry the text of their section instead of their page,
so moving a rule to another page is not a change. Spec pages are split into sections at `##` headings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..kinds import Format, Kind, Registry
from ..model import Backlog

SECTION_KIND = "section"  # spec pages, section by section (not a registered kind: pages have no id)
SPEC_GLOB = "specs/**/*.md"
_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


@dataclass
class Snapshot:
    """One side of a diff: the loaded backlog and, per kind, each object's content by id (in load order)."""

    label: str
    backlog: Backlog | None  # None when read back from the cache of a baseline
    commit: str | None = None
    date: str | None = None
    objects: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)


def _section(lines: list[str], start: int) -> str:
    """The text under the heading at `start` (0-based) up to the next heading of the same or higher level."""
    head = _HEADING.match(lines[start])
    if head is None:  # a table row declares the object: the row is its text
        return lines[start].strip()
    level = len(head.group(1))
    body, in_fence = [], False
    for line in lines[start + 1 :]:
        if _FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence:
            found = _HEADING.match(line)
            if found and len(found.group(1)) <= level:
                break
        body.append(line)
    return "\n".join(body).strip()


class _Pages:
    def __init__(self, root: Path) -> None:
        self.root = root
        self._lines: dict[str, list[str]] = {}

    def lines(self, file: str) -> list[str]:
        if file not in self._lines:
            try:
                self._lines[file] = (self.root / file).read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError):
                self._lines[file] = []
        return self._lines[file]


def object_content(kind: Kind, obj: Any, parent: Any, registry: Registry, backlog: Backlog, pages: _Pages) -> dict:
    if kind.format is Format.MARKDOWN_IDS:
        data = obj.model_dump(mode="json", exclude={"id", "page"})
        where = backlog.location(kind.object_id(obj))
        lines = pages.lines(where.file) if where else []
        data["text"] = _section(lines, where.line - 1) if where and 0 < where.line <= len(lines) else ""
        return data
    nested = {child.items for child in registry.children(kind.name) if child.items}
    data = obj.model_dump(mode="json", exclude={"id", *nested})
    if kind.parent is not None and parent is not None and kind.parent != "project":
        data = {registry[kind.parent].name: registry[kind.parent].object_id(parent), **data}
    return data


def _parents(kind: Kind, registry: Registry, backlog: Backlog) -> list[tuple[Any, Any]]:
    if kind.parent is None:
        return [(obj, None) for obj in backlog.objects(kind.name)]
    assert kind.items is not None
    return [
        (obj, parent)
        for parent, _ in _parents(registry[kind.parent], registry, backlog)
        for obj in getattr(parent, kind.items)
    ]


def _page_sections(page: str, lines: list[str]) -> Iterator[tuple[str, str]]:
    """(heading, text) of a page's sections at `##` headings; heading "" for the text before the first."""
    heading, body, in_fence = "", [], False
    for line in lines:
        if _FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence and line.startswith("## "):
            yield heading, "\n".join(body).strip()
            heading, body = line[3:].strip().rstrip("#").strip(), []
            continue
        body.append(line)
    yield heading, "\n".join(body).strip()


def spec_sections(root: Path) -> dict[str, dict[str, Any]]:
    """Every spec page's sections at `##` headings, keyed `page.md#Heading` (`page.md` for the text before
    the first heading)."""
    found: dict[str, dict[str, Any]] = {}
    specs = root / "specs"
    for path in sorted(specs.glob("**/*.md")):
        if path.is_symlink() or not path.is_file():
            continue
        page = path.relative_to(specs).as_posix()
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            continue
        for heading, text in _page_sections(page, lines):
            if heading or text:
                key = f"{page}#{heading}" if heading else page
                found.setdefault(key, {"page": page, "heading": heading, "text": text})
    return found


def snapshot(label: str, backlog: Backlog, registry: Registry, **meta: Any) -> Snapshot:
    root = Path(backlog.root)
    pages = _Pages(root)
    shot = Snapshot(label, backlog, **meta)
    for kind in registry:
        if kind.extra.get("derived"):  # found in other objects' text (citations): their owners' diff shows them
            continue
        contents: dict[str, dict[str, Any]] = {}
        for obj, parent in _parents(kind, registry, backlog):
            object_id = kind.object_id(obj)
            contents[object_id] = object_content(kind, obj, parent, registry, backlog, pages)
            title = getattr(obj, "title", None) or getattr(obj, "name", None)
            if isinstance(title, str):
                shot.titles[object_id] = title
        shot.objects[kind.name] = contents
    sections = spec_sections(root)
    shot.objects[SECTION_KIND] = sections
    for key, section in sections.items():
        shot.titles[key] = section["heading"] or section["page"]
    return shot
