"""A copy of the shipped project's content (what a build reads) for the benchmarks to build and edit."""

from __future__ import annotations

import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CONTENT = ("backlog", "specs", "mockups", "includes", "mkdocs.yml")


def copy_project(target: Path) -> Path:
    target.mkdir(parents=True)
    for name in CONTENT:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        elif source.is_file():
            shutil.copy(source, target / name)
    return target
