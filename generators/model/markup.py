"""Neutralise text from YAML before it reaches Markdown, HTML or PlantUML (pure string functions)."""

from __future__ import annotations

import html
import re

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~^=$&])")


def md_escape(text: str) -> str:
    """Text safe inside Markdown prose: HTML-escaped, Markdown punctuation backslash-escaped, one line."""
    text = " ".join(str(text).split())
    escaped = html.escape(text, quote=True)
    # html.escape produced entities (&lt; ...): escape the other Markdown punctuation, but keep entities intact
    parts = re.split(r"(&[a-z]+;|&#x?[0-9a-f]+;)", escaped)
    return "".join(
        part if part.startswith("&") and part.endswith(";") else _MD_SPECIAL.sub(r"\\\1", part) for part in parts
    )


def md_cell(text: str) -> str:
    """Text safe inside a Markdown table cell (pipes escaped too)."""
    return md_escape(text).replace("|", "&#124;")


def html_text(text: str) -> str:
    return html.escape(str(text), quote=True)


_CREOLE_PAIRS = ("**", "//", "__", "--", "~~", '""', "==", "^^")
_PLANTUML_CHARS = {
    "\\": "/",
    '"': "'",
    "<": "‹",
    ">": "›",
    "[": "(",
    "]": ")",
    "{": "(",
    "}": ")",
    "|": "/",
    "@": "＠",
    "#": "♯",
    "\t": " ",
}


def plantuml_text(text: str) -> str:
    """Text safe inside a PlantUML label: one line, no Creole markup, no Salt or diagram-control characters."""
    text = " ".join(str(text).split())
    for char, repl in _PLANTUML_CHARS.items():
        text = text.replace(char, repl)
    for pair in _CREOLE_PAIRS:
        while pair in text:
            text = text.replace(pair, pair[0] + "\u200b" + pair[1])
    return text
