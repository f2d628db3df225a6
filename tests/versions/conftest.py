"""Real git repositories made from the mini project: committed, tagged, then edited."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from versionrepo import MINI, commit_all, fz, git, replace


@pytest.fixture
def spec_repo(tmp_path: Path) -> Path:
    """The mini project in a fresh git repository with one commit (no baseline yet)."""
    root = tmp_path / "project"
    shutil.copytree(MINI, root)
    git(root, "init", "-q", "-b", "main")
    commit_all(root, "initial")
    return root


AS_OF = "as_of: 2025-04-07\n"
E02 = "backlog/epics/E02-offres.yaml"


@pytest.fixture
def planned_repo(spec_repo: Path) -> Path:
    """The mini project with a fixed status date, baseline v1.0, then E02-S01 re-estimated from 5 to 21 points:
    sprint 1 (07/04-18/04/2025, 20 points) cannot hold it any more, so E02 moves to sprint 2 (ends 02/05/2025)."""
    replace(spec_repo / "backlog/project.yaml", "velocity: 20\n", "velocity: 20\n" + AS_OF)
    commit_all(spec_repo, "status date")
    assert fz(spec_repo, "baseline", "create", "v1.0").returncode == 0
    replace(spec_repo / E02, "    points: 5\n", "    points: 21\n")
    return spec_repo
