"""What the session fixture `shipped_build` gives the tests (importable: conftest.py puts this folder on sys.path)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path


@dataclass
class ShippedBuild:
    root: Path
    site: Path
    calls: Counter[str]
    exit_code: int
    output: str
