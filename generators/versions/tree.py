"""A baseline's whole project tree (backlog, specs, mockups, mkdocs.yml, includes...) written into a folder from
git objects (`ls-tree` and `cat-file`: the working tree is never read nor touched), then loaded and checked.

Used to print a baseline's PDF dossier: the site of that version is built from this folder exactly as the
current one is. Every bad input is a `VersionError` naming the fix.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

from ..kinds import KINDS, Registry
from ..load import load_backlog
from ..model import Backlog
from . import git
from .git import Baseline, VersionError

SKIPPED = (".cache", "site", ".git")  # build output and caches, were they ever committed
CEILING_ENV = "GIT_CEILING_DIRECTORIES"


def top_names(root: Path, commit: str) -> tuple[str, ...]:
    """The names at the top of the project's folder in `commit`."""
    base = git.prefix_in_repo(root)
    spec = f"{commit}:{base.rstrip('/')}" if base else commit
    out = git.git(root, "ls-tree", "-z", "--name-only", spec)
    return tuple(name for name in out.decode("utf-8", "surrogateescape").split("\0") if name and name not in SKIPPED)


def write_tree(root: Path, baseline: Baseline, target: Path) -> None:
    """Replace `target` with the project's committed files at `baseline` (regular files only, no links)."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    names = top_names(root, baseline.commit)
    if "backlog" not in names or git.read_tree(root, baseline.commit, names, target) == 0:
        raise VersionError(
            f"baseline {baseline.name}: the project had no backlog/ folder at that version (commit "
            f"{baseline.commit[:12]}): choose a later baseline (`fanzone baseline list`)"
        )


def load_tree(baseline: Baseline, folder: Path, registry: Registry = KINDS) -> Backlog:
    """The validated backlog of a written tree, or a VersionError with the first error, named as in git."""
    result = load_backlog(folder, registry)
    if result.backlog is None:
        first = str(result.errors[0]).replace(str(folder) + "/", "") if result.errors else ""
        raise VersionError(
            f"baseline {baseline.name}: its backlog does not validate ({len(result.errors)} error(s); first: "
            f"{first}); a baseline never changes: fix the backlog, commit, and create a new baseline"
        )
    return result.backlog


@contextlib.contextmanager
def outside_git(folder: Path) -> Iterator[None]:
    """Within this block, git run in `folder` (or below it) does not find the repository around it: a written
    tree under the project's `.cache/` is a plain folder, not a part of the project's working tree."""
    saved = os.environ.get(CEILING_ENV)
    ceiling = str(folder.resolve().parent)
    os.environ[CEILING_ENV] = ceiling if not saved else f"{ceiling}{os.pathsep}{saved}"
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop(CEILING_ENV, None)
        else:
            os.environ[CEILING_ENV] = saved
