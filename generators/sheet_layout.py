"""Page layout of the workbooks (reports and exports): print settings and row heights. Pure openpyxl helpers
shared by two generators, so they sit below both (cells themselves are written by `escape.sheet`)."""

from __future__ import annotations

from typing import Any

from openpyxl.worksheet.worksheet import Worksheet

LINE_HEIGHT = 15.0  # points per line of 11-point text
HEADER_HEIGHT = 30.0  # two lines: headers wrap instead of being cut


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
