"""Where a project's caches live (kept light: `fanzone build` looks there before importing MkDocs)."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path


def cache_root(root: Path) -> Path:
    """Where a build keeps its caches: `<root>/.cache`, or, when the project cannot be written (a read-only
    checkout), `$XDG_CACHE_HOME/fanzone/<folder>-<hash of its path>` (`~/.cache` when the variable is unset)."""
    preferred = root / ".cache"
    try:
        preferred.mkdir(exist_ok=True)
        with tempfile.TemporaryFile(dir=preferred):
            return preferred
    except OSError:
        pass
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    real = root.resolve()
    path = base / "fanzone" / f"{real.name}-{hashlib.sha256(str(real).encode()).hexdigest()[:12]}"
    path.mkdir(parents=True, exist_ok=True)
    return path


DERIVED_DIR = "derived"  # next to the build folder: charts and workbooks kept by the hash of their inputs


def derived_dir(root: Path) -> Path:
    """The store of a `fanzone build`'s charts and workbooks (its build folder is `cache_root/fanzone/docs`)."""
    return cache_root(root) / "fanzone" / DERIVED_DIR
