"""Small helpers to edit a copy of the sample project and read findings."""

from __future__ import annotations

from pathlib import Path

from generators.load import LoadResult, load_backlog


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def line_of(path: Path, needle: str, occurrence: int = 1) -> int:
    seen = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            seen += 1
            if seen == occurrence:
                return number
    raise AssertionError(f"{needle!r} not in {path}")


def errors(root: Path) -> list[str]:
    result: LoadResult = load_backlog(root)
    return [str(f) for f in result.errors]


def warnings(root: Path) -> list[str]:
    return [str(f) for f in load_backlog(root).warnings]
