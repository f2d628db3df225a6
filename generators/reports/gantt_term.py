"""The Gantt chart in the terminal: a week-by-week timeline, then milestones with slip reasons and sprints."""

from __future__ import annotations

import datetime as dt

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..escape.terminal import terminal
from ..model import Backlog
from ..plan import Schedule
from ..plan.baseline import BaselinePlan
from ..plan.slip import fr_date
from .filters import StoryFilter
from .gantt_rows import (
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
from .scope_views import scope_sentence

MAX_COLUMNS = 60
STYLES = {"phase": "blue", "epic": "green", "story": "cyan", "milestone": "yellow"}


def _timeline(row: GanttRow, weeks: list[dt.date], step: int, today_col: int) -> Text:
    text = Text()
    columns = (len(weeks) + step - 1) // step
    first = last = -1
    if row.dated:
        assert row.start is not None and row.end is not None
        first = (row.start - weeks[0]).days // 7 // step
        last = (row.end - weeks[0]).days // 7 // step
    planned = (row.planned - weeks[0]).days // 7 // step if row.planned else -1
    style = "red" if row.critical else STYLES[row.kind]
    done_until = first + round((last - first + 1) * row.percent / 100) if first >= 0 else -1
    for col in range(columns):
        if row.kind == "milestone":
            if col == last:
                text.append("◆", style="bold red" if row.slips else "bold yellow")
            elif col == planned:
                text.append("◇", style="yellow")
            else:
                text.append("│" if col == today_col else "·", style="magenta" if col == today_col else "dim")
        elif first <= col <= last:
            text.append("█" if col < done_until else "▒", style=style)
        else:
            text.append("│" if col == today_col else " ", style="magenta")
    return text


def gantt_renderable(
    backlog: Backlog,
    plan: Schedule,
    story_filter: StoryFilter | None = None,
    baseline: BaselinePlan | None = None,
) -> RenderableType:
    flt = story_filter or StoryFilter()
    rows = gantt_rows(backlog, plan, flt, with_stories=flt.active, baseline=baseline)
    bounds = span(rows, plan.today)
    parts: list[RenderableType] = []
    title = f"Planning au {fr_date(plan.today)} (sprint courant : {plan.current_sprint})"
    if flt.active:
        title += f" — filtre : {flt.describe()}"
    table = Table(title=terminal(title), show_lines=False, expand=False, title_justify="left")
    table.add_column("ID", no_wrap=True)
    table.add_column("Nom", overflow="ellipsis", max_width=40, no_wrap=True)
    table.add_column("Début", no_wrap=True)
    table.add_column("Fin", no_wrap=True)
    table.add_column("%", justify="right")
    if baseline is not None:
        table.add_column(terminal(slip_header(baseline)), no_wrap=True, justify="right")
    if bounds is not None:
        weeks = week_starts(*bounds)
        step = max(1, -(-len(weeks) // MAX_COLUMNS))
        today_col = (plan.today - weeks[0]).days // 7 // step
        unit = "semaine" if step == 1 else f"{step} semaines"
        table.add_column(f"{weeks[0]:%d/%m/%Y} → (1 colonne = {unit})", no_wrap=True)
    for row in rows:
        style = "bold red" if row.critical and row.kind != "story" else STYLES[row.kind]
        name = ("  " if row.level else "") + row.name + (" ⚠ hors plan" if row.beyond_plan else "")
        cells: list[RenderableType] = [
            terminal(row.id, style),
            terminal(name, style if row.kind != "story" else ""),
            fr_date(row.start),
            fr_date(row.end),
            "" if row.kind == "milestone" else f"{row.percent}",
        ]
        if baseline is not None:
            cells.append(_slip_cell(row))
        if bounds is not None:
            cells.append(_timeline(row, weeks, step, today_col))
        table.add_row(*cells)
    parts.insert(0, terminal(scope_sentence(plan)))
    if baseline is not None:
        parts.insert(1, terminal(baseline_sentence(baseline)))
    parts.append(table)
    legend = "█ fait  ▒ à faire  ◆ prévision  ◇ date prévue  │ aujourd'hui  rouge : chemin critique"
    if plan.plan_end is not None:
        legend += f"  ⚠ hors plan : après le dernier sprint du plan ({fr_date(plan.plan_end)})"
    parts.append(Text(legend, "dim"))
    parts.append(milestones_table(plan, baseline))
    for milestone in plan.milestones.values():
        style = "bold red" if milestone.slips else "bold"
        parts.append(terminal(f"Pourquoi {milestone.id} « {milestone.name} » :", style))
        for reason in milestone.reasons:
            parts.append(terminal(f"  - {reason}"))
    if plan.critical_path:
        parts.append(terminal("Chemin critique : " + " → ".join(plan.critical_path), "bold"))
    parts.append(sprints_table(plan))
    for warning in plan.warnings:
        parts.append(terminal(f"attention : {warning}", "yellow"))
    return Group(*parts)


def _slip_cell(row: GanttRow) -> Text:
    if row.kind not in ("epic", "milestone"):
        return Text("")
    days = row.baseline.days if row.baseline is not None else None
    return terminal(slip_text(row.baseline), "red" if days and days > 0 else ("green" if days else ""))


def milestones_table(plan: Schedule, baseline: BaselinePlan | None = None) -> Table:
    table = Table(title="Jalons", title_justify="left")
    titles = ["ID", "Jalon", "Date prévue", "Prévision", "Écart"]
    if baseline is not None:
        titles += [f"Prévision en {baseline.name}", slip_header(baseline)]
    for title in (*titles, "État"):
        table.add_column(terminal(title))
    for m in plan.milestones.values():
        gap, label = milestone_state(m.forecast is not None, m.slips, m.slip_days)
        style = "bold red" if m.slips else ("yellow" if m.forecast is None else "green")
        cells: list[RenderableType] = [terminal(m.id), terminal(m.name), fr_date(m.planned), fr_date(m.forecast), gap]
        if baseline is not None:
            slip = baseline.milestones.get(m.id)
            cells += [baseline_dates(slip, milestone=True), terminal(slip_text(slip))]
        table.add_row(*cells, Text(label, style))
    return table


def sprints_table(plan: Schedule) -> Table:
    table = Table(title="Sprints", title_justify="left")
    for title in ("Sprint", "Début", "Fin", "Jours", "Capacité", "Engagé", "État"):
        table.add_column(title)
    for s in plan.sprints:
        flags = []
        if s.overcommitted:
            flags.append(Text("surchargé", "bold red"))
        if not s.in_plan:
            flags.append(Text("hors plan", "yellow"))
        if s.number == plan.current_sprint:
            flags.append(Text("en cours", "bold magenta"))
        state = Text(" ").join(flags) if flags else Text("")
        table.add_row(
            terminal(s.name),
            fr_date(s.start),
            fr_date(s.end),
            str(s.working_days),
            f"{s.capacity:g}".replace(".", ","),
            str(s.committed),
            state,
        )
    return table
