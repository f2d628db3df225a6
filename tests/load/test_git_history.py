"""Status history from git: merge commits (the history of `main` as merged, first parent only)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from loadhelpers import edit

from generators.load.git_history import history_from_git

E01 = "backlog/epics/E01-compte.yaml"
E02 = "backlog/epics/E02-offres.yaml"


def _git(root: Path, *args: str, when: str | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Claire Martin", "GIT_AUTHOR_EMAIL": "claire@example.org"}
    env |= {"GIT_COMMITTER_NAME": "Claire Martin", "GIT_COMMITTER_EMAIL": "claire@example.org"}
    if when:
        env |= {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


def _commit(root: Path, message: str, when: str) -> None:
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", message, when=when)


def _moves(history, story_id: str) -> list[tuple[str, str | None, str]]:  # type: ignore[no-untyped-def]
    return [(t.at.isoformat(), t.from_status, t.to_status) for t in history.stories[story_id]]


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
