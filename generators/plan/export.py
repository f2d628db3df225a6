"""The schedule as plain JSON-ready data, and its merge into `fanzone export json`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..model import Backlog
from .model import Schedule
from .schedule import schedule, today_for


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def sprint_rows(plan: Schedule) -> list[dict[str, Any]]:
    return [
        {
            "number": s.number,
            "name": s.name,
            "start": _iso(s.start),
            "end": _iso(s.end),
            "working_days": s.working_days,
            "days_off": [{"date": _iso(day), "name": name} for day, name in s.days_off],
            "capacity": s.capacity,
            "committed": s.committed,
            "overcommitted": s.overcommitted,
            "in_plan": s.in_plan,
            "stories": list(s.stories),
        }
        for s in plan.sprints
    ]


def milestone_rows(plan: Schedule) -> list[dict[str, Any]]:
    return [
        {
            "id": m.id,
            "name": m.name,
            "planned": _iso(m.planned),
            "forecast": _iso(m.forecast),
            "slips": m.slips,
            "slip_days": m.slip_days,
            "ready": _iso(m.ready),
            "driver": m.driver,
            "critical": m.critical,
            "reasons": list(m.reasons),
        }
        for m in plan.milestones.values()
    ]


def phase_rows(plan: Schedule) -> list[dict[str, Any]]:
    return [
        {
            "id": p.id,
            "name": p.name,
            "start": _iso(p.start),
            "end": _iso(p.end),
            "planned_end": _iso(p.planned_end),
            "planned_start": _iso(p.planned_start),
            "percent": p.percent,
            "sprints": p.sprints,
            "beyond_plan": p.beyond_plan,
            "critical": p.critical,
        }
        for p in plan.phases.values()
    ]


def schedule_document(plan: Schedule) -> dict[str, Any]:
    """The schedule alone (used by `fanzone report gantt --format json`)."""
    return {
        "as_of": _iso(plan.today),
        "current_sprint": plan.current_sprint,
        "end": _iso(plan.end),
        "plan_end": _iso(plan.plan_end),
        "scope": plan.scope.as_dict(),
        "sprints": sprint_rows(plan),
        "phases": phase_rows(plan),
        "epics": [
            {
                "id": e.id,
                "title": e.title,
                "start": _iso(e.start),
                "end": _iso(e.end),
                "points": e.points,
                "done_points": e.done_points,
                "percent": e.percent,
                "wont_points": e.scope.wont.points,
                "beyond_plan": e.beyond_plan,
                "critical": e.critical,
            }
            for e in plan.epics.values()
        ],
        "stories": [
            {
                "id": s.id,
                "epic": s.epic,
                "sprint": s.sprint,
                "start": _iso(s.start),
                "end": _iso(s.end),
                "status": s.status,
                "status_category": s.status_category,
                "points": s.points,
                "placement": s.placement.value,
                "pinned": s.pinned,
                "beyond_plan": s.beyond_plan,
            }
            for s in plan.stories.values()
        ],
        "milestones": milestone_rows(plan),
        "critical_path": list(plan.critical_path),
        "warnings": list(plan.warnings),
    }


def add_schedule(
    document: dict[str, Any], backlog: Backlog, today: dt.date | None = None, *, plan: Schedule | None = None
) -> dict[str, Any]:
    """Add the computed schedule to `fanzone export json`'s document (in place, and returned).

    Per epic: `start`, `end`, `points` and `percent` (its release scope), `figures`, `wont`, `beyond_plan`,
    `critical`; per story: `sprint` (the planned one; `pinned` tells whether the YAML fixed it), `start`, `end`,
    `status_category`, `placement`, `beyond_plan`; top level: `as_of`, `scope` (release, beyond_plan, wont:
    the figures every view shows), `plan_end`, `sprints`, `phases`, `milestones`, `critical_path`,
    `schedule_warnings`. The status date is `today`, else `project.as_of`, else the current date (this is the
    command line's edge).
    A command passes its context's `plan` (computed once); without it the schedule is computed here.
    """
    if plan is None:
        plan = schedule(backlog, today_for(backlog.project, today, clock=dt.date.today))
    for epic_data in document.get("epics", []):
        epic = plan.epics.get(epic_data.get("id"))
        if epic is None:
            continue
        epic_data["start"] = _iso(epic.start)
        epic_data["end"] = _iso(epic.end)
        epic_data["points"] = epic.points  # the release scope's (won't-have in `wont`)
        epic_data["percent"] = epic.percent
        epic_data["figures"] = epic.scope.release.as_dict()
        epic_data["wont"] = epic.scope.wont.as_dict()
        epic_data["beyond_plan"] = epic.beyond_plan
        epic_data["critical"] = epic.critical
        for story_data in epic_data.get("stories", []):
            story = plan.stories.get(story_data.get("id"))
            if story is None:
                continue
            story_data["sprint"] = story.sprint
            story_data["pinned"] = story.pinned
            story_data["start"] = _iso(story.start)
            story_data["end"] = _iso(story.end)
            story_data["status_category"] = story.status_category
            story_data["placement"] = story.placement.value
            story_data["beyond_plan"] = story.beyond_plan
    document["as_of"] = _iso(plan.today)
    document["scope"] = plan.scope.as_dict()
    document["plan_end"] = _iso(plan.plan_end)
    document["sprints"] = sprint_rows(plan)
    document["phases"] = phase_rows(plan)
    document["milestones"] = milestone_rows(plan)
    document["critical_path"] = list(plan.critical_path)
    document["schedule_warnings"] = list(plan.warnings)
    return document
