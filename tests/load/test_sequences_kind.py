"""The sequence kind: specs/sequences/*.puml with metadata comments; references checked; any PlantUML
preprocessor directive is a located error (exit 1), never given to PlantUML."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from fanzone_cli import run_fanzone

sys.path.insert(0, str(Path(__file__).resolve().parent))

from techspechelpers import SEQUENCE, workspace

from generators.load import load_backlog


def test_a_sequence_loads_with_its_metadata(tmp_path: Path) -> None:
    result = load_backlog(workspace(tmp_path))
    assert result.errors == []
    [sequence] = result.backlog.objects("sequence")
    assert (sequence.id, sequence.stories, sequence.operations) == ("SEQ-ACC-01", ["E01-S01"], ["getAccount"])
    assert sequence.source.startswith("@startuml") and sequence.source.endswith("@enduml")


def test_unknown_references_are_located(tmp_path: Path) -> None:
    sequence = SEQUENCE.replace("[getAccount]", "[getAccount, deleteEverything]").replace("[E01-S01]", "[E07-S07]")
    errors = [str(f) for f in load_backlog(workspace(tmp_path, sequence=sequence)).errors]
    assert any(
        e.startswith(
            "specs/sequences/SEQ-ACC-01.puml:1: SEQ-ACC-01: operations: unknown API operation deleteEverything"
        )
        for e in errors
    ), errors
    assert any(
        e.startswith("specs/sequences/SEQ-ACC-01.puml:1: SEQ-ACC-01: stories: unknown story E07-S07") for e in errors
    ), errors


@pytest.mark.parametrize(
    ("line", "what"),
    [
        ("!include /etc/passwd", "preprocessor directive"),
        ("  !import secrets", "preprocessor directive"),
        ("!define X 1", "preprocessor directive"),
        ('Fan -> API : %getenv("HOME")', "preprocessor function"),
        ("Fan -> API : <img:/etc/hosts>", "image include"),
    ],
)
def test_preprocessor_directives_are_refused_with_their_line(tmp_path: Path, line: str, what: str) -> None:
    sequence = SEQUENCE.replace("actor Fan\n", f"actor Fan\n{line}\n")
    root = workspace(tmp_path, sequence=sequence)
    result = run_fanzone("-C", str(root), "validate")
    assert result.returncode == 1
    number = sequence.splitlines().index(line) + 1
    assert f"specs/sequences/SEQ-ACC-01.puml:{number}: SEQ-ACC-01: {what} refused" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
