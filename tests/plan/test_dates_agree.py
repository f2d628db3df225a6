"""Dates that agree: for random valid plans, no milestone forecast precedes anything it depends on (stories,
epics, phases, other milestones), phases never start before their dependencies end, a milestone is never
forecast before its planned date, and every milestone has a reason ("Pourquoi"), early or late."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from planbuild import make_backlog, make_project
from test_invariants import backlogs

from generators.model import Backlog
from generators.plan import schedule

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def plans(draw: Any) -> tuple[Backlog, dt.date]:
    """A random backlog with a random acyclic web of phases and milestones over its stories and epics."""
    backlog, today = draw(backlogs())
    project = backlog.project
    first = project.sprints.first_start
    work = [e.id for e in backlog.epics] + [s.id for s in backlog.stories]
    phases: list[dict[str, Any]] = []
    milestones: list[dict[str, Any]] = []
    earlier: list[str] = []  # phases and milestones declared so far: only those may be depended on (no cycle)
    has_dev = False
    for index in range(draw(st.integers(1, 6))):
        pool = earlier + work
        deps = draw(st.lists(st.sampled_from(pool), max_size=3, unique=True)) if pool else []
        day = first + dt.timedelta(days=draw(st.integers(-60, 200)))
        kind = draw(st.sampled_from(["phase", "milestone", "dev"] if not has_dev else ["phase", "milestone"]))
        if kind == "milestone":
            object_id = f"M{index + 1:02d}"
            milestones.append({"id": object_id, "name": f"Jalon {index}", "date": day, "depends_on": deps})
        elif kind == "dev":
            has_dev = True
            object_id = "dev"
            phases.append({"id": object_id, "name": "Développement", "sprints": True, "depends_on": deps})
        else:
            object_id = f"phase-{index}"
            phase: dict[str, Any] = {"id": object_id, "name": f"Phase {index}", "depends_on": deps}
            if draw(st.booleans()):
                phase["start"] = day
            phase["duration_days"] = draw(st.integers(1, 30))
            if "start" not in phase and not deps:
                phase["start"] = day
            phases.append(phase)
        earlier.append(object_id)
    data = {**project.model_dump(), "milestones": milestones, "phases": phases}
    return make_backlog(make_project(**data), backlog.epics), today


def _end(plan: Any, object_id: str) -> dt.date | None:
    if object_id in plan.stories:
        return plan.stories[object_id].end
    if object_id in plan.epics:
        return plan.epics[object_id].end
    if object_id in plan.phases:
        return plan.phases[object_id].end
    if object_id in plan.milestones:
        return plan.milestones[object_id].forecast
    return None


@SETTINGS
@given(plans())
def test_no_milestone_forecast_precedes_what_it_depends_on(case: tuple[Backlog, dt.date]) -> None:
    backlog, today = case
    plan = schedule(backlog, today)
    for milestone in backlog.project.milestones:
        mine = plan.milestones[milestone.id]
        assert mine.forecast is not None
        assert mine.forecast >= milestone.date, "a milestone is never forecast before its planned date"
        for dep in milestone.depends_on:
            end = _end(plan, dep)
            if end is None:
                continue
            if dep in plan.milestones:
                assert mine.forecast > end, f"{milestone.id} forecast on or before the milestone {dep} it follows"
            else:
                assert mine.forecast >= end, f"{milestone.id} forecast {mine.forecast} before {dep} ends ({end})"
        assert mine.reasons and all(reason.strip() for reason in mine.reasons), "Pourquoi is always filled"


@SETTINGS
@given(plans())
def test_phases_never_start_before_their_dependencies_end(case: tuple[Backlog, dt.date]) -> None:
    backlog, today = case
    plan = schedule(backlog, today)
    for phase in backlog.project.phases:
        mine = plan.phases.get(phase.id)
        if mine is None:
            continue
        assert mine.start <= mine.end
        for dep in phase.depends_on:
            end = _end(plan, dep)
            if end is not None:
                assert mine.start > end, f"{phase.id} starts {mine.start}, before {dep} ends ({end})"


def test_a_late_dependency_moves_the_milestone_and_the_reason_says_why() -> None:
    backlog, _ = _fixed_plan(recette_end=dt.date(2025, 6, 20), go_live=dt.date(2025, 6, 2))
    plan = schedule(backlog, dt.date(2025, 4, 7))
    late = plan.milestones["M01"]
    assert late.forecast == dt.date(2025, 6, 20) and late.slips
    assert late.reasons[0].startswith("Prévu le 02/06/2025, prévision au 20/06/2025")
    after = plan.milestones["M02"]
    assert after.forecast == dt.date(2025, 6, 23), "the milestone after M01 comes the next working day, not the same"


def test_an_early_milestone_keeps_its_date_and_explains_its_margin() -> None:
    backlog, _ = _fixed_plan(recette_end=dt.date(2025, 5, 16), go_live=dt.date(2025, 6, 2))
    plan = schedule(backlog, dt.date(2025, 4, 7))
    early = plan.milestones["M01"]
    assert early.forecast == dt.date(2025, 6, 2) and not early.slips
    assert early.ready == dt.date(2025, 5, 16)
    assert "prêt le 16/05/2025" in early.reasons[0] and "17 jours avant la date prévue" in early.reasons[0]
    assert plan.milestones["M02"].forecast == dt.date(2025, 6, 3)


def _fixed_plan(recette_end: dt.date, go_live: dt.date) -> tuple[Backlog, None]:
    project = make_project(
        phases=[{"id": "recette", "name": "Recette", "start": dt.date(2025, 5, 5), "end": recette_end}],
        milestones=[
            {"id": "M01", "name": "Go", "date": go_live, "depends_on": ["recette"]},
            {"id": "M02", "name": "Lancement", "date": go_live, "depends_on": ["M01"]},
        ],
    )
    return make_backlog(project, []), None
