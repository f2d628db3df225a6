"""Monte Carlo forecast from the throughput history. Pure: no I/O, `today` and the history are parameters.

Daily throughput (stories — or points — completed per working day, zero days included) is sampled over a
window of working days before the status date; each trial draws days from that sample until the remaining
work is done. The 50/85/95 % dates are the days by which that share of the trials had finished.

The trials themselves are in `montecarlo.py` (numpy, vectorised).

The release scope follows the planning layer's one rule (`plan.scope.in_release`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from ..model import Backlog, StatusCategory, Story
from ..model.history import StatusHistory
from .calendar import ONE_DAY, WorkCalendar
from .montecarlo import (
    DEFAULT_SEED,
    DEFAULT_TRIALS,
    MAX_WORKING_DAYS,
    day_percentile,
    quantities_by,
    quantity_percentile,
    simulate,
)
from .scope import in_release

PERCENTILES = (50, 85, 95)
DEFAULT_WINDOW_WEEKS = 8
MIN_COMPLETED = 10  # fewer completed stories in the window than this: the forecast warns


def release_scope(backlog: Backlog) -> list[Story]:
    """The release's stories, by the planning layer's one scope rule (`plan.scope.in_release`)."""
    return [story for story in backlog.stories if in_release(story)]


# --- throughput ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Throughput:
    """The daily throughput sample: one value per working day of the window, zero days included."""

    start: dt.date
    end: dt.date
    days: list[dt.date]
    values: list[int]
    completed: int  # stories completed in the window
    unit: str  # "stories" or "points"

    @property
    def total(self) -> int:
        return sum(self.values)


def completion_dates(backlog: Backlog, history: StatusHistory, today: dt.date) -> dict[str, dt.date]:
    """Story id -> the day it last entered a done status, for the stories done at the end of `today`."""
    project = backlog.project
    out: dict[str, dt.date] = {}
    for story_id, moves in history.stories.items():
        entered: dt.date | None = None
        for move in sorted(moves, key=lambda m: _aware(m.at)):
            day = move.at.date()
            if day > today:
                break
            done = project.category_of(move.to_status) is StatusCategory.DONE
            if done and entered is None:
                entered = day
            elif not done:
                entered = None
        if entered is not None:
            out[story_id] = entered
    return out


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


def throughput(
    completions: dict[str, dt.date],
    calendar: WorkCalendar,
    today: dt.date,
    weeks: int = DEFAULT_WINDOW_WEEKS,
    weights: dict[str, int] | None = None,
) -> Throughput:
    """Completed stories (or points, with `weights`) per working day over the `weeks` before `today` (included).

    A story finished on a non-working day counts on the working day before it.
    """
    start = today - dt.timedelta(weeks=weeks) + ONE_DAY
    days = calendar.working_days(start, today)
    index = {day: i for i, day in enumerate(days)}
    values = [0] * len(days)
    completed = 0
    for story_id, day in completions.items():
        if not start <= day <= today:
            continue
        worked = calendar.previous_working(day)
        if worked not in index:
            continue
        values[index[worked]] += weights.get(story_id, 0) if weights is not None else 1
        completed += 1
    return Throughput(start, today, days, values, completed, "points" if weights is not None else "stories")


# --- the forecast ----------------------------------------------------------------------------------------
@dataclass
class Outlook:
    """Percentile dates for one amount of remaining work (None: not finished within the horizon)."""

    label: str
    remaining: int
    dates: dict[int, dt.date | None]
    days: np.ndarray = field(repr=False)  # working days per trial
    planned: dt.date | None = None  # a milestone's planned date
    note: str = ""
    milestone: str | None = None  # the milestone's id (None: the release scope)


@dataclass
class Forecast:
    today: dt.date
    unit: str  # "stories" | "points"
    trials: int
    seed: int
    window_weeks: int
    sample: Throughput
    release: Outlook
    milestones: list[Outlook]
    working_days: list[dt.date]  # the working days after `today` a trial may use (index 0 = day 1)
    by_date: dt.date | None = None
    by_quantities: dict[int, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)  # added by the caller (e.g. an unreadable history)
    done_so_far: list[tuple[dt.date, int]] = field(default_factory=list)  # release work done, cumulated by day
    scope: int = 0  # the release work, done and remaining
    fan: list[tuple[dt.date, dict[int, int]]] = field(default_factory=list)  # weekly: percent -> work done by then

    @property
    def short_history(self) -> bool:
        """Fewer completed stories in the window than MIN_COMPLETED: the forecast is fragile."""
        return self.sample.completed < MIN_COMPLETED

    @property
    def no_throughput(self) -> bool:
        """Nothing completed in the window: no date can be forecast."""
        return self.sample.total == 0

    def weekly_histogram(self) -> list[tuple[dt.date, int]]:
        """Trials finishing the release in each week (Monday, count), from the first to the last such week."""
        days = self.release.days
        finished = days[(days > 0) & (days <= len(self.working_days))]
        if finished.size == 0:
            return []
        mondays = [d - dt.timedelta(days=d.weekday()) for d in self.working_days]
        counts: dict[dt.date, int] = {}
        for day, count in zip(*np.unique(finished, return_counts=True), strict=True):
            monday = mondays[int(day) - 1]
            counts[monday] = counts.get(monday, 0) + int(count)
        first, last = min(counts), max(counts)
        weeks = (last - first).days // 7 + 1
        return [(first + dt.timedelta(weeks=i), counts.get(first + dt.timedelta(weeks=i), 0)) for i in range(weeks)]

    def date_of(self, day: int) -> dt.date | None:
        """The date of working day `day` after the status date (0 = the status date itself)."""
        if day <= 0:
            return self.today
        return self.working_days[day - 1] if day <= len(self.working_days) else None


def _working_days_after(calendar: WorkCalendar, today: dt.date, count: int) -> list[dt.date]:
    days: list[dt.date] = []
    day = today
    while len(days) < count:
        day = calendar.next_working(day + ONE_DAY)
        days.append(day)
    return days


def stories_reached(backlog: Backlog, refs: Iterable[str], remaining: set[str]) -> set[str]:
    """The remaining stories behind `refs` (epic, story, phase or milestone ids), transitively: an epic's release
    stories, a story and its own dependencies, what a phase or milestone depends on; the development phase
    (`sprints: true`) stands for the whole release scope."""
    project = backlog.project
    phases = {p.id: p for p in project.phases}
    milestones = {m.id: m for m in project.milestones}
    epics = {e.id: e for e in backlog.epics}
    release = {s.id for s in release_scope(backlog)}
    found: set[str] = set()
    seen: set[str] = set()
    todo = list(refs)
    while todo:
        ref = todo.pop()
        if ref in seen:
            continue
        seen.add(ref)
        if ref in milestones:
            todo += milestones[ref].depends_on
        elif ref in phases:
            todo += phases[ref].depends_on
            if phases[ref].sprints:
                found |= release
        elif ref in epics:
            todo += [s.id for s in epics[ref].stories if s.id in release]
        elif backlog.has_story(ref):
            found.add(ref)
            todo += backlog.story(ref).depends_on
    return found & remaining


class _Resolver:
    """A milestone's date at one percentile: the date its stories are done, and the end of every dated phase it
    waits for (recette, lancement...), moved after the work that phase depends on, keeping its length."""

    def __init__(self, backlog: Backlog, calendar: WorkCalendar, stories_date) -> None:  # type: ignore[no-untyped-def]
        self.project = backlog.project
        self.calendar = calendar
        self.stories_date = stories_date  # refs -> date their remaining stories are done (None: nothing left)
        self.phases = {p.id: p for p in self.project.phases}
        self.milestones = {m.id: m for m in self.project.milestones}
        self.memo: dict[str, dt.date | None] = {}

    def finish(self, ref: str, stack: frozenset[str] = frozenset()) -> dt.date | None:
        if ref in self.memo:
            return self.memo[ref]
        if ref in stack:
            return None  # a cycle (the loader rejects them): stop here
        inner = stack | {ref}
        if ref in self.milestones:
            deps = self.milestones[ref].depends_on
            result = _latest([self.stories_date(deps), *(self.finish(d, inner) for d in deps)])
        elif ref in self.phases and not self.phases[ref].sprints:
            result = self._phase(ref, inner)
        else:
            result = None  # stories, epics and the development phase: counted by stories_date
        self.memo[ref] = result
        return result

    def _phase(self, ref: str, stack: frozenset[str]) -> dt.date | None:
        phase = self.phases[ref]
        after = _latest([self.stories_date(phase.depends_on), *(self.finish(d, stack) for d in phase.depends_on)])
        if after is None:
            return None  # nothing it waits for remains: its planned dates stand
        if after == dt.date.max:
            return after  # beyond the horizon
        if phase.start is not None and phase.end is not None:
            length = max(self.calendar.count(phase.start, phase.end), 1)
        else:
            length = phase.duration_days or 1
        start = self.calendar.next_working(after + ONE_DAY)
        if phase.start is not None:
            start = max(start, self.calendar.next_working(phase.start))
        return self.calendar.add_working_days(start, length)


def _latest(dates: Iterable[dt.date | None]) -> dt.date | None:
    known = [d for d in dates if d is not None]
    return max(known) if known else None


def forecast(
    backlog: Backlog,
    history: StatusHistory | None,
    today: dt.date,
    *,
    weeks: int = DEFAULT_WINDOW_WEEKS,
    trials: int = DEFAULT_TRIALS,
    seed: int = DEFAULT_SEED,
    points: bool = False,
    by: dt.date | None = None,
    planned_end: dt.date | None = None,
) -> Forecast:
    """The Monte Carlo forecast of the release scope, of each milestone's remaining work, and (with `by`) of the
    work done by a date. `planned_end` is the release's planned end (shown beside the forecast)."""
    calendar = WorkCalendar(backlog.project.calendar)
    scope = release_scope(backlog)
    size = {s.id: s.points if points else 1 for s in backlog.stories}
    remaining = {s.id for s in scope if backlog.category(s) is not StatusCategory.DONE}
    completions = completion_dates(backlog, history, today) if history is not None else {}
    weights = {s.id: s.points for s in backlog.stories} if points else None
    sample = throughput(completions, calendar, today, weeks, weights)
    release_work = sum(size[s] for s in remaining)
    ref_sets = [m.depends_on for m in backlog.project.milestones if m.depends_on]
    ref_sets += [p.depends_on for p in backlog.project.phases if not p.sprints and p.depends_on]
    work_of = {tuple(refs): sum(size[s] for s in stories_reached(backlog, refs, remaining)) for refs in ref_sets}
    values = sample.values or [0]
    runs = simulate(values, [release_work, *work_of.values()], trials, seed)
    longest = max((int(d[d <= MAX_WORKING_DAYS].max(initial=0)) for d in runs.values()), default=0)
    if by is not None and by > today:
        longest = max(longest, calendar.count(today + ONE_DAY, by))
    result = Forecast(
        today=today,
        unit=sample.unit,
        trials=trials,
        seed=seed,
        window_weeks=weeks,
        sample=sample,
        release=Outlook("Périmètre de la version", release_work, {}, runs[release_work], planned_end),
        milestones=[],
        working_days=_working_days_after(calendar, today, longest),
    )
    result.release.dates = _dates(result, runs[release_work])
    resolvers = {p: _Resolver(backlog, calendar, _stories_date(result, runs, work_of, p)) for p in PERCENTILES}
    for milestone in backlog.project.milestones:
        if not milestone.depends_on:
            continue
        work = work_of[tuple(milestone.depends_on)]
        outlook = Outlook(
            f"{milestone.id} {milestone.name}", work, {}, runs[work], milestone.date, milestone=milestone.id
        )
        for percent, resolver in resolvers.items():
            found = resolver.finish(milestone.id)
            outlook.dates[percent] = None if found == dt.date.max else found
        if all(d is None for d in outlook.dates.values()) and not work:
            outlook.note = "rien ne reste à terminer"
        result.milestones.append(outlook)
    done_ids = {s.id for s in scope} - remaining
    result.scope = release_work + sum(size[s] for s in done_ids)
    result.done_so_far = _cumulated({k: v for k, v in completions.items() if k in done_ids}, size)
    result.fan = _fan(result, calendar, values, trials, seed)
    if by is not None:
        result.by_date = by
        span = calendar.count(today + ONE_DAY, by) if by > today else 0
        drawn = np.minimum(quantities_by(values, span, trials, seed), release_work)
        result.by_quantities = {p: quantity_percentile(drawn, p) for p in PERCENTILES}
    return result


