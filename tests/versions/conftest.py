"""Real git repositories made from the mini project: committed, tagged, then edited."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

MINI = Path(__file__).resolve().parent.parent / "fixtures" / "mini"
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Claire Martin",
    "GIT_AUTHOR_EMAIL": "claire@fanzone.tv",
    "GIT_COMMITTER_NAME": "Claire Martin",
    "GIT_COMMITTER_EMAIL": "claire@fanzone.tv",
    "GIT_CONFIG_GLOBAL": "/dev/null",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(root: Path, *args: str) -> str:
    import os

    done = subprocess.run(
        ["git", "-C", str(root), *args], capture_output=True, text=True, env={**os.environ, **GIT_ENV}, check=True
    )
    return done.stdout


def commit_all(root: Path, message: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)


@pytest.fixture
def spec_repo(tmp_path: Path) -> Path:
    """The mini project in a fresh git repository with one commit (no baseline yet)."""
    root = tmp_path / "project"
    shutil.copytree(MINI, root)
    git(root, "init", "-q", "-b", "main")
    commit_all(root, "initial")
    return root


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def edit() -> Callable[[Path, str, str], None]:
    return replace


@pytest.fixture
def env() -> dict[str, str]:
    return GIT_ENV
