"""Fixtures of the scheduling tests; the builders live in planbuild.py (this folder is put on sys.path)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from planbuild import make_project

from generators.model import Project


@pytest.fixture
def project() -> Project:
    return make_project()
