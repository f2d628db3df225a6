"""Real git repositories made from the mini project: committed, tagged, then edited."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from versionrepo import MINI, commit_all, git


@pytest.fixture
def spec_repo(tmp_path: Path) -> Path:
    """The mini project in a fresh git repository with one commit (no baseline yet)."""
    root = tmp_path / "project"
    shutil.copytree(MINI, root)
    git(root, "init", "-q", "-b", "main")
    commit_all(root, "initial")
    return root
