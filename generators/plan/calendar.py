"""Working-day calendar: weekdays worked, public holidays (the `holidays` package) and company closures."""

from __future__ import annotations

import datetime as dt
from functools import cached_property

import holidays

from ..model import Calendar

ONE_DAY = dt.timedelta(days=1)


class WorkCalendar:
    """Answers "is this a working day?" quickly for any date; holidays are computed lazily, a year at a time."""

    def __init__(self, calendar: Calendar) -> None:
        self.calendar = calendar
        self.weekdays = frozenset(calendar.weekday_numbers)
        self.closures = frozenset(calendar.closures)
        self._holidays: dict[dt.date, str | None] = {}
        self.unknown_country = False
        self.unknown_subdivision = False

    @cached_property
    def _source(self) -> holidays.HolidayBase | None:
        country, subdivision = self.calendar.country, self.calendar.subdivision
        try:
            return holidays.country_holidays(country, subdiv=subdivision, language="fr", years=())
        except NotImplementedError:
            pass
        if subdivision is not None:  # an unknown region keeps the country's national holidays
            try:
                source = holidays.country_holidays(country, language="fr", years=())
            except NotImplementedError:
                pass
            else:
                self.unknown_subdivision = True
                return source
        self.unknown_country = True
        return None

    def known_subdivisions(self) -> tuple[str, ...]:
        """The regions the `holidays` package knows for the country (empty for an unknown country)."""
        return tuple(holidays.list_supported_countries().get(self.calendar.country, ()))

    def holiday(self, day: dt.date) -> str | None:
        """The public holiday's name (in French when the package has it), or None."""
        if day not in self._holidays:
            source = self._source
            self._holidays[day] = None if source is None else source.get(day)  # expands the year on demand
        return self._holidays[day]

    def closure(self, day: dt.date) -> bool:
        return day in self.closures

    def is_working(self, day: dt.date) -> bool:
        if day.weekday() not in self.weekdays or day in self.closures:
            return False
        return self.holiday(day) is None

    def working_days(self, start: dt.date, end: dt.date) -> list[dt.date]:
        """Working days from start to end, both included."""
        days = []
        day = start
        while day <= end:
            if self.is_working(day):
                days.append(day)
            day += ONE_DAY
        return days

    def count(self, start: dt.date, end: dt.date) -> int:
        return len(self.working_days(start, end))

    def nonworking_weekdays(self, start: dt.date, end: dt.date) -> list[tuple[dt.date, str]]:
        """Days that would be worked but are not (public holidays, closures), with a French label."""
        found = []
        day = start
        while day <= end:
            if day.weekday() in self.weekdays:
                if day in self.closures:
                    found.append((day, "fermeture"))
                else:
                    name = self.holiday(day)
                    if name is not None:
                        found.append((day, name))
            day += ONE_DAY
        return found

    def next_working(self, day: dt.date) -> dt.date:
        """The first working day on or after `day`."""
        for _ in range(3660):
            if self.is_working(day):
                return day
            day += ONE_DAY
        raise ValueError("no working day within ten years: check calendar.working_days and closures")

    def previous_working(self, day: dt.date) -> dt.date:
        """The last working day on or before `day`."""
        for _ in range(3660):
            if self.is_working(day):
                return day
            day -= ONE_DAY
        raise ValueError("no working day within ten years: check calendar.working_days and closures")

    def add_working_days(self, start: dt.date, days: int) -> dt.date:
        """The date of the `days`-th working day counting `start` (a working day) as the first: days >= 1."""
        day = self.next_working(start)
        remaining = days - 1
        while remaining > 0:
            day = self.next_working(day + ONE_DAY)
            remaining -= 1
        return day
