"""Resolve the two sides of a diff (a baseline, a git revision, or the working tree) into snapshots.

A baseline is read from git objects into a private temporary folder and loaded there with the one
loader: the working tree is never touched, and every registered kind comes along.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import tempfile
from pathlib import Path
from typing import Any

from ..kinds import KINDS, Registry
from ..load import load_backlog
from ..load.atomic import atomic_write
from ..model import Backlog
from . import git
from .content import Snapshot, snapshot
from .git import Baseline, VersionError

WORKTREE = "working tree"
DEFAULT_PREFIX = "spec/"


def folders(registry: Registry) -> tuple[str, ...]:
    """The top folders the registered kinds read (backlog, mockups, specs...)."""
    tops = {pattern.split("/", 1)[0] for kind in registry for pattern in kind.files}
    return tuple(sorted(tops | {"specs"}))


def tag_prefix(backlog: Backlog | None) -> str:
    return backlog.project.baseline_prefix if backlog is not None else DEFAULT_PREFIX


def baselines(root: Path, prefix: str) -> list[Baseline]:
    git.repository_top(root)
    found = git.list_baselines(root, prefix)
    if not found and git.is_shallow(root):
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


def side(root: Path, spec: str | None, prefix: str, current: Backlog | None, registry: Registry = KINDS) -> Snapshot:
    """A snapshot of `spec`: None or "." for the working tree, else a baseline name, else a git revision."""
    if spec in (None, ".", "WORKTREE"):
        if current is None:
            raise VersionError("the working tree's backlog does not validate: run `fanzone validate`")
        return snapshot(WORKTREE, current, registry)
    try:
        baseline = find_baseline(root, prefix, spec)
        commit, label, date = baseline.commit, baseline.name, baseline.date
    except VersionError:
        found = git.resolve_commit(root, spec)
        if found is None:
            raise
        commit, label, date = found, spec, None
    cached = _cached(root, commit, registry)
    if cached is not None:
        return Snapshot(label, None, commit, date, cached["objects"], cached["titles"])
    with tempfile.TemporaryDirectory(prefix="fanzone-baseline-") as tmp:
        target = Path(tmp)
        count = git.read_tree(root, commit, folders(registry), target)
        if count == 0 or not (target / "backlog").is_dir():
            raise VersionError(
                f"{label}: the project had no backlog/ folder at that version (commit {commit[:12]}): "
                "choose a later baseline"
            )
        result = load_backlog(target, registry)
        if result.backlog is None:
            first = f" (first: {result.errors[0]})" if result.errors else ""
            raise VersionError(
                f"{label}: the backlog of that version does not validate: {len(result.errors)} error(s){first}; "
                "compare with another baseline, or check that version out and run `fanzone validate`"
            )
        shot = snapshot(label, result.backlog, registry, commit=commit, date=date)
    _store(root, commit, registry, shot)
    return shot


CACHE_DIR = "fanzone/versions"  # inside the repository's git folder: never an uncommitted change
CACHE_FORMAT = 1  # bump when the content of a snapshot changes shape


def _cache_file(root: Path, commit: str, registry: Registry) -> Path:
    """A commit never changes: its snapshot is kept as JSON (never pickle), keyed by the registered kinds."""
    kinds = hashlib.sha256(",".join(kind.name for kind in registry).encode()).hexdigest()[:12]
    git_dir = Path(git.git(root, "rev-parse", "--git-common-dir").decode().strip())
    return (root / git_dir) / CACHE_DIR / f"{commit}-{kinds}-{CACHE_FORMAT}.json"


def _cached(root: Path, commit: str, registry: Registry) -> dict[str, Any] | None:
    try:
        data = json.loads(_cache_file(root, commit, registry).read_text(encoding="utf-8"))
    except (OSError, ValueError, VersionError):
        return None
    if (
        not isinstance(data, dict)
        or not isinstance(data.get("objects"), dict)
        or not isinstance(data.get("titles"), dict)
    ):
        return None
    return data


def _store(root: Path, commit: str, registry: Registry, shot: Snapshot) -> None:
    with contextlib.suppress(OSError, VersionError):
        target = _cache_file(root, commit, registry)  # a cache only: a read-only project still diffs
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(target, json.dumps({"objects": shot.objects, "titles": shot.titles}, ensure_ascii=False))
