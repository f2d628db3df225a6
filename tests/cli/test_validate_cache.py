"""`fanzone validate` shows its last outcome again when none of its inputs changed, and checks again when one
did; an outcome not signed with the user's key is never believed. Real command line, real files."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from generators.cli import validate_cache
from generators.kinds import KINDS
from generators.signed_cache import SignedCache

Run = Callable[..., subprocess.CompletedProcess[str]]
E01 = "backlog/epics/E01-compte.yaml"


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """The user's cache (and signing key) of the test, for the command line and for this process."""
    values = {"FANZONE_CACHE": str(tmp_path / "user-cache")}
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    return values


def _plant(project: Path, outcome: dict, secret: bytes | None = None) -> None:
    """Write an outcome for the project's current inputs, signed with the user's key (or with `secret`)."""
    key = validate_cache.inputs_key(project)
    assert key is not None
    store = SignedCache(project / ".cache" / "fanzone" / "validate", secret=secret or True)
    store.put(store.key("validate-outcome"), key.encode() + b"\n" + json.dumps(outcome).encode())


def test_same_inputs_same_outcome_and_an_edit_checks_again(mini_project: Path, fanzone: Run, env: dict) -> None:
    first = fanzone("validate", cwd=mini_project, env=env)
    again = fanzone("validate", cwd=mini_project, env=env)
    assert first.returncode == again.returncode == 0
    assert (again.stdout, again.stderr) == (first.stdout, first.stderr)
    assert first.stdout.startswith("ok: 2 epics")

    story = mini_project / E01
    story.write_text(story.read_text(encoding="utf-8").replace("points: 3", "points: 4", 1), encoding="utf-8")
    broken = fanzone("validate", cwd=mini_project, env=env)
    assert broken.returncode == 1 and f"{E01}:20:" in broken.stderr
    remembered = fanzone("validate", cwd=mini_project, env=env)  # an invalid project: the same errors, exit 1
    assert remembered.returncode == 1 and remembered.stderr == broken.stderr
    as_json = [json.loads(fanzone("validate", "--json", cwd=mini_project, env=env).stdout) for _ in range(2)]
    assert as_json[0] == as_json[1] and as_json[0]["ok"] is False and as_json[0]["errors"] >= 1


def test_the_remembered_outcome_is_what_is_shown(mini_project: Path, fanzone: Run, env: dict) -> None:
    assert fanzone("validate", cwd=mini_project, env=env).returncode == 0
    finding = {"file": E01, "line": 7, "id": "E01-S01", "message": "remembered", "severity": "warning", "code": "x"}
    _plant(mini_project, {"errors": [], "warnings": [finding], "infos": [], "counts": None})
    shown = fanzone("validate", "--strict", cwd=mini_project, env=env)
    assert shown.returncode == 1 and f"{E01}:7: E01-S01: warning: remembered" in shown.stderr


def test_an_outcome_signed_by_someone_else_is_not_believed(mini_project: Path, fanzone: Run, env: dict) -> None:
    story = mini_project / E01
    story.write_text(story.read_text(encoding="utf-8").replace("points: 3", "points: 4", 1), encoding="utf-8")
    assert fanzone("validate", cwd=mini_project, env=env).returncode == 1
    forged = {"errors": [], "warnings": [], "infos": [], "counts": dict.fromkeys(("epics", "stories"), 9)}
    forged["counts"] |= {"personas": 9, "screens": 9, "rules": 9}
    _plant(mini_project, forged, secret=b"k" * 32)  # another key: a file someone put in the project's cache
    checked = fanzone("validate", cwd=mini_project, env=env)
    assert checked.returncode == 1 and "ok:" not in checked.stdout


def test_every_kind_reads_files_under_the_validated_folders() -> None:
    for kind in KINDS:
        for pattern in kind.files:
            assert pattern.split("/", 1)[0] in validate_cache.INPUTS, (kind.name, pattern)
