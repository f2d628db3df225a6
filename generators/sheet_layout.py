"""Page layout of the workbooks (reports and exports): print settings, row heights, styled cells. Pure openpyxl
helpers shared by two generators, so they sit below both (a cell's text is written by `escape.sheet`)."""

from __future__ import annotations

import datetime as dt
from copy import copy
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.worksheet.worksheet import Worksheet

from .escape.sheet import set_text

LINE_HEIGHT = 15.0  # points per line of 11-point text
HEADER_HEIGHT = 30.0  # two lines: headers wrap instead of being cut
DATE_FORMAT = "dd/mm/yyyy"


def styled_cell(ws: Any, value: Any = None, **style: Any) -> WriteOnlyCell:
    """A write-only cell with styles (font, fill, alignment, border, number_format); a date shown as a date.

    Setting a style through openpyxl's descriptors hashes the style objects on every cell, which dominates
    the time of big sheets; the style array of each combination is computed once per workbook and copied.
    Pass shared style objects (module constants), not new ones for every cell. Text is set last, through
    `escape.sheet.set_text` (a literal string, never a formula).
    """
    out = WriteOnlyCell(ws, value=None if isinstance(value, str) else value)
    if isinstance(value, dt.date) and "number_format" not in style:
        style["number_format"] = DATE_FORMAT
    items = tuple((name, item) for name, item in style.items() if item is not None)
    if items:
        _style(ws, out, items)
    return set_text(out, value) if isinstance(value, str) else out


def _style(ws: Any, out: WriteOnlyCell, items: tuple[tuple[str, Any], ...]) -> None:
    cache = ws.parent.__dict__.setdefault("_fanzone_styles", {})
    key = tuple((name, item if isinstance(item, str) else id(item)) for name, item in items)
    template = cache.get(key)
    if template is None:
        for name, item in items:
            setattr(out, name, item)
        cache[key] = (copy(out._style), [item for _, item in items])  # keep the objects alive with their ids
        return
    out._style = copy(template[0])


def print_setup(ws: Any, *, title_rows: str | None = "1:1", wide: bool = False) -> None:
    """Landscape, fit to the page width (as many pages down as needed), header rows repeated on every page;
    `wide` sheets (a timeline) go on A3."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A3 if wide else Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = False
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    if title_rows:
        ws.print_title_rows = title_rows


def lines_needed(values: list[Any], column_widths: list[float]) -> int:
    """Lines a row needs so that wrapped text is not cut: the most any cell needs (explicit line breaks, then
    about one line per column width of characters)."""
    most = 1
    for value, width in zip(values, column_widths, strict=False):
        text = value if isinstance(value, str) else getattr(value, "value", None)
        if not isinstance(text, str) or not text:
            continue
        per_line = max(int(width * 1.1), 1)
        count = sum(max(1, -(-len(part) // per_line)) for part in text.split("\n"))
        most = max(most, count)
    return most


def fit_row(ws: Any, number: int, values: list[Any], column_widths: list[float]) -> None:
    """Row height for the text it holds (LibreOffice and Excel do not grow rows written by openpyxl)."""
    lines = lines_needed(values, column_widths)
    if lines > 1:
        ws.row_dimensions[number].height = min(409.0, LINE_HEIGHT * lines)
