"""Create baselines: refuse a dirty tree or an invalid backlog, then tag HEAD with an annotated tag, and keep
the new baseline's snapshot (read back from git objects, as every diff reads it): the first `fanzone diff` after
`baseline create` does not load the baseline again."""

from __future__ import annotations

import contextlib
from pathlib import Path

from . import git
from .git import Baseline, VersionError
from .sides import paused_gc, side

MAX_LISTED = 10  # uncommitted paths named in the refusal message


def create(root: Path, prefix: str, name: str, note: str) -> Baseline:
    git.repository_top(root)
    tag = prefix + name
    if not name or not git.valid_tag_name(root, tag):
        raise VersionError(f"baseline name {name!r} is not a valid git tag name (try v1.0)")
    if git.tag_exists(root, tag):
        raise VersionError(f"baseline {name} already exists (tag {tag}); choose another name")
    if git.resolve_commit(root, "HEAD") is None:
        raise VersionError("nothing is committed yet: commit the project, then create the baseline")
    dirty = git.uncommitted(root)
    if dirty:
        shown = ", ".join(dirty[:MAX_LISTED]) + (
            f" and {len(dirty) - MAX_LISTED} more" if len(dirty) > MAX_LISTED else ""
        )
        raise VersionError(f"uncommitted changes: {shown}; commit or stash them, then create the baseline")
    git.create_tag(root, tag, note)
    for baseline in git.list_baselines(root, prefix):
        if baseline.tag == tag:
            with paused_gc(), contextlib.suppress(VersionError):  # a cache only: a failing baseline is told by diff
                side(root, baseline.name, prefix, None)
            return baseline
    raise VersionError(f"tag {tag} was not created")
