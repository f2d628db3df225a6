"""project.yaml: plans PlantUML cannot draw are found by validate, located; long chains load and schedule."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from loadhelpers import edit, errors, line_of

from generators.kinds.project import MAX_PLAN_YEARS, plan_limit
from generators.load import load_backlog
from generators.plan.schedule import schedule

PROJECT = "backlog/project.yaml"
CHAIN = 1200  # phases in a chain: far beyond what recursion allows (the issue found 250 failing)


def test_plan_limit_is_twenty_years_even_from_the_29th_of_february() -> None:
    assert MAX_PLAN_YEARS == 20
    assert plan_limit(dt.date(2025, 3, 3)) == dt.date(2045, 3, 3)
    assert plan_limit(dt.date(2080, 2, 29)) == dt.date(2100, 2, 28)  # 2100 is not a leap year


def test_too_many_sprints_for_the_gantt(mini_project: Path) -> None:
    path = mini_project / PROJECT
    edit(path, "  length_weeks: 2", "  length_weeks: 6")
    edit(path, "  count: 6", "  count: 180")
    line = line_of(path, "sprints:")
    assert errors(mini_project) == [
        f"{PROJECT}:{line}: project: the plan needs at least 180 sprints of 6 weeks (declared sprints, pinned "
        "sprints and 7 open points at velocity 20); its end 2045-12-18 is after 2045-03-03: a plan cannot last "
        "more than 20 years (the Gantt's limit)"
    ]


def test_open_points_beyond_twenty_years_at_this_velocity(mini_project: Path) -> None:
    path = mini_project / PROJECT
    edit(path, "velocity: 20", "velocity: 1")
    edit(path, "  length_weeks: 2", "  length_weeks: 6")
    epic = mini_project / "backlog/epics/E02-offres.yaml"
    text = epic.read_text(encoding="utf-8")
    story = text[text.index("  - id: E02-S01") :]
    more = "".join(story.replace("E02-S01", f"E02-S{n:02d}").replace("depends_on: [E01-S02]", "") for n in range(2, 11))
    epic.write_text(text + more, encoding="utf-8")
    text = epic.read_text(encoding="utf-8")
    epic.write_text(text.replace("points: 5", "points: 21"), encoding="utf-8")
    found = errors(mini_project)
    assert len(found) == 1 and "plan needs at least 212 sprints of 6 weeks" in found[0], found


def test_the_plan_exactly_at_the_limit_is_accepted(mini_project: Path) -> None:
    path = mini_project / PROJECT
    # 2025-04-07 + 1043 weeks = 2045-03-06 > 2045-03-03; 1042 weeks = 2045-02-27
    edit(path, "  length_weeks: 2", "  length_weeks: 1")
    edit(path, "  count: 6", "  count: 200")
    edit(path, "velocity: 20", "velocity: 1")
    assert errors(mini_project) == []


def test_dates_beyond_the_limit_are_located(mini_project: Path) -> None:
    path = mini_project / PROJECT
    edit(path, "    date: 2025-06-30", "    date: 2046-06-30")
    edit(path, "    end: 2025-03-14", "    end: 2045-03-04")
    found = errors(mini_project)
    assert found == [
        f"{PROJECT}:{line_of(path, '    end: 2045-03-04')}: project: phase cadrage: end 2045-03-04 is after "
        "2045-03-03: a plan cannot last more than 20 years (the Gantt's limit)",
        f"{PROJECT}:{line_of(path, '    date: 2046-06-30')}: project: milestone M01: date 2046-06-30 is after "
        "2045-03-03: a plan cannot last more than 20 years (the Gantt's limit)",
    ]


def test_long_chains_of_phases_validate_and_schedule_without_recursion(mini_project: Path) -> None:
    path = mini_project / PROJECT
    chain = "".join(
        f"  - id: etape-{n}\n    name: Étape {n}\n    duration_days: 1\n"
        f"    depends_on: [{'etape-' + str(n - 1) if n else 'cadrage'}]\n"
        for n in reversed(range(CHAIN))  # listed last first: resolving in file order would recurse
    )
    edit(path, "milestones:\n", chain + "milestones:\n")
    edit(path, "    depends_on: [E01, E02]", f"    depends_on: [E01, E02, etape-{CHAIN - 1}]")
    result = load_backlog(mini_project)
    assert result.errors == [], result.errors[:3]
    assert result.backlog is not None
    plan = schedule(result.backlog)
    assert plan.phases[f"etape-{CHAIN - 1}"].end > plan.phases["etape-0"].end
    assert any("etape" in reason for reason in plan.milestones["M01"].reasons)
