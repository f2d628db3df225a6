"""The Fanzone TV content shipped with the toolkit validates cleanly and has the promised depth."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from generators.load import load_backlog
from generators.load.history import read_history
from generators.model import Priority, StatusCategory

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def shipped():
    result = load_backlog(REPO)
    assert result.errors == [], "\n".join(map(str, result.errors))
    return result


def test_no_errors_and_no_warnings(shipped) -> None:
    assert shipped.warnings == [], "\n".join(map(str, shipped.warnings))


def test_backlog_size_and_mix(shipped) -> None:
    backlog = shipped.backlog
    assert backlog.project.jira.project == "FZ"
    assert str(backlog.project.calendar.start) == "2025-03-03"
    assert backlog.project.sprints.length_weeks == 2
    assert len(backlog.personas) >= 5
    assert len(backlog.epics) >= 12
    stories = backlog.stories
    assert len(stories) >= 110
    categories = Counter(backlog.category(s) for s in stories)
    assert categories[StatusCategory.DONE] > 0 and categories[StatusCategory.IN_PROGRESS] > 0
    assert categories[StatusCategory.TODO] > 0
    areas = {e.area.value for e in backlog.epics}
    assert areas == {"front-office", "back-office", "platform"}
    for story in stories:
        if story.priority is Priority.MUST:
            assert len(story.acceptance) >= 2, story.id


def test_screens_and_rules(shipped) -> None:
    backlog = shipped.backlog
    areas = Counter(s.area for s in backlog.screens)
    assert areas["front-office"] >= 25
    assert areas["back-office"] >= 15
    assert len(backlog.rules) >= 40
    devices = Counter(s.device for s in backlog.screens)
    assert devices["mobile"] >= 3 and devices["tv"] >= 3, devices  # native apps and TV are specified
    used_rules = {rule for story in backlog.stories for rule in story.rules}
    assert used_rules <= {r.id for r in backlog.rules}
    for screen in backlog.screens:
        assert backlog.stories_for_screen(screen.id), screen.id


def test_specification_prose() -> None:
    pages = sorted((REPO / "specs").glob("*.md"))
    assert len(pages) >= 6
    words = sum(len(re.findall(r"\w+", p.read_text(encoding="utf-8"))) for p in pages)
    assert words >= 6000


def test_history_is_consistent(shipped) -> None:
    history, problems = read_history(REPO)
    assert problems == []
    if history is None:
        pytest.skip("no backlog/history.json shipped")
    backlog = shipped.backlog
    statuses = {s.name for s in backlog.project.statuses}
    for story_id, transitions in history.stories.items():
        assert backlog.has_story(story_id), story_id
        assert [t.at for t in transitions] == sorted(t.at for t in transitions), story_id
        assert transitions[-1].to_status == backlog.story(story_id).status, story_id
        assert {t.to_status for t in transitions} <= statuses
