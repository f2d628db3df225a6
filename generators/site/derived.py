"""A cache for derived files (charts, workbooks): a set of files kept under the hash of everything they are made
from, like the diagram cache. A warm build reads them back instead of computing them again, and an unchanged
input gives byte-identical files (so the generated tree does not change either).

Keys hash: the toolkit's own code (path, size and mtime of every module and template: a new version
recomputes), the project's input files (backlog/, mockups/, includes/, the git HEAD for a history read from
git) and the status date. Entries are zip files (stored, not compressed) in `<cache>/fanzone/derived/`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import time
import zipfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

from ..load.atomic import atomic_write

INPUT_FOLDERS = ("backlog", "mockups", "includes")
KEEP_DAYS = 30.0


@cache
def code_fingerprint() -> str:
    """The toolkit's code and templates, by path, size and modification time."""
    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for folder, dirs, names in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(names):
            if name.endswith((".py", ".j2", ".css", ".js")):
                stat = os.stat(os.path.join(folder, name))
                digest.update(f"{folder}/{name}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _git_head(root: Path) -> str:
    head = root / ".git" / "HEAD"
    try:
        text = head.read_text(encoding="utf-8").strip()
    except OSError:
        return ""
    if text.startswith("ref: "):
        try:
            return (root / ".git" / text[5:]).read_text(encoding="utf-8").strip()
        except OSError:
            return text
    return text


def project_fingerprint(root: Path, today: dt.date) -> str:
    """The project's inputs: every file under backlog/, mockups/ and includes/ (content), HEAD, the status date."""
    digest = hashlib.sha256(f"{today.isoformat()}\0{_git_head(root)}\n".encode())
    for name in INPUT_FOLDERS:
        for folder, dirs, files in os.walk(root / name):
            dirs[:] = sorted(dirs)
            for file in sorted(files):
                path = Path(folder) / file
                try:
                    data = path.read_bytes()
                except OSError:
                    continue
                digest.update(f"{path.relative_to(root).as_posix()}\0{len(data)}\0".encode())
                digest.update(data)
    return digest.hexdigest()


class DerivedCache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.hits = 0
        self.misses = 0

    def key(self, name: str, *parts: str) -> str:
        return hashlib.sha256("\0".join((code_fingerprint(), name, *parts)).encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.zip"

    def files(self, key: str, compute: Callable[[], dict[str, bytes]]) -> dict[str, bytes]:
        """The files stored under `key`, or `compute()`'s, stored for next time."""
        path = self._path(key)
        try:
            with zipfile.ZipFile(path) as archive:
                found = {name: archive.read(name) for name in archive.namelist()}
            os.utime(path)  # recently used: kept by `prune`
            self.hits += 1
            return found
        except (OSError, zipfile.BadZipFile, KeyError):
            pass
        made = compute()
        self.misses += 1
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
            for name, data in made.items():
                archive.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data)
        atomic_write(path, buffer.getvalue())
        return made

    def prune(self, older_than_days: float = KEEP_DAYS) -> int:
        limit = time.time() - older_than_days * 86400
        removed = 0
        for path in self.folder.glob("??/*.zip"):
            if path.stat().st_mtime < limit:
                path.unlink(missing_ok=True)
                removed += 1
        return removed
