"""Word-level differences of two texts (difflib over words, whitespace kept with the word before it)."""

from __future__ import annotations

import html
import re
from difflib import SequenceMatcher

_WORDS = re.compile(r"\S+\s*|\s+")


def word_ops(old: str, new: str) -> list[tuple[str, str]]:
    """[(op, text)] with op in "=", "-", "+": the new text reads from "=" and "+", the old from "=" and "-"."""
    a, b = _WORDS.findall(old), _WORDS.findall(new)
    ops: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            ops.append(("=", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            ops.append(("-", "".join(a[i1:i2])))
        if j2 > j1:
            ops.append(("+", "".join(b[j1:j2])))
    return ops


def html_words(old: str, new: str) -> str:
    """The change as HTML: removed words in <del>, added ones in <ins>, every piece of text escaped."""
    parts = []
    for op, text in word_ops(old, new):
        escaped = html.escape(text)
        parts.append(
            escaped if op == "=" else f"<{'del' if op == '-' else 'ins'}>{escaped}</{'del' if op == '-' else 'ins'}>"
        )
    return "".join(parts)
