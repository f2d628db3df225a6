"""The scope model: what the release holds, what does not fit in its sprints, and what is out of it.

Defined once here; every figure shown anywhere (dashboard, Planning, Kanban, Burndown, terminal reports,
workbooks, `fanzone export json`) comes from `Scope`:

- **release scope**: every story that is not won't-have (must, should, could);
- **beyond the plan**: release stories that are not done and are scheduled after the plan's last sprint
  (`sprints.count`): they are in the release but do not fit in the planned sprints;
- **won't-have**: out of the release. Shown apart, never counted in progress, even when a release story
  depends on one (the scheduler then plans it, as work the release needs, but it stays out of the figures).

Percent done is points done over points (stories when the scope has no points), rounded to a whole percent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from ..model import Priority, Story
from .model import StoryPlan

DONE = "done"


def in_release(story: Story) -> bool:
    """The one rule of the release scope: every priority but won't-have."""
    return story.priority is not Priority.WONT


@dataclass(frozen=True)
class Figures:
    """Stories and points of a set of stories, and how much of it is done."""

    stories: int = 0
    stories_done: int = 0
    points: int = 0
    points_done: int = 0

    @property
    def percent(self) -> int:
        if self.points:
            return round(100 * self.points_done / self.points)
        return round(100 * self.stories_done / self.stories) if self.stories else 0

    @property
    def remaining_points(self) -> int:
        return self.points - self.points_done

    @property
    def remaining_stories(self) -> int:
        return self.stories - self.stories_done

    def as_dict(self) -> dict[str, int]:
        return {
            "stories": self.stories,
            "stories_done": self.stories_done,
            "points": self.points,
            "points_done": self.points_done,
            "percent_done": self.percent,
            "remaining_points": self.remaining_points,
            "remaining_stories": self.remaining_stories,
        }


def figures_of(plans: Iterable[StoryPlan]) -> Figures:
    """Figures of story plans (done = status category `done`)."""
    stories = stories_done = points = points_done = 0
    for plan in plans:
        stories += 1
        points += plan.points
        if plan.status_category == DONE:
            stories_done += 1
            points_done += plan.points
    return Figures(stories, stories_done, points, points_done)


@dataclass(frozen=True)
class Scope:
    release: Figures  # must + should + could: the figures of progress
    beyond: Figures  # release stories not done, planned after the plan's last sprint
    wont: Figures  # won't-have: out of the release, shown apart
    release_ids: frozenset[str]
    beyond_ids: frozenset[str]
    wont_ids: frozenset[str]

    def as_dict(self) -> dict[str, object]:
        return {
            "release": self.release.as_dict(),
            "beyond_plan": {**self.beyond.as_dict(), "stories_ids": sorted(self.beyond_ids)},
            "wont": {**self.wont.as_dict(), "stories_ids": sorted(self.wont_ids)},
        }


def release_end(plans: Iterable[StoryPlan]) -> dt.date | None:
    """The day the plan finishes the release scope: the last end of a release story not yet done."""
    ends = [p.end for p in plans if p.end is not None and p.priority != "wont" and p.status_category != DONE]
    return max(ends, default=None)


def scope_of(stories: Iterable[Story], plans: dict[str, StoryPlan], sprint_count: int) -> Scope:
    """The scope of a set of stories (the whole backlog, an epic, a filter's selection)."""
    release: list[StoryPlan] = []
    beyond: list[StoryPlan] = []
    wont: list[StoryPlan] = []
    for story in stories:
        plan = plans[story.id]
        if not in_release(story):
            wont.append(plan)
            continue
        release.append(plan)
        if plan.status_category != DONE and plan.sprint is not None and plan.sprint > sprint_count:
            beyond.append(plan)
    return Scope(
        figures_of(release),
        figures_of(beyond),
        figures_of(wont),
        frozenset(p.id for p in release),
        frozenset(p.id for p in beyond),
        frozenset(p.id for p in wont),
    )
