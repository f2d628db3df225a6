"""`fanzone validate` warns about a wireframe annotation labelled only by its component's type (« Rangée »,
« Tableau »): located at the note's line, exit code 0 (a warning), and quiet once the component is named."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fanzone_cli import run_fanzone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generators.load import load_backlog
from generators.model.screen import COMPONENT_NAMES, Row, Table, component_label, is_bare_type

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
SCREEN = "mockups/front-office/FO-connexion.yaml"
BARE_ROW = """  - type: row
    children:
      - {type: button, label: Annuler}
      - {type: button, label: Valider}
    note: Les deux boutons restent visibles au clavier.
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(MINI, root)
    return root


def _with_row(project: Path, row: str) -> int | None:
    """Appends `row` to the screen's components; returns the line of its note (None: no note)."""
    path = project / SCREEN
    text = path.read_text(encoding="utf-8")
    path.write_text(text + row, encoding="utf-8")
    lines = (text + row).splitlines()
    return next((n for n, line in enumerate(lines, 1) if "Les deux boutons" in line), None)


def test_a_bare_annotation_is_a_located_warning(project: Path) -> None:
    line = _with_row(project, BARE_ROW)
    result = run_fanzone("--root", str(project), "validate")
    assert result.returncode == 0, result.stdout + result.stderr  # a warning does not fail validation
    expected = f"{SCREEN}:{line}: FO-connexion: warning: the annotation of this row is labelled only « Rangée »"
    assert expected in result.stderr, result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_a_named_component_is_not_reported(project: Path) -> None:
    _with_row(project, BARE_ROW.replace("    note:", "    name: Boutons du formulaire\n    note:"))
    result = load_backlog(project)
    assert result.backlog is not None
    assert not [w for w in result.warnings if "labelled only" in w.message], result.warnings
    screen = result.backlog.screen("FO-connexion")
    assert component_label(screen.components[-1]) == "Boutons du formulaire"


def test_a_titled_table_and_an_unannotated_row_are_fine(project: Path) -> None:
    _with_row(project, BARE_ROW.replace("    note: Les deux boutons restent visibles au clavier.\n", ""))
    titled = "  - type: table\n    title: Offres\n    columns: [Nom]\n    note: Trié par prix.\n"
    (project / SCREEN).write_text((project / SCREEN).read_text(encoding="utf-8") + titled, encoding="utf-8")
    result = load_backlog(project)
    assert result.backlog is not None
    assert not [w for w in result.warnings if "labelled only" in w.message]


def test_a_bare_table_deep_in_a_section_is_located_at_its_note(project: Path) -> None:
    nested = (
        "  - type: section\n    title: Résultats\n    children:\n"
        "      - type: table\n        columns: [Nom]\n        note: Vide au départ.\n"
    )
    path = project / SCREEN
    before = path.read_text(encoding="utf-8")
    path.write_text(before + nested, encoding="utf-8")
    result = load_backlog(project)
    found = [w for w in result.warnings if "labelled only « Tableau »" in w.message]
    assert len(found) == 1 and found[0].file == SCREEN
    assert found[0].line == len(before.splitlines()) + 6


def test_an_invalid_name_is_a_located_error(project: Path) -> None:
    _with_row(project, BARE_ROW.replace("    note:", "    name: [pas, un, texte]\n    note:"))
    result = run_fanzone("--root", str(project), "validate")
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert f"{SCREEN}:" in output and "name" in output, output
    assert "Traceback" not in result.stdout + result.stderr


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.text(max_size=60))
def test_any_name_gives_a_label_that_is_bare_only_when_it_is_a_type(name: str) -> None:
    row = Row(type="row", children=[{"type": "button", "label": "OK"}], note="n", name=name)
    label = component_label(row)
    assert "\n" not in label and len(label) <= 40
    if name.strip():
        assert is_bare_type(label) == (" ".join(name.split())[:40].casefold() in _TYPE_NAMES or _cut(name))
    else:
        assert label == "Rangée" and is_bare_type(label)


_TYPE_NAMES = {n.casefold() for n in COMPONENT_NAMES.values()} | set(COMPONENT_NAMES)


def _cut(name: str) -> bool:
    short = " ".join(name.split())
    return len(short) > 40 and (short[:39] + "…").casefold() in _TYPE_NAMES


@given(title=st.text(min_size=1, max_size=60).filter(lambda t: t.strip()))
def test_a_titled_component_is_never_bare(title: str) -> None:
    table = Table(type="table", title=title, columns=["A"], note="n")
    assert not is_bare_type(component_label(table))
