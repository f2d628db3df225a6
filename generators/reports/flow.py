"""Burndown, burnup and flow metrics from the stories' status history. Pure: no I/O, `today` is a parameter.

Day-by-day series are built by sweeping the transitions once (not by asking every story's status on every
day), so a year of history over 10,000 stories stays fast. A story's status on a day is its status at the
end of that day. Stories without any history count in the release scope but not in the flow metrics.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from ..model import Backlog
from ..model.history import StatusHistory
from ..plan import Schedule, WorkCalendar

ONE_DAY = dt.timedelta(days=1)
PERCENTILES = (50, 85, 95)


def percentile(values: list[float], rank: float) -> float:
    """Linear interpolation between closest ranks (numpy's default method)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    position = (len(ordered) - 1) * rank / 100
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


@dataclass
class SprintBurndown:
    number: int
    name: str
    days: list[dt.date]  # working days from the sprint's start to its end or today
    remaining: list[int]  # points not done at the end of each day
    ideal: list[float]
    total: int
    stories: list[str]


@dataclass
class CycleTime:
    story: str
    started: dt.datetime
    finished: dt.datetime

    @property
    def days(self) -> float:
        return round((self.finished - self.started).total_seconds() / 86400, 1)


@dataclass
class Ageing:
    story: str
    status: str
    started: dt.date
    age: int  # days in progress at the status date


@dataclass
class FlowReport:
    today: dt.date
    source: str  # jira | git | manual
    days: list[dt.date] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)
    categories: dict[str, str] = field(default_factory=dict)  # status -> todo | in_progress | done
    cfd: dict[str, list[int]] = field(default_factory=dict)  # status -> stories in it, per day
    scope: list[int] = field(default_factory=list)  # release points known per day
    done: list[int] = field(default_factory=list)  # release points done per day
    ideal: list[tuple[dt.date, float]] = field(default_factory=list)  # planned burndown: (date, points left)
    sprints: list[SprintBurndown] = field(default_factory=list)
    cycle_times: list[CycleTime] = field(default_factory=list)
    percentiles: dict[int, float] = field(default_factory=dict)
    throughput: list[tuple[dt.date, int, int]] = field(default_factory=list)  # (week's Monday, stories, points)
    ageing: list[Ageing] = field(default_factory=list)
    without_history: list[str] = field(default_factory=list)

    @property
    def remaining(self) -> list[int]:
        return [s - d for s, d in zip(self.scope, self.done, strict=True)]

    def weekly(self) -> list[int]:
        """Indexes of the days that are Mondays, plus the last day (for tables)."""
        picks = [i for i, day in enumerate(self.days) if day.weekday() == 0]
        if self.days and (not picks or picks[-1] != len(self.days) - 1):
            picks.append(len(self.days) - 1)
        return picks


def _local_date(moment: dt.datetime) -> dt.date:
    return moment.date()


