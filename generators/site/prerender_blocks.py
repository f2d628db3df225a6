"""Which blocks of a generated page are written as HTML (`prerender.py` writes their inline content), and how.

A page is read block by block (lines between blank lines), at its top level only: never inside a fence, raw
HTML left open, an indented block (admonition, list continuation) or a heading. A block is converted when it is
exactly one of the forms the generation step's templates write, and Python-Markdown would make of it:

- a pipe table (its header line may follow a heading line directly: `## …` then `| a | b |`);
- a one-line paragraph opening with a link, `**bold**`, `*italics*` or a raw `<span>` (a line opening with
  anything else, user text for one, could be block syntax: `!!! note`);
- a one-line quotation (`> …`), a list whose items are one line each (`1. …` numbered from 1, or `- …`).

Each becomes a `<!-- fz-html -->` … `<!-- /fz-html -->` block; anything else is left as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from typing import Any

from .idlinks import IdIndex
from .prerender import CLOSE, OPEN, InlineHtml, Settings, Unsupported

_DELIMITER = re.compile(r"^\|(?: *:?-+:? *\|)+$")
_ORDERED = re.compile(r"^([0-9]+)\. +(.*)$")
_BULLET = re.compile(r"^- +(.*)$")
_LIST_START = re.compile(r"^(?:[-+*]|[0-9]+\.)(?: |\t|$)")
_PARAGRAPH_START = ("[", "*", '<span class="')
# an item's text that Markdown would read as a block of its own (a nested list, a quotation, a heading...)
_NESTED = re.compile(r"^(?:[-+*](?:\s|$)|[0-9]+[.)](?:\s|$)|[>#:\s]|!!!|\?\?\?)")


def _cells(row: str) -> list[str]:
    row = row.strip(" ")
    if not (row.startswith("|") and row.endswith("|")):
        raise Unsupported(row)
    return [cell.strip(" ") for cell in row[1:-1].split("|")]


def _table(lines: list[str], page: InlineHtml) -> str:
    if len(lines) < 3 or _DELIMITER.match(lines[1].strip(" ")) is None:
        raise Unsupported(lines[0])
    header, delimiter, rows = _cells(lines[0]), _cells(lines[1]), [_cells(line) for line in lines[2:]]
    align = []
    for cell in delimiter:
        left, right = cell.startswith(":"), cell.endswith(":")
        align.append("center" if left and right else "left" if left else "right" if right else None)
    if len(header) < 2 or len(align) != len(header) or any(len(row) != len(header) for row in rows):
        raise Unsupported(lines[0])
    out = ["<table>", "<thead>"]
    for tag, group in (("th", [header]), ("td", rows)):
        if tag == "td":
            out += ["</thead>", "<tbody>"]
        for row in group:
            page.first_cell(row[0])
            out.append("<tr>")
            for cell, side in zip(row, align, strict=True):
                attr = ""
                if side:
                    attr = f' align="{side}"' if page.settings.align_attribute else f' style="text-align: {side};"'
                out.append(f"<{tag}{attr}>{page.inline(cell)}</{tag}>")
            out.append("</tr>")
    out += ["</tbody>", "</table>"]
    return "\n".join(out)


def _item(text: str, page: InlineHtml) -> str:
    if not text.strip() or _NESTED.match(text):
        raise Unsupported(text)
    return f"<li>{page.inline(text.rstrip())}</li>"


def _list(lines: list[str], page: InlineHtml) -> str:
    ordered = [_ORDERED.match(line) for line in lines]
    if all(ordered):
        numbers = [int(match.group(1)) for match in ordered if match]
        if numbers != list(range(1, len(lines) + 1)):
            raise Unsupported(lines[0])
        items = [_item(match.group(2), page) for match in ordered if match]
        return "\n".join(["<ol>", *items, "</ol>"])
    bullets = [_BULLET.match(line) for line in lines]
    if not all(bullets):
        raise Unsupported(lines[0])
    return "\n".join(["<ul>", *[_item(match.group(1), page) for match in bullets if match], "</ul>"])


def _paragraph(line: str, page: InlineHtml) -> str:
    if line != line.rstrip() or not line.startswith(_PARAGRAPH_START):
        raise Unsupported(line)
    return f"<p>{page.inline(line)}</p>"


def _quotation(line: str, page: InlineHtml) -> str:
    text = line[2:]
    if not text.strip() or text != text.strip() or _NESTED.match(text):
        raise Unsupported(line)
    return f"<blockquote>\n<p>{page.inline(text)}</p>\n</blockquote>"


def _html(block: list[str], page: InlineHtml) -> str | None:
    """The block's HTML, or None when it is not one of the forms above."""
    first = block[0]
    make: Callable[..., str]
    if first.startswith("|"):
        make, args = _table, (block,)
    elif first.startswith(("1. ", "- ")):
        make, args = _list, (block,)
    elif len(block) == 1 and first.startswith("> "):
        make, args = _quotation, (first,)
    elif len(block) == 1:
        make, args = _paragraph, (first,)
    else:
        return None
    return _attempt(make, *args, page)


