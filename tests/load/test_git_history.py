"""Status history from git (`generators/load/git_history.py`), in small repositories made in the tests.

Each commit becomes the status changes it made; merge commits count as the history of `main` as merged
(first parent only); backlog/history.json wins over git.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from loadhelpers import edit

from generators.load.git_history import history_from_git, read_status_history, statuses_in

E01 = "backlog/epics/E01-compte.yaml"
E02 = "backlog/epics/E02-offres.yaml"


def _git(root: Path, *args: str, when: str | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Claire Martin", "GIT_AUTHOR_EMAIL": "claire@example.org"}
    env |= {"GIT_COMMITTER_NAME": "Claire Martin", "GIT_COMMITTER_EMAIL": "claire@example.org"}
    env |= {"GIT_CONFIG_NOSYSTEM": "1", "HOME": str(root)}
    if when:
        env |= {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


git = _git


def _commit(root: Path, message: str, when: str) -> None:
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", message, when=when)


@pytest.fixture
def git_project(mini_project: Path) -> Callable[..., None]:
    """A git repository of the mini project; call the fixture to commit the tree at a given date."""
    _git(mini_project, "init", "-q", "-b", "main")
    return lambda message, when: _commit(mini_project, message, when)


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


def test_a_merged_branch_counts_once_at_the_merge_date(mini_project: Path) -> None:
    _git(mini_project, "init", "-q", "-b", "main")
    _commit(mini_project, "backlog initial", "2025-04-01T09:00:00+02:00")
    _git(mini_project, "checkout", "-q", "-b", "feature")
    edit(mini_project / E02, "status: À faire", "status: En cours")
    _commit(mini_project, "E02-S01 commence", "2025-04-02T09:00:00+02:00")
    edit(mini_project / E02, "status: En cours", "status: Terminé")
    _commit(mini_project, "E02-S01 fini", "2025-04-03T09:00:00+02:00")
    _git(mini_project, "checkout", "-q", "main")
    edit(mini_project / E01, "status: En cours", "status: Terminé")
    _commit(mini_project, "E01-S02 fini sur main", "2025-04-04T09:00:00+02:00")
    _git(mini_project, "merge", "-q", "--no-ff", "-m", "merge feature", "feature", when="2025-04-05T09:00:00+02:00")

    history = history_from_git(mini_project)
    assert history is not None
    # the branch's own commits are not main's history: the merge brings its net change, dated when merged
    assert _moves(history, "E02-S01") == [
        ("2025-04-01T09:00:00+02:00", None, "À faire"),
        ("2025-04-05T09:00:00+02:00", "À faire", "Terminé"),
    ]
    assert _moves(history, "E01-S02") == [
        ("2025-04-01T09:00:00+02:00", None, "En cours"),
        ("2025-04-04T09:00:00+02:00", "En cours", "Terminé"),
    ]
    assert history.generated_at is not None and history.generated_at.isoformat() == "2025-04-05T09:00:00+02:00"
