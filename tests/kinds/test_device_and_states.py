"""A screen component citing a story that does not apply to the screen's device is a warning; state machines
may start in several states; the Fanzone state machines hold the settled statuses (issue 14)."""

from __future__ import annotations

from pathlib import Path

import pytest
from loadhelpers import edit, errors, line_of, warnings

from generators.load import load_backlog

E01 = "backlog/epics/E01-compte.yaml"
FO = "mockups/front-office/FO-connexion.yaml"
REPO = Path(__file__).resolve().parents[2]


def _tv_component(root: Path) -> None:
    edit(root / FO, "area: front-office\n", "area: front-office\ndevice: tv\n")
    edit(
        root / FO,
        "  - type: header\n",
        "  - type: text\n    text: Code à saisir\n    story: E01-S01\n  - type: header\n",
    )


def test_a_tv_screen_citing_a_web_only_story_is_a_warning(mini_project: Path) -> None:
    _tv_component(mini_project)
    found = [w for w in warnings(mini_project) if "realises" in w]
    assert found == [
        f"{FO}:{line_of(mini_project / FO, 'components:')}: FO-connexion: warning: a text realises E01-S01, which "
        "applies to web, on a tv screen (shows android-tv, tvos): cite a story of this device or add the "
        "platform to the story"
    ]


def test_a_tv_screen_listing_web_only_stories_is_a_warning_on_its_stories_line(mini_project: Path) -> None:
    edit(mini_project / FO, "area: front-office\n", "area: front-office\ndevice: tv\n")
    line = line_of(mini_project / FO, "stories:")
    assert [w for w in warnings(mini_project) if "lists" in w] == [
        f"{FO}:{line}: FO-connexion: warning: lists {story}, which applies to web, on a tv screen (shows "
        "android-tv, tvos): list it on a screen of its device or add the platform to the story"
        for story in ("E01-S01", "E01-S02")
    ]
    edit(mini_project / E01, "area: front-office\n", "area: front-office\nplatforms: [web, android-tv]\n")
    assert not [w for w in warnings(mini_project) if "tv screen" in w]


def test_the_story_on_the_screen_device_or_out_of_release_is_fine(mini_project: Path) -> None:
    _tv_component(mini_project)
    edit(mini_project / E01, "area: front-office\n", "area: front-office\nplatforms: [web, android-tv]\n")
    assert not [w for w in warnings(mini_project) if "realises" in w]
    edit(mini_project / E01, "platforms: [web, android-tv]\n", "")
    edit(mini_project / FO, "    story: E01-S01\n", "    story: E01-S01\n    out_of_release: true\n")
    assert not [w for w in warnings(mini_project) if "realises" in w]


DOMAIN = """domain: d
title: D
enums:
  - id: S
    title: S
    values:
      - {{value: A, meaning: a}}
      - {{value: B, meaning: b}}
      - {{value: C, meaning: c}}
state_machines:
  - id: s-lifecycle
    title: S
    enum: S
    initial: {initial}
    final: [C]
    transitions:
      - {{from: A, to: C, trigger: t}}
      - {{from: B, to: C, trigger: t}}
"""


def _domain(root: Path, initial: str) -> Path:
    (root / "specs/domain").mkdir(parents=True, exist_ok=True)
    path = root / "specs/domain/d.yaml"
    path.write_text(DOMAIN.format(initial=initial), encoding="utf-8")
    return path


def test_a_machine_may_start_in_several_states(mini_project: Path) -> None:
    path = _domain(mini_project, "A")
    found = errors(mini_project)
    assert found == [
        f"specs/domain/d.yaml:{line_of(path, 'transitions:')}: s-lifecycle: unreachable state(s) from A: B"
    ]
    _domain(mini_project, "[A, B]")
    assert errors(mini_project) == []
    path = _domain(mini_project, "[A, Z]")
    assert errors(mini_project) == [
        f"specs/domain/d.yaml:{line_of(path, 'initial:')}: s-lifecycle: initial: Z is not a value of S"
    ]


SETTLED = {  # machine -> the French names of its states (the settled status lists)
    "content-lifecycle": {
        "En traitement", "Erreur de traitement", "Brouillon", "En validation", "Publié", "Dépublié", "Expiré"
    },
    "live-event-lifecycle": {
        "Brouillon", "Programmé", "Prêt", "En direct", "Terminé", "Reporté", "Annulé", "Interrompu"
    },
    "offer-lifecycle": {"Brouillon", "Publiée", "Archivée"},
    "payout-statement-lifecycle": {"Provisoire", "Validé", "Payé"},
    "pass-lifecycle": {"Valable", "Utilisé", "Remboursé", "Révoqué"},
    "subscription-lifecycle": {
        "En essai", "Active", "Impayée", "Suspendue", "Résiliée", "Résiliation programmée", "Changement programmé"
    },
    "rights-holder-lifecycle": {"En préparation", "Actif", "Suspendu"},
    "back-office-user-lifecycle": {"Invitation envoyée", "Actif", "Désactivé"},
    "notice-lifecycle": {"À traiter", "En cours", "Traité"},
}  # fmt: skip


@pytest.fixture(scope="module")
def fanzone_backlog():  # type: ignore[no-untyped-def]
    result = load_backlog(REPO)
    assert result.backlog is not None, result.errors
    return result.backlog


@pytest.mark.parametrize("machine_id", sorted(SETTLED))
def test_fanzone_machines_hold_the_settled_statuses(fanzone_backlog, machine_id: str) -> None:  # type: ignore[no-untyped-def]
    machine = fanzone_backlog.find(machine_id)
    enum = fanzone_backlog.find(machine.enum)
    names = {value.meaning.split(" :", 1)[0] for value in enum.values}
    assert names == SETTLED[machine_id]


def test_no_live_event_starts_by_hand(fanzone_backlog) -> None:  # type: ignore[no-untyped-def]
    machine = fanzone_backlog.find("live-event-lifecycle")
    into_live = [t for t in machine.transitions if t.to == "LIVE"]
    assert into_live and all(t.actor == "système" and "automatique" in t.trigger for t in into_live)
