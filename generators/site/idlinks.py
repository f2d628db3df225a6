"""Markdown extension: every known id written in a page's text becomes a link to its object's page.

Runs on every page (specs and generated pages) after the inline patterns and before the glossary's
abbreviations: an id's text is atomic, so a tooltip never fires inside it (`BR-RGPD-01`). Skips code,
links, headings (a heading declares its own id) and the first cell of a table row that declares an id
(that row gets the id as its HTML anchor instead, so requirements declared in tables can be linked to).
Id-shaped words that are not known ids are kept whole too (`fz-id`: never broken across lines).

The generation step (`generate.py`, before any site engine runs) appends to each page one HTML comment
listing the known ids the page mentions and their relative `.md` links (`with_id_map`); the extension reads
and removes it. No state is shared with a plugin, so `fanzone build`, a plain `mkdocs build` and Zensical
(which runs Markdown extensions but no MkDocs plugin) link the same ids. Links are relative `.md` links that
the site engine resolves and checks. Without the comment (a page the step did not generate), ids are only
kept whole.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from typing import Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import ETX, STX, AtomicString

from ..context import ProjectContext
from . import paths

# an id: upper-case letters and digits, then hyphenated parts (BR-PAY-02, FO-abonnement, E01-S02) or
# digits (E01); not inside a word, a path or a file name
ID_SHAPE = re.compile(r"(?<![\w/.-])[A-Z][A-Z0-9]*(?:(?:-[A-Za-z0-9]+)+|[0-9])(?![\w/-]|\.\w)", re.ASCII)
# a cell that opens with raw HTML (the anchor the generation step puts before a declared id), then the id
_ANCHORED_CELL = re.compile(re.escape(STX) + r"(wzxhzdk:[0-9]+)" + re.escape(ETX) + r"\s*([A-Z][A-Za-z0-9-]*)")
LINKED = "fz-id fz-ref"  # an id this extension made a link (the print page's sections make it text again)
_MAP_PREFIX = "<!-- fanzone-ids "
_MAP_SUFFIX = " -->"
_SKIP = {"code", "pre", "a", "abbr", "script", "style", "kbd", "h1", "h2", "h3", "h4", "h5", "h6", "svg"}


@dataclass
class IdIndex:
    """Where each known id is described: Markdown page (relative to docs_dir) and anchor."""

    targets: dict[str, tuple[str, str]] = field(default_factory=dict)
    current_page: str = ""
    links: dict[str, str] = field(default_factory=dict)  # the page's map: id -> href ("" = declared here)

    @classmethod
    def of(cls, ctx: ProjectContext) -> IdIndex:
        backlog = ctx.backlog
        targets: dict[str, tuple[str, str]] = {}
        personas = paths.personas_page(ctx.root)
        for persona in backlog.personas:
            targets[persona.id] = (personas, persona.id.lower())
        for epic in backlog.epics:
            targets[epic.id] = (paths.epic_page(epic.id), "")
            for story in epic.stories:
                targets[story.id] = (paths.epic_page(epic.id), story.id.lower())
        for screen in backlog.screens:
            targets[screen.id] = (paths.screen_page(screen.id), "")
        for rule in backlog.rules:
            targets[rule.id] = (paths.spec_page(rule.page), rule.anchor)
        for requirement in backlog.objects("requirement"):
            targets[requirement.id] = (paths.spec_page(requirement.page), requirement.id.lower())
        return cls(targets)

    def href(self, object_id: str) -> str | None:
        """The link to an id from the current page (None: unknown, or this very page without an anchor)."""
        if self.links:
            return self.links.get(object_id) or None
        target = self.targets.get(object_id)
        if target is None:
            return None
        page, anchor = target
        if page == self.current_page:
            return f"#{anchor}" if anchor else None
        url = paths.rel(self.current_page, page) if self.current_page else page
        return f"{url}#{anchor}" if anchor else url

    def href_from(self, page: str, object_id: str) -> str | None:
        """The link the extension writes for an id in `page`'s text (its id map's entry, `page_map`)."""
        self.current_page = page
        try:
            return self.href(object_id)
        finally:
            self.current_page = ""

    def declared_here(self, object_id: str) -> bool:
        """The id's object is described on the current page (its row in a table gets its anchor)."""
        if self.links:
            href = self.links.get(object_id)
            return href is not None and (href == "" or href.startswith("#"))
        target = self.targets.get(object_id)
        return target is not None and target[0] == self.current_page

    def page_map(self, page: str, markdown: str) -> dict[str, str]:
        """The known ids `markdown` mentions and their links from `page` ("" for this page without anchor)."""
        found = {m.group(0) for m in ID_SHAPE.finditer(markdown)}
        self.current_page = page
        try:
            return {i: self.href(i) or "" for i in sorted(found) if i in self.targets}
        finally:
            self.current_page = ""


