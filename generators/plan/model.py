"""The computed schedule: plain dataclasses, no I/O."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .scope import Scope


class Placement(StrEnum):
    """Why a story sits in its sprint (used to explain slips)."""

    DONE = "done"  # finished: keeps the sprint written in the YAML
    PINNED = "pinned"  # `sprint:` written in the YAML
    CARRIED_OVER = "carried_over"  # pinned to a sprint already over, not finished: moved to the current sprint
    FIRST_AVAILABLE = "first_available"  # the earliest sprint the status date allows
    DEPENDENCY = "dependency"  # the sprint of a story it depends on
    CAPACITY = "capacity"  # earlier sprints were full
    UNSCHEDULED = "unscheduled"  # `wont` (not planned this time), or done without a sprint


@dataclass
class SprintSlot:
    number: int
    name: str
    start: dt.date  # first working day (calendar start when the sprint has none)
    end: dt.date  # last working day
    working_days: int
    nominal_days: int
    days_off: list[tuple[dt.date, str]]  # public holidays and closures that fall on working weekdays
    capacity: float  # velocity scaled by the working days actually available
    in_plan: bool  # within project.sprints.count; False for the extra sprints the backlog needs
    lost: float = 0.0  # points of capacity lost to the days off
    committed: int = 0  # points of every story in the sprint (done ones included)
    stories: list[str] = field(default_factory=list)

    @property
    def overcommitted(self) -> bool:
        return self.committed > self.capacity + 1e-9


@dataclass
class StoryPlan:
    id: str
    epic: str
    points: int
    status: str
    status_category: str
    priority: str
    sprint: int | None
    start: dt.date | None
    end: dt.date | None
    placement: Placement
    because_of: str | None = None  # the dependency that set the earliest possible sprint, if any
    earliest: int | None = None  # the earliest sprint allowed (status date and dependencies)
    pinned: bool = False
    conflicts: list[str] = field(default_factory=list)  # dependencies planned after this (pinned) story
    beyond_plan: bool = False  # open and planned after the plan's last sprint


@dataclass
class EpicPlan:
    """An epic's dates and figures. The figures are its release scope (`scope.release`): won't-have stories
    are counted apart (`scope.wont`), never in `points` or `percent`."""

    id: str
    title: str
    start: dt.date | None
    end: dt.date | None
    scope: Scope
    critical: bool = False

    @property
    def points(self) -> int:
        return self.scope.release.points

    @property
    def done_points(self) -> int:
        return self.scope.release.points_done

    @property
    def stories(self) -> int:
        return self.scope.release.stories

    @property
    def done_stories(self) -> int:
        return self.scope.release.stories_done

    @property
    def percent(self) -> int:
        return self.scope.release.percent

    @property
    def beyond_plan(self) -> bool:
        """Some of its release work is planned after the plan's last sprint."""
        return bool(self.scope.beyond_ids)


@dataclass
class PhasePlan:
    id: str
    name: str
    start: dt.date
    end: dt.date
    percent: int
    sprints: bool
    planned_start: dt.date | None = None  # as declared (or derived without delays)
    planned_end: dt.date | None = None  # as declared; for the development phase, the end of the last planned sprint
    pushed_by: str | None = None  # the dependency that pushed the start past the planned one
    critical: bool = False
    beyond_plan: bool = False  # development: must work planned after the plan's last sprint

    @property
    def slip_days(self) -> int:
        return (self.end - self.planned_end).days if self.planned_end else 0


@dataclass
class MilestonePlan:
    id: str
    name: str
    planned: dt.date  # the committed date (project.yaml)
    forecast: dt.date | None  # the planned date, or later when what it depends on finishes after it
    driver: str | None = None  # the dependency that finishes last
    ready: dt.date | None = None  # the day everything it depends on is finished (None: no dated dependency)
    reasons: list[str] = field(default_factory=list)  # French sentences: why this forecast (late or on time)
    critical: bool = False

    @property
    def slips(self) -> bool:
        return self.forecast is not None and self.forecast > self.planned

    @property
    def slip_days(self) -> int:
        if self.forecast is None:
            return 0
        return (self.forecast - self.planned).days


@dataclass
class Schedule:
    today: dt.date
    current_sprint: int
    velocity: int
    sprints: list[SprintSlot]
    stories: dict[str, StoryPlan]
    epics: dict[str, EpicPlan]
    phases: dict[str, PhasePlan]
    milestones: dict[str, MilestonePlan]
    critical_path: list[str]
    end: dt.date | None  # the date the critical path fixes (MVP end)
    scope: Scope  # the release scope, what does not fit, won't-have: the one source of every figure
    warnings: list[str] = field(default_factory=list)

    def sprint(self, number: int) -> SprintSlot:
        return self.sprints[number - 1]

    @property
    def planned_sprints(self) -> list[SprintSlot]:
        return [s for s in self.sprints if s.in_plan]

    @property
    def plan_end(self) -> dt.date | None:
        """The last day of the plan's last sprint (work after it is `beyond_plan`)."""
        planned = self.planned_sprints
        return planned[-1].end if planned else None
