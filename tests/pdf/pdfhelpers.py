"""Shared by the PDF tests (tests/pdf/conftest.py puts this folder on sys.path)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Printed:
    root: Path
    pdf: Path
    site: Path  # the site the export built (with the dossier in its downloads)
    stderr: str
