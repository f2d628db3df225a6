"""The French wording layer: the user-story sentence, labels, quotes, dates, numbers, plurals."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generators.model import Persona, Story
from generators.wording import (
    area_label,
    date_long,
    date_short,
    number,
    percent,
    persona_label,
    plural,
    priority_label,
    quotation,
    story_sentence,
    working_days,
)

LEA = Persona(id="P-fan", name="Léa Morel, 24 ans", role="Fan de handball, spectatrice occasionnelle")


def _story(so_that: str, as_a: str = "P-fan") -> Story:
    return Story.model_validate(
        {
            "id": "E01-S01",
            "title": "Souscrire",
            "as_a": as_a,
            "i_want": "souscrire l'offre mensuelle",
            "so_that": so_that,
            "acceptance": [{"given": "a", "when": "b", "then": "c"}],
            "points": 3,
            "priority": "must",
            "status": "À faire",
        }
    )


def test_the_sentence_names_the_persona_and_says_afin_que() -> None:
    sentence = story_sentence(_story("j'accède à tout le catalogue"), LEA)
    assert str(sentence) == (
        "En tant que Léa Morel, fan de handball, je veux souscrire l'offre mensuelle "
        "afin que j'accède à tout le catalogue."
    )


@pytest.mark.parametrize(
    ("so_that", "expected"),
    [
        ("il puisse revoir le match", "afin qu'il puisse revoir le match."),
        ("elle soit prévenue", "afin qu'elle soit prévenue."),
        ("on sache qui regarde", "afin qu'on sache qui regarde."),
        ("une alerte parte", "afin qu'une alerte parte."),
        ("aucun fan ne soit bloqué", "afin qu'aucun fan ne soit bloqué."),
        ("mes données soient supprimées.", "afin que mes données soient supprimées."),
        ("l'état soit à jour", "afin que l'état soit à jour."),
    ],
)
def test_afin_que_is_elided_before_a_vowel(so_that: str, expected: str) -> None:
    assert str(story_sentence(_story(so_that), LEA)).endswith(expected)


def test_an_unknown_persona_falls_back_to_its_id() -> None:
    assert str(story_sentence(_story("je paie", as_a="P-inconnu"), None)).startswith("En tant que P-inconnu, je veux")


def test_persona_label_keeps_acronyms() -> None:
    assert persona_label(Persona(id="P-dsi", name="Ana", role="DSI du club")) == "Ana, DSI du club"


@given(st.text(min_size=1).filter(lambda t: t.strip()))
def test_the_sentence_is_always_one_afin_que_clause(so_that: str) -> None:
    text = str(story_sentence(_story(so_that), LEA))
    assert " afin que " in text or " afin qu'" in text
    assert "afin de" not in text.replace(so_that, "") and "P-fan" not in text


@given(st.text())
def test_quotes_are_never_doubled(text: str) -> None:
    once = quotation(text)
    assert quotation(once) == once
    assert "« «" not in once or "« «" in " ".join(text.split())


def test_labels() -> None:
    assert area_label("front-office") == "Front office" and area_label("platform") == "Plateforme"
    assert priority_label("must") == "Indispensable (must)" and priority_label("wont").startswith("Pas dans")


def test_dates_numbers_and_plurals() -> None:
    assert date_long(dt.date(2025, 3, 3)) == "3 mars 2025"
    assert date_long(dt.date(2025, 3, 1)) == "1er mars 2025"
    assert date_long(None) == ""
    assert date_short(dt.date(2025, 3, 3)) == "03/03/2025" and date_short(None) == "—"
    assert number(12.5) == "12,5" and number(1234) == "1\u202f234"
    assert percent(3, 10) == "30\u00a0%" and percent(1, 0) == "0\u00a0%"
    assert working_days(12) == "12 jours ouvrés" and working_days(1) == "1 jour ouvré"
    assert plural(0, "écran maquetté") == "0 écran maquetté" and plural(2, "écran maquetté") == "2 écrans maquettés"