def with_id_map(markdown: str, page: str, index: IdIndex) -> str:
    """`markdown` followed by the comment the extension reads (nothing added when it mentions no known id)."""
    links = index.page_map(page, markdown)
    if not links:
        return markdown
    # JSON escapes: no `--` (which would end the comment) and no `<` `>` in the text
    data = json.dumps(links, ensure_ascii=True, separators=(",", ":"))
    data = data.replace("--", "-\\u002d").replace("<", "\\u003c").replace(">", "\\u003e")
    return f"{markdown.rstrip()}\n\n{_MAP_PREFIX}{data}{_MAP_SUFFIX}\n"


class IdMapReader(Preprocessor):
    """Takes the page's id map (the generation step's last comment) out of the text."""

    def __init__(self, md: Markdown, index: IdIndex) -> None:
        super().__init__(md)
        self.index = index

    def run(self, lines: list[str]) -> list[str]:
        self.index.links = {}
        # the last such line (other preprocessors, e.g. the glossary's snippets, may append after it)
        for number in range(len(lines) - 1, -1, -1):
            line = lines[number].strip()
            if not (line.startswith(_MAP_PREFIX) and line.endswith(_MAP_SUFFIX)):
                continue
            try:
                data = json.loads(line[len(_MAP_PREFIX) : -len(_MAP_SUFFIX)])
            except ValueError:
                return lines
            if isinstance(data, dict):
                self.index.links = {str(k): str(v) for k, v in data.items()}
                return lines[:number] + lines[number + 1 :]
            return lines
        return lines


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
        """A table row whose first cell is exactly a known id declares it: anchor on the row (unless the cell
        starts with the generation step's anchor, `<span id=…></span>ID`, kept as raw HTML), no self-link."""
        cells = list(row)
        if not cells or len(cells[0]) or not cells[0].text:
            return
        cell = cells[0]
        match = _ANCHORED_CELL.fullmatch(cell.text.strip())
        text = match.group(2) if match else cell.text.strip()
        if not (self.index.declared_here(text) or (match and ID_SHAPE.fullmatch(text))):
            return
        if match is None:
            row.set("id", row.get("id") or text.lower())
        cell.text = AtomicString(cell.text)
        cell.set("class", "fz-id")

    def _split(self, parent: etree.Element, after: etree.Element | None, text: str, *, tail: bool) -> None:
        known = self.index.links or self.index.targets
        matches = [m for m in ID_SHAPE.finditer(text) if "-" in m.group(0) or m.group(0) in known]
        if not matches:
            return
        pieces: list[etree.Element] = []
        start = matches[0].start()
        lead = text[:start]
        for number, match in enumerate(matches):
            object_id = match.group(0)
            href = self.index.href(object_id)
            if href is not None:
                node = etree.Element("a", {"href": href, "class": LINKED})
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
        self.config = {"index": [None, "an IdIndex (tests); by default each page's own id map is read"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        index = self.getConfig("index") or IdIndex()
        # after whitespace normalisation (30), before raw HTML blocks are stashed (20)
        md.preprocessors.register(IdMapReader(md, index), "fanzone_idmap", 25)
        md.treeprocessors.register(IdLinker(md, index), "fanzone_idlinks", 7.5)


def makeExtension(**kwargs: Any) -> IdLinksExtension:
    return IdLinksExtension(**kwargs)
