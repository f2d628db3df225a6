"""The project (`backlog/project.yaml`) and the kinds declared inside it: phases and milestones."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator
from typing import Any

from ..model import Backlog, Milestone, Phase, Project, StatusCategory
from ..model.common import MILESTONE_ID, SLUG
from .registry import Format, Issue, Kind, Ref

MAX_PLAN_YEARS = 20  # PlantUML refuses a Gantt chart longer than this ("cannot last more than 20 years")

_DEPENDS = "{field}: unknown phase, epic, story or milestone {value!r}"
_DEP_TARGETS = ("phase", "epic", "story", "milestone")


def plan_limit(start: dt.date) -> dt.date:
    """The last day a plan starting on `start` may reach."""
    try:
        return start.replace(year=start.year + MAX_PLAN_YEARS)
    except ValueError:  # 29 February
        return start.replace(year=start.year + MAX_PLAN_YEARS, day=28)


def _project_checks(project: Project, _parent: Any, backlog: Backlog) -> Iterator[Issue]:
    """The plan must fit PlantUML's Gantt: sprints (declared, pinned or needed by the open points) and dates."""
    limit = plan_limit(project.calendar.start)
    too_long = f"is after {limit}: a plan cannot last more than {MAX_PLAN_YEARS} years (the Gantt's limit)"
    plan = project.sprints
    pinned = max((s.sprint or 0 for s in backlog.stories), default=0)
    open_points = sum(s.points for s in backlog.stories if backlog.category(s) is not StatusCategory.DONE)
    needed = max(plan.count, pinned, math.ceil(open_points / project.velocity))
    assert plan.first_start is not None  # set by the model
    end = plan.first_start + dt.timedelta(weeks=plan.length_weeks * needed)
    if end > limit:
        yield Issue(
            f"the plan needs at least {needed} sprints of {plan.length_weeks} weeks (declared sprints, pinned "
            f"sprints and {open_points} open points at velocity {project.velocity}); its end {end} {too_long}",
            "sprints",
            "plan-length",
        )
    for index, milestone in enumerate(project.milestones):
        if milestone.date > limit:
            where = f"milestones.{index}.date"
            yield Issue(f"milestone {milestone.id}: date {milestone.date} {too_long}", where, "plan-length")
    for index, phase in enumerate(project.phases):
        for name in ("start", "end"):
            day = getattr(phase, name)
            if day is not None and day > limit:
                yield Issue(f"phase {phase.id}: {name} {day} {too_long}", f"phases.{index}.{name}", "plan-length")


def _locate(project: Project, _data: Any) -> Iterator[tuple[str, tuple[Any, ...]]]:
    for index, member in enumerate(project.team):
        yield member.id, ("team", index)
    for index, status in enumerate(project.statuses):
        yield f"status:{status.name}", ("statuses", index)


KINDS = [
    Kind(
        name="project",
        label="project",
        plural="projects",
        model=Project,
        id_pattern=r"^project$",
        files=("backlog/project.yaml",),
        required="missing file: the project needs backlog/project.yaml",
        default_id=lambda path: "project",
        object_id=lambda project: "project",
        checks=_project_checks,
        locate=_locate,
    ),
    Kind(
        name="phase",
        label="phase",
        plural="phases",
        model=Phase,
        id_pattern=SLUG,
        parent="project",
        items="phases",
        refs=(Ref("depends_on", _DEP_TARGETS, acyclic=True, message=_DEPENDS),),
    ),
    Kind(
        name="milestone",
        label="milestone",
        plural="milestones",
        model=Milestone,
        id_pattern=MILESTONE_ID,
        parent="project",
        items="milestones",
        refs=(Ref("depends_on", _DEP_TARGETS, message=_DEPENDS),),
    ),
]

__all__ = ["KINDS", "MAX_PLAN_YEARS", "Format", "plan_limit"]
