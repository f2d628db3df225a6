"""The plan against a baseline: the baseline's dates beside the forecast, and the slip since the baseline.

Pure functions. The baseline's schedule is computed by the same `schedule()` as the forecast, from the
baseline's own content (the project context loads it from git objects); `PlanDates` keeps only the dates the
comparison needs, so that it can be cached as JSON. The slip is counted in **working days** of the project's
calendar (public holidays and closures excluded): positive when the forecast ends later than the baseline did.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from .calendar import ONE_DAY, WorkCalendar
from .model import Schedule

Span = tuple[dt.date | None, dt.date | None]


@dataclass(frozen=True)
class PlanDates:
    """What a schedule says, reduced to the dates compared with a baseline."""

    today: dt.date
    end: dt.date | None
    epics: dict[str, Span]
    milestones: dict[str, dt.date | None]  # the forecast of each milestone

    @classmethod
    def of(cls, plan: Schedule) -> PlanDates:
        return cls(
            plan.today,
            plan.end,
            {epic_id: (epic.start, epic.end) for epic_id, epic in plan.epics.items()},
            {m_id: m.forecast for m_id, m in plan.milestones.items()},
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "today": self.today.isoformat(),
            "end": _iso(self.end),
            "epics": {k: [_iso(a), _iso(b)] for k, (a, b) in self.epics.items()},
            "milestones": {k: _iso(v) for k, v in self.milestones.items()},
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PlanDates:
        """The inverse of `as_json`; raises KeyError, TypeError or ValueError on a damaged record."""
        return cls(
            dt.date.fromisoformat(data["today"]),
            _day(data["end"]),
            {k: (_day(a), _day(b)) for k, (a, b) in data["epics"].items()},
            {k: _day(v) for k, v in data["milestones"].items()},
        )


@dataclass(frozen=True)
class Slip:
    """One row against the baseline: the baseline's dates and how far the forecast's end moved."""

    start: dt.date | None  # the baseline's start (milestones: its forecast then)
    end: dt.date | None  # the baseline's end (milestones: its forecast then)
    days: int | None  # working days, + later / - earlier; None when not in the baseline or undated on a side
    new: bool = False  # not in the baseline


@dataclass(frozen=True)
class BaselinePlan:
    """The plan of one baseline compared with the forecast: computed once, shown by every view."""

    name: str  # "v1.0"
    date: dt.date  # the day the baseline was tagged
    status_date: dt.date  # the baseline schedule's status date (its as_of, else the tag's day)
    end: Slip  # the forecast end of the whole plan
    epics: dict[str, Slip]
    milestones: dict[str, Slip]
    removed: tuple[str, ...] = ()  # epics and milestones of the baseline that are gone

    def as_json(self) -> dict[str, Any]:
        """For `report gantt --format json`: the baseline's dates and the slip in working days."""

        def row(slip: Slip) -> dict[str, Any]:
            return {"start": _iso(slip.start), "end": _iso(slip.end), "slip_working_days": slip.days, "new": slip.new}

        return {
            "name": self.name,
            "date": self.date.isoformat(),
            "status_date": self.status_date.isoformat(),
            "end": row(self.end),
            "epics": {k: row(v) for k, v in self.epics.items()},
            "milestones": {k: row(v) for k, v in self.milestones.items()},
            "removed": list(self.removed),
        }


def working_slip(calendar: WorkCalendar, before: dt.date | None, after: dt.date | None) -> int | None:
    """Working days from `before` to `after` (negative when `after` is earlier); None when one is missing."""
    if before is None or after is None:
        return None
    if after >= before:
        return calendar.count(before + ONE_DAY, after)
    return -calendar.count(after + ONE_DAY, before)


def compare(name: str, tagged: dt.date, old: PlanDates, new: Schedule, calendar: WorkCalendar) -> BaselinePlan:
    epics = {}
    for epic_id, epic in new.epics.items():
        if epic_id not in old.epics:
            epics[epic_id] = Slip(None, None, None, new=True)
            continue
        start, end = old.epics[epic_id]
        epics[epic_id] = Slip(start, end, working_slip(calendar, end, epic.end))
    milestones = {}
    for m_id, milestone in new.milestones.items():
        if m_id not in old.milestones:
            milestones[m_id] = Slip(None, None, None, new=True)
            continue
        then = old.milestones[m_id]
        milestones[m_id] = Slip(then, then, working_slip(calendar, then, milestone.forecast))
    removed = tuple(k for k in [*old.epics, *old.milestones] if k not in new.epics and k not in new.milestones)
    end = Slip(old.end, old.end, working_slip(calendar, old.end, new.end))
    return BaselinePlan(name, tagged, old.today, end, epics, milestones, removed)


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value is not None else None
