"""Resolve the two sides of a diff (a baseline, a git revision, or the working tree) into snapshots.

A baseline is read from git objects into a private temporary folder and loaded there with the one
loader: the working tree is never touched, and every registered kind comes along.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import orjson

from ..kinds import KINDS, Registry
from ..load.atomic import atomic_write
from ..load.revision import baselines, find_baseline, revision
from ..model import Backlog
from . import git
from .content import Snapshot, snapshot
from .git import VersionError

WORKTREE = "working tree"
DEFAULT_PREFIX = "spec/"


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection while a diff builds its many small acyclic objects (snapshots, the JSON of
    a cached baseline): the collector rescanning them took a third of the time. As in the loader."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def tag_prefix(backlog: Backlog | None) -> str:
    return backlog.project.baseline_prefix if backlog is not None else DEFAULT_PREFIX


def project_prefix(root: Path, registry: Registry = KINDS) -> str:
    """The tag prefix of the working tree's project.yaml, read alone (the rest of the backlog is neither read
    nor validated: a baseline is found even when the working tree does not validate); the default prefix
    when that file cannot be read or its prefix is invalid."""
    from pydantic import TypeAdapter, ValidationError

    from ..errors import FanzoneError
    from ..load.yamlread import load_file
    from ..model.project import Project

    try:
        data = load_file(root / registry["project"].files[0]).data
        value = data.get("baseline_prefix", DEFAULT_PREFIX) if isinstance(data, dict) else DEFAULT_PREFIX
        field = Project.model_fields["baseline_prefix"]
        return str(TypeAdapter(Annotated[str, *field.metadata]).validate_python(value))
    except (OSError, FanzoneError, ValidationError):
        return DEFAULT_PREFIX


__all__ = ["WORKTREE", "baselines", "find_baseline", "paused_gc", "project_prefix", "side", "tag_prefix"]


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
    with revision(root, commit, label, registry) as then:  # spec pages are read from its files: inside the block
        shot = snapshot(label, then, registry, commit=commit, date=date)
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
        data = orjson.loads(_cache_file(root, commit, registry).read_bytes())
    except (OSError, ValueError, VersionError):  # orjson.JSONDecodeError is a ValueError
        return None
    if (
        not isinstance(data, dict)
        or not isinstance(data.get("objects"), dict)
        or not isinstance(data.get("titles"), dict)
    ):
        return None
    return data


def _store(root: Path, commit: str, registry: Registry, shot: Snapshot) -> None:
    with contextlib.suppress(OSError, VersionError, TypeError):  # orjson.JSONEncodeError is a TypeError
        target = _cache_file(root, commit, registry)  # a cache only: a read-only project still diffs
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(target, orjson.dumps({"objects": shot.objects, "titles": shot.titles}))
