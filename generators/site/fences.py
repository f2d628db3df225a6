"""Find the PlantUML diagrams of a Markdown page the way plantuml-markdown will, to render them all in one batch."""

from __future__ import annotations

from plantuml_markdown.plantuml_markdown import PlantUMLPreprocessor

from .plantuml import Diagram
from .plantuml_ext import possible, requested_format

FENCE_RE = PlantUMLPreprocessor.FENCED_BLOCK_RE
BLOCK_RE = PlantUMLPreprocessor.BLOCK_RE
CODE_RE = PlantUMLPreprocessor.FENCED_CODE_RE  # ````-fenced code: examples, not diagrams


def diagrams_in(markdown: str, default_format: str, origin: str, *, located: bool = True) -> list[Diagram]:
    """Diagrams in reading order; blocks with an external `source=` are left to render on their own.

    With `located`, each diagram knows the line of the page where its text starts (for error messages).
    """
    found: list[Diagram] = []
    index = 0
    while index < len(markdown):
        rest = markdown[index:]
        fence, block, code = possible(rest)  # skip the scans that cannot match (slow on a long page)
        if not fence and not block:
            break
        code_block = CODE_RE.search(rest) if code else None
        if code_block and FENCE_RE.search(rest[: code_block.start()]) is None:
            index += code_block.end() + 1
            continue
        match = (FENCE_RE.search(rest) if fence else None) or (BLOCK_RE.search(rest) if block else None)
        if match is None:
            break
        if not match.group("source"):
            fmt = requested_format(match.group("format") or default_format)
            first = markdown.count("\n", 0, index + match.start("code")) + 1 if located else 0
            found.append(Diagram(match.group("code"), fmt, origin, first))
        index += max(match.end(), 1)
    return found