def _attempt(make: Callable[..., str], *args: Any) -> str | None:
    try:
        return make(*args)
    except Unsupported:
        return None


def _blocks(lines: list[str]) -> list[tuple[int, int]]:
    """(start, end) of each run of non-blank lines."""
    out, start = [], None
    for number, line in enumerate([*lines, ""]):
        if line.strip() and start is None:
            start = number
        elif not line.strip() and start is not None:
            out.append((start, number))
            start = None
    return out


def _joins(block: list[str], before: str, after: str) -> bool:
    """Whether Markdown would join the block to a neighbour (its first line given): a list continued by an
    indented block or followed or preceded by another list (one loose list), a quotation next to another, a
    paragraph followed by a definition (`: …`, the paragraph its term)."""
    if after.startswith(":"):
        return True
    if block[0].startswith(("1. ", "- ")):
        return bool(_LIST_START.match(before) or _LIST_START.match(after) or after.startswith((" ", "\t")))
    if block[0].startswith("> "):
        return before.startswith(">") or after.startswith(">")
    return False


def convert(markdown: str, page: str, settings: Settings, index: IdIndex, pages: Collection[str]) -> str:
    """The page with the blocks of the forms above written as HTML blocks; any other block stays as it is.
    `pages`: the site's pages (relative to the docs folder), the only link targets MkDocs rewrites."""
    lines = markdown.split("\n")
    html = InlineHtml(page, settings, index, pages)
    out: list[str] = []
    done = 0
    fence = False
    depth = 0  # raw HTML divs left open by the blocks kept as Markdown
    spans = _blocks(lines)
    firsts = ["", *(lines[start] for start, _end in spans), ""]
    for number, (start, end) in enumerate(spans):
        block = lines[start:end]
        kept = True
        free = not fence and depth == 0 and not _joins(block, firsts[number], firsts[number + 2])
        if free and not block[0].startswith((" ", "\t")):
            heading = block[0].startswith("#") and len(block) > 1
            body = block[1:] if heading else block
            made = _html(body, html) if body[0].startswith("|") or not heading else None
            if made is not None:
                gap = lines[done:start]
                if not heading and out and out[-1] == CLOSE and not any(line.strip() for line in gap):
                    out[-1:] = [made, CLOSE]  # one block with the previous one (Markdown puts a line break between)
                else:
                    out += gap + ([block[0], ""] if heading else []) + [OPEN, made, CLOSE]
                kept = False
        if kept:
            out += lines[done:end]
            for line in block:
                if line.lstrip().startswith(("```", "~~~")):
                    fence = not fence
                elif not fence:
                    depth = max(0, depth + line.count("<div") - line.count("</div>"))
        done = end
    return "\n".join(out + lines[done:])
