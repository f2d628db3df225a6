"""Terminal reports fit the terminal they are printed in. The Gantt: no line wider than the terminal, ids, dates and
percentages whole, every week of the plan still drawn (several weeks per column when narrow)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from rich.console import Console

from generators.context import ProjectContext
from generators.reports.gantt_term import gantt_renderable

REPO = Path(__file__).resolve().parents[2]
DATE = re.compile(r"\b\d\d/\d\d/\d{4}\b")


@pytest.fixture(scope="module")
def shipped() -> ProjectContext:
    backlog = ProjectContext.load(REPO).backlog
    assert backlog is not None
    return ProjectContext(REPO, backlog, baseline=None)


def _print(ctx: ProjectContext, width: int) -> list[str]:
    console = Console(file=io.StringIO(), width=width, color_system=None)
    console.print(gantt_renderable(ctx.backlog, ctx.schedule))
    return console.file.getvalue().splitlines()  # type: ignore[attr-defined]


def _table_rows(lines: list[str]) -> dict[str, list[str]]:
    """The Gantt's body rows by id: the cells between the vertical bars (the timeline may hold more: today)."""
    rows = {}
    for line in lines:
        if line.startswith("│"):
            cells = [cell.strip() for cell in line.strip("│").split("│")]
            rows.setdefault(cells[0], cells)
    return rows


@pytest.mark.parametrize("width", [80, 100, 120, 170])
def test_the_gantt_fits_the_terminal_and_cuts_no_id_date_or_percentage(shipped: ProjectContext, width: int) -> None:
    lines = _print(shipped, width)
    table = [line for line in lines if line[:1] in "┏┃┡│└"]
    assert table and max(len(line) for line in table) <= width, max(table, key=len)
    rows = _table_rows(lines)
    for phase in shipped.backlog.project.phases:
        assert phase.id in rows, f"{width} columns: {phase.id} cut"
    for epic in shipped.backlog.epics:
        cells = rows[epic.id]
        assert len(DATE.findall(" ".join(cells[2:4]))) == 2, f"{width} columns: {epic.id} dates cut: {cells}"
        assert cells[4].isdigit(), f"{width} columns: {epic.id} percentage cut: {cells}"
    forecasts = [m for m in shipped.schedule.milestones.values() if m.forecast is not None]
    drawn = [cells for key, cells in rows.items() if key.startswith("M")]
    shown = sum("".join(cells[5:]).count("◆") for cells in drawn)
    assert shown >= len(forecasts), f"{width} columns: a milestone is off the timeline"


def test_a_narrow_terminal_puts_several_weeks_in_a_column(shipped: ProjectContext) -> None:
    wide, narrow = "\n".join(_print(shipped, 170)), "\n".join(_print(shipped, 100))
    assert "1 col. = 1 semaine" in wide
    assert re.search(r"1 col\. = [2-9] semaines", narrow), narrow[:2000]


@pytest.mark.parametrize("width", [80, 100])
def test_the_kanban_keeps_every_column_in_a_narrow_terminal(shipped: ProjectContext, width: int) -> None:
    from generators.reports.kanban import build_board
    from generators.reports.kanban_views import board_renderable

    board = build_board(shipped.backlog, shipped.schedule)
    console = Console(file=io.StringIO(), width=width, color_system=None)
    console.print(board_renderable(board))
    lines = console.file.getvalue().splitlines()  # type: ignore[attr-defined]
    assert max(len(line) for line in lines) <= width
    top = next(line for line in lines if line.startswith("┏"))
    assert top.endswith("┓") and top.count("┳") == len(board.columns), top  # no column cut at the edge
    cards = " ".join(lines)
    assert all(story.id in cards for story in shipped.backlog.stories[:20])
