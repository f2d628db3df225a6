"""Epics (`backlog/epics/*.yaml`, one a file) and the stories nested in them."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Area, Backlog, Epic, Priority, Severity, Story
from ..model.common import EPIC_ID, STORY_ID
from .registry import Issue, Kind, Ref

_EPIC_IN_NAME = re.compile(r"^(E[0-9]{2,3})")


def _epic_in_name(path) -> str:  # type: ignore[no-untyped-def]
    match = _EPIC_IN_NAME.match(path.stem)
    return match.group(1) if match else "-"


def _story_checks(story: Story, epic: Epic, backlog: Backlog) -> Iterator[Issue]:
    sid = story.id
    if story.epic_id != epic.id:
        yield Issue(f"story id {sid} does not belong to epic {epic.id} (expected {epic.id}-Sxx)", "id", "id")
    project = backlog.project
    if project.status(story.status) is None:
        allowed = ", ".join(sorted(s.name for s in project.statuses))
        yield Issue(f"status: unknown status {story.status!r} (declared: {allowed})", "status", "reference")
    count = project.sprints.count
    if story.sprint is not None and story.sprint > count:
        yield Issue(
            f"sprint: sprint {story.sprint} is beyond the plan ({count} sprints in project.yaml)", "sprint", "sprint"
        )
    if story.priority is Priority.MUST and len(story.acceptance) < 2:
        yield Issue(
            "a must story needs at least two acceptance criteria (one for an error path)",
            "acceptance",
            "quality",
            Severity.WARNING,
        )
    outside = [p.value for p in story.platforms if epic.platforms and p not in epic.platforms]
    if outside:
        declared = ", ".join(p.value for p in epic.platforms)
        yield Issue(
            f"platforms: {', '.join(outside)} not among the epic's platforms ({declared}): add it to the epic",
            "platforms",
            "platform",
        )
    if epic.area in (Area.FRONT_OFFICE, Area.BACK_OFFICE) and not story.screens:
        yield Issue(f"story in a {epic.area.value} epic has no screen", "screens", "quality", Severity.WARNING)


KINDS = [
    Kind(
        name="epic",
        label="epic",
        plural="epics",
        model=Epic,
        id_pattern=EPIC_ID,
        files=("backlog/epics/*.y*ml",),
        folder="backlog/epics",
        default_id=_epic_in_name,
        refs=(Ref("depends_on", ("epic",), acyclic=True),),
        sort_key=lambda epic: (int(epic.id[1:]), epic.id),
    ),
    Kind(
        name="story",
        label="story",
        plural="stories",
        model=Story,
        id_pattern=STORY_ID,
        parent="epic",
        items="stories",
        refs=(
            Ref("as_a", ("persona",)),
            Ref("depends_on", ("story",), acyclic=True),
            Ref("screens", ("screen",)),
            Ref("rules", ("rule",)),
        ),
        checks=_story_checks,
    ),
]
