"""Burndown, burnup and flow metrics computed from a status history, and their SVG charts."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from planbuild import DONE, TODO, make_backlog, make_epic, make_project, make_story
from reportkit import STATUS_DATE

from generators.load import load_backlog
from generators.load.history import read_history
from generators.model.history import StatusHistory, Transition
from generators.plan import schedule
from generators.reports import charts
from generators.reports.flow import flow_report, percentile


def test_percentile_interpolates_between_ranks() -> None:
    values = [1.0, 2.0, 3.0, 4.0, 10.0]
    assert percentile(values, 50) == 3.0
    assert percentile(values, 85) == pytest.approx(6.4)
    assert percentile(values, 95) == pytest.approx(8.8)
    assert percentile([5.0], 95) == 5.0 and percentile([], 50) == 0.0


def _report(root: Path, today: dt.date = STATUS_DATE):  # type: ignore[no-untyped-def]
    backlog = load_backlog(root).backlog
    history, _ = read_history(root)
    assert backlog is not None and history is not None
    plan = schedule(backlog, today)
    return backlog, plan, flow_report(backlog, history, plan)


def test_flow_series_from_the_jira_history(history_project: Path) -> None:
    _, _, report = _report(history_project)
    assert report.days[0] == dt.date(2025, 4, 1) and report.days[-1] == STATUS_DATE
    day = report.days.index
    assert {s: report.cfd[s][day(dt.date(2025, 4, 2))] for s in report.statuses} == {
        "À faire": 3,
        "En cours": 0,
        "Terminé": 0,
    }
    assert {s: report.cfd[s][-1] for s in report.statuses} == {"À faire": 1, "En cours": 1, "Terminé": 1}
    assert report.scope[day(dt.date(2025, 4, 1))] == 5 and report.scope[-1] == 10
    assert report.done[day(dt.date(2025, 4, 14))] == 0 and report.done[day(dt.date(2025, 4, 15))] == 3
    assert [(c.story, c.days) for c in report.cycle_times] == [("E01-S01", 7.0)]
    assert report.percentiles == {50: 7.0, 85: 7.0, 95: 7.0}
    assert (dt.date(2025, 4, 14), 1, 3) in report.throughput and sum(n for _, n, _ in report.throughput) == 1
    assert [(a.story, a.status, a.age) for a in report.ageing] == [("E01-S02", "En cours", 9)]
    assert report.without_history == []


def test_sprint_burndowns_follow_the_working_days(history_project: Path) -> None:
    _, _, report = _report(history_project)
    first, second = report.sprints
    assert (first.number, first.total, first.stories) == (1, 3, ["E01-S01"])
    assert first.days[0] == dt.date(2025, 4, 7) and dt.date(2025, 4, 12) not in first.days  # no weekend
    assert first.remaining[first.days.index(dt.date(2025, 4, 14))] == 3
    assert first.remaining[first.days.index(dt.date(2025, 4, 15))] == 0
    assert first.ideal[0] == 3 and first.ideal[-1] == 0
    assert second.number == 2 and second.days[0] == dt.date(2025, 4, 22)  # Easter Monday skipped
    assert second.days[-1] == STATUS_DATE and second.remaining[-1] == 7


def test_a_story_sent_back_to_todo_restarts_its_cycle_time() -> None:
    t = dt.datetime.fromisoformat
    history = StatusHistory(
        stories={
            "E01-S01": [
                Transition(at=t("2025-04-07T09:00:00+00:00"), to_status="En cours"),
                Transition(at=t("2025-04-08T09:00:00+00:00"), from_status="En cours", to_status=TODO),
                Transition(at=t("2025-04-10T09:00:00+00:00"), from_status=TODO, to_status="En cours"),
                Transition(at=t("2025-04-11T21:00:00+00:00"), from_status="En cours", to_status=DONE),
            ]
        }
    )
    backlog = make_backlog(make_project(), [make_epic("E01", [make_story("E01-S01", 3, status=DONE, sprint=1)])])
    report = flow_report(backlog, history, schedule(backlog, STATUS_DATE))
    assert [c.days for c in report.cycle_times] == [1.5]


def test_charts_are_self_contained_deterministic_svg(history_project: Path) -> None:
    _, plan, report = _report(history_project)
    outputs = [
        charts.burnup_svg(report, plan),
        charts.sprint_burndown_svg(report.sprints[0]),
        charts.cfd_svg(report),
        charts.cycle_time_svg(report),
        charts.throughput_svg(report),
        charts.ageing_svg(report),
    ]
    for svg in outputs:
        root = ET.fromstring(svg)
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        text = svg.decode()
        assert "@font-face" not in text and "url(http" not in text
        assert not re.search(r'(?:href|src)="https?:', text)
        assert "<dc:date>" not in text
    assert charts.burnup_svg(report, plan) == outputs[0]


def test_jira_status_names_count_in_their_declared_column() -> None:
    statuses = [
        {"name": "À faire", "category": "todo", "jira_names": ["To Do"]},
        {"name": "En cours", "category": "in_progress", "jira_names": ["In Review"]},
        {"name": "Terminé", "category": "done", "jira_names": ["Done"]},
    ]
    t = dt.datetime.fromisoformat
    history = StatusHistory(
        stories={
            "E01-S01": [
                Transition(at=t("2025-04-07T09:00:00+00:00"), to_status="To Do"),
                Transition(at=t("2025-04-08T09:00:00+00:00"), from_status="To Do", to_status="In Review"),
                Transition(at=t("2025-04-10T09:00:00+00:00"), from_status="In Review", to_status="Done"),
            ],
            "E01-S02": [Transition(at=t("2025-04-07T09:00:00+00:00"), to_status="Abandonné")],  # not declared
        }
    )
    stories = [make_story("E01-S01", 5, status=DONE, sprint=1), make_story("E01-S02", 2)]
    backlog = make_backlog(make_project(statuses=statuses), [make_epic("E01", stories)])
    report = flow_report(backlog, history, schedule(backlog, STATUS_DATE))
    assert {s: report.cfd[s][-1] for s in report.statuses} == {"À faire": 0, "En cours": 0, "Terminé": 1}
    assert report.done[-1] == 5 and [c.days for c in report.cycle_times] == [2.0]
