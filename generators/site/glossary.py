"""The abbreviations file appended to every page, given to the `abbr` extension as its glossary instead.

Projects list their abbreviations once (`includes/abbreviations.md`, lines `*[RGPD]: Règlement général …`) and
`pymdownx.snippets` appends that file to every page. Python-Markdown's `abbr` then takes the definitions out of
the page one at a time, re-running every block processor's test on what is left of the block each time: with 75
definitions that is ~1,100 regular-expression scans of a 5 KB block per page, most of a small page's Markdown
time. The same definitions given once as `abbr`'s `glossary` produce the same HTML without that work.

A file is moved to the glossary only when every non-blank line of it is an abbreviation definition and it lies
inside the project; anything else stays appended as the user wrote it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

SNIPPETS = "pymdownx.snippets"
ABBR = "abbr"
DEFINITION = re.compile(r"^\*\[([^\]\n]+)\]:[ \t]*(.*?)[ \t]*$")


def abbreviations(text: str) -> dict[str, str] | None:
    """The definitions of a file made only of abbreviation definitions; None when it holds anything else."""
    found: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip():
            continue
        match = DEFINITION.match(line)
        if match is None:
            return None
        found[match.group(1)] = match.group(2)
    return found


def _bases(snippets: dict[str, Any]) -> list[Path]:
    base = snippets.get("base_path", ["."])  # a path, a list of paths; MkDocs' `!relative` is path-like
    return [Path(b) for b in ([base] if isinstance(base, (str, os.PathLike)) else base)]


def _find(name: str, bases: list[Path], root: Path) -> Path | None:
    """The file pymdownx.snippets would append (first base path that has it), if it lies inside `root`."""
    for base in bases:
        candidate = (base / name).resolve()
        if candidate.is_file():
            return candidate if candidate.is_relative_to(root) else None
    return None


def fold_abbreviations(extensions: list[Any], configs: dict[str, dict[str, Any]], root: Path) -> list[str]:
    """Move appended abbreviation files into `abbr`'s glossary (in place); return the files moved."""
    snippets = configs.get(SNIPPETS)
    if SNIPPETS not in extensions or ABBR not in extensions or not snippets:
        return []
    appended = snippets.get("auto_append") or []
    bases, kept, moved = _bases(snippets), [], []
    glossary: dict[str, str] = {}
    for name in appended:
        path = _find(str(name), bases, root.resolve())
        found = abbreviations(path.read_text(encoding="utf-8")) if path is not None else None
        if found is None:
            kept.append(name)
            continue
        glossary.update(found)  # a later file overrides an earlier one, as appended text did
        moved.append(str(name))
    if moved:
        abbr = configs.setdefault(ABBR, {})
        abbr["glossary"] = {**glossary, **(abbr.get("glossary") or {})}
        snippets["auto_append"] = kept
    return moved
