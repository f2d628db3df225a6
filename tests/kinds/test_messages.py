"""The messages and notifications catalogues: codes cited as {{ msg.CODE }}, notifications tied to stories."""

from __future__ import annotations

from pathlib import Path

from loadhelpers import edit, errors, line_of

from generators.load import load_backlog
from generators.wording.catalogue import expand_plain

E02 = "backlog/epics/E02-offres.yaml"
MESSAGES = "backlog/catalogues/messages.yaml"
NOTIFICATIONS = "backlog/catalogues/notifications.yaml"
PARAMS = "backlog/catalogues/parametres.yaml"


def _catalogues(root: Path, messages: str, notifications: str = "") -> None:
    (root / "backlog/catalogues").mkdir(exist_ok=True)
    (root / PARAMS).write_text(
        "parameters:\n  - id: lock_min\n    label: Verrouillage\n    value: 15\n    unit: minutes\n", encoding="utf-8"
    )
    (root / MESSAGES).write_text(messages, encoding="utf-8")
    if notifications:
        (root / NOTIFICATIONS).write_text(notifications, encoding="utf-8")


MESSAGE = """messages:
  - id: ACC-001
    text: "Compte verrouillé pendant {{ param.lock_min }}"
    kind: error
    screens: [BO-offres]
"""


def test_cited_message_reads_as_its_text_with_its_parameters(mini_project: Path) -> None:
    _catalogues(mini_project, MESSAGE)
    edit(
        mini_project / E02,
        "then: l'offre est visible",
        "then: le message {{ msg.ACC-001 }} s'affiche, l'offre est visible",
    )
    result = load_backlog(mini_project)
    assert result.errors == [] and result.warnings == []
    assert result.backlog is not None
    then = result.backlog.find("E02-S01").acceptance[0].then
    assert expand_plain(then, result.backlog).startswith(
        "le message «\u00a0Compte verrouillé pendant 15\u00a0minutes\u00a0» s'affiche"
    )


def test_unknown_message_code_is_a_located_error(mini_project: Path) -> None:
    _catalogues(mini_project, MESSAGE)
    edit(mini_project / E02, "then: l'offre est visible", "then: le message {{ msg.PAY-404 }} s'affiche")
    assert errors(mini_project) == [
        f"{E02}:{line_of(mini_project / E02, 'PAY-404')}: E02-S01:message.PAY-404: cites unknown message PAY-404 "
        f"(declare it in {MESSAGES})"
    ]


def test_bad_message_code_and_unknown_screen(mini_project: Path) -> None:
    _catalogues(mini_project, MESSAGE.replace("id: ACC-001", "id: acc_1").replace("BO-offres", "BO-nope"))
    found = errors(mini_project)
    assert any(f.startswith(f"{MESSAGES}:2:") and "id" in f for f in found), found


def test_notification_with_unknown_story_and_channel(mini_project: Path) -> None:
    notification = """notifications:
  - id: NTF-01
    title: Rappel
    trigger: Essai en cours
    recipient: Abonné
    channels: [email]
    timing: "{{ param.lock_min }} avant"
    stories: [E09-S09]
"""
    _catalogues(mini_project, MESSAGE, notification)
    assert errors(mini_project) == [
        f"{NOTIFICATIONS}:{line_of(mini_project / NOTIFICATIONS, 'E09-S09')}: NTF-01: stories: unknown story E09-S09"
    ]
    _catalogues(mini_project, MESSAGE, notification.replace("[email]", "[pigeon]").replace("E09-S09", "E02-S01"))
    found = errors(mini_project)
    assert len(found) == 1 and "channels" in found[0] and found[0].startswith(f"{NOTIFICATIONS}:")
