"""Assign every story to a sprint: done and pinned stories first, then open stories by priority.

Rules, in order:
- a done story keeps the sprint written in its YAML (none if it has none);
- an open story pinned with `sprint:` stays there, unless that sprint is already over: it is then carried
  over to the current sprint (as Jira does with unfinished issues). Pins may overcommit a sprint;
- the other open stories are taken in priority order: in progress first, then MoSCoW, then epic order,
  then story order. `wont` stories are not planned, unless a planned story depends on them;
- a story is placed in the first sprint, from the current one on, that is not before any of its
  dependencies (the same sprint is allowed) and has room for its points. Dependencies are placed first
  (they inherit the priority of the story that needs them); the dependencies of pinned stories are placed
  before everything else, so that they land before the pin when capacity allows;
- a story larger than a whole sprint's capacity goes alone into the first empty sprint (flagged
  overcommitted). Sprints past `sprints.count` are created as needed.
"""

from __future__ import annotations

import datetime as dt

from ..model import Backlog, Priority, StatusCategory, Story
from .model import Placement, StoryPlan
from .sprints import SprintTrack

_EPS = 1e-9


class _Assigner:
    def __init__(self, backlog: Backlog, track: SprintTrack, today: dt.date) -> None:
        self.backlog = backlog
        self.track = track
        self.current = track.current(today)
        self.plans: dict[str, StoryPlan] = {}
        self.first_fit: dict[int, int] = {}  # points -> no sprint before this number (>= current) can take them
        self.stories = {story.id: story for story in backlog.stories}

    # --- recording --------------------------------------------------------------------------------
    def record(self, story: Story, sprint: int | None, placement: Placement, because: str | None = None) -> None:
        category = self.backlog.category(story)
        start = end = None
        if sprint is not None:
            slot = self.track.slot(sprint)
            slot.committed += story.points
            slot.stories.append(story.id)
            start, end = slot.start, slot.end
        self.plans[story.id] = StoryPlan(
            id=story.id,
            epic=story.epic_id,
            points=story.points,
            status=story.status,
            status_category=category.value,
            priority=story.priority.value,
            sprint=sprint,
            start=start,
            end=end,
            placement=placement,
            because_of=because,
            pinned=story.sprint is not None,
        )

    # --- fitting ----------------------------------------------------------------------------------
    def _fits(self, number: int, points: int) -> bool:
        slot = self.track.slot(number)
        if points <= slot.capacity + _EPS:
            return slot.committed + points <= slot.capacity + _EPS
        return not slot.stories and slot.capacity > 0  # oversize: alone in an empty sprint

    def fit(self, points: int, earliest: int) -> int:
        pointer = self.first_fit.get(points, self.current)
        number = max(earliest, pointer)
        advance = earliest <= pointer
        while not self._fits(number, points):
            number += 1
            if advance:
                self.first_fit[points] = number
        return number

    # --- placing ----------------------------------------------------------------------------------
    def place(self, root_id: str) -> None:
        """Place a story after its unplaced dependencies (iterative depth-first, cycle-safe)."""
        stack: list[tuple[str, bool]] = [(root_id, False)]
        visiting: set[str] = set()
        while stack:
            story_id, expanded = stack.pop()
            if story_id in self.plans:
                continue
            story = self.stories[story_id]
            if not expanded:
                if story_id in visiting:
                    continue
                visiting.add(story_id)
                stack.append((story_id, True))
                for dep in reversed(story.depends_on):
                    if dep in self.stories and dep not in self.plans and dep not in visiting:
                        stack.append((dep, False))
                continue
            earliest, because = self.current, None
            for dep in story.depends_on:
                plan = self.plans.get(dep)
                if plan is not None and plan.sprint is not None and plan.sprint > earliest:
                    earliest, because = plan.sprint, dep
            sprint = self.fit(story.points, earliest)
            if sprint > earliest:
                placement = Placement.CAPACITY
            elif because is not None:
                placement = Placement.DEPENDENCY
            else:
                placement = Placement.FIRST_AVAILABLE
            self.record(story, sprint, placement, because)
            self.plans[story_id].earliest = earliest

    def run(self) -> dict[str, StoryPlan]:
        backlog = self.backlog
        order = {story.id: index for index, story in enumerate(backlog.stories)}
        epic_order = {epic.id: index for index, epic in enumerate(backlog.epics)}
        pinned: list[Story] = []
        flexible: list[Story] = []
        for story in backlog.stories:
            category = backlog.category(story)
            if category is StatusCategory.DONE:
                placement = Placement.DONE if story.sprint is not None else Placement.UNSCHEDULED
                self.record(story, story.sprint, placement)
            elif story.sprint is not None:
                if story.sprint < self.current:
                    self.record(story, self.current, Placement.CARRIED_OVER)
                else:
                    self.record(story, story.sprint, Placement.PINNED)
                pinned.append(story)
            else:
                flexible.append(story)
        for story in sorted(pinned, key=lambda s: (self.plans[s.id].sprint or 0, order[s.id])):
            for dep in story.depends_on:
                if dep in self.stories and dep not in self.plans:
                    self.place(dep)
        flexible.sort(
            key=lambda s: (
                0 if backlog.category(s) is StatusCategory.IN_PROGRESS else 1,
                s.priority.rank,
                epic_order.get(backlog.epic_of(s.id).id, 0),
                order[s.id],
            )
        )
        for story in flexible:
            if story.priority is not Priority.WONT:
                self.place(story.id)
        for story in flexible:  # wont stories nobody needs
            if story.id not in self.plans:
                self.record(story, None, Placement.UNSCHEDULED)
        for story in pinned:
            plan = self.plans[story.id]
            for dep in story.depends_on:
                other = self.plans.get(dep)
                if other is None or other.status_category == StatusCategory.DONE.value:
                    continue
                if other.sprint is None or (plan.sprint is not None and other.sprint > plan.sprint):
                    plan.conflicts.append(dep)
        return {story.id: self.plans[story.id] for story in backlog.stories}


def assign(backlog: Backlog, track: SprintTrack, today: dt.date) -> dict[str, StoryPlan]:
    """Story plans in backlog order (see the module docstring for the rules)."""
    return _Assigner(backlog, track, today).run()
