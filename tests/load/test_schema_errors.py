"""Schema violations: wrong type, missing field, unknown field, value not allowed - each at its own line."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from loadhelpers import edit, errors, line_of

from generators.load import load_backlog

EPIC = "backlog/epics/E01-compte.yaml"
LOCATED = re.compile(r"^[^:\n]+:\d+: [^:\n]+: .+")


def test_sample_project_is_valid(mini_project: Path) -> None:
    result = load_backlog(mini_project)
    assert result.ok, result.errors
    assert result.warnings == []
    backlog = result.backlog
    assert backlog is not None
    assert [e.id for e in backlog.epics] == ["E01", "E02"]
    assert [s.id for s in backlog.stories] == ["E01-S01", "E01-S02", "E02-S01"]
    assert backlog.location("E01-S02").line == line_of(mini_project / EPIC, "id: E01-S02")
    assert backlog.location("E01-S02", "points").line == line_of(mini_project / EPIC, "points: 2")
    assert backlog.location("E01-S01", "acceptance.1").line == line_of(mini_project / EPIC, "given: l'e-mail")


def test_unknown_field_is_an_error_not_silently_dropped(mini_project: Path) -> None:
    path = mini_project / EPIC
    edit(path, "    acceptance:\n", "    acceptence:\n")
    line = line_of(path, "acceptence:")
    found = errors(mini_project)
    assert f"{EPIC}:{line}: E01-S01: unknown field 'acceptence'" in found
    assert any("missing required field 'acceptance'" in f and "E01-S01" in f for f in found)


def test_points_off_the_fibonacci_scale(mini_project: Path) -> None:
    path = mini_project / EPIC
    edit(path, "points: 3", "points: 4")
    line = line_of(path, "points: 4")
    assert errors(mini_project) == [
        f"{EPIC}:{line}: E01-S01: points: 4 is not on the Fibonacci scale (0, 1, 2, 3, 5, 8, 13, 21)"
    ]


def test_wrong_type_and_value_not_allowed(mini_project: Path) -> None:
    path = mini_project / EPIC
    edit(path, "priority: must\nstatus: Terminé".replace("\n", "\n    "), "priority: urgent\n    status: Terminé")
    edit(path, "sprint: 1", "sprint: deux")
    found = errors(mini_project)
    priority_line = line_of(path, "priority: urgent")
    sprint_line = line_of(path, "sprint: deux")
    assert any(f.startswith(f"{EPIC}:{priority_line}: E01-S01: priority: 'urgent' is not allowed") for f in found)
    assert any(f.startswith(f"{EPIC}:{sprint_line}: E01-S01: sprint:") for f in found)


def test_missing_field_points_at_the_object(mini_project: Path) -> None:
    path = mini_project / EPIC
    edit(path, "    so_that: je puisse m'abonner\n", "")
    line = line_of(path, "- id: E01-S01")
    assert errors(mini_project) == [f"{EPIC}:{line}: E01-S01: missing required field 'so_that'"]


def test_bad_identifier_pattern(mini_project: Path) -> None:
    path = mini_project / EPIC
    edit(path, "as_a: P-fan", "as_a: fan")
    line = line_of(path, "as_a: fan")
    found = errors(mini_project)
    assert len(found) == 1
    assert found[0].startswith(f"{EPIC}:{line}: E01-S01: as_a: 'fan' is not a valid identifier")


def test_unknown_component_type_in_a_screen(mini_project: Path) -> None:
    path = mini_project / "mockups/front-office/FO-connexion.yaml"
    edit(path, "  - type: header", "  - type: carousel")
    line = line_of(path, "type: carousel")
    found = errors(mini_project)
    assert any(
        f.startswith(f"mockups/front-office/FO-connexion.yaml:{line}: FO-connexion:")
        and "unknown component type 'carousel'" in f
        for f in found
    )


def test_project_schema_errors(mini_project: Path) -> None:
    path = mini_project / "backlog/project.yaml"
    edit(path, "  count: 6", "  count: 0")
    edit(path, "    category: done", "    category: finished")
    found = errors(mini_project)
    assert any(
        f.startswith(f"backlog/project.yaml:{line_of(path, 'count: 0')}: project: sprints.count:") for f in found
    )
    assert any(
        f.startswith(f"backlog/project.yaml:{line_of(path, 'category: finished')}: project:")
        and "'finished' is not allowed" in f
        for f in found
    )


def test_invalid_file_does_not_cascade_into_reference_errors(mini_project: Path) -> None:
    """An epic that fails its schema must not make every reference to its stories 'unknown' too."""
    edit(mini_project / EPIC, "points: 3", "points: 4")
    found = errors(mini_project)
    assert len(found) == 1
    assert "unknown" not in found[0]


def test_findings_sorted_by_file_and_line(mini_project: Path) -> None:
    edit(mini_project / "backlog/epics/E02-offres.yaml", "points: 5", "points: 6")
    edit(mini_project / EPIC, "points: 2", "points: 7")
    edit(mini_project / EPIC, "points: 3", "points: 4")
    found = load_backlog(mini_project).errors
    keys = [(f.file, f.line) for f in found]
    assert keys == sorted(keys)
    assert len(found) == 3


def test_sprint_start_defaults_to_the_project_start(mini_project: Path) -> None:
    path = mini_project / "backlog/project.yaml"
    edit(path, "  first_start: 2025-04-07\n", "")
    result = load_backlog(mini_project)
    assert result.ok, result.errors
    assert str(result.backlog.project.sprints.first_start) == "2025-03-03"


@pytest.mark.parametrize("odd", [":", "E01-S02: bis", "", " ", "a\nb"])
def test_an_id_that_is_not_id_shaped_names_the_enclosing_object(mini_project: Path, odd: str) -> None:
    """A finding reads `file:line: ID: message`: a story whose id holds a colon, a space or nothing is reported
    under its epic's id (the id's own error says what is wrong with it); Hypothesis found `file:1: :: …`."""
    path = mini_project / EPIC
    edit(path, "  - id: E01-S02\n", f"  - id: {json.dumps(odd)}\n")
    line = line_of(path, f"id: {json.dumps(odd)}")
    found = errors(mini_project)
    assert found and all(LOCATED.match(finding) for finding in found), found
    assert any(finding.startswith(f"{EPIC}:{line}: E01: ") for finding in found), found
