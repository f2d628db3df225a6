"""Scheduling rules on small hand-made backlogs: order, pins, holidays, phases, milestones, critical path."""

from __future__ import annotations

import datetime as dt

from planbuild import DOING, DONE, TODO, make_backlog, make_epic, make_project, make_story

from generators.model import Project
from generators.plan import Placement, schedule, today_for

MONDAY = dt.date(2025, 4, 7)  # first day of sprint 1 in make_project()


def test_capacity_shrinks_with_french_public_holidays(project: Project) -> None:
    plan = schedule(make_backlog(project, [make_epic("E01", [])]), MONDAY)
    sprint2 = plan.sprint(2)  # 21 April (Easter Monday) and 1 May fall in it
    assert [name for _, name in sprint2.days_off] == ["Lundi de Pâques", "Fête du Travail"]
    assert (sprint2.start, sprint2.end, sprint2.working_days) == (dt.date(2025, 4, 22), dt.date(2025, 5, 2), 8)
    assert sprint2.capacity == 16.0 and sprint2.lost == 4.0
    assert plan.sprint(1).capacity == 20.0


def test_closures_and_regional_calendars_count_as_days_off() -> None:
    project = make_project(calendar={"closures": [dt.date(2025, 4, 9)]})
    plan = schedule(make_backlog(project, []), MONDAY)
    assert plan.sprint(1).days_off == [(dt.date(2025, 4, 9), "fermeture")]
    assert plan.sprint(1).capacity == 18.0


def test_priority_order_moscow_then_epic_then_story(project: Project) -> None:
    e1 = make_epic("E01", [make_story("E01-S01", 13, "could"), make_story("E01-S02", 13, "must")])
    e2 = make_epic("E02", [make_story("E02-S01", 8, "must"), make_story("E02-S02", 5, "should")])
    plan = schedule(make_backlog(project, [e1, e2]), MONDAY)
    sprints = {s: p.sprint for s, p in plan.stories.items()}
    # musts first (E01 before E02); the should fills the room left in sprint 1; the could waits
    assert sprints == {"E01-S02": 1, "E02-S01": 2, "E02-S02": 1, "E01-S01": 3}
    assert plan.stories["E02-S02"].placement is Placement.FIRST_AVAILABLE
    assert plan.stories["E01-S01"].placement is Placement.CAPACITY


def test_in_progress_stories_come_first(project: Project) -> None:
    epic = make_epic("E01", [make_story("E01-S01", 13, "must"), make_story("E01-S02", 13, "could", DOING)])
    plan = schedule(make_backlog(project, [epic]), MONDAY)
    assert plan.stories["E01-S02"].sprint == 1 and plan.stories["E01-S01"].sprint == 2


def test_dependency_pulls_a_lower_priority_story_before_the_story_that_needs_it(project: Project) -> None:
    epic = make_epic(
        "E01",
        [make_story("E01-S01", 8, "could"), make_story("E01-S02", 8, "must", depends_on=["E01-S01"])],
    )
    plan = schedule(make_backlog(project, [epic]), MONDAY)
    assert plan.stories["E01-S01"].sprint == 1 and plan.stories["E01-S02"].sprint == 1


def test_story_waits_for_the_sprint_of_its_dependency(project: Project) -> None:
    epic = make_epic(
        "E01",
        [make_story("E01-S01", 5, sprint=4), make_story("E01-S02", 3, depends_on=["E01-S01"])],
    )
    plan = schedule(make_backlog(project, [epic]), MONDAY)
    follower = plan.stories["E01-S02"]
    assert (follower.sprint, follower.placement, follower.because_of) == (4, Placement.DEPENDENCY, "E01-S01")


def test_wont_stories_are_not_planned_unless_needed(project: Project) -> None:
    epic = make_epic(
        "E01",
        [
            make_story("E01-S01", 3, "wont"),
            make_story("E01-S02", 3, "wont"),
            make_story("E01-S03", 3, "must", depends_on=["E01-S02"]),
        ],
    )
    plan = schedule(make_backlog(project, [epic]), MONDAY)
    assert plan.stories["E01-S01"].sprint is None
    assert plan.stories["E01-S01"].placement is Placement.UNSCHEDULED
    assert plan.stories["E01-S02"].sprint == 1


