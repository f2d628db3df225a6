"""Gantt workbook: a week-by-week timeline with coloured bars, then data, sprints and milestone sheets."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.properties import Outline

from ..model import Backlog
from ..plan import Schedule
from .filters import StoryFilter
from .gantt_rows import KIND_LABELS, GanttRow, gantt_rows, span, week_starts
from .xlsx_kit import (
    BOLD,
    CENTER,
    HEADER_FILL,
    WHITE_BOLD,
    WRAP,
    append,
    cell,
    data_sheet,
    fill,
    header_row,
    save,
    widths,
)

# (bar, done part) colours per kind; critical items in orange/red
COLOURS = {
    "phase": ("9DC3E6", "2E75B6"),
    "epic": ("A9D08E", "548235"),
    "story": ("C6E0B4", "70AD47"),
    "critical": ("F8CBAD", "C55A11"),
}
MILESTONE_FILL = fill("FFC000")
SLIP_FILL = fill("FF5050")
TODAY_FILL = fill("FF0000")
KIND_FONT = {"phase": Font(bold=True, color="1F4E79"), "epic": BOLD, "milestone": Font(bold=True, color="7F6000")}
FIXED = ["ID", "Nom", "Début", "Fin", "%"]


def _week_index(weeks: list[dt.date], day: dt.date) -> int:
    return (day - weeks[0]).days // 7


def _timeline(wb: Workbook, rows: list[GanttRow], plan: Schedule) -> None:
    ws = wb.create_sheet("Gantt")
    bounds = span(rows, plan.today)
    weeks = week_starts(*bounds) if bounds else []
    widths(ws, [12, 45, 11, 11, 6] + [4.5] * len(weeks))
    ws.freeze_panes = "F3"
    ws.sheet_properties.outlinePr = Outline(summaryBelow=False, summaryRight=False)
    today_week = _week_index(weeks, plan.today) if weeks else -1

    sprint_at = {}
    for sprint in plan.sprints:
        if weeks and weeks[0] <= sprint.start <= weeks[-1] + dt.timedelta(days=6):
            sprint_at.setdefault(_week_index(weeks, sprint.start), f"S{sprint.number}")
    top = [cell(ws, "Planning prévisionnel", font=BOLD), None, None, None, None]
    for index in range(len(weeks)):
        label = sprint_at.get(index)
        top.append(cell(ws, label, font=BOLD, alignment=CENTER) if label else None)
    append(ws, top)
    second = header_row(ws, FIXED)
    for index, monday in enumerate(weeks):
        is_today = index == today_week
        second.append(
            cell(
                ws,
                monday,
                number_format="dd/mm",
                font=WHITE_BOLD,
                fill=TODAY_FILL if is_today else HEADER_FILL,
                alignment=CENTER,
            )
        )
    append(ws, second)

    for number, row in enumerate(rows, start=3):
        if row.level:
            ws.row_dimensions[number].outlineLevel = row.level
        font = KIND_FONT.get(row.kind)
        name = ("    " if row.level else "") + row.name
        values = [
            cell(ws, row.id, font=font),
            cell(ws, name, font=font),
            cell(ws, row.start) if row.start else None,
            cell(ws, row.end) if row.end else None,
            None if row.kind == "milestone" else row.percent / 100,
        ]
        if values[4] is not None:
            values[4] = cell(ws, values[4], number_format="0%")
        values.extend(_bar(ws, row, weeks))
        while values and values[-1] is None:  # empty trailing weeks cost time in big sheets
            values.pop()
        append(ws, values)


def _bar(ws, row: GanttRow, weeks: list[dt.date]) -> list:  # type: ignore[no-untyped-def]
    cells: list = [None] * len(weeks)
    if not weeks or not row.dated:
        return cells
    assert row.start is not None and row.end is not None
    first, last = _week_index(weeks, row.start), _week_index(weeks, row.end)
    if row.kind == "milestone":
        if row.planned is not None and row.planned != row.start:
            cells[_week_index(weeks, row.planned)] = cell(ws, "◇", alignment=CENTER, font=BOLD)
        cells[last] = cell(ws, "◆", fill=SLIP_FILL if row.slips else MILESTONE_FILL, alignment=CENTER, font=BOLD)
        return cells
    bar, done = COLOURS["critical" if row.critical else row.kind]
    length = last - first + 1
    done_weeks = round(length * row.percent / 100)
    bar_fill, done_fill = fill(bar), fill(done)
    for offset in range(length):
        cells[first + offset] = cell(ws, fill=done_fill if offset < done_weeks else bar_fill)
    return cells


def _data(wb: Workbook, rows: list[GanttRow]) -> None:
    headers = ["Type", "ID", "Nom", "Épopée", "Sprint", "Début", "Fin", "Points", "Statut", "Avancement (%)"]
    headers += ["Chemin critique", "Date prévue", "Écart (jours)", "Explication"]
    data = []
    for r in rows:
        slip = (r.end - r.planned).days if r.kind == "milestone" and r.end and r.planned else None
        data.append(
            [
                KIND_LABELS[r.kind],
                r.id,
                r.name,
                r.epic,
                r.sprint,
                r.start,
                r.end,
                r.points,
                r.status,
                None if r.kind == "milestone" else r.percent,
                "oui" if r.critical else "non",
                r.planned,
                slip,
                " ".join(r.reasons) or None,
            ]
        )
    data_sheet(wb, "Données", "GanttDonnees", headers, data)


def _sprints(wb: Workbook, plan: Schedule) -> None:
    headers = ["Sprint", "Début", "Fin", "Jours ouvrés", "Jours fériés", "Capacité", "Engagé", "Surcharge", "Au plan"]
    rows = [
        [
            s.name,
            s.start,
            s.end,
            s.working_days,
            ", ".join(f"{name} ({day:%d/%m})" for day, name in s.days_off) or None,
            s.capacity,
            s.committed,
            "oui" if s.overcommitted else "non",
            "oui" if s.in_plan else "non",
        ]
        for s in plan.sprints
    ]
    data_sheet(wb, "Sprints", "GanttSprints", headers, rows)


def _milestones(wb: Workbook, plan: Schedule) -> None:
    ws = wb.create_sheet("Jalons")
    widths(ws, [8, 30, 12, 12, 10, 90])
    append(ws, header_row(ws, ["ID", "Jalon", "Prévu", "Prévision", "Écart (j)", "Pourquoi"]))
    for m in plan.milestones.values():
        append(
            ws,
            [
                m.id,
                m.name,
                cell(ws, m.planned),
                cell(ws, m.forecast) if m.forecast else None,
                m.slip_days,
                cell(ws, "\n".join(m.reasons) or "Dans les temps.", alignment=WRAP),
            ],
        )
    append(ws, [])
    append(ws, [cell(ws, "Chemin critique", font=BOLD), " → ".join(plan.critical_path)])


def gantt_workbook(backlog: Backlog, plan: Schedule, story_filter: StoryFilter | None = None) -> Workbook:
    wb = Workbook(write_only=True)
    rows = gantt_rows(backlog, plan, story_filter)
    _timeline(wb, rows, plan)
    _data(wb, rows)
    _sprints(wb, plan)
    _milestones(wb, plan)
    return wb


def write_gantt_xlsx(backlog: Backlog, plan: Schedule, path: Path, story_filter: StoryFilter | None = None) -> Path:
    return save(gantt_workbook(backlog, plan, story_filter), path)
