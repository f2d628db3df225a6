"""The Gantt chart in the terminal: a week-by-week timeline, then milestones with slip reasons and sprints."""

from __future__ import annotations

import datetime as dt

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
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

MAX_COLUMNS = 60  # at most this many timeline columns: more weeks share a column
MIN_NAME = 10  # the name column shrinks to this many characters before the timeline loses weeks
MAX_NAME = 40
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


class GanttTable:
    """The Gantt table, laid out for the width it is printed at: ids, dates and percentages are never cut; the
    name column shrinks first (down to MIN_NAME), then the timeline puts more weeks in a column."""

    def __init__(
        self,
        title: Text,
        rows: list[GanttRow],
        today: dt.date,
        bounds: tuple[dt.date, dt.date] | None,
        baseline: BaselinePlan | None,
    ) -> None:
        self.title, self.rows, self.today, self.bounds, self.baseline = title, rows, today, bounds, baseline

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.table(options.max_width)

    def table(self, width: int) -> Table:
        rows, baseline = self.rows, self.baseline
        ids = max((len(r.id) for r in rows), default=2)
        names = max((len(self._name(r)) for r in rows), default=3)
        slip = len(slip_header(baseline)) if baseline is not None else 0
        fixed = [ids, 10, 10, 3] + ([slip] if baseline is not None else [])
        columns = len(fixed) + 1 + (self.bounds is not None)
        room = width - sum(fixed) - 3 * columns - 1  # borders and padding: "│ x " per column, then "│"
        weeks = week_starts(*self.bounds) if self.bounds is not None else []
        step = 1
        if weeks:
            timeline = max(8, min(MAX_COLUMNS, room - MIN_NAME))
            step = max(1, -(-len(weeks) // timeline))
            room -= -(-len(weeks) // step)
        name_width = max(MIN_NAME, min(MAX_NAME, names, room))
        table = Table(title=self.title, show_lines=False, expand=False, title_justify="left")
        table.add_column("ID", no_wrap=True, min_width=ids)
        table.add_column("Nom", overflow="ellipsis", no_wrap=True, max_width=name_width)
        table.add_column("Début", no_wrap=True, min_width=10)
        table.add_column("Fin", no_wrap=True, min_width=10)
        table.add_column("%", justify="right", no_wrap=True, min_width=3)
        if baseline is not None:
            table.add_column(terminal(slip_header(baseline)), no_wrap=True, justify="right", min_width=slip)
        today_col = 0
        if weeks:
            today_col = (self.today - weeks[0]).days // 7 // step
            header = _timeline_header(weeks[0], step, -(-len(weeks) // step))
            table.add_column(header, no_wrap=True)
        for row in rows:
            style = "bold red" if row.critical and row.kind != "story" else STYLES[row.kind]
            cells: list[RenderableType] = [
                terminal(row.id, style),
                terminal(self._name(row), style if row.kind != "story" else ""),
                fr_date(row.start),
                fr_date(row.end),
                "" if row.kind == "milestone" else f"{row.percent}",
            ]
            if baseline is not None:
                cells.append(_slip_cell(row))
            if weeks:
                cells.append(_timeline(row, weeks, step, today_col))
            table.add_row(*cells)
        return table

    @staticmethod
    def _name(row: GanttRow) -> str:
        return ("  " if row.level else "") + row.name + (" ⚠ hors plan" if row.beyond_plan else "")


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
    table = GanttTable(terminal(title), rows, plan.today, bounds, baseline)
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


def _timeline_header(first: dt.date, step: int, columns: int) -> str:
    """Two lines, each the longest wording that fits the timeline's width."""
    plural = "s" if step > 1 else ""
    starts = (f"{first:%d/%m/%Y} →", f"{first:%d/%m/%y} →", f"{first:%d/%m} →")
    units = (f"1 col. = {step} semaine{plural}", f"{step} sem./col.", f"{step} sem.")
    start = next((s for s in starts if len(s) <= columns), starts[-1])
    unit = next((u for u in units if len(u) <= columns), units[-1])
    return f"{start}\n{unit}"


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
