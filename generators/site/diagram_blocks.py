"""Markdown extension: the diagram blocks the generation step wrote are set aside whole, not parsed tag by tag.

The generation step writes each diagram as a raw HTML block of its own (`inline_svg.py`): a line
`<div class="fz-diagram">`, the SVG, a line `</div>`. Python-Markdown would find the block's end by feeding
every tag of the SVG to its HTML parser (most of the Markdown time of a page of wireframes: 1.6 s → 0.4 s for
the screens index); this preprocessor stores the block in the same stash, with the same text, so the HTML
is the same (byte for byte, but for one more line break after a block nested in a `markdown` div). A block
is set aside only when its `<div>` tags balance; anything else is left to Markdown. Raw HTML is never
interpreted either way: the stash holds it as the page wrote it. (One difference: raw HTML a page leaves
open just before a diagram no longer swallows the diagram; the diagram is shown, once, either way.)

The same goes for every raw HTML block of ours: a line that is exactly a `<div class="fz-…">` opening tag (data
attributes allowed, no `markdown` attribute), balanced `div`s, a closing `</div>` line (the Kanban board: two
HTML parses of 1,000 cards skipped).

The blocks `prerender.py` writes for the generated pages (tables, lists of links: HTML as Markdown would
have made it, between the lines `<!-- fz-html -->` and `<!-- /fz-html -->`) are stored the same way, without
the two comment lines. Without this extension (an engine that does not add it), those blocks are raw HTML to
Markdown, shown the same (the comments are kept, unseen).

MkDocs checks links to anchors against the ids it finds in a page's raw HTML, which no longer holds these
blocks: `BlockAnchors` hands it theirs (the same set as if Markdown had parsed them).

Runs in every engine that runs Markdown extensions (MkDocs, Zensical): the plugin adds it to the config.
"""

from __future__ import annotations

import html
import re

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

OPEN = '<div class="fz-diagram">'
# a block the generation step writes as raw HTML (a diagram, the Kanban board): a line opening a `div` of ours
_OPENING = re.compile(r'<div class="fz-[a-z-]+"(?: data-[a-z-]+)*>')
CLOSE = "</div>"
HTML_OPEN = "<!-- fz-html -->"  # `prerender.OPEN` / `CLOSE` (written by the generation step)
HTML_CLOSE = "<!-- /fz-html -->"
PRIORITY = 25  # after the snippets (32) and whitespace normalising (30), before the HTML block parser (20)
ANCHORS_PRIORITY = 20.5  # after MkDocs' scan of the raw HTML for ids (21), which no longer sees these blocks
# the ids MkDocs' scan collects: every tag's `id`, an `<a>`'s `name` (mkdocs.structure.pages._HTMLHandler)
_TAG = re.compile(r"""<([A-Za-z][^\s/>]*)((?:"[^"]*"|'[^']*'|[^'">])*)>""")
_ATTRIBUTE = re.compile(r"""(?<![\w:.-])(id|name)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)


def _end(lines: list[str], start: int) -> int | None:
    """Index of the `</div>` line closing the block opened at `start`, when the block's divs balance."""
    depth = 0
    for index in range(start, len(lines)):
        line = lines[index]
        depth += line.count("<div") - line.count("</div>")
        if line == CLOSE and depth == 0:
            return index
        if depth <= 0:
            return None
    return None


class DiagramBlocks(Preprocessor):
    def __init__(self, md: Markdown) -> None:
        super().__init__(md)
        self.anchors: set[str] = set()  # the ids in the blocks set aside (`BlockAnchors` reports them)

    def run(self, lines: list[str]) -> list[str]:
        self.anchors = set()
        if HTML_OPEN not in lines and not any(line.startswith('<div class="fz-') for line in lines):
            return lines
        out: list[str] = []
        index = 0
        while index < len(lines):
            line = lines[index]
            raw = line.startswith('<div class="fz-') and _OPENING.fullmatch(line) is not None
            end = _end(lines, index) if raw else _html_end(lines, index) if line == HTML_OPEN else None
            if end is None:
                out.append(line)
                index += 1
                continue
            # raw HTML as the HTML block parser stores it; a pre-rendered block as Markdown writes its own
            # elements (no line break after it)
            whole = "\n".join(lines[index : end + 1]) + "\n"
            block = whole if raw else "\n".join(lines[index + 1 : end])
            self.anchors |= _anchors(block)
            out += ["", self.md.htmlStash.store(block), ""]
            index = end + 1
        return out


class BlockAnchors(Preprocessor):
    """Adds the ids of the blocks set aside to those MkDocs found in the page's raw HTML (it checks links to
    anchors against them): the same set as when Markdown parses the blocks. Nothing outside MkDocs."""

    def __init__(self, md: Markdown, blocks: DiagramBlocks) -> None:
        super().__init__(md)
        self.blocks = blocks

    def run(self, lines: list[str]) -> list[str]:
        if self.blocks.anchors and "mkdocs_raw_html" in self.md.preprocessors:
            found = getattr(self.md.preprocessors["mkdocs_raw_html"], "present_anchor_ids", None)
            if isinstance(found, set):
                found |= self.blocks.anchors
        return lines


def _anchors(block: str) -> set[str]:
    if "id=" not in block and "name=" not in block:
        return set()
    out: set[str] = set()
    for tag in _TAG.finditer(block):
        attributes = tag.group(2)
        if "id" not in attributes and "name" not in attributes:
            continue
        for found in _ATTRIBUTE.finditer(attributes):
            if found.group(1).lower() == "id" or tag.group(1).lower() == "a":
                out.add(html.unescape(found.group(2) if found.group(2) is not None else found.group(3)))
    return out


def _html_end(lines: list[str], start: int) -> int | None:
    """Index of the line closing the pre-rendered block opened at `start` (None: not closed)."""
    for index in range(start + 1, len(lines)):
        if lines[index] == HTML_CLOSE:
            return index
        if lines[index] == HTML_OPEN:
            return None
    return None


class DiagramBlocksExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        blocks = DiagramBlocks(md)
        md.preprocessors.register(blocks, "fanzone_diagram_blocks", PRIORITY)
        md.preprocessors.register(BlockAnchors(md, blocks), "fanzone_block_anchors", ANCHORS_PRIORITY)


def makeExtension(**kwargs: object) -> DiagramBlocksExtension:
    return DiagramBlocksExtension(**kwargs)
