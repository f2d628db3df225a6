"""Load the project as it was at a git commit (a baseline), from git objects only.

The commit's files below the folders the registered kinds read are written into a private temporary folder
and loaded there with the one loader: the working tree is never touched. Used by the semantic diff
(`generators.versions`) and by the project context (the baseline's schedule, beside the forecast).
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..kinds import KINDS, Registry
from ..model import Backlog
from .git_objects import Baseline, VersionError, is_shallow, list_baselines, read_tree, repository_top
from .loader import load_backlog


def folders(registry: Registry = KINDS) -> tuple[str, ...]:
    """The top folders the registered kinds read (backlog, mockups, specs...)."""
    tops = {pattern.split("/", 1)[0] for kind in registry for pattern in kind.files}
    return tuple(sorted(tops | {"specs"}))


def baselines(root: Path, prefix: str) -> list[Baseline]:
    """The baselines, oldest first; a shallow clone without the tags is an error naming the fix."""
    repository_top(root)
    found = list_baselines(root, prefix)
    if not found and is_shallow(root):
        raise VersionError(
            "this is a shallow clone without the baseline tags: run `git fetch --unshallow --tags` "
            "(in CI: fetch-depth: 0)"
        )
    return found


def find_baseline(root: Path, prefix: str, name: str) -> Baseline:
    known = baselines(root, prefix)
    for baseline in known:
        if name in (baseline.name, baseline.tag):
            return baseline
    names = ", ".join(b.name for b in known) or "none yet: create one with `fanzone baseline create v1.0`"
    raise VersionError(f"unknown baseline {name!r} (baselines: {names}; see `fanzone baseline list`)")


@contextmanager
def revision(root: Path, commit: str, label: str, registry: Registry = KINDS) -> Iterator[Backlog]:
    """The validated backlog of `commit`, its files kept (in a temporary folder) until the block ends; a
    VersionError naming the fix when that version has no backlog or it does not validate."""
    with tempfile.TemporaryDirectory(prefix="fanzone-baseline-") as tmp:
        target = Path(tmp)
        count = read_tree(root, commit, folders(registry), target)
        if count == 0 or not (target / "backlog").is_dir():
            raise VersionError(
                f"{label}: the project had no backlog/ folder at that version (commit {commit[:12]}): "
                "choose a later baseline"
            )
        result = load_backlog(target, registry)
        if result.backlog is None:
            first = f" (first: {_relative(str(result.errors[0]), target)})" if result.errors else ""
            raise VersionError(
                f"{label}: the backlog of that version does not validate: {len(result.errors)} error(s){first}; "
                "compare with another baseline, or check that version out and run `fanzone validate`"
            )
        yield result.backlog


def _relative(message: str, folder: Path) -> str:
    """A finding of the temporary copy, named as in the repository (no temporary path in the message)."""
    return message.replace(str(folder) + "/", "").replace(str(folder), ".")
