"""Gantt workbook: a week-by-week timeline with coloured bars, then data, sprints and milestone sheets."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.properties import Outline

from ..model import Backlog
from ..plan import Schedule
from ..plan.baseline import BaselinePlan
from .filters import StoryFilter
from .gantt_rows import (
    KIND_LABELS,
    GanttRow,
    baseline_dates,
    baseline_sentence,
    gantt_rows,
    milestone_state,
    slip_header,
    slip_text,
    span,
    week_starts,
)
from .scope_views import scope_sheet
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
    fit_row,
    header_row,
    print_setup,
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
BEYOND_FILL = fill("E7E6E6")
BASELINE_FILL = fill("B4A7D6")  # lavender, as on the site
BASELINE_FONT = Font(italic=True, color="674EA7")
FIXED = ["ID", "Nom", "Début", "Fin prévisionnelle", "%"]
FIXED_WIDTHS = [10.0, 45.0, 11.0, 14.0, 6.0]
WEEK_WIDTH = 6.5  # "dd/mm" in bold needs about 6 characters: narrower prints ### in LibreOffice


def _week_index(weeks: list[dt.date], day: dt.date) -> int:
    return (day - weeks[0]).days // 7


def _timeline(wb: Workbook, rows: list[GanttRow], plan: Schedule, baseline: BaselinePlan | None) -> None:
    ws = wb.create_sheet("Gantt")
    bounds = span(rows, plan.today)
    weeks = week_starts(*bounds) if bounds else []
    id_width = min(24.0, max([FIXED_WIDTHS[0], *(len(r.id) + 2.0 for r in rows)]))  # ids are never cut
    sizes = [id_width, *FIXED_WIDTHS[1:]]
    widths(ws, sizes + [WEEK_WIDTH] * len(weeks))
    ws.freeze_panes = "F3"
    print_setup(ws, title_rows="1:2", wide=True)
    plan_end = plan.plan_end
    ws.sheet_properties.outlinePr = Outline(summaryBelow=False, summaryRight=False)
    today_week = _week_index(weeks, plan.today) if weeks else -1

    sprint_at = {}
    for sprint in plan.sprints:
        if weeks and weeks[0] <= sprint.start <= weeks[-1] + dt.timedelta(days=6):
            sprint_at.setdefault(_week_index(weeks, sprint.start), f"S{sprint.number}")
    top = [cell(ws, "Planning prévisionnel", font=BOLD), None, None, None, None]
    for index, monday in enumerate(weeks):
        label = sprint_at.get(index)
        beyond = plan_end is not None and monday > plan_end
        if label and beyond:
            top.append(cell(ws, f"{label} hors plan", font=BOLD, alignment=CENTER, fill=BEYOND_FILL))
        elif label:
            top.append(cell(ws, label, font=BOLD, alignment=CENTER))
        else:
            top.append(cell(ws, fill=BEYOND_FILL) if beyond else None)
    ws.row_dimensions[1].height = 30
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

    shown: list[GanttRow] = []
    for row in rows:
        shown.append(row)
        then = row.baseline
        if baseline is not None and row.kind == "epic" and then is not None and then.start and then.end:
            label = f"    {row.id} en {baseline.name} (écart {slip_text(then)})"
            shown.append(GanttRow("baseline", row.id, label, then.start, then.end))
    for number, row in enumerate(shown, start=3):
        if row.kind == "baseline":
            values = [None, cell(ws, row.name, font=BASELINE_FONT), cell(ws, row.start), cell(ws, row.end), None]
            values.extend(_bar(ws, row, weeks))
            while values and values[-1] is None:
                values.pop()
            append(ws, values)
            continue
        if row.level:
            ws.row_dimensions[number].outlineLevel = row.level
        font = KIND_FONT.get(row.kind)
        name = ("    " if row.level else "") + row.name + (" ⚠ hors plan" if row.beyond_plan else "")
        if row.kind == "milestone":
            name += f" (prévu le {row.planned:%d/%m/%Y})" if row.slips and row.planned else " (prévu = prévision)"
        values = [
            cell(ws, row.id, font=font),
            cell(ws, name, font=font, alignment=WRAP),
            cell(ws, row.start) if row.start else None,
            cell(ws, row.end) if row.end else None,
            None if row.kind == "milestone" else row.percent / 100,
        ]
        if values[4] is not None:
            values[4] = cell(ws, values[4], number_format="0%")
        fit_row(ws, number, values, sizes)
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
    if row.kind == "baseline":
        return [cell(ws, fill=BASELINE_FILL) if first <= i <= last else None for i in range(len(weeks))]
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


def _data(wb: Workbook, rows: list[GanttRow], baseline: BaselinePlan | None) -> None:
    headers = ["Type", "ID", "Nom", "Épopée", "Sprint", "Début", "Fin prévisionnelle", "Points", "Statut"]
    headers += ["Avancement (%)", "Chemin critique", "Hors plan", "Date prévue", "Écart (jours)", "Pourquoi"]
    sizes = [9.0, 10.0, 40.0, 8.0, 7.0, 11.0, 14.0, 7.0, 10.0, 11.0, 9.0, 7.0, 11.0, 8.0, 70.0]
    if baseline is not None:
        headers += [f"Début en {baseline.name}", f"Fin en {baseline.name}", f"{slip_header(baseline)} (jours ouvrés)"]
        sizes += [11.0, 11.0, 12.0]
    data = []
    for r in rows:
        slip = (r.end - r.planned).days if r.kind == "milestone" and r.end and r.planned else None
        then = r.baseline
        extra = [then.start, then.end, then.days] if then is not None else [None, None, None]
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
                "oui" if r.beyond_plan else "non",
                r.planned,
                slip,
                "\n".join(r.reasons) or None,
                *(extra if baseline is not None else []),
            ]
        )
    data_sheet(wb, "Données", "GanttDonnees", headers, data, sizes, wrap={2, 14})


def _sprints(wb: Workbook, plan: Schedule) -> None:
    headers = ["Sprint", "Début", "Fin", "Jours ouvrés", "Jours fériés", "Capacité", "Engagé", "Surcharge", "Au plan"]
    sizes = [12.0, 11.0, 11.0, 9.0, 40.0, 10.0, 9.0, 10.0, 9.0]
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
            "oui" if s.in_plan else "non (hors plan)",
        ]
        for s in plan.sprints
    ]
    data_sheet(wb, "Sprints", "GanttSprints", headers, rows, sizes, wrap={4})


def _milestones(wb: Workbook, plan: Schedule, baseline: BaselinePlan | None) -> None:
    ws = wb.create_sheet("Jalons")
    sizes = [8.0, 30.0, 12.0, 12.0, 8.0, 14.0, 80.0]
    headers = ["ID", "Jalon", "Date prévue", "Prévision", "Écart", "État", "Pourquoi"]
    if baseline is not None:
        sizes[5:5] = [12.0, 14.0]
        headers[5:5] = [f"Prévision en {baseline.name}", slip_header(baseline)]
    widths(ws, sizes)
    ws.freeze_panes = "A2"
    print_setup(ws)
    ws.row_dimensions[1].height = 30
    append(ws, header_row(ws, headers))
    number = 1
    for m in plan.milestones.values():
        gap, state = milestone_state(m.forecast is not None, m.slips, m.slip_days)
        then = baseline.milestones.get(m.id) if baseline is not None else None
        versus = [baseline_dates(then, milestone=True), slip_text(then)] if baseline is not None else []
        reasons = "\n".join(m.reasons)
        values = [
            m.id,
            cell(ws, m.name, alignment=WRAP),
            cell(ws, m.planned),
            cell(ws, m.forecast) if m.forecast else None,
            gap,
            *versus,
            state,
            cell(ws, reasons, alignment=WRAP),
        ]
        number += 1
        fit_row(ws, number, [None, m.name, *([None] * (len(values) - 3)), reasons], sizes)
        append(ws, values)
    append(ws, [])
    append(ws, [cell(ws, "Chemin critique", font=BOLD), None, cell(ws, " → ".join(plan.critical_path), alignment=WRAP)])
    if baseline is not None:  # what the baseline columns mean, in the wide "Pourquoi" column
        sentence = baseline_sentence(baseline)
        row = [
            cell(ws, "Référence", font=BOLD, alignment=WRAP),
            *([None] * (len(sizes) - 2)),
            cell(ws, sentence, alignment=WRAP),
        ]
        fit_row(ws, number + 3, [None] * (len(sizes) - 1) + [sentence], sizes)
        append(ws, row)


def gantt_workbook(
    backlog: Backlog,
    plan: Schedule,
    story_filter: StoryFilter | None = None,
    baseline: BaselinePlan | None = None,
) -> Workbook:
    wb = Workbook(write_only=True)
    rows = gantt_rows(backlog, plan, story_filter, baseline=baseline)
    _timeline(wb, rows, plan, baseline)
    _data(wb, rows, baseline)
    _sprints(wb, plan)
    _milestones(wb, plan, baseline)
    scope_sheet(wb, plan)
    return wb


def write_gantt_xlsx(
    backlog: Backlog,
    plan: Schedule,
    path: Path,
    story_filter: StoryFilter | None = None,
    baseline: BaselinePlan | None = None,
) -> Path:
    return save(gantt_workbook(backlog, plan, story_filter, baseline), path)
