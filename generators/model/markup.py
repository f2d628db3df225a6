"""Neutralise text from YAML before it reaches Markdown, HTML or PlantUML (pure string functions)."""

from __future__ import annotations

import html
import re

# Characters Python-Markdown lets a backslash escape; the other Markdown-significant ones (for extensions
# such as tables, tilde, caret, mark, arithmatex) become numeric entities, which every context shows as-is.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!])")
_MD_ENTITIES = {"|": "&#124;", "~": "&#126;", "^": "&#94;", "=": "&#61;", "$": "&#36;"}
_MD_ENTITY_CHARS = re.compile("[" + re.escape("".join(_MD_ENTITIES)) + "]")


def md_escape(text: str) -> str:
    """Text safe inside Markdown prose: HTML-escaped, Markdown punctuation neutralised, one line."""
    text = " ".join(str(text).split())
    escaped = html.escape(text, quote=True)
    # html.escape produced entities (&lt; ...): escape the other Markdown punctuation, but keep entities intact
    parts = re.split(r"(&[a-z]+;|&#x?[0-9a-f]+;)", escaped)
    out = "".join(
        part
        if part.startswith("&") and part.endswith(";")
        else _MD_ENTITY_CHARS.sub(lambda m: _MD_ENTITIES[m.group(0)], _MD_SPECIAL.sub(r"\\\1", part))
        for part in parts
    )
    return "&#58;" + out[1:] if out.startswith(":") else out  # a leading colon would start a definition


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


_SALT_LEADING = frozenset("!'%$^.=-~*+([{<>/\\&|\"#@:;,?")


def salt_text(text: str) -> str:
    """Text safe inside a PlantUML Salt cell: `plantuml_text`, plus no preprocessor call (`%date()`), no
    backtick fence, and a zero-width space in front when the first character would mean a widget
    (`(X)` radio, `^list^`, `..` separator) or a directive/comment at the start of a line (`!`, `'`)."""
    text = plantuml_text(text).replace("`", "ˋ").replace("%", "%\u200b").replace("~", "∼")
    text = text.replace("＠", "@\u200b")  # a plain @ (fonts lack the full-width one); "@\u200benduml" is inert
    if text[:1] in _SALT_LEADING:
        text = "\u200b" + text
    return text
