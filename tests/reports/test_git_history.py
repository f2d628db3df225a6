"""Status history rebuilt from the git history of backlog/ (a small repository made in the test)."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from loadhelpers import edit
from reportkit import E01, E02, git

from generators.load.git_history import history_from_git, read_status_history, statuses_in


def _moves(history, story_id: str) -> list[tuple[str, str | None, str]]:  # type: ignore[no-untyped-def]
    return [(t.at.isoformat(), t.from_status, t.to_status) for t in history.stories[story_id]]


def test_each_commit_becomes_the_status_changes_it_made(mini_project: Path, git_project: Callable) -> None:
    git_project("backlog initial", "2025-04-01T09:00:00+02:00")
    edit(mini_project / E02, "status: À faire", "status: En cours")
    git_project("E02-S01 commence", "2025-04-22T10:30:00+02:00")
    (mini_project / "README.txt").write_text("hors backlog", encoding="utf-8")
    git_project("a commit outside backlog/", "2025-04-23T10:00:00+02:00")
    edit(mini_project / E02, "status: En cours", "status: Terminé")
    edit(mini_project / E01, "status: En cours", "status: Terminé")
    git_project("deux stories terminées", "2025-04-24T18:00:00+02:00")

    history = history_from_git(mini_project)
    assert history is not None and history.source == "git"
    assert _moves(history, "E02-S01") == [
        ("2025-04-01T09:00:00+02:00", None, "À faire"),
        ("2025-04-22T10:30:00+02:00", "À faire", "En cours"),
        ("2025-04-24T18:00:00+02:00", "En cours", "Terminé"),
    ]
    assert _moves(history, "E01-S02") == [
        ("2025-04-01T09:00:00+02:00", None, "En cours"),
        ("2025-04-24T18:00:00+02:00", "En cours", "Terminé"),
    ]
    assert _moves(history, "E01-S01") == [("2025-04-01T09:00:00+02:00", None, "Terminé")]
    assert history.stories["E01-S01"][0].author == "Claire Martin"
    assert history.generated_at == dt.datetime.fromisoformat("2025-04-24T18:00:00+02:00")


def test_broken_commits_deleted_and_renamed_files_are_handled(mini_project: Path, git_project: Callable) -> None:
    git_project("initial", "2025-04-01T09:00:00+00:00")
    (mini_project / E02).write_text("id: E02\nstories: [\n", encoding="utf-8")  # invalid YAML for one commit
    git_project("oops", "2025-04-02T09:00:00+00:00")
    git(mini_project, "checkout", "-q", "HEAD~1", "--", E02)
    edit(mini_project / E02, "status: À faire", "status: En cours")
    git_project("fixed", "2025-04-03T09:00:00+00:00")
    git(mini_project, "mv", E02, "backlog/epics/E02-offres-et-tarifs.yaml")
    git_project("rename", "2025-04-04T09:00:00+00:00")

    history = read_status_history(mini_project)[0]
    assert history is not None
    # the broken commit changes nothing; the rename (delete + add with the same statuses) changes nothing either
    assert [t.to_status for t in history.stories["E02-S01"]] == ["À faire", "En cours"]


def test_history_json_wins_over_git_and_no_history_is_none(mini_project: Path, git_project: Callable) -> None:
    assert history_from_git(mini_project) is None  # not a git work tree
    assert read_status_history(mini_project) == (None, [])
    git_project("initial", "2025-04-01T09:00:00+00:00")
    assert read_status_history(mini_project)[0].source == "git"
    data = {"source": "jira", "stories": {"E01-S01": [{"at": "2025-04-10T08:00:00Z", "to": "Terminé"}]}}
    (mini_project / "backlog" / "history.json").write_text(json.dumps(data), encoding="utf-8")
    history, findings = read_status_history(mini_project)
    assert findings == [] and history is not None and history.source == "jira"
    (mini_project / "backlog" / "history.json").write_text("{not json", encoding="utf-8")
    history, findings = read_status_history(mini_project)
    assert history is None and str(findings[0]).startswith("backlog/history.json:1: history: cannot read")


def test_project_in_a_subfolder_of_the_repository(tmp_path: Path, mini_project: Path) -> None:
    repo = mini_project.parent
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "initial", when="2025-04-01T09:00:00+00:00")
    history = history_from_git(mini_project)
    assert history is not None and set(history.stories) == {"E01-S01", "E01-S02", "E02-S01"}


def test_many_commits_keep_every_change_in_order(mini_project: Path, git_project: Callable) -> None:
    git_project("initial", "2025-01-01T09:00:00+00:00")
    statuses = ["À faire", "En cours", "Terminé"]
    current = "À faire"
    for number in range(60):
        target = statuses[(number + 1) % 3]
        edit(mini_project / E02, f"status: {current}", f"status: {target}")
        current = target
        git_project(f"commit {number}", f"2025-02-01T09:{number:02d}:00+00:00")
    history = history_from_git(mini_project)
    assert history is not None
    moves = history.stories["E02-S01"]
    assert len(moves) == 61 and [t.at.minute for t in moves[1:]] == list(range(60))
    assert all(a.to_status == b.from_status for a, b in itertools.pairwise(moves))


ODD_LAYOUTS = [
    "id: E09\nstories:\n  - title: Une story  # status: faux\n    status: \"En cours\"   # note\n    id: 'E09-S01'\n"
    "  - id: E09-S02\n    status: Terminé # fini\n",
    "id: E09\nstories:\n  - id: E09-S01\n    status: À faire\n  -   id: E09-S02\n      status: Terminé\n",
    "id: E09\nstories:\n  - id: E09-S01\n    status: À faire\n    notes: |\n      id: E09-S03\n      status: x\n",
    "id: E09\nstories: [{id: E09-S01, status: En cours}, {id: E09-S02, status: 'À faire'}]\n",
]


@pytest.mark.parametrize("text", ODD_LAYOUTS)
def test_status_reader_agrees_with_a_full_yaml_parse(text: str) -> None:
    expected = {s["id"]: s["status"] for s in yaml.safe_load(text)["stories"]}
    assert statuses_in(text.encode()) == expected


def test_status_reader_agrees_on_the_shipped_epic_files(repo_root: Path) -> None:
    files = sorted((repo_root / "tests/fixtures/mini/backlog/epics").glob("*.yaml"))
    files += sorted((repo_root / "backlog/epics").glob("*.yaml"))
    for path in files:
        text = path.read_text(encoding="utf-8")
        expected = {s["id"]: s["status"] for s in yaml.safe_load(text)["stories"]}
        assert statuses_in(text.encode()) == expected, path
