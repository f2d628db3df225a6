"""The plan figures a spec page cites (`{{ plan.must_points }}`): computed once per context from the schedule
and its scope (the same source as the dashboard and the Planning tab), as raw numbers and dates.

Keys are declared in `generators.model.plan_keys`; the site words them (French numbers and dates) and builds
the tables.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ..plan import Schedule, StoryPlan
from ..plan.scope import DONE

Value = int | float | dt.date | None
PRIORITIES = ("must", "should", "could", "wont")


def _points(plans: Iterable[StoryPlan]) -> int:
    return sum(p.points for p in plans)


def by_priority(plan: Schedule, priority: str) -> dict[str, int]:
    """Stories and points of one priority: all, done, in progress, to do, planned in the plan's sprints, beyond."""
    plans = [p for p in plan.stories.values() if p.priority == priority]
    count = plan.planned_sprints[-1].number if plan.planned_sprints else 0
    in_plan = [p for p in plans if p.sprint is not None and p.sprint <= count]
    return {
        "stories": len(plans),
        "points": _points(plans),
        "done": _points(p for p in plans if p.status_category == DONE),
        "in_progress": _points(p for p in plans if p.status_category == "in_progress"),
        "todo": _points(p for p in plans if p.status_category == "todo"),
        "planned": _points(in_plan) if priority != "wont" else 0,
        "out": _points(plans) - (_points(in_plan) if priority != "wont" else 0),
    }


def plan_values(plan: Schedule, epics: int) -> dict[str, Value]:
    """Every scalar plan figure, by key (see `plan_keys.FIGURES`)."""
    scope = plan.scope
    prio = {name: by_priority(plan, name) for name in PRIORITIES}
    release = [p for p in plan.stories.values() if p.id in scope.release_ids]
    planned = plan.planned_sprints
    capacity = round(sum(s.capacity for s in planned), 1)
    committed = sum(s.committed for s in planned)
    values: dict[str, Value] = {
        "stories": len(plan.stories),
        "points": _points(plan.stories.values()),
        "epics": epics,
        "release_stories": scope.release.stories,
        "release_points": scope.release.points,
        "done_points": scope.release.points_done,
        "in_progress_points": _points(p for p in release if p.status_category == "in_progress"),
        "todo_points": _points(p for p in release if p.status_category == "todo"),
        "beyond_stories": scope.beyond.stories,
        "beyond_points": scope.beyond.points,
        "out_points": scope.beyond.points + scope.wont.points,
        "sprints": len(planned),
        "current_sprint": plan.current_sprint,
        "velocity": plan.velocity,
        "capacity_points": capacity,
        "committed_points": committed,
        "margin_points": round(capacity - committed, 1),
        "start": planned[0].start if planned else None,
        "end": plan.plan_end,
        "as_of": plan.today,
        "must_done_points": prio["must"]["done"],
        "must_in_progress_points": prio["must"]["in_progress"],
    }
    for name in PRIORITIES:
        values[f"{name}_stories"] = prio[name]["stories"]
        values[f"{name}_points"] = prio[name]["points"]
        if name != "wont":
            values[f"{name}_planned_points"] = prio[name]["planned"]
            values[f"{name}_out_points"] = prio[name]["out"]
    for sprint in planned:
        values[f"sprint.{sprint.number}.capacity"] = round(sprint.capacity, 1)
        values[f"sprint.{sprint.number}.committed"] = sprint.committed
    for milestone in plan.milestones.values():
        values[f"milestone.{milestone.id}.date"] = milestone.planned
        values[f"milestone.{milestone.id}.forecast"] = milestone.forecast
    for phase in plan.phases.values():
        values[f"phase.{phase.id}.start"] = phase.start
        values[f"phase.{phase.id}.end"] = phase.end
    return values
