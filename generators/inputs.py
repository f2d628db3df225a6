"""What a command's result depends on, as one hash, computed without loading anything.

The project's input files and folders (by path, size and modification time, as `make` and ruff's cache judge
them), the git references (the baselines, and HEAD: the status history comes from the commits), today's date
(the plan's "today"), the `FANZONE_*` variables, the Python version and every installed distribution's, and
the toolkit's own code.
`fanzone build` and `fanzone validate` use it to skip work whose inputs have not changed since it was last
done. A symbolic link among the inputs disables the shortcut (its target could change without the link
changing), and so does a git repository git cannot read.

Kept light (standard library only): it runs before anything else is imported.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import subprocess
import sys
import sysconfig
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

FORMAT = 1
TOOLKIT = Path(__file__).resolve().parent  # the `generators` package
ENV_PREFIX = "FANZONE_"
GIT_TIMEOUT = 10.0
# the packages whose code turns the project into the site's HTML (with the toolkit's own code)
DISTRIBUTIONS = (
    "mkdocs",
    "mkdocs-material",
    "pymdown-extensions",
    "Markdown",
    "Pygments",
    "plantuml-markdown",
    "Jinja2",
    "pydantic",
    "ruamel.yaml",
)
SKIPPED_DIRS = frozenset({"__pycache__", ".git"})


class _Link(Exception):
    """A symbolic link among the inputs: no shortcut."""


def installed_distributions() -> list[str]:
    """Every distribution installed in this environment with its version, as its library folders name them
    (`mkdocs-1.6.1.dist-info`): an upgrade of any library is seen, without importing `importlib.metadata`.
    Only the environment's own library folders are read (not `sys.path`, which depends on how Python was
    started and on the current folder)."""
    names: set[str] = set()
    paths = sysconfig.get_paths()
    for folder in sorted({paths["purelib"], paths["platlib"]}):
        try:
            with os.scandir(folder) as found:
                names.update(item.name for item in found if item.name.endswith((".dist-info", ".egg-info")))
        except OSError:
            continue
    return sorted(names)


def toolkit_versions() -> dict[str, str | None]:
    """The versions of the packages that turn the project into the site (for the site build's own keys)."""
    from importlib import metadata

    out: dict[str, str | None] = {}
    for name in DISTRIBUTIONS:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = None
    return out


def _walk(folder: Path, base: Path, out: list[tuple[str, int, int]]) -> None:
    """Every file under `folder` as (path relative to `base`, size, mtime in ns); folders too (a file removed
    changes its folder's mtime). Raises `_Link` on a symbolic link."""
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        return
    for entry in entries:
        if entry.is_symlink():
            raise _Link(entry.path)
        if entry.is_dir(follow_symlinks=False):
            if entry.name not in SKIPPED_DIRS:
                info = entry.stat(follow_symlinks=False)
                out.append((os.path.relpath(entry.path, base), -1, info.st_mtime_ns))
                _walk(Path(entry.path), base, out)
        elif entry.is_file(follow_symlinks=False):
            info = entry.stat(follow_symlinks=False)
            out.append((os.path.relpath(entry.path, base), info.st_size, info.st_mtime_ns))


def listing(paths: Iterable[Path], base: Path) -> list[tuple[str, int, int]] | None:
    """The files and folders under `paths` (each a file or a folder; a missing one is listed as missing), or
    None when one of them is or holds a symbolic link."""
    out: list[tuple[str, int, int]] = []
    try:
        for path in sorted(set(paths)):
            if path.is_symlink():
                raise _Link(str(path))
            if path.is_dir():
                _walk(path, base, out)
            elif path.is_file():
                info = path.stat()
                out.append((os.path.relpath(path, base), info.st_size, info.st_mtime_ns))
            else:
                out.append((os.path.relpath(path, base), -2, 0))
    except _Link:
        return None
    return out


def git_refs(root: Path) -> str | None:
    """HEAD and the tags (`git show-ref --head --tags`); "" outside a repository; None when git fails."""
    env = {**os.environ, "LC_ALL": "C", "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0"}
    try:
        done = subprocess.run(
            ["git", "show-ref", "--head", "--tags"],
            cwd=root,
            env=env,
            capture_output=True,
            timeout=GIT_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return ""  # no git: the toolkit reads no history either
    if done.returncode == 0:
        return done.stdout.decode("utf-8", "replace")
    if b"not a git repository" in done.stderr:
        return ""
    if done.returncode == 1 and not done.stderr:  # a repository without any commit yet
        return "empty"
    return None


def fingerprint(root: Path, paths: Iterable[Path], extra: Mapping[str, Any] | None = None) -> str | None:
    """The hash of everything listed above, or None when no shortcut is safe (links, unreadable git)."""
    files = listing(paths, root)
    toolkit = listing([TOOLKIT], TOOLKIT)
    refs = git_refs(root)
    if files is None or toolkit is None or refs is None:
        return None
    parts = {
        "format": FORMAT,
        "files": files,
        "git": refs,
        "today": dt.date.today().isoformat(),
        "env": sorted((name, value) for name, value in os.environ.items() if name.startswith(ENV_PREFIX)),
        "python": [sys.version, sys.prefix],  # the environment (`python` and `python3` are one)
        "distributions": installed_distributions(),
        "toolkit": toolkit,
        "extra": dict(extra or {}),
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode("utf-8")).hexdigest()
