"""Markdown extension: every known id written in a page's text becomes a link to its object's page.

Runs on every page (specs and generated pages) after the inline patterns and before the glossary's
abbreviations: an id's text is atomic, so a tooltip never fires inside it (`BR-RGPD-01`). Skips code,
links, headings (a heading declares its own id) and the first cell of a table row that declares an id
(that row gets the id as its HTML anchor instead, so requirements declared in tables can be linked to).
Id-shaped words that are not known ids are kept whole too (`fz-id`: never broken across lines).

The plugin gives the extension an `IdIndex` (id -> Markdown page and anchor, from the project context)
and tells it which page is being converted; links are relative `.md` links that MkDocs resolves and checks.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from typing import Any

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from ..context import ProjectContext
from . import paths

# an id: upper-case letters and digits, then hyphenated parts (BR-PAY-02, FO-abonnement, E01-S02) or
# digits (E01); not inside a word, a path or a file name
ID_SHAPE = re.compile(r"(?<![\w/.-])[A-Z][A-Z0-9]*(?:(?:-[A-Za-z0-9]+)+|[0-9])(?![\w/-]|\.\w)", re.ASCII)
_SKIP = {"code", "pre", "a", "abbr", "script", "style", "kbd", "h1", "h2", "h3", "h4", "h5", "h6", "svg"}


@dataclass
class IdIndex:
    """Where each known id is described: Markdown page (relative to docs_dir) and anchor."""

    targets: dict[str, tuple[str, str]] = field(default_factory=dict)
    current_page: str = ""

    @classmethod
    def of(cls, ctx: ProjectContext) -> IdIndex:
        backlog = ctx.backlog
        targets: dict[str, tuple[str, str]] = {}
        for persona in backlog.personas:
            targets[persona.id] = (paths.PERSONAS, persona.id.lower())
        for epic in backlog.epics:
            targets[epic.id] = (paths.epic_page(epic.id), "")
            for story in epic.stories:
                targets[story.id] = (paths.epic_page(epic.id), story.id.lower())
        for screen in backlog.screens:
            targets[screen.id] = (paths.screen_page(screen.id), "")
        for rule in backlog.rules:
            targets[rule.id] = (rule.page, rule.anchor)
        for requirement in backlog.objects("requirement"):
            targets[requirement.id] = (requirement.page, requirement.id.lower())
        return cls(targets)

    def href(self, object_id: str) -> str | None:
        target = self.targets.get(object_id)
        if target is None:
            return None
        page, anchor = target
        if page == self.current_page:
            return f"#{anchor}" if anchor else None
        url = paths.rel(self.current_page, page) if self.current_page else page
        return f"{url}#{anchor}" if anchor else url


class IdLinker(Treeprocessor):
    def __init__(self, md: Markdown, index: IdIndex) -> None:
        super().__init__(md)
        self.index = index

    def run(self, root: etree.Element) -> None:
        self._walk(root)

    def _walk(self, element: etree.Element) -> None:
        if element.tag == "tr":
            self._declare_row(element)
        for child in list(element):
            if child.tag == "a":
                self._protect_link(child)
            elif child.tag not in _SKIP:
                self._walk(child)
            if child.tail and not isinstance(child.tail, AtomicString):
                self._split(element, child, child.tail, tail=True)
        if element.text and not isinstance(element.text, AtomicString) and element.tag not in _SKIP:
            self._split(element, None, element.text, tail=False)

    @staticmethod
    def _protect_link(link: etree.Element) -> None:
        """A link that shows an id keeps it whole: no abbreviation inside, never broken across lines."""
        text = link.text or ""
        if isinstance(text, AtomicString) or not ID_SHAPE.search(text):
            return
        link.text = AtomicString(text)
        if ID_SHAPE.fullmatch(text.strip()):
            link.set("class", " ".join(filter(None, [link.get("class"), "fz-id"])))

    def _declare_row(self, row: etree.Element) -> None:
        """A table row whose first cell is exactly a known id declares it: anchor on the row, no self-link."""
        cells = list(row)
        if not cells or len(cells[0]) or not cells[0].text:
            return
        text = cells[0].text.strip()
        if text in self.index.targets and self.index.targets[text][0] == self.index.current_page:
            row.set("id", row.get("id") or text.lower())
            cells[0].text = AtomicString(text)
            cells[0].set("class", "fz-id")

    def _split(self, parent: etree.Element, after: etree.Element | None, text: str, *, tail: bool) -> None:
        matches = [m for m in ID_SHAPE.finditer(text) if "-" in m.group(0) or m.group(0) in self.index.targets]
        if not matches:
            return
        pieces: list[etree.Element] = []
        start = matches[0].start()
        lead = text[:start]
        for number, match in enumerate(matches):
            object_id = match.group(0)
            href = self.index.href(object_id)
            if href is not None:
                node = etree.Element("a", {"href": href, "class": "fz-id"})
            else:
                node = etree.Element("span", {"class": "fz-id"})
            node.text = AtomicString(object_id)
            end = matches[number + 1].start() if number + 1 < len(matches) else len(text)
            node.tail = text[match.end() : end]
            pieces.append(node)
        if tail:
            assert after is not None
            after.tail = lead
            position = list(parent).index(after) + 1
        else:
            parent.text = lead
            position = 0
        for offset, node in enumerate(pieces):
            parent.insert(position + offset, node)


class IdLinksExtension(Extension):
    def __init__(self, **kwargs: Any) -> None:
        self.config = {"index": [IdIndex(), "the ids known to the site (set by the fanzone plugin)"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(IdLinker(md, self.getConfig("index")), "fanzone_idlinks", 7.5)


def makeExtension(**kwargs: Any) -> IdLinksExtension:
    return IdLinksExtension(**kwargs)
