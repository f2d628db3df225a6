"""Nothing outside the project root is published: MkDocs copies docs_dir following symbolic links, so a link to
`/etc/passwd` (or to a folder outside) would land in site/ and be served. Such links stop the build, named."""

from __future__ import annotations

import os
from pathlib import Path


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def outside_links(root: Path, folders: list[Path]) -> list[str]:
    """`file:line: ID: message` lines, one per symbolic link under `folders` that resolves outside `root`.

    Links inside the project are followed (once each, so a loop ends) and their content checked too.
    """
    root = root.resolve()
    found: list[str] = []
    seen: set[Path] = set()
    pending = [folder.resolve() for folder in folders if folder.is_dir()]
    while pending:
        folder = pending.pop()
        real = folder.resolve()
        if real in seen:
            continue
        seen.add(real)
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError:
            continue
        for entry in entries:
            path = Path(entry.path)
            if entry.is_symlink():
                target = path.resolve()
                if not _inside(target, root):
                    shown = os.path.relpath(path, root) if _inside(path, root) else str(path)
                    found.append(f"{shown}:1: -: symbolic link to {target}, outside the project: not published")
                    continue
            if entry.is_dir():
                pending.append(path)
    return found
