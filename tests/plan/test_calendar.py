"""The working-day calendar (`generators/plan/calendar.py`): public holidays of the country and its region."""

from __future__ import annotations

import datetime as dt

from planbuild import make_backlog, make_project

from generators.model import Calendar
from generators.plan import WorkCalendar, schedule

MONDAY = dt.date(2025, 4, 7)  # first day of sprint 1 in make_project()
GOOD_FRIDAY = dt.date(2025, 4, 18)  # a public holiday in Alsace-Moselle (Moselle: 57), not in the rest of France


def test_a_regional_holiday_shortens_the_sprint_it_falls_in() -> None:
    national = schedule(make_backlog(make_project(), []), MONDAY).sprint(1)
    moselle = schedule(make_backlog(make_project(calendar={"subdivision": "57"}), []), MONDAY).sprint(1)
    assert national.days_off == []
    assert [day for day, _ in moselle.days_off] == [GOOD_FRIDAY]
    assert moselle.working_days == national.working_days - 1
    assert moselle.capacity < national.capacity


def test_regional_calendar_adds_saint_stephen_and_keeps_the_national_days() -> None:
    national = WorkCalendar(Calendar(start=MONDAY, country="FR"))
    alsace = WorkCalendar(Calendar(start=MONDAY, country="FR", subdivision="6AE"))
    boxing_day, christmas = dt.date(2025, 12, 26), dt.date(2025, 12, 25)
    assert national.is_working(boxing_day) and not alsace.is_working(boxing_day)
    assert alsace.holiday(christmas) is not None and national.holiday(christmas) is not None
    assert not national.unknown_country and not alsace.unknown_country


def test_an_unknown_region_keeps_the_national_holidays_and_warns() -> None:
    plan = schedule(make_backlog(make_project(calendar={"subdivision": "67"}), []), MONDAY)
    assert [name for _, name in plan.sprint(2).days_off] == ["Lundi de Pâques", "Fête du Travail"]
    assert any("région '67' inconnue" in w and "57" in w for w in plan.warnings), plan.warnings
    assert not any("pays" in w for w in plan.warnings)