def test_pins_are_kept_and_flag_the_sprint_overcommitted(project: Project) -> None:
    stories = [make_story(f"E01-S0{i}", 8, sprint=2) for i in range(1, 4)] + [make_story("E01-S04", 3)]
    plan = schedule(make_backlog(project, [make_epic("E01", stories)]), MONDAY)
    assert [plan.stories[f"E01-S0{i}"].sprint for i in range(1, 4)] == [2, 2, 2]
    assert plan.sprint(2).committed == 24 and plan.sprint(2).overcommitted
    assert plan.stories["E01-S04"].sprint == 1  # the scheduler never adds to an overcommitted sprint


def test_oversize_story_goes_alone_into_an_empty_sprint(project: Project) -> None:
    epic = make_epic("E01", [make_story("E01-S01", 3), make_story("E01-S02", 21)])
    plan = schedule(make_backlog(project, [epic]), MONDAY)
    assert plan.stories["E01-S02"].sprint == 2 and plan.sprint(2).stories == ["E01-S02"]
    assert plan.sprint(2).overcommitted


def test_done_stories_keep_their_sprint_and_late_pins_are_carried_over(project: Project) -> None:
    epic = make_epic(
        "E01",
        [make_story("E01-S01", 5, status=DONE, sprint=1), make_story("E01-S02", 5, status=DOING, sprint=1)],
    )
    plan = schedule(make_backlog(project, [epic]), dt.date(2025, 5, 6))  # sprint 3
    assert plan.current_sprint == 3
    assert plan.stories["E01-S01"].sprint == 1
    carried = plan.stories["E01-S02"]
    assert (carried.sprint, carried.placement) == (3, Placement.CARRIED_OVER)
    assert any("reportée du sprint 1 au sprint 3" in w for w in plan.warnings)


def test_pinned_story_before_its_dependency_is_reported(project: Project) -> None:
    epic = make_epic(
        "E01",
        [make_story("E01-S01", 3, sprint=4), make_story("E01-S02", 3, sprint=2, depends_on=["E01-S01"])],
    )
    plan = schedule(make_backlog(project, [epic]), MONDAY)
    assert plan.stories["E01-S02"].conflicts == ["E01-S01"]
    assert any("avant ses dépendances E01-S01" in w for w in plan.warnings)


def test_work_past_the_plan_creates_extra_sprints(project: Project) -> None:
    stories = [make_story(f"E01-S{i:02d}", 13) for i in range(1, 10)]
    plan = schedule(make_backlog(project, [make_epic("E01", stories)]), MONDAY)
    assert len(plan.sprints) == 9 and not plan.sprint(7).in_plan and plan.sprint(6).in_plan


def test_status_date_comes_from_the_parameter_then_as_of_then_the_clock() -> None:
    project = make_project(as_of=dt.date(2025, 5, 20))
    assert today_for(project, dt.date(2025, 1, 2)) == dt.date(2025, 1, 2)
    assert today_for(project) == dt.date(2025, 5, 20)
    bare = make_project()
    assert today_for(bare, clock=lambda: dt.date(2030, 1, 1)) == dt.date(2030, 1, 1)
    assert today_for(bare) == bare.sprints.first_start  # pure functions never read the clock
    assert schedule(make_backlog(project, [])).today == dt.date(2025, 5, 20)


def _phased_project(**overrides: object) -> Project:
    return make_project(
        phases=[
            {"id": "cadrage", "name": "Cadrage", "start": dt.date(2025, 3, 3), "end": dt.date(2025, 3, 14)},
            {"id": "dev", "name": "Développement", "sprints": True, "depends_on": ["cadrage"]},
            {
                "id": "recette",
                "name": "Recette",
                "start": dt.date(2025, 6, 30),
                "end": dt.date(2025, 7, 11),
                "depends_on": ["dev"],
            },
        ],
        milestones=[{"id": "M01", "name": "Bêta", "date": dt.date(2025, 6, 20), "depends_on": ["E01"]}],
        **overrides,
    )