def _cumulated(completions: dict[str, dt.date], size: dict[str, int]) -> list[tuple[dt.date, int]]:
    per_day: dict[dt.date, int] = {}
    for story_id, day in completions.items():
        per_day[day] = per_day.get(day, 0) + size[story_id]
    total, out = 0, []
    for day in sorted(per_day):
        total += per_day[day]
        out.append((day, total))
    return out


def _fan(result: Forecast, calendar: WorkCalendar, values: list[int], trials: int, seed: int):  # type: ignore[no-untyped-def]
    """Work done (done so far + simulated) at each Friday until the 95 % date, at each percentile."""
    done = result.scope - result.release.remaining
    end = result.release.dates[95]
    if end is None or result.release.remaining == 0:
        return []
    out = [(result.today, dict.fromkeys(PERCENTILES, done))]
    week_end = result.today + dt.timedelta(days=(4 - result.today.weekday()) % 7 or 7)
    for _ in range(260):
        span = calendar.count(result.today + ONE_DAY, week_end)
        drawn = np.minimum(quantities_by(values, span, trials, seed), result.release.remaining)
        out.append((week_end, {p: done + quantity_percentile(drawn, p) for p in PERCENTILES}))
        if week_end >= end:
            break
        week_end += dt.timedelta(weeks=1)
    return out


def _stories_date(result: Forecast, runs: dict[int, np.ndarray], work_of: dict[tuple[str, ...], int], percent: int):  # type: ignore[no-untyped-def]
    """refs -> the date (at `percent`) their remaining stories are done; None: none remain; date.max: beyond."""

    def date(refs: list[str]) -> dt.date | None:
        work = work_of.get(tuple(refs), 0)
        if not work:
            return None
        day = day_percentile(runs[work], percent)
        return dt.date.max if day > MAX_WORKING_DAYS else result.date_of(day)

    return date


def _dates(result: Forecast, days: np.ndarray) -> dict[int, dt.date | None]:
    out: dict[int, dt.date | None] = {}
    for percent in PERCENTILES:
        day = day_percentile(days, percent)
        out[percent] = None if day > MAX_WORKING_DAYS else result.date_of(day)
    return out
