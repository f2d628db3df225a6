"""The specification folder's pages in the generated tree: read (never through a link leading outside the
project), business-rule headings given their ids, links to the spec index moved to `specifications.md`."""

from __future__ import annotations

import os
import posixpath
import re
from pathlib import Path

from ..context import ProjectContext
from . import paths
from .anchors import rule_heading_ids
from .guard import outside_links

_MD_LINK = re.compile(r"\]\(\s*([^)\s#]+\.md)(#[^)\s]*)?")


class OutsideLinks(Exception):
    """Links in the specification folder lead outside the project: `problems` says which."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def spec_files(specs: Path | None, root: Path) -> dict[str, bytes]:
    """Every file of the specification folder (path relative to it -> bytes); raises `OutsideLinks` when a link
    in it leads outside the project."""
    if specs is None or not specs.is_dir():
        return {}
    problems = outside_links(root, [specs])
    if problems:
        raise OutsideLinks(problems)
    out: dict[str, bytes] = {}
    for folder, dirs, names in os.walk(specs, followlinks=True):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if name.startswith("."):
                continue
            path = Path(folder) / name
            out[path.relative_to(specs).as_posix()] = path.read_bytes()
    return out


def spec_index_links(page: str, text: str) -> str:
    """Links to the spec index (`index.md`, now `specifications.md`) from a spec page."""
    if "index.md" not in text:
        return text
    directory = posixpath.dirname(page)

    def fix(match: re.Match[str]) -> str:
        target = posixpath.normpath(posixpath.join(directory, match.group(1)))
        if target != "index.md":
            return match.group(0)
        return "](" + paths.rel(page, paths.SPEC_INDEX) + (match.group(2) or "")

    return _MD_LINK.sub(fix, text)


def spec_page(path: str, text: str) -> tuple[str, str, list[str]]:
    """A spec file's page in the tree: its path, its Markdown (rule headings given ids, links to the spec index
    moved) and notes on the ids."""
    dest = paths.spec_page(path)
    text, notes = rule_heading_ids(text)
    return dest, spec_index_links(dest, text), notes


def declared_requirements(ctx: ProjectContext) -> dict[str, set[str]]:
    """Spec page -> the requirement ids declared there (their table rows get anchors)."""
    declared: dict[str, set[str]] = {}
    for requirement in ctx.backlog.objects("requirement"):
        declared.setdefault(paths.spec_page(requirement.page), set()).add(requirement.id)
    return declared
