"""The Gantt chart as PlantUML `@startgantt` text: phases, epics, the critical path, milestones, today.

Written for the pinned PlantUML jar (1.2026, `.cache/tools`): `language fr` (French dates, columns and
durations), a weekly scale zoomed to fit the page past twelve weeks, a legend, today's line, the weeks after
the plan's last sprint shaded, dependencies between epics drawn as arrows where one ends before the other
starts. Every task has explicit start and end dates (the schedule is computed here, not by PlantUML), a
short alias and an explicit completion (0 % is drawn empty); labels go through `plantuml_label`.
"""

from __future__ import annotations

from ..escape.plantuml import plantuml_label
from ..model import Backlog
from ..plan import Schedule
from ..plan.baseline import BaselinePlan
from ..plan.calendar import ONE_DAY, WorkCalendar
from .gantt_rows import GanttRow, gantt_rows, slip_text, span

PHASE_COLOUR = "#9DC3E6/#2E75B6"
EPIC_COLOUR = "#A9D08E/#548235"
CRITICAL_COLOUR = "#F8CBAD/#C00000"
STORY_CRITICAL_COLOUR = "#FF9999/#C00000"
TODAY_COLOUR = "#FFB3B3"
BEYOND_COLOUR = "#E7E6E6"
BASELINE_COLOUR = "#D9D2E9/#674EA7"  # lavender: not the grey of the weeks after the plan
DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MAX_CRITICAL_STORIES = 25
BEYOND_MARK = " ⚠ hors plan"
WEEK_PX = 28  # a week's width on PlantUML's weekly scale
TIMELINE_PX = 620  # the timeline's width: with the date columns and labels, the chart fits a 1440 px screen
MIN_ZOOM = 0.5  # below this the week numbers overlap: a longer plan scrolls


def _task(lines: list[str], alias: str, label: str, row: GanttRow, colour: str) -> None:
    assert row.start is not None and row.end is not None
    name = plantuml_label(label)
    lines.append(f"[{name}] as [{alias}] starts {row.start.isoformat()} and ends {row.end.isoformat()}")
    lines.append(f"[{alias}] is {row.percent}% completed")  # 0 % too: drawn empty, never full
    lines.append(f"[{alias}] is colored in {colour}")


def _baseline_task(lines: list[str], alias: str, row: GanttRow, baseline: BaselinePlan | None) -> None:
    """A grey bar of the epic's dates in the baseline, right under the epic, labelled with the slip."""
    then = row.baseline
    if baseline is None or then is None or then.start is None or then.end is None:
        return
    label = plantuml_label(f"{row.id} en {baseline.name} (écart {slip_text(then)})")
    lines.append(f"[{label}] as [{alias}] starts {then.start.isoformat()} and ends {then.end.isoformat()}")
    lines.append(f"[{alias}] is colored in {BASELINE_COLOUR}")


def _legend(plan: Schedule, beyond: bool, baseline: BaselinePlan | None = None) -> list[str]:
    rows = [
        "legend",
        "|= |= Légende |",
        f"|<{PHASE_COLOUR.split('/')[0]}> | Phase (partie colorée : faite ; blanche : reste à faire) |",
        f"|<{EPIC_COLOUR.split('/')[0]}> | Épopée (partie colorée : points terminés ; blanche : reste à faire) |",
        f"|<{CRITICAL_COLOUR.split('/')[0]}> | Chemin critique |",
        f"|<{TODAY_COLOUR}> | Aujourd'hui ({plan.today:%d/%m/%Y}) |",
        "| ◆ | Jalon : date prévue ; « prévision » quand il glisse |",
    ]
    if beyond:
        rows.append(f"|<{BEYOND_COLOUR}> | Après le dernier sprint du plan (hors plan) |")
    if baseline is not None:
        name = plantuml_label(baseline.name)
        rows.append(
            f"|<{BASELINE_COLOUR.split('/')[0]}> | Référence {name} : dates de l'épopée dans la version {name} "
            "(écart en jours ouvrés) |"
        )
    return [*rows, "endlegend"]


