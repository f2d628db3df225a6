"""Write the generated docs tree: a file is rewritten only when its content hash changed (its mtime is kept
otherwise, so an engine's incremental build skips it), and files the build no longer produces are removed.

The hashes are kept in `<tree>/.fanzone-tree.json` (path -> SHA-256, size): an unchanged page costs one hash.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..load.atomic import atomic_write

MANIFEST = ".fanzone-tree.json"


@dataclass
class TreeStats:
    written: list[str] = field(default_factory=list)
    kept: int = 0
    removed: list[str] = field(default_factory=list)


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _manifest(tree: Path) -> dict[str, list[object]]:
    try:
        data = json.loads((tree / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def write_tree(tree: Path, files: dict[str, bytes]) -> TreeStats:
    """Make `tree` hold exactly `files` (path relative to the tree -> content)."""
    tree.mkdir(parents=True, exist_ok=True)
    before = _manifest(tree)
    after: dict[str, list[object]] = {}
    stats = TreeStats()
    for path, data in files.items():
        key = digest(data)
        after[path] = [key, len(data)]
        target = tree / path
        known = before.get(path)
        try:
            unchanged = known == [key, len(data)] and target.stat().st_size == len(data)
        except OSError:
            unchanged = False
        if unchanged:
            stats.kept += 1
            continue
        atomic_write(target, data)
        stats.written.append(path)
    stats.removed = _remove_others(tree, set(files))
    atomic_write(tree / MANIFEST, json.dumps(after, sort_keys=True).encode())
    return stats


def _remove_others(tree: Path, keep: set[str]) -> list[str]:
    """Remove every file of the tree the build did not produce (a deleted spec page, a removed epic)."""
    removed: list[str] = []
    for folder, dirs, names in os.walk(tree, topdown=False):
        base = Path(folder)
        for name in names:
            rel = (base / name).relative_to(tree).as_posix()
            if rel != MANIFEST and rel not in keep:
                (base / name).unlink(missing_ok=True)
                removed.append(rel)
        for name in dirs:
            with contextlib.suppress(OSError):
                (base / name).rmdir()  # only when empty
    return sorted(removed)


def update_tree(tree: Path, files: dict[str, bytes]) -> list[str]:
    """Rewrite some files of a written tree (those whose content changed), the hash list with them; the files
    written."""
    known = _manifest(tree)
    written: list[str] = []
    for path, data in files.items():
        entry = [digest(data), len(data)]
        if known.get(path) == entry and (tree / path).is_file():
            continue
        atomic_write(tree / path, data)
        known[path] = entry
        written.append(path)
    if written:
        atomic_write(tree / MANIFEST, json.dumps(known, sort_keys=True).encode())
    return written
