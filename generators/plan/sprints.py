"""Sprint slots with dates and capacity, created on demand past the release plan when the backlog needs them."""

from __future__ import annotations

import datetime as dt

from ..model import Project
from .calendar import WorkCalendar
from .model import SprintSlot

MAX_SPRINTS = 5000  # a guard against runaway plans (10,000 stories at velocity 20 need about 2,600)


class SprintTrack:
    """The list of sprints, extended lazily. Sprint numbers start at 1; index = number - 1.

    Capacity is the velocity scaled by the working days actually available in the sprint (public holidays
    and closures removed). It is not scaled by the team members' `capacity`: the velocity is measured with
    the declared team, so scaling it again would count part-time work twice.
    """

    def __init__(self, project: Project, calendar: WorkCalendar) -> None:
        self.project = project
        self.calendar = calendar
        self.length = dt.timedelta(weeks=project.sprints.length_weeks)
        self.nominal = project.sprints.length_weeks * len(calendar.weekdays)
        self.slots: list[SprintSlot] = []
        self.ensure(project.sprints.count)

    def ensure(self, number: int) -> None:
        """Create sprints up to `number` (included)."""
        if number > MAX_SPRINTS:
            raise ValueError(f"the plan would need more than {MAX_SPRINTS} sprints: check velocity and points")
        while len(self.slots) < number:
            self.slots.append(self._make(len(self.slots) + 1))

    def _make(self, number: int) -> SprintSlot:
        plan = self.project.sprints
        raw_start = plan.first_start + self.length * (number - 1)
        raw_end = raw_start + self.length - dt.timedelta(days=1)
        days = self.calendar.working_days(raw_start, raw_end)
        days_off = self.calendar.nonworking_weekdays(raw_start, raw_end)
        velocity = self.project.velocity
        capacity = round(velocity * len(days) / self.nominal, 1) if self.nominal else 0.0
        return SprintSlot(
            number=number,
            name=f"{plan.prefix} {number}",
            start=days[0] if days else raw_start,
            end=days[-1] if days else raw_end,
            working_days=len(days),
            nominal_days=self.nominal,
            days_off=days_off,
            capacity=capacity,
            in_plan=number <= plan.count,
            lost=round(velocity * len(days_off) / self.nominal, 1) if self.nominal else 0.0,
        )

    def slot(self, number: int) -> SprintSlot:
        self.ensure(number)
        return self.slots[number - 1]

    def current(self, today: dt.date) -> int:
        """The sprint the status date falls in (1 before the first sprint; past the plan, a new sprint)."""
        plan = self.project.sprints
        if today < plan.first_start:
            return 1
        number = (today - plan.first_start) // self.length + 1
        self.ensure(number)
        return number
