"""The Gantt chart as PlantUML `@startgantt` text: phases, epics, the critical path, milestones, today.

The syntax is kept classic so that both Debian's PlantUML 1.2020 and recent jars render it: no
`language`, `projectscale`, `!theme`, `<style>` or notes. Every task has explicit start and end dates
(the schedule is computed here, not by PlantUML) and a short alias; labels go through `plantuml_label`.
"""

from __future__ import annotations

from ..escape.plantuml import plantuml_label
from ..model import Backlog
from ..plan import Schedule
from ..plan.calendar import ONE_DAY, WorkCalendar
from .gantt_rows import GanttRow, gantt_rows, span

PHASE_COLOUR = "#9DC3E6/#2E75B6"
EPIC_COLOUR = "#A9D08E/#548235"
CRITICAL_COLOUR = "#F8CBAD/#C00000"
STORY_CRITICAL_COLOUR = "#FF9999/#C00000"
TODAY_COLOUR = "#FFB3B3"
DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MAX_CRITICAL_STORIES = 25


def _task(lines: list[str], alias: str, label: str, row: GanttRow, colour: str) -> None:
    assert row.start is not None and row.end is not None
    name = plantuml_label(label)
    lines.append(f"[{name}] as [{alias}] starts {row.start.isoformat()} and ends {row.end.isoformat()}")
    if row.percent:
        lines.append(f"[{alias}] is {row.percent}% completed")
    lines.append(f"[{alias}] is colored in {colour}")


def gantt_plantuml(backlog: Backlog, plan: Schedule, *, with_today: bool = True) -> str:
    """The `@startgantt ... @endgantt` text for the Planning page."""
    rows = gantt_rows(backlog, plan, with_stories=False)
    bounds = span(rows, plan.today if with_today else None)
    lines = ["@startgantt"]
    if bounds is None:
        lines += ["Project starts " + backlog.project.calendar.start.isoformat(), "@endgantt"]
        return "\n".join(lines) + "\n"
    first, last = bounds
    weeks = (last - first).days // 7
    if weeks > 12:
        lines.append("printscale weekly")
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

    phases = [r for r in rows if r.kind == "phase" and r.dated]
    if phases:
        lines.append("-- Phases --")
        for index, row in enumerate(phases, start=1):
            label = f"{row.name} ({row.percent} %)"
            _task(lines, f"P{index}", label, row, CRITICAL_COLOUR if row.critical else PHASE_COLOUR)
    epics = [r for r in rows if r.kind == "epic" and r.dated]
    if epics:
        lines.append("-- Épopées --")
        for index, row in enumerate(epics, start=1):
            label = f"{row.id} · {row.name} ({row.percent} %)"
            _task(lines, f"E{index}", label, row, CRITICAL_COLOUR if row.critical else EPIC_COLOUR)
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
            _task(lines, f"C{index}", f"{story_id} · {story.title}", row, STORY_CRITICAL_COLOUR)
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
            else:  # on time: the committed date (the forecast, earlier, is in the milestones table)
                lines.append(f"[{name}] happens {row.planned.isoformat()}")
    if with_today and first <= plan.today <= last:
        lines.append(f"today is {plan.today.isoformat()} and is colored in {TODAY_COLOUR}")
    lines.append("@endgantt")
    return "\n".join(lines) + "\n"
