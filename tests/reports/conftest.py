"""Fixtures of the report tests: sample projects with a status history (JSON or git)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # reportkit.py
sys.path.insert(0, str(HERE.parent / "plan"))  # the in-memory backlog builders (planbuild.py)

from reportkit import HISTORY, git  # noqa: E402


@pytest.fixture
def history_project(mini_project: Path) -> Path:
    """The mini project with a Jira status history (backlog/history.json)."""
    (mini_project / "backlog" / "history.json").write_text(json.dumps(HISTORY, ensure_ascii=False), encoding="utf-8")
    return mini_project


@pytest.fixture
def git_project(mini_project: Path) -> Callable[..., None]:
    """A git repository of the mini project; call the fixture to commit the tree at a given date."""
    git(mini_project, "init", "-q", "-b", "main")

    def commit(message: str, when: str) -> None:
        git(mini_project, "add", "-A")
        git(mini_project, "commit", "-q", "-m", message, when=when)

    return commit