def gantt_plantuml(
    backlog: Backlog, plan: Schedule, *, with_today: bool = True, baseline: BaselinePlan | None = None
) -> str:
    """The `@startgantt ... @endgantt` text for the Planning page (with a grey bar of the baseline's dates
    under each epic, and the milestones' baseline forecast, when a baseline is given)."""
    rows = gantt_rows(backlog, plan, with_stories=False, baseline=baseline)
    bounds = span(rows, plan.today if with_today else None)
    lines = ["@startgantt", "language fr"]
    if bounds is None:
        lines += ["Project starts " + backlog.project.calendar.start.isoformat(), "@endgantt"]
        return "\n".join(lines) + "\n"
    first, last = bounds
    weeks = (last - first).days // 7 + 1
    if weeks > 12:  # weekly, zoomed so that the timeline keeps about TIMELINE_PX: the chart fits the page
        zoom = max(MIN_ZOOM, min(1.0, round(TIMELINE_PX / (WEEK_PX * weeks), 2)))
        lines.append(f"printscale weekly zoom {zoom:g}" if zoom < 1 else "printscale weekly")
    lines.append(f"Project starts {first.isoformat()}")
    calendar = WorkCalendar(backlog.project.calendar)
    for number, name in enumerate(DAY_NAMES):
        if number not in calendar.weekdays:
            lines.append(f"{name} are closed")
    day = first
    while day <= last:
        if day.weekday() in calendar.weekdays and not calendar.is_working(day):
            lines.append(f"{day.isoformat()} is closed")
        day += ONE_DAY
    plan_end = plan.plan_end
    beyond = plan_end is not None and plan_end < last
    if beyond and plan_end is not None:
        lines.append(f"{(plan_end + ONE_DAY).isoformat()} to {last.isoformat()} are colored in {BEYOND_COLOUR}")

    phases = [r for r in rows if r.kind == "phase" and r.dated]
    if phases:
        lines.append("-- Phases --")
        for index, row in enumerate(phases, start=1):
            label = f"{row.name} ({row.percent} %)" + (BEYOND_MARK if row.beyond_plan else "")
            _task(lines, f"P{index}", label, row, CRITICAL_COLOUR if row.critical else PHASE_COLOUR)
    epics = [r for r in rows if r.kind == "epic" and r.dated]
    aliases: dict[str, str] = {}
    if epics:
        lines.append("-- Épopées --")
        for index, row in enumerate(epics, start=1):
            aliases[row.id] = f"E{index}"
            label = f"{row.id} · {row.name} ({row.percent} %)" + (BEYOND_MARK if row.beyond_plan else "")
            _task(lines, f"E{index}", label, row, CRITICAL_COLOUR if row.critical else EPIC_COLOUR)
        # dependencies between epics, drawn where the epic starts after the one it depends on ends (PlantUML
        # reads an arrow as "starts when the other ends": an arrow between overlapping epics would move them)
        for epic in backlog.epics:
            mine = plan.epics[epic.id]
            for dep in epic.depends_on:
                other = plan.epics.get(dep)
                if epic.id not in aliases or dep not in aliases or other is None:
                    continue
                if other.end is not None and mine.start is not None and other.end < mine.start:
                    lines.append(f"[{aliases[dep]}] -> [{aliases[epic.id]}]")
    if baseline is not None and epics:  # their own section: the arrows between epics cross no label
        lines.append(f"-- {plantuml_label(f'Référence {baseline.name}')} --")
        for index, row in enumerate(epics, start=1):
            _baseline_task(lines, f"B{index}", row, baseline)
    critical = [s for s in plan.critical_path if s in plan.stories and plan.stories[s].start is not None]
    if critical:
        lines.append("-- Chemin critique --")
        shown = critical[:MAX_CRITICAL_STORIES]
        for index, story_id in enumerate(shown, start=1):
            story, story_plan = backlog.story(story_id), plan.stories[story_id]
            row = GanttRow(
                "story",
                story_id,
                story.title,
                story_plan.start,
                story_plan.end,
                100 if story_plan.status_category == "done" else 0,
            )
            label = f"{story_id} · {story.title}" + (BEYOND_MARK if story_plan.beyond_plan else "")
            _task(lines, f"C{index}", label, row, STORY_CRITICAL_COLOUR)
        if len(critical) > len(shown):
            lines.append(f"' {len(critical) - len(shown)} more stories on the critical path")
    milestones = [r for r in rows if r.kind == "milestone"]
    if milestones:
        lines.append("-- Jalons --")
        for row in milestones:
            assert row.planned is not None
            name = plantuml_label(f"{row.id} · {row.name}")
            if row.slips and row.end is not None:
                lines.append(f"[{name} (prévu)] happens {row.planned.isoformat()}")
                lines.append(f"[{name} (prévision)] happens {row.end.isoformat()}")
                lines.append(f"[{name} (prévision)] is colored in Red")
            else:  # on time: the forecast is the planned date
                lines.append(f"[{name} (prévu = prévision)] happens {row.planned.isoformat()}")
            then = row.baseline
            if baseline is not None and then is not None and then.end is not None and then.end != row.end:
                tag = plantuml_label(f"{row.id} en {baseline.name}, écart {slip_text(then)}")
                lines.append(f"[{tag}] happens {then.end.isoformat()}")
                lines.append(f"[{tag}] is colored in {BASELINE_COLOUR.split('/')[1]}")
    if with_today and first <= plan.today <= last:
        lines.append(f"today is {plan.today.isoformat()} and is colored in {TODAY_COLOUR}")
    lines += _legend(plan, beyond, baseline)
    lines.append("@endgantt")
    return "\n".join(lines) + "\n"
