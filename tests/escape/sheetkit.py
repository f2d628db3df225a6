"""Helpers of the spreadsheet tests: every workbook of a backlog, as bytes, and the text of every cell."""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import load_workbook

from generators.exports.workbook import backlog_workbook_bytes
from generators.model import Backlog
from generators.plan import schedule
from generators.reports.gantt_xlsx import gantt_workbook
from generators.reports.kanban import build_board
from generators.reports.kanban_xlsx import kanban_workbook
from generators.reports.xlsx_kit import to_bytes

HOSTILE = ['=HYPERLINK("http://x","y")', "@SUM(1)", "+1", "-1", "\t=1", "=cmd|' /C calc'!A0"]


def workbooks(backlog: Backlog, today) -> dict[str, bytes]:  # type: ignore[no-untyped-def]
    """The backlog export and the report workbooks (what `fanzone export xlsx`, `report … -f xlsx` and the
    site's downloads write)."""
    plan = schedule(backlog, today)
    return {
        "backlog": backlog_workbook_bytes(backlog, today),
        "gantt": to_bytes(gantt_workbook(backlog, plan)),
        "kanban": to_bytes(kanban_workbook(build_board(backlog, plan))),
    }


def cells(data: bytes) -> list[tuple[str, str, object, str]]:
    """(sheet, coordinate, value, data_type) of every non-empty cell, read back with openpyxl."""
    wb = load_workbook(io.BytesIO(data))
    return [
        (ws.title, c.coordinate, c.value, c.data_type)
        for ws in wb.worksheets
        for line in ws.iter_rows()
        for c in line
        if c.value is not None
    ]


def write_all(folder: Path, books: dict[str, bytes]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, data in books.items():
        path = folder / f"{name}.xlsx"
        path.write_bytes(data)
        paths.append(path)
    return paths
