"""Pruning of a cache folder: entries unused for `KEEP_DAYS`, then the least recently used ones while the folder
holds more than `MAX_BYTES`. An entry's modification time is its last use (the cache touches an entry it reads).

Cheap: a process looks at one stamp file, and scans the folder at most once every `EVERY_SECONDS` (the stamp's
age). Safe under concurrency: one process prunes at a time (a `filelock` taken without waiting; the others go
on), a reader that loses an entry just parses again, and an entry written meanwhile is younger than the cutoff.
"""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path

from filelock import FileLock, Timeout

KEEP_DAYS = 30  # an entry unused this long is removed
MAX_BYTES = 256 * 1024 * 1024  # above this, the least recently used entries go first
EVERY_SECONDS = 24 * 3600  # at most one scan a day
STAMP = ".pruned"  # its modification time: the last scan
LOCK = ".prune.lock"
_checked: set[Path] = set()  # folders this process has looked at: one stamp check per process and folder


def touch(entry: Path) -> None:
    """Mark `entry` as used now (its modification time), so that it is kept; a failure only loses that mark."""
    with contextlib.suppress(OSError):
        os.utime(entry)


def _due(folder: Path, now: float) -> bool:
    try:
        return now - (folder / STAMP).stat().st_mtime >= EVERY_SECONDS
    except FileNotFoundError:
        return folder.is_dir()  # never pruned (nothing to do without a folder)
    except OSError:
        return False


def maybe_prune(folder: Path, now: float | None = None) -> int | None:
    """Prune `folder` when its last scan is a day old: the number of entries removed, or None when no scan ran
    (pruned recently, another process pruning, or the folder cannot be written). Never raises for I/O."""
    moment = time.time() if now is None else now
    if not _due(folder, moment):
        return None
    try:
        with FileLock(folder / LOCK, timeout=0):
            if not _due(folder, moment):  # another process pruned while this one looked
                return None
            removed = prune(folder, moment)
            stamp = folder / STAMP
            stamp.touch()
            os.utime(stamp, (moment, moment))
            return removed
    except (Timeout, OSError):
        return None


def maybe_prune_once(folder: Path) -> None:
    """`maybe_prune`, checked once per process for each folder (a command parses many files)."""
    if folder not in _checked:
        _checked.add(folder)
        maybe_prune(folder)


def prune(folder: Path, now: float, keep_days: int = KEEP_DAYS, max_bytes: int = MAX_BYTES) -> int:
    """Remove the entries of `folder` (one level of sub-folders) unused for `keep_days`, then the least recently
    used while the rest weighs more than `max_bytes`; returns how many were removed."""
    entries: list[tuple[float, int, str]] = []
    with contextlib.suppress(OSError):
        for sub in os.scandir(folder):
            if not sub.is_dir(follow_symlinks=False):
                continue
            with contextlib.suppress(OSError), os.scandir(sub.path) as found:
                for entry in found:
                    with contextlib.suppress(OSError):
                        if entry.is_file(follow_symlinks=False):
                            info = entry.stat(follow_symlinks=False)
                            entries.append((info.st_mtime, info.st_size, entry.path))
    entries.sort()  # least recently used first
    cutoff = now - keep_days * 86400
    total = sum(size for _, size, _ in entries)
    removed = 0
    for used, size, path in entries:
        if used >= cutoff and total <= max_bytes:
            break
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)
            removed += 1
        total -= size
    return removed
