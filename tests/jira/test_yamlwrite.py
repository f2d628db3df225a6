"""Writing workflow values into the YAML: only the touched lines change (comments, order, quotes, blocks, flow lists
and line endings stay), the write is atomic, and mixed indentation falls back to line edits."""

from __future__ import annotations

from pathlib import Path

import pytest

from generators.jira.errors import JiraSyncError
from generators.jira.yamlwrite import YamlEdit, apply_edits

TRICKY = """\
# Epic header comment

id: E05   # the epic id
title: "Abonnements et paiement"
description: >
  Permettre au fan de souscrire une offre payée par carte via Stripe, une ligne qui dépasse les cent caractères.
  Deuxième ligne.

depends_on: [E01]
stories:
  # first story
  - id: E05-S01
    title: 'Souscrire'
    points: 5                 # Fibonacci
    status: À faire           # a status declared in project.yaml
    notes: |
      Ligne 1
        indentée

    depends_on:
      - E01-S01

  # second story, after a blank line
  - id: E05-S02
    acceptance:
      - {given: a, when: b, then: c}
    status: "En cours"
    # trailing comment in story
# end of file comment
"""

EXPECTED = """\
# Epic header comment

id: E05   # the epic id
jira: FZ-1
title: "Abonnements et paiement"
description: >
  Permettre au fan de souscrire une offre payée par carte via Stripe, une ligne qui dépasse les cent caractères.
  Deuxième ligne.

depends_on: [E01]
stories:
  # first story
  - id: E05-S01
    jira: FZ-2
    title: 'Souscrire'
    points: 5                 # Fibonacci
    status: En cours          # a status declared in project.yaml
    assignee: 'Hugo: Bernard'
    notes: |
      Ligne 1
        indentée

    depends_on:
      - E01-S01

  # second story, after a blank line
  - id: E05-S02
    jira: FZ-3
    acceptance:
      - {given: a, when: b, then: c}
    status: "Terminé"
    sprint: 3
    # trailing comment in story
# end of file comment
"""

EDITS = [
    YamlEdit("E05", {"jira": "FZ-1"}),
    YamlEdit("E05-S01", {"jira": "FZ-2", "status": "En cours", "assignee": "Hugo: Bernard"}),
    YamlEdit("E05-S02", {"jira": "FZ-3", "status": "Terminé", "sprint": 3}),
]


def test_round_trip_changes_only_the_touched_lines(tmp_path: Path):
    path = tmp_path / "E05.yaml"
    path.write_text(TRICKY, encoding="utf-8")
    assert apply_edits(path, EDITS) is True
    assert path.read_text(encoding="utf-8") == EXPECTED
    assert [p.name for p in tmp_path.iterdir()] == ["E05.yaml"]  # no temporary file left behind


def test_nothing_to_change_leaves_the_file_alone(tmp_path: Path):
    path = tmp_path / "E05.yaml"
    path.write_text(EXPECTED, encoding="utf-8")
    stamp = path.stat().st_mtime_ns
    assert apply_edits(path, EDITS) is False
    assert path.stat().st_mtime_ns == stamp


def test_delete_keeps_the_comment_that_followed(tmp_path: Path):
    path = tmp_path / "E05.yaml"
    path.write_text(EXPECTED, encoding="utf-8")
    assert apply_edits(path, [YamlEdit("E05-S02", delete=("sprint",))])
    assert path.read_text(encoding="utf-8") == EXPECTED.replace("    sprint: 3\n", "")


def test_dash_at_the_parent_indentation(tmp_path: Path):
    path = tmp_path / "E06.yaml"
    path.write_text("id: E06\nstories:\n- id: E06-S01\n  title: Un\n  status: À faire\n", encoding="utf-8")
    assert apply_edits(path, [YamlEdit("E06-S01", {"jira": "FZ-9", "sprint": 2})])
    assert path.read_text(encoding="utf-8") == (
        "id: E06\nstories:\n- id: E06-S01\n  jira: FZ-9\n  title: Un\n  status: À faire\n  sprint: 2\n"
    )


def test_mixed_indentation_falls_back_to_line_edits(tmp_path: Path):
    text = (
        "id: E07\n"
        "stories:\n"
        "  - id: E07-S01\n"
        "    status: À faire   # à jour\n"
        "    depends_on:\n"
        "    - E01-S01\n"  # another sequence style in the same file: ruamel would re-indent it
        "    screens: [FO-a]\n"
    )
    path = tmp_path / "E07.yaml"
    path.write_text(text, encoding="utf-8")
    assert apply_edits(path, [YamlEdit("E07-S01", {"jira": "FZ-4", "status": "En cours"})])
    assert path.read_text(encoding="utf-8") == text.replace(
        "  - id: E07-S01\n    status: À faire   # à jour\n",
        "  - id: E07-S01\n    jira: FZ-4\n    status: En cours   # à jour\n",
    )


def test_crlf_and_bom_are_kept(tmp_path: Path):
    path = tmp_path / "E08.yaml"
    path.write_bytes("\ufeffid: E08\r\ntitle: Huit\r\n".encode())
    assert apply_edits(path, [YamlEdit("E08", {"jira": "FZ-8"})])
    assert path.read_bytes() == "\ufeffid: E08\r\njira: FZ-8\r\ntitle: Huit\r\n".encode()


def test_unknown_object_is_an_error(tmp_path: Path):
    path = tmp_path / "E09.yaml"
    path.write_text("id: E09\n", encoding="utf-8")
    with pytest.raises(JiraSyncError, match="E10: not found"):
        apply_edits(path, [YamlEdit("E10", {"jira": "FZ-1"})])
    assert path.read_text(encoding="utf-8") == "id: E09\n"
