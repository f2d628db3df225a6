"""Markdown extension: the diagram blocks the generation step wrote are set aside whole, not parsed tag by tag.

The generation step writes each diagram as a raw HTML block of its own (`inline_svg.py`): a line
`<div class="fz-diagram">`, the SVG, a line `</div>`. Python-Markdown would find the block's end by feeding
every tag of the SVG to its HTML parser (most of the Markdown time of a page of wireframes: 1.6 s → 0.4 s for
the screens index); this preprocessor stores the block in the same stash, with the same text, so the HTML
is the same (byte for byte, but for one more line break after a block nested in a `markdown` div). A block
is set aside only when its `<div>` tags balance; anything else is left to Markdown. Raw HTML is never
interpreted either way: the stash holds it as the page wrote it. (One difference: raw HTML a page leaves
open just before a diagram no longer swallows the diagram; the diagram is shown, once, either way.)

The blocks `prerender.py` writes for the big generated pages (tables, lists of links: HTML as Markdown would
have made it, between the lines `<!-- fz-html -->` and `<!-- /fz-html -->`) are stored the same way, without
the two comment lines. Without this extension (an engine that does not add it), those blocks are raw HTML to
Markdown, shown the same (the comments are kept, unseen).

Runs in every engine that runs Markdown extensions (MkDocs, Zensical): the plugin adds it to the config.
"""

from __future__ import annotations

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

OPEN = '<div class="fz-diagram">'
CLOSE = "</div>"
HTML_OPEN = "<!-- fz-html -->"  # `prerender.OPEN` / `CLOSE` (written by the generation step)
HTML_CLOSE = "<!-- /fz-html -->"
PRIORITY = 25  # after the snippets (32) and whitespace normalising (30), before the HTML block parser (20)


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
    def run(self, lines: list[str]) -> list[str]:
        if OPEN not in lines and HTML_OPEN not in lines:
            return lines
        out: list[str] = []
        index = 0
        while index < len(lines):
            line = lines[index]
            end = _end(lines, index) if line == OPEN else _html_end(lines, index) if line == HTML_OPEN else None
            if end is None:
                out.append(line)
                index += 1
                continue
            # a diagram as the HTML block parser stores it; a pre-rendered block as Markdown writes its own
            # elements (no line break after it)
            whole = "\n".join(lines[index : end + 1]) + "\n"
            block = whole if line == OPEN else "\n".join(lines[index + 1 : end])
            out += ["", self.md.htmlStash.store(block), ""]
            index = end + 1
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
        md.preprocessors.register(DiagramBlocks(md), "fanzone_diagram_blocks", PRIORITY)


def makeExtension(**kwargs: object) -> DiagramBlocksExtension:
    return DiagramBlocksExtension(**kwargs)
