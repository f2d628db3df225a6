"""The Monte Carlo forecast: exact dates on a constant throughput, determinism, ordering, warnings, milestones."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from planbuild import DOING, DONE, TODO, make_backlog, make_epic, make_project, make_story

from generators.model.history import StatusHistory
from generators.plan import WorkCalendar
from generators.plan.forecast import (
    MAX_WORKING_DAYS,
    MIN_COMPLETED,
    PERCENTILES,
    completion_dates,
    day_percentile,
    forecast,
    release_scope,
    simulate,
)

TODAY = dt.date(2025, 7, 8)  # a Tuesday; 14 July (Fête nationale) falls in the next week


def _history(done_days: dict[str, dt.date], reopened: tuple[str, ...] = ()) -> StatusHistory:
    stories = {}
    for story_id, day in done_days.items():
        at = dt.datetime.combine(day, dt.time(16, 0), tzinfo=dt.UTC)
        moves = [
            {"at": at - dt.timedelta(days=2), "from": None, "to": TODO},
            {"at": at - dt.timedelta(days=1), "from": TODO, "to": DOING},
            {"at": at, "from": DOING, "to": DONE},
        ]
        if story_id in reopened:
            moves.append({"at": at + dt.timedelta(hours=1), "from": DONE, "to": DOING})
        stories[story_id] = moves
    return StatusHistory.model_validate({"source": "manual", "stories": stories})


def _constant_case(per_day: int = 2, remaining: int = 12, points: int = 1, milestones: list | None = None):  # type: ignore[no-untyped-def]
    """`per_day` stories done on every working day of the 8 weeks before TODAY; `remaining` stories to do."""
    project = make_project(milestones=milestones or [], phases=[])
    calendar = WorkCalendar(project.calendar)
    days = calendar.working_days(TODAY - dt.timedelta(weeks=8) + dt.timedelta(days=1), TODAY)
    done_ids = {f"E01-S{i:02d}": day for i, day in enumerate((d for d in days for _ in range(per_day)), start=1)}
    done = [make_story(story_id, points=points, status=DONE) for story_id in done_ids]
    todo = [make_story(f"E02-S{i:02d}", points=points) for i in range(1, remaining + 1)]
    wont = [make_story("E03-S01", points=points, priority="wont")]
    backlog = make_backlog(project, [make_epic("E01", done), make_epic("E02", todo), make_epic("E03", wont)])
    return backlog, _history(done_ids)


def test_constant_throughput_gives_the_exact_date() -> None:
    backlog, history = _constant_case(per_day=2, remaining=12)
    result = forecast(backlog, history, TODAY, trials=500)
    # 12 stories at 2 a day: 6 working days after Tuesday 8 July, 14 July being a public holiday
    assert result.release.remaining == 12  # the won't-have story is out of the release scope
    assert result.release.dates == {50: dt.date(2025, 7, 17), 85: dt.date(2025, 7, 17), 95: dt.date(2025, 7, 17)}
    assert set(result.sample.values) == {2}
    assert result.sample.completed == 2 * len(result.sample.days)
    assert not result.short_history and not result.no_throughput
    assert result.weekly_histogram() == [(dt.date(2025, 7, 14), 500)]  # every trial ends in that week
    assert result.scope == result.sample.completed + 12
    assert result.done_so_far[-1] == (TODAY, result.sample.completed)
    assert result.fan[0] == (TODAY, dict.fromkeys(PERCENTILES, result.sample.completed))
    assert result.fan[-1] == (dt.date(2025, 7, 18), dict.fromkeys(PERCENTILES, result.scope))


def test_points_option_counts_points() -> None:
    backlog, history = _constant_case(per_day=1, remaining=5, points=3)
    result = forecast(backlog, history, TODAY, trials=200, points=True)
    assert result.unit == "points"
    assert set(result.sample.values) == {3}
    assert result.release.remaining == 15
    assert result.release.dates[85] == dt.date(2025, 7, 16)  # 5 working days: 9, 10, 11, 15, 16 (14 is off)
    assert forecast(backlog, history, TODAY, trials=200).release.dates[85] == dt.date(2025, 7, 16)


def test_how_many_by_a_date() -> None:
    backlog, history = _constant_case(per_day=2, remaining=12)
    two_days = forecast(backlog, history, TODAY, trials=300, by=dt.date(2025, 7, 10))
    assert two_days.by_quantities == {50: 4, 85: 4, 95: 4}
    later = forecast(backlog, history, TODAY, trials=300, by=dt.date(2025, 12, 31))
    assert later.by_quantities == {50: 12, 85: 12, 95: 12}  # never more than the remaining work
    past = forecast(backlog, history, TODAY, trials=300, by=dt.date(2025, 1, 1))
    assert past.by_quantities == {50: 0, 85: 0, 95: 0}


def _varied_case():  # type: ignore[no-untyped-def]
    project = make_project()
    calendar = WorkCalendar(project.calendar)
    days = calendar.working_days(dt.date(2025, 5, 14), TODAY)
    rng = np.random.default_rng(7)
    done_ids: dict[str, dt.date] = {}
    for day in days:
        for _ in range(int(rng.integers(0, 4))):
            done_ids[f"E01-S{len(done_ids) + 1:02d}"] = day
    done = [make_story(s, status=DONE) for s in done_ids]
    todo = [make_story(f"E02-S{i:02d}") for i in range(1, 61)]
    backlog = make_backlog(project, [make_epic("E01", done), make_epic("E02", todo)])
    return backlog, _history(done_ids)


def test_same_seed_same_dates_and_percentiles_ordered() -> None:
    backlog, history = _varied_case()
    first = forecast(backlog, history, TODAY, trials=2000, seed=11)
    again = forecast(backlog, history, TODAY, trials=2000, seed=11)
    assert first.release.dates == again.release.dates
    assert np.array_equal(first.release.days, again.release.days)
    dates = [first.release.dates[p] for p in PERCENTILES]
    assert all(d is not None for d in dates)
    assert dates == sorted(dates) and dates[0] < dates[-1]  # a spread, not a constant
    assert dates[0] > TODAY


def test_short_history_warns() -> None:
    backlog, history = _constant_case(per_day=2, remaining=3)
    few = {k: v for k, v in list(completion_dates(backlog, history, TODAY).items())[-(MIN_COMPLETED - 1) :]}
    result = forecast(backlog, _history(few), TODAY, trials=100)
    assert result.sample.completed == MIN_COMPLETED - 1
    assert result.short_history and not result.no_throughput
    enough = {k: v for k, v in list(completion_dates(backlog, history, TODAY).items())[-MIN_COMPLETED:]}
    assert not forecast(backlog, _history(enough), TODAY, trials=100).short_history


def test_no_throughput_gives_no_date_and_says_so() -> None:
    backlog, _ = _constant_case(remaining=4)
    result = forecast(backlog, None, TODAY, trials=100)
    assert result.release.dates == {50: None, 85: None, 95: None}
    assert result.no_throughput and result.short_history


def test_reopened_and_future_completions_do_not_count() -> None:
    backlog, _ = _constant_case(remaining=1)
    history = _history(
        {"E01-S01": dt.date(2025, 7, 1), "E01-S02": dt.date(2025, 7, 2), "E01-S03": dt.date(2025, 7, 9)},
        reopened=("E01-S02",),
    )
    assert completion_dates(backlog, history, TODAY) == {"E01-S01": dt.date(2025, 7, 1)}


def test_milestone_waits_for_its_stories_and_moves_its_phase() -> None:
    milestones = [
        {"id": "M01", "name": "Bêta", "date": dt.date(2025, 7, 31), "depends_on": ["E02-S01", "E02-S02"]},
        {"id": "M02", "name": "Lancement", "date": dt.date(2025, 9, 1), "depends_on": ["recette"]},
        {"id": "M03", "name": "Fini", "date": dt.date(2025, 3, 3), "depends_on": ["E01"]},
    ]
    project_phases = [
        {"id": "developpement", "name": "Développement", "sprints": True},
        {
            "id": "recette",
            "name": "Recette",
            "start": dt.date(2025, 7, 21),
            "end": dt.date(2025, 7, 25),
            "depends_on": ["developpement"],
        },
    ]
    backlog, history = _constant_case(per_day=2, remaining=12, milestones=milestones)
    backlog.project.phases = make_project(phases=project_phases).phases
    result = forecast(backlog, history, TODAY, trials=200)
    beta, launch, finished = result.milestones
    assert beta.remaining == 2 and beta.dates[85] == dt.date(2025, 7, 9)  # one day of two stories
    # the development ends 17 July; the 5-day recette keeps its planned start (21 July) and length
    assert launch.remaining == 12 and launch.dates[85] == dt.date(2025, 7, 25)
    assert finished.remaining == 0 and finished.dates[85] is None and finished.note


def test_release_scope_excludes_wont_have() -> None:
    backlog, _ = _constant_case(remaining=2)
    assert "E03-S01" not in {s.id for s in release_scope(backlog)}


def test_simulate_rejects_a_negative_or_empty_sample() -> None:
    with pytest.raises(ValueError):
        simulate([1, -1], [3])
    with pytest.raises(ValueError):
        simulate([], [3])


@settings(max_examples=60, deadline=None)
@given(
    sample=st.lists(st.integers(min_value=0, max_value=30), min_size=1, max_size=60),
    remaining=st.lists(st.integers(min_value=0, max_value=2_000), min_size=1, max_size=4),
)
def test_property_days_ordered_and_never_before_the_status_date(sample: list[int], remaining: list[int]) -> None:
    runs = simulate(sample, remaining, trials=300, seed=3)
    previous = -1
    for threshold in sorted(set(remaining)):
        days = [day_percentile(runs[threshold], p) for p in PERCENTILES]
        assert days == sorted(days)
        assert all(0 <= d <= MAX_WORKING_DAYS + 1 for d in days)
        assert (days[0] == 0) == (threshold == 0)
        if sum(sample) == 0 and threshold:
            assert days == [MAX_WORKING_DAYS + 1] * 3
        assert days[-1] >= previous  # more work never finishes sooner (same simulated paths)
        previous = days[-1]


@settings(max_examples=15, deadline=None)
@given(per_day=st.lists(st.integers(min_value=0, max_value=4), min_size=1, max_size=5), remaining=st.integers(0, 40))
def test_property_forecast_dates_ordered_and_not_before_today(per_day: list[int], remaining: int) -> None:
    project = make_project()
    calendar = WorkCalendar(project.calendar)
    days = calendar.working_days(dt.date(2025, 6, 20), TODAY)
    done_ids = {}
    for i, day in enumerate(days):
        for _ in range(per_day[i % len(per_day)]):
            done_ids[f"E01-S{len(done_ids) + 1:02d}"] = day
    todo = [make_story(f"E02-S{i:02d}") for i in range(1, remaining + 1)]
    epics = [make_epic("E02", todo)] if todo else [make_epic("E02", [make_story("E02-S01", status=DONE)])]
    backlog = make_backlog(project, epics)
    result = forecast(backlog, _history(done_ids), TODAY, trials=200)
    dates = [result.release.dates[p] for p in PERCENTILES]
    known = [d for d in dates if d is not None]
    assert known == sorted(known) and all(d >= TODAY for d in known)
    if remaining and sum(per_day) == 0:
        assert dates == [None, None, None]
    else:
        assert len(known) == 3
