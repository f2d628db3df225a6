"""Spreadsheet cells and sheet names (openpyxl): user text is stored as text, never as a formula, and never fails.

Every `.xlsx` the toolkit writes (exports, reports, the site's downloads) puts text in cells through `text_cell`
(or `row`, which applies it to a whole row), and names sheets with `sheet_name`:

- openpyxl stores any string that starts with `=` as a formula; a cell here is always of type string (`s`),
  so `=HYPERLINK(…)` or a DDE payload `=cmd|' /C calc'!A0` is shown, not run. A text that a spreadsheet would
  read as a formula when the cell is edited (`=`, `+`, `-`, `@`, tab, CR first) also gets the cell's "quote
  prefix" flag, Excel's own way of saying "this is text" (no character is added to the value).
- Characters that XML 1.0 (hence openpyxl) refuses are removed instead of raising `IllegalCharacterError`:
  C0 controls but tab, line feed and carriage return; C1 controls and DEL; U+FFFE/U+FFFF. A lone surrogate
  (possible in JSON from Jira) becomes U+FFFD.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from openpyxl.cell import WriteOnlyCell

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")

MAX_SHEET_NAME = 31
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
RESERVED_SHEET_NAMES = {"history"}  # Excel keeps it for change tracking


def cell_text(text: str) -> str:
    """The text as a cell can hold it: characters XML cannot carry removed, lone surrogates replaced."""
    return _SURROGATE.sub("\ufffd", _UNWRITABLE.sub("", text))


def text_cell(ws: Any, text: str, **style: Any) -> WriteOnlyCell:
    """A write-only cell showing `text` literally (styles as keyword arguments, set before the text)."""
    out = WriteOnlyCell(ws)
    for name, item in style.items():
        setattr(out, name, item)
    return set_text(out, text)


def set_text(cell: Any, text: str) -> Any:
    """Put `text` in an existing cell (normal or write-only) as a literal string; returns the cell."""
    value = cell_text(text)
    cell.value = value
    cell.data_type = "s"  # openpyxl made it a formula ("f") if it starts with "="
    if value.startswith(FORMULA_PREFIXES):
        cell.quotePrefix = True
    return cell


def row(ws: Any, values: Iterable[Any]) -> list[Any]:
    """A row for `ws.append`: every string becomes a text cell, and a cell someone made a formula becomes text."""
    out: list[Any] = []
    for value in values:
        if isinstance(value, str):
            value = text_cell(ws, value)
        elif getattr(value, "data_type", None) == "f" and isinstance(value.value, str):
            set_text(value, value.value)
        out.append(value)
    return out


def sheet_name(text: str, used: set[str], fallback: str = "Feuille") -> str:
    """A sheet name Excel accepts, unique in `used` (case-insensitive, updated), read from `text`.

    At most 31 characters, none of `[]:*?/\\`, no control character, no apostrophe at either end, not blank,
    not `History`; a number in brackets tells apart names that end up equal.
    """
    name = " ".join(_SHEET_FORBIDDEN.sub(" ", cell_text(text)).split())
    name = name[:MAX_SHEET_NAME].strip(" '")
    if not name or name.casefold() in RESERVED_SHEET_NAMES:
        name = f"{fallback} {name}".strip(" '")[:MAX_SHEET_NAME].strip(" '")
    candidate, number = name, 2
    while candidate.casefold() in used:
        suffix = f" ({number})"
        candidate = name[: MAX_SHEET_NAME - len(suffix)].rstrip(" '") + suffix
        number += 1
    used.add(candidate.casefold())
    return candidate
