"""Markdown: user text inside generated Markdown pages, shown exactly as written, never interpreted.

Characters that mean something to Python-Markdown or to one of the site's extensions (emphasis, code,
links and images, attribute lists, tables, footnotes, abbreviations, raw HTML, entities, Jinja-like braces)
become numeric character references: unlike backslash escapes, they read the same in Markdown prose, in
table cells, in raw HTML blocks and in attribute values, so nothing shows a stray `\\` (`P\\-fan`).
Characters that only matter at the start of a line (`-`, `+`, `1.` for lists, `:` for definitions) are
escaped only there. The text is made one line: a value never opens a new block.
"""

from __future__ import annotations

import re

_ALWAYS = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    '"': "&quot;",
    "'": "&#39;",
    "\\": "&#92;",
    "`": "&#96;",
    "*": "&#42;",
    "_": "&#95;",
    "[": "&#91;",
    "]": "&#93;",
    "{": "&#123;",
    "}": "&#125;",
    "|": "&#124;",
    "#": "&#35;",
    "~": "&#126;",
    "^": "&#94;",
    "=": "&#61;",
    "$": "&#36;",
}
_TABLE = str.maketrans(_ALWAYS)
_LEADING = re.compile(r"^(?:[-+:]|[0-9]+(?=[.)]))")


def md_text(text: object) -> str:
    """Text shown as itself inside Markdown prose, a heading, a list item or a table cell (one line)."""
    value = " ".join(str(text).split()).translate(_TABLE)
    match = _LEADING.match(value)
    if match:  # a list marker, an ordered-list number or a definition at the start of a line
        head = match.group(0)
        value = "".join(f"&#{ord(char)};" for char in head[:1]) + head[1:] + value[len(head) :]
    return value


def md_cell(text: object) -> str:
    """Text shown as itself inside a Markdown table cell (pipes are escaped by `md_text` already)."""
    return md_text(text)
