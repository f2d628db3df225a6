"""Plan figures cited in a spec page (`{{ plan.must_points }}`, `{{ plan.milestone.M04.date }}`,
`{{ plan.sprints_table }}`): the context's figures (`ProjectContext.plan_figures`, the dashboard's source)
worded in French, and the plan's tables in Markdown. A table is only drawn for a citation alone on its line.
"""

from __future__ import annotations

import datetime as dt

from ..context import ProjectContext
from ..context.plan_figures import PRIORITIES, by_priority
from ..model.markup import md_cell
from ..wording import date_long, date_range, day_month, number

PRIORITY_NAMES = {"must": "*Must*", "should": "*Should*", "could": "*Could*", "wont": "*Won't*"}


def _word(value: object) -> str:
    if isinstance(value, dt.date):
        return date_long(value)
    if isinstance(value, float):
        return number(value)
    if isinstance(value, int):
        return number(value, 0)
    return "—"


def _table(headers: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    return "\n".join([*lines, *("| " + " | ".join(row) + " |" for row in rows)]) + "\n"


def priorities_table(ctx: ProjectContext) -> str:
    count = ctx.plan_figures["sprints"]
    rows, totals = [], [0] * 7
    for name in PRIORITIES:
        f = by_priority(ctx.schedule, name)
        cells = [f["stories"], f["points"], f["done"], f["in_progress"], f["todo"], f["planned"], f["out"]]
        totals = [a + b for a, b in zip(totals, cells, strict=True)]
        rows.append([PRIORITY_NAMES[name], *(str(c) for c in cells)])
    rows.append(["**Total**", *(f"**{c}**" for c in totals)])
    headers = ["Priorité", "Stories", "Points", "Terminé", "En cours", "À faire", f"Dans les {count} sprints"]
    return _table([*headers, "Hors plan"], rows)


def sprints_table(ctx: ProjectContext) -> str:
    plan = ctx.schedule
    rows = []
    for s in plan.planned_sprints:
        name = md_cell(s.name) + (" (en cours)" if s.number == plan.current_sprint else "")
        off = ", ".join(f"{md_cell(label)} ({day_month(day)})" for day, label in s.days_off) or "—"
        dates = f"{day_month(s.start)}\u00a0–\u00a0{day_month(s.end)}"
        rows.append([name, dates, str(s.working_days), off, number(s.capacity), str(s.committed)])
    figures = ctx.plan_figures
    rows.append(
        ["**Total**", "", "", "", f"**{_word(figures['capacity_points'])}**", f"**{figures['committed_points']}**"]
    )
    return _table(["Sprint", "Dates", "Jours ouvrés", "Jours fériés", "Capacité", "Engagé"], rows)


def epics_table(ctx: ProjectContext) -> str:
    plan = ctx.schedule
    rows = []
    for epic in ctx.backlog.epics:
        plans = [plan.stories[s.id] for s in epic.stories]
        points = {name: sum(p.points for p in plans if p.priority == name) for name in PRIORITIES}
        done = sum(p.points for p in plans if p.status_category == "done")
        out = [p.id for p in plans if p.id in plan.scope.beyond_ids or p.id in plan.scope.wont_ids]
        rows.append(
            [
                md_cell(f"{epic.id} {epic.title}"),
                str(len(plans)),
                str(sum(p.points for p in plans)),
                *(str(points[name]) for name in PRIORITIES),
                str(done),
                ", ".join(out) or "—",
            ]
        )
    headers = ["Épic", "Stories", "Points", *(PRIORITY_NAMES[n] for n in PRIORITIES), "Terminé", "Stories hors plan"]
    return _table(headers, rows)


def phases_table(ctx: ProjectContext) -> str:
    project, plan = ctx.backlog.project, ctx.schedule
    items: list[tuple[dt.date, int, list[str]]] = []
    for phase in project.phases:
        dated = plan.phases.get(phase.id)
        if dated is None:
            continue
        dates = date_range(dated.start, dated.end)
        items.append((dated.start, 1, [md_cell(phase.name), dates, md_cell(phase.description or "—")]))
    for milestone in project.milestones:
        items.append(
            (
                milestone.date,
                0,
                [md_cell(milestone.name), date_long(milestone.date), md_cell(milestone.description or "jalon")],
            )
        )
    rows = [row for _, _, row in sorted(items, key=lambda item: (item[0], item[1]))]
    return _table(["Phase ou jalon", "Dates", "Contenu"], rows)


def milestones_table(ctx: ProjectContext) -> str:
    rows = [
        [md_cell(m.name), date_long(m.planned), date_long(m.forecast) if m.forecast else "—"]
        for m in ctx.schedule.milestones.values()
    ]
    return _table(["Jalon", "Date prévue", "Prévision calculée"], rows)


_TABLES = {
    "priorities_table": priorities_table,
    "sprints_table": sprints_table,
    "epics_table": epics_table,
    "phases_table": phases_table,
    "milestones_table": milestones_table,
}


def plan_value(ctx: ProjectContext, key: str, *, block: bool) -> str | None:
    """The cited figure in French, a table (alone on its line), or None (unknown: left as written)."""
    if key in _TABLES:
        return "\n" + _TABLES[key](ctx) if block else None
    if key.startswith("phase.") and key.endswith(".dates"):
        phase = key.split(".")[1]
        start, end = ctx.plan_figures.get(f"phase.{phase}.start"), ctx.plan_figures.get(f"phase.{phase}.end")
        if isinstance(start, dt.date) and isinstance(end, dt.date):
            return date_range(start, end)
        return None
    if key.startswith("sprint.") and key.endswith(".dates"):
        number = key.split(".")[1]
        if number.isdigit() and 1 <= int(number) <= len(ctx.schedule.planned_sprints):
            sprint = ctx.schedule.sprint(int(number))
            return date_range(sprint.start, sprint.end)
        return None
    if key not in ctx.plan_figures:
        return None
    return _word(ctx.plan_figures[key])
