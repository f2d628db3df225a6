"""Small helpers shared by the report workbooks (openpyxl, write-only mode for speed)."""

from __future__ import annotations

import datetime as dt
import warnings
from functools import lru_cache
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo

from ..escape.sheet import row
from ..sheet_layout import DATE_FORMAT, HEADER_HEIGHT, LINE_HEIGHT, fit_row, lines_needed, print_setup
from ..sheet_layout import styled_cell as cell

__all__ = ["DATE_FORMAT", "HEADER_HEIGHT", "LINE_HEIGHT", "cell", "fit_row", "lines_needed", "print_setup"]
from ..load.atomic import atomic_write

BOLD = Font(bold=True)
WHITE_BOLD = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F3864")
WRAP = Alignment(wrap_text=True, vertical="top")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
THIN = Side(style="thin", color="BFBFBF")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


@lru_cache(maxsize=256)
def fill(color: str) -> PatternFill:
    """A solid fill; the same object for the same colour (the style cache below keys on identity)."""
    return PatternFill("solid", fgColor=color)


def append(ws: Any, values: list[Any]) -> None:
    """`ws.append` with every string a literal text cell (`escape.sheet.row`): the only way rows are written."""
    ws.append(row(ws, values))


def header_row(ws: Any, titles: list[str]) -> list[WriteOnlyCell]:
    return [cell(ws, title, font=WHITE_BOLD, fill=HEADER_FILL, alignment=CENTER) for title in titles]


def widths(ws: Any, values: list[float]) -> None:
    for index, width in enumerate(values, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width


def data_sheet(
    wb: Workbook,
    title: str,
    table_name: str,
    headers: list[str],
    rows: list[list[Any]],
    column_widths: list[float] | None = None,
    wrap: set[int] | None = None,
) -> None:
    """A plain sheet of rows under a header, as an Excel table (filters, banded rows), header frozen and
    repeated when printed; columns in `wrap` (0-based) wrap their text and the rows grow to fit it."""
    ws = wb.create_sheet(title)
    sizes = column_widths or [max(10.0, min(50.0, len(h) + 4.0)) for h in headers]
    widths(ws, sizes)
    ws.freeze_panes = "A2"
    print_setup(ws)
    ws.row_dimensions[1].height = HEADER_HEIGHT
    append(ws, header_row(ws, headers))
    for number, values in enumerate(rows, start=2):
        out = [
            cell(ws, v, alignment=WRAP)
            if wrap and i in wrap and isinstance(v, str)
            else (cell(ws, v) if isinstance(v, dt.date) else v)
            for i, v in enumerate(values)
        ]
        if wrap:
            fit_row(ws, number, [v if i in wrap else None for i, v in enumerate(values)], sizes)
        append(ws, out)
    if rows:
        ref = f"A1:{get_column_letter(len(headers))}{len(rows) + 1}"
        table = Table(displayName=table_name, ref=ref, autoFilter=AutoFilter(ref=ref))
        table.tableColumns = [TableColumn(id=i, name=h) for i, h in enumerate(headers, start=1)]
        table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
        with warnings.catch_warnings():  # write-only mode warns even when the columns are given
            warnings.simplefilter("ignore", UserWarning)
            ws.add_table(table)


def save(wb: Workbook, path: Path) -> Path:
    """Save atomically (a temporary file next to the target, then rename)."""
    return atomic_write(path, to_bytes(wb))


def to_bytes(wb: Workbook) -> bytes:
    import io

    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
