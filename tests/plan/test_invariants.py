"""Property-based tests: scheduling invariants on many generated backlogs."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import holidays
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from planbuild import DOING, DONE, TODO, make_backlog, make_epic, make_project, make_story

from generators.model import FIBONACCI, Backlog
from generators.plan import Placement, schedule
from generators.plan.export import schedule_document

WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
PRIORITIES = ["must", "should", "could", "wont"]


@st.composite
def backlogs(draw: Any) -> tuple[Backlog, dt.date]:
    count = draw(st.integers(1, 8))
    first_start = draw(st.dates(dt.date(2024, 1, 1), dt.date(2026, 6, 30)))
    working = draw(st.lists(st.sampled_from(WEEKDAYS), min_size=1, max_size=7, unique=True))
    closures = draw(st.lists(st.dates(first_start, first_start + dt.timedelta(days=120)), max_size=4))
    project = make_project(
        calendar={"start": first_start, "working_days": working, "country": "FR", "closures": closures},
        sprints={"length_weeks": draw(st.integers(1, 3)), "first_start": first_start, "count": count},
        velocity=draw(st.integers(1, 40)),
    )
    n_epics = draw(st.integers(1, 4))
    ids: list[str] = []
    epics_ids = []
    for e in range(1, n_epics + 1):
        size = draw(st.integers(0, 8))
        epics_ids.append((f"E{e:02d}", [f"E{e:02d}-S{s:02d}" for s in range(1, size + 1)]))
        ids += epics_ids[-1][1]
    rank = {story_id: i for i, story_id in enumerate(draw(st.permutations(ids)))} if ids else {}
    epics = []
    for epic_id, story_ids in epics_ids:
        stories = []
        for story_id in story_ids:
            earlier = [other for other in ids if rank[other] < rank[story_id]]
            deps = draw(st.lists(st.sampled_from(earlier), max_size=3, unique=True)) if earlier else []
            status = draw(st.sampled_from([TODO, TODO, TODO, DOING, DONE]))
            pinned = draw(st.one_of(st.none(), st.integers(1, count))) if draw(st.integers(0, 4)) == 0 else None
            if status == DONE and draw(st.booleans()):
                pinned = draw(st.integers(1, count))
            stories.append(
                make_story(
                    story_id,
                    points=draw(st.sampled_from(FIBONACCI)),
                    priority=draw(st.sampled_from(PRIORITIES)),
                    status=status,
                    sprint=pinned,
                    depends_on=deps,
                )
            )
        epics.append(make_epic(epic_id, stories))
    targets = [e.id for e in epics] + ids
    milestones = []
    for number in range(1, draw(st.integers(0, 2)) + 1):
        deps = draw(st.lists(st.sampled_from(targets), max_size=3, unique=True)) if targets else []
        planned = first_start + dt.timedelta(days=draw(st.integers(0, 150)))
        milestones.append({"id": f"M0{number}", "name": f"Jalon {number}", "date": planned, "depends_on": deps})
    recette_start = first_start + dt.timedelta(days=draw(st.integers(0, 150)))
    phases = [
        {"id": "dev", "name": "Développement", "sprints": True},
        {"id": "recette", "name": "Recette", "start": recette_start, "duration_days": 5, "depends_on": ["dev"]},
    ]
    project = project.model_copy(update={"milestones": [], "phases": []})
    project = make_project(**{**project.model_dump(), "milestones": milestones, "phases": phases})
    today = first_start + dt.timedelta(days=draw(st.integers(-30, 200)))
    return make_backlog(project, epics), today


def _fixed(backlog: Backlog, plan: Any, story_id: str) -> bool:
    return plan.stories[story_id].placement in (Placement.DONE, Placement.PINNED, Placement.CARRIED_OVER)


SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(backlogs())
def test_dependencies_are_never_planned_after_the_story(case: tuple[Backlog, dt.date]) -> None:
    backlog, today = case
    plan = schedule(backlog, today)
    for story in backlog.stories:
        mine = plan.stories[story.id]
        if mine.sprint is None or mine.status_category == "done":
            continue
        for dep in story.depends_on:
            other = plan.stories[dep]
            if other.sprint is None:
                assert other.status_category == "done", f"{story.id} needs {dep}, which is not planned"
                continue
            if other.sprint > mine.sprint:
                assert mine.pinned, f"{story.id} (sprint {mine.sprint}) before {dep} (sprint {other.sprint})"
                if other.status_category != "done":
                    assert dep in mine.conflicts


@SETTINGS
@given(backlogs())
def test_capacity_is_respected_unless_fixed_stories_or_one_oversize_story_force_it(
    case: tuple[Backlog, dt.date],
) -> None:
    backlog, today = case
    plan = schedule(backlog, today)
    for sprint in plan.sprints:
        assert sprint.committed == sum(plan.stories[s].points for s in sprint.stories)
        assert sprint.overcommitted == (sprint.committed > sprint.capacity + 1e-9)
        if not sprint.overcommitted:
            continue
        flexible = [s for s in sprint.stories if not _fixed(backlog, plan, s)]
        fixed_points = sum(plan.stories[s].points for s in sprint.stories if _fixed(backlog, plan, s))
        if not flexible:
            assert fixed_points > sprint.capacity  # pins or done stories did it
        else:
            assert len(sprint.stories) == 1, f"{sprint.name} overcommitted by the scheduler"
            assert plan.stories[flexible[0]].points > sprint.capacity


@SETTINGS
@given(backlogs())
def test_done_pinned_and_open_stories_land_where_the_rules_say(case: tuple[Backlog, dt.date]) -> None:
    backlog, today = case
    plan = schedule(backlog, today)
    needed = {dep for s in backlog.stories if plan.stories[s.id].sprint is not None for dep in s.depends_on}
    for story in backlog.stories:
        mine = plan.stories[story.id]
        if mine.status_category == "done":
            assert mine.sprint == story.sprint  # done stories keep their sprint
        elif story.sprint is not None:
            assert mine.sprint == max(story.sprint, plan.current_sprint)
            assert mine.placement is (
                Placement.PINNED if story.sprint >= plan.current_sprint else Placement.CARRIED_OVER
            )
        elif story.priority.value == "wont":
            assert mine.sprint is None or story.id in needed
        else:
            assert mine.sprint is not None and mine.sprint >= plan.current_sprint


@SETTINGS
@given(backlogs())
def test_sprints_skip_weekends_holidays_and_closures(case: tuple[Backlog, dt.date]) -> None:
    backlog, today = case
    plan = schedule(backlog, today)
    calendar = backlog.project.calendar
    french = holidays.country_holidays("FR")
    worked = {("mon", "tue", "wed", "thu", "fri", "sat", "sun").index(d) for d in calendar.working_days}

    def working(day: dt.date) -> bool:
        return day.weekday() in worked and day not in french and day not in calendar.closures

    nominal = backlog.project.sprints.length_weeks * len(worked)
    for sprint in plan.sprints:
        length = backlog.project.sprints.length_weeks
        raw_start = backlog.project.sprints.first_start + dt.timedelta(weeks=(sprint.number - 1) * length)
        days = [raw_start + dt.timedelta(days=i) for i in range(7 * backlog.project.sprints.length_weeks)]
        expected = [d for d in days if working(d)]
        assert sprint.working_days == len(expected)
        assert sprint.capacity == round(backlog.project.velocity * len(expected) / nominal, 1)
        if expected:
            assert (sprint.start, sprint.end) == (expected[0], expected[-1])
    for story in plan.stories.values():
        if story.start is not None and plan.sprint(story.sprint or 1).working_days:
            assert working(story.start) and working(story.end)


@SETTINGS
@given(backlogs())
def test_schedule_is_deterministic_and_dates_are_consistent(case: tuple[Backlog, dt.date]) -> None:
    backlog, today = case
    first, second = schedule(backlog, today), schedule(backlog, today)
    assert schedule_document(first) == schedule_document(second)
    for epic in backlog.epics:
        dated = [first.stories[s.id] for s in epic.stories if first.stories[s.id].start is not None]
        epic_plan = first.epics[epic.id]
        assert epic_plan.start == (min(s.start for s in dated) if dated else None)
        assert epic_plan.end == (max(s.end for s in dated) if dated else None)
    path = [item for item in first.critical_path if item in first.stories]
    for before, after in itertools.pairwise(path):
        assert before in backlog.story(after).depends_on  # the critical path is a dependency chain
    for milestone in backlog.project.milestones:
        ends = []
        for dep in milestone.depends_on:
            end = first.stories[dep].end if dep in first.stories else first.epics[dep].end
            if end is not None:
                ends.append(end)
        forecast = first.milestones[milestone.id].forecast
        assert forecast == max([milestone.date, *ends])  # never before its date, nor before what it needs
        assert first.milestones[milestone.id].slips == (forecast is not None and forecast > milestone.date)
    dev, recette = first.phases["dev"], first.phases["recette"]
    assert dev.end >= first.sprint(backlog.project.sprints.count).end
    assert all(p.end <= dev.end for p in first.stories.values() if p.priority == "must" and p.end is not None)
    assert recette.start > dev.end and recette.start >= recette.planned_start
    assert (recette.pushed_by == "dev") == (recette.start > recette.planned_start)
