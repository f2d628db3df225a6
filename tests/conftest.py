"""Fixtures shared by every test folder: sample projects and a way to run the real CLI."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from fanzone_cli import run_fanzone

REPO = Path(__file__).resolve().parent.parent
MINI = REPO / "tests" / "fixtures" / "mini"


@pytest.fixture
def mini_project(tmp_path: Path) -> Path:
    """A writable copy of the small valid sample project."""
    target = tmp_path / "project"
    shutil.copytree(MINI, target)
    return target


@pytest.fixture
def repo_root() -> Path:
    return REPO


@pytest.fixture
def fanzone() -> Callable[..., subprocess.CompletedProcess[str]]:
    return run_fanzone