def _aware(moment: dt.datetime) -> dt.datetime:
    """Transitions should carry a time zone; a naive one is read as UTC so that sorting never fails."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


def flow_report(
    backlog: Backlog, history: StatusHistory, plan: Schedule, story_ids: set[str] | None = None
) -> FlowReport:
    """All the series for the stories in `story_ids` (every story when None), up to `plan.today`."""
    project = backlog.project
    today = plan.today
    report = FlowReport(today=today, source=history.source)
    names = [s.name for s in project.statuses]
    report.statuses = names
    report.categories = {s.name: s.category.value for s in project.statuses}
    stories = [s for s in backlog.stories if story_ids is None or s.id in story_ids]
    points = {s.id: s.points for s in stories}
    in_release = {s.id for s in stories if s.id in plan.scope.release_ids}  # the one scope (plan.scope)

    def declared(status: str) -> str | None:
        found = project.status(status)
        return found.name if found else None

    def category(status: str | None) -> str | None:
        found = project.status(status) if status else None
        return found.category.value if found else None

    events: dict[str, list[tuple[dt.datetime, str | None]]] = {}
    for story in stories:
        moves = sorted((_aware(t.at), declared(t.to_status)) for t in history.stories.get(story.id, []))
        moves = [m for m in moves if _local_date(m[0]) <= today]
        if not moves:
            report.without_history.append(story.id)
            continue
        events[story.id] = moves

    first_event = min((e[0][0] for e in events.values()), default=None)
    start = min(_local_date(first_event), plan.sprints[0].start) if first_event else plan.sprints[0].start
    start = min(start, today)
    report.days = [start + ONE_DAY * i for i in range((today - start).days + 1)]
    index = {day: i for i, day in enumerate(report.days)}
    n = len(report.days)

    # one sweep: per-day deltas of stories per status, and of done / scope points
    status_delta = {name: [0] * (n + 1) for name in names}
    done_delta = [0] * (n + 1)
    scope_delta = [0] * (n + 1)
    for story_id in report.without_history:
        if story_id in in_release:
            scope_delta[0] += points[story_id]
    for story_id, moves in events.items():
        previous: str | None = None
        for at, status in moves:
            i = index.get(_local_date(at), 0)
            if previous is None and story_id in in_release and status is not None:
                scope_delta[i] += points[story_id]
            if previous is not None:
                status_delta[previous][i] -= 1
                if story_id in in_release and category(previous) == "done":
                    done_delta[i] -= points[story_id]
            if status is not None:
                status_delta[status][i] += 1
                if story_id in in_release and category(status) == "done":
                    done_delta[i] += points[story_id]
            previous = status if status is not None else previous
    for name in names:
        running, series = 0, []
        for i in range(n):
            running += status_delta[name][i]
            series.append(running)
        report.cfd[name] = series
    report.scope = _running(scope_delta, n)
    report.done = _running(done_delta, n)
    report.ideal = _ideal(plan, in_release, points)
    report.sprints = _sprint_burndowns(backlog, plan, WorkCalendar(project.calendar), events, points, category)
    _cycle_and_ageing(report, events, category, points)
    return report


def _running(deltas: list[int], n: int) -> list[int]:
    total, out = 0, []
    for i in range(n):
        total += deltas[i]
        out.append(total)
    return out


def _ideal(plan: Schedule, release: set[str], points: dict[str, int]) -> list[tuple[dt.date, float]]:
    planned = plan.planned_sprints
    if not planned:
        return []
    total = sum(points[s] for s in release)
    return [(planned[0].start, float(total)), (planned[-1].end, 0.0)]


def _sprint_burndowns(backlog, plan, calendar, events, points, category) -> list[SprintBurndown]:  # type: ignore[no-untyped-def]
    members: dict[int, list[str]] = {}
    for story in backlog.stories:
        if story.id not in points:
            continue
        sprint = story.sprint
        planned = plan.stories[story.id].sprint
        if planned == plan.current_sprint:
            sprint = planned
        if sprint is not None:
            members.setdefault(sprint, []).append(story.id)
    done_at: dict[str, list[tuple[dt.date, bool]]] = {}
    for story_id, moves in events.items():
        done_at[story_id] = [(_local_date(at), category(status) == "done") for at, status in moves]

    def is_done(story_id: str, day: dt.date) -> bool:
        state = False
        for when, done in done_at.get(story_id, []):
            if when > day:
                break
            state = done
        return state

    out = []
    for slot in plan.sprints:
        if slot.start > plan.today or slot.number not in members:
            continue
        ids = members[slot.number]
        total = sum(points[s] for s in ids)
        last = min(slot.end, plan.today)
        days = [slot.start + ONE_DAY * i for i in range((last - slot.start).days + 1)]
        days = [d for d in days if calendar.is_working(d) or d in (slot.start, last)]
        length = max(slot.working_days - 1, 1)
        ideal = [round(total * max(0.0, 1 - i / length), 1) for i in range(len(days))]
        remaining = [total - sum(points[s] for s in ids if is_done(s, day)) for day in days]
        out.append(SprintBurndown(slot.number, slot.name, days, remaining, ideal, total, ids))
    return out


def _cycle_and_ageing(report: FlowReport, events, category, points) -> None:  # type: ignore[no-untyped-def]
    week_counts: dict[dt.date, list[int]] = {}
    for story_id, moves in events.items():
        started: dt.datetime | None = None
        for at, status in moves:
            if category(status) == "in_progress" and started is None:
                started = at
            if category(status) == "todo":
                started = None  # sent back to the backlog: the clock restarts
        final_at, final_status = moves[-1]
        final = category(final_status)
        if final == "done":
            monday = _local_date(final_at) - ONE_DAY * _local_date(final_at).weekday()
            counts = week_counts.setdefault(monday, [0, 0])
            counts[0] += 1
            counts[1] += points[story_id]
            if started is not None:
                report.cycle_times.append(CycleTime(story_id, started, final_at))
        elif final == "in_progress" and started is not None and final_status is not None:
            since = _local_date(started)
            report.ageing.append(Ageing(story_id, final_status, since, (report.today - since).days))
    report.cycle_times.sort(key=lambda c: (c.finished, c.story))
    report.ageing.sort(key=lambda a: (-a.age, a.story))
    values = [c.days for c in report.cycle_times]
    report.percentiles = {p: round(percentile(values, p), 1) for p in PERCENTILES} if values else {}
    if report.days:
        monday = report.days[0] - ONE_DAY * report.days[0].weekday()
        while monday <= report.today:
            count, pts = week_counts.get(monday, [0, 0])
            report.throughput.append((monday, count, pts))
            monday += ONE_DAY * 7
