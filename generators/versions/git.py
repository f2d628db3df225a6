"""Git plumbing for baselines: moved to `generators.load.git_objects` (the project context reads baselines too)."""

from ..load.git_objects import (
    Baseline,
    VersionError,
    create_tag,
    git,
    is_shallow,
    list_baselines,
    prefix_in_repo,
    read_tree,
    repository_top,
    resolve_commit,
    tag_exists,
    uncommitted,
    valid_tag_name,
)

__all__ = [
    "Baseline",
    "VersionError",
    "create_tag",
    "git",
    "is_shallow",
    "list_baselines",
    "prefix_in_repo",
    "read_tree",
    "repository_top",
    "resolve_commit",
    "tag_exists",
    "uncommitted",
    "valid_tag_name",
]
