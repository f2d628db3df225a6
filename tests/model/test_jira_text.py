"""Jira texts (`generators/model/jira_text.py`): the story description opens with the wording layer's sentence."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from generators.exports.jira_csv import csv_text
from generators.jira.render import desired_issues
from generators.load import load_backlog
from generators.model import Persona, Story
from generators.model.jira_text import story_description
from generators.wording import story_sentence
from generators.wording.catalogue import expanded_copy

REPO = Path(__file__).resolve().parents[2]


def _story(so_that: str) -> Story:
    return Story.model_validate(
        {"id": "E01-S01", "title": "T", "as_a": "P-fan", "i_want": "voir le match [en direct]", "so_that": so_that}
        | {"acceptance": [{"given": "a", "when": "b", "then": "c"}], "points": 1, "priority": "must"}
        | {"status": "À faire"}
    )


PERSONA = Persona.model_validate({"id": "P-fan", "name": "Léa Morel, 24 ans", "role": "Fan de handball"})


@pytest.mark.parametrize(
    ("so_that", "expected"),
    [
        ("je ne rate rien", "*afin* que je ne rate rien."),
        ("il puisse revoir le match", "*afin* qu'il puisse revoir le match."),
    ],
)
def test_the_sentence_is_the_wording_layers_with_bold_words(so_that: str, expected: str) -> None:
    story = _story(so_that)
    sentence = story_sentence(story, PERSONA)
    first = story_description(story, sentence).split("\n")[0]
    assert first == f"*En tant que* Léa Morel, fan de handball, *je veux* voir le match \\[en direct\\] {expected}"
    assert first.replace("*", "").replace("\\", "") == str(sentence)  # markup added, no word changed


def test_jira_sync_and_csv_export_write_the_same_sentence_as_the_site() -> None:
    backlog = load_backlog(REPO).backlog
    assert backlog is not None
    personas = {p.id: p for p in backlog.personas}
    # the sentence the site shows, with catalogue citations as their plain values (as Jira and the CSV carry them)
    expected = {s.id: str(story_sentence(expanded_copy(s, backlog), personas.get(s.as_a))) for s in backlog.stories}
    pushed = {i.id: i.values["description"] for i in desired_issues(backlog) if i.kind == "story"}
    rows = list(csv.reader(io.StringIO(csv_text(backlog))))
    column = rows[0].index("Description")
    exported = [row[column] for row in rows[1:] if row[column].startswith("*En tant que*")]
    assert len(pushed) == len(expected) == len(exported) > 10
    for story_id, description in pushed.items():
        assert description.split("\n")[0].replace("*", "").replace("\\", "") == expected[story_id], story_id
    assert sorted(d.split("\n")[0] for d in exported) == sorted(d.split("\n")[0] for d in pushed.values())
    assert not any("afin de je" in d or "P-" in d.split("\n")[0] for d in pushed.values())