def test_development_is_a_timebox_unless_must_stories_overflow() -> None:
    fits = make_backlog(_phased_project(), [make_epic("E01", [make_story("E01-S01", 5)])])
    plan = schedule(fits, MONDAY)
    assert plan.phases["dev"].end == plan.sprint(6).end == dt.date(2025, 6, 27)
    assert plan.phases["recette"].start == dt.date(2025, 6, 30) and plan.phases["recette"].pushed_by is None
    assert plan.critical_path == ["dev", "recette"]

    chain = [make_story("E01-S01", 13)] + [
        make_story(f"E01-S{i:02d}", 13, depends_on=[f"E01-S{i - 1:02d}"]) for i in range(2, 9)
    ]
    late = schedule(make_backlog(_phased_project(), [make_epic("E01", chain)]), MONDAY)
    assert late.phases["dev"].end == late.sprint(8).end
    recette = late.phases["recette"]
    assert recette.pushed_by == "dev" and recette.start == dt.date(2025, 7, 28)
    assert recette.end == dt.date(2025, 8, 8)  # the same ten working days
    assert late.critical_path == [*(f"E01-S{i:02d}" for i in range(1, 9)), "recette"]


def test_milestone_slip_is_explained() -> None:
    stories = [make_story("E01-S01", 13, status=DONE, sprint=1)]
    stories += [make_story(f"E01-S{i:02d}", 13, depends_on=[f"E01-S{i - 1:02d}"]) for i in range(2, 7)]
    plan = schedule(make_backlog(_phased_project(), [make_epic("E01", stories)]), MONDAY)
    milestone = plan.milestones["M01"]
    assert milestone.slips and milestone.driver == "E01"
    assert milestone.forecast == plan.sprint(6).end == dt.date(2025, 6, 27)
    text = "\n".join(milestone.reasons)
    assert "Prévu le 20/06/2025, prévision au 27/06/2025 : 7 jours de retard." in text
    assert "E01-S06 attend E01-S05 (Sprint 5) : chaîne de dépendances E01-S02 → E01-S03 → E01-S04" in text
    assert "E01-S06 est repoussée au Sprint 6 faute de capacité : Sprint 5 est plein (13 points" in text
    assert "Jours fériés et fermetures d'ici là" in text and "Ascension (29/05/2025)" in text
    assert "Reste à faire pour ce jalon : 65 points" in text


def test_capacity_slip_names_the_full_sprints() -> None:
    stories = [make_story(f"E01-S{i:02d}", 13) for i in range(1, 8)]
    plan = schedule(make_backlog(_phased_project(), [make_epic("E01", stories)]), MONDAY)
    text = "\n".join(plan.milestones["M01"].reasons)
    assert "E01-S07 est repoussée au Sprint 7 faute de capacité : Sprint 1 à Sprint 6 sont pleins" in text
    assert "Le plan compte 6 sprints ; le reste à faire en demande 7" in text


def test_unknown_country_plans_without_holidays() -> None:
    plan = schedule(make_backlog(make_project(calendar={"country": "ZZ"}), []), MONDAY)
    assert plan.sprint(2).working_days == 10
    assert any("ZZ" in w for w in plan.warnings)


def test_mini_fixture_plan(mini_project) -> None:  # type: ignore[no-untyped-def]
    from generators.load import load_backlog

    backlog = load_backlog(mini_project).backlog
    assert backlog is not None
    plan = schedule(backlog, dt.date(2025, 4, 25))
    assert {s: p.sprint for s, p in plan.stories.items()} == {"E01-S01": 1, "E01-S02": 2, "E02-S01": 2}
    assert plan.critical_path == ["developpement", "recette"]
    m01 = plan.milestones["M01"]
    assert m01.ready == dt.date(2025, 5, 2), "its work is ready early"
    assert m01.forecast == m01.planned == dt.date(2025, 6, 30) and not m01.slips, "an early milestone keeps its date"
    assert "59 jours avant la date prévue" in m01.reasons[0]
    assert plan.epics["E01"].percent == 60
    assert backlog.story("E02-S01").status == TODO
