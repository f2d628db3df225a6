"""Helpers for real git repositories made from the mini project in tests."""

from __future__ import annotations

import subprocess
from pathlib import Path

from fanzone_cli import run_fanzone

MINI = Path(__file__).resolve().parent / "fixtures" / "mini"
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


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def fz(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The real `fanzone` command line run on `root`."""
    return run_fanzone("--root", str(root), *args, env=GIT_ENV)
