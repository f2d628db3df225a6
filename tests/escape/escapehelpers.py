"""Shared by the neutraliser tests (importable: tests/escape/conftest.py puts this folder on sys.path)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Secrets:
    file: Path  # plain text, for !include / %load_json / %file_exists
    json: Path
    env_name: str  # an environment variable PlantUML inherits, for %getenv
    markers: tuple[str, ...]  # strings that appear in an output only if a secret was read
