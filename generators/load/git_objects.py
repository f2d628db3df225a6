"""Git plumbing for baselines: list and create annotated tags, read a commit's tree without a checkout."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ..errors import FanzoneError

GIT_TIMEOUT = 60  # seconds; a local repository answers in milliseconds


class VersionError(FanzoneError):
    """A user-facing failure (unknown baseline, not a git repository, dirty tree...): one message, exit 1."""


@dataclass(frozen=True)
class Baseline:
    name: str  # without the prefix: "v1.0"
    tag: str  # "spec/v1.0"
    commit: str
    date: str  # ISO 8601, the tag's date
    author: str
    note: str


def git(root: Path, *args: str, data: bytes | None = None) -> bytes:
    """Run git in `root`; its failure becomes a VersionError with git's own message."""
    env = {**os.environ, "LC_ALL": "C", "GIT_TERMINAL_PROMPT": "0"}
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args],
            input=data,
            capture_output=True,
            timeout=GIT_TIMEOUT,
            env=env,
            check=False,
        )
    except FileNotFoundError as exc:
        raise VersionError("git is not installed: baselines are git tags (install git)") from exc
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise VersionError(f"git {args[0]}: {message[-1] if message else 'failed'}")
    return done.stdout


def repository_top(root: Path) -> Path:
    try:
        top = git(root, "rev-parse", "--show-toplevel").decode().strip()
    except VersionError as exc:
        raise VersionError(
            f"{root} is not in a git repository: baselines are git tags (run `git init` and commit the project)"
        ) from exc
    return Path(top)


def prefix_in_repo(root: Path) -> str:
    """The project's folder inside the repository (`""` at the top, `examples/x/` below it)."""
    top = repository_top(root).resolve()
    rel = root.resolve().relative_to(top).as_posix()
    return "" if rel == "." else rel + "/"


_SEP = "%1f"


def list_baselines(root: Path, prefix: str) -> list[Baseline]:
    """Baselines, oldest first (by tag date); raises when the clone is shallow and has none."""
    fields = ("%(refname:strip=2)", "%(*objectname)", "%(creatordate:iso-strict)", "%(taggername)", "%(contents)")
    out = git(
        root, "for-each-ref", "--sort=creatordate", f"--format={_SEP.join(fields)}%1e", f"refs/tags/{prefix}"
    ).decode("utf-8", "replace")
    found = []
    for record in out.split("\x1e"):
        record = record.strip("\n")
        if not record:
            continue
        tag, commit, date, author, note = record.split("\x1f")
        if not commit:  # a lightweight tag: not a baseline (no date, author nor note of its own)
            continue
        found.append(Baseline(tag[len(prefix) :], tag, commit, date, author, note.strip()))
    return found


def is_shallow(root: Path) -> bool:
    return git(root, "rev-parse", "--is-shallow-repository").decode().strip() == "true"


def uncommitted(root: Path) -> list[str]:
    """Paths with uncommitted changes (staged, unstaged or untracked), as `git status` names them."""
    out = git(root, "status", "--porcelain=v1", "-z", "--untracked-files=all", "--", ".").decode("utf-8", "replace")
    entries = [entry for entry in out.split("\0") if entry]
    paths, skip = [], False
    for entry in entries:
        if skip:  # the source path of a rename
            skip = False
            continue
        paths.append(entry[3:])
        skip = entry[0] in "RC"
    return paths


def create_tag(root: Path, tag: str, note: str) -> None:
    git(root, "tag", "-a", tag, "-m", note, "HEAD")


def tag_exists(root: Path, tag: str) -> bool:
    try:
        git(root, "rev-parse", "--verify", "--quiet", f"refs/tags/{tag}")
    except VersionError:
        return False
    return True


def valid_tag_name(root: Path, tag: str) -> bool:
    try:
        git(root, "check-ref-format", f"refs/tags/{tag}")
    except VersionError:
        return False
    return True


def resolve_commit(root: Path, rev: str) -> str | None:
    try:
        return git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}").decode().strip()
    except VersionError:
        return None


def read_tree(root: Path, commit: str, folders: tuple[str, ...], target: Path) -> int:
    """Write the regular files of `commit` below the project's `folders` into `target`, from git objects only
    (ls-tree, then one `cat-file --batch`); symbolic links and submodules are skipped. Returns the file count."""
    base = prefix_in_repo(root)
    listing = git(root, "ls-tree", "-r", "-z", "--full-tree", commit, "--", *(base + f for f in folders))
    wanted: list[tuple[str, str]] = []
    for entry in listing.split(b"\0"):
        if not entry:
            continue
        meta, _, path = entry.partition(b"\t")
        mode, kind, sha = meta.decode().split()
        if kind != "blob" or mode not in ("100644", "100755"):
            continue
        rel = path.decode("utf-8", "surrogateescape")[len(base) :]
        wanted.append((sha, rel))
    if not wanted:
        return 0
    out = git(root, "cat-file", "--batch", data="".join(f"{sha}\n" for sha, _ in wanted).encode())
    position = 0
    for _sha, rel in wanted:
        header_end = out.index(b"\n", position)
        size = int(out[position:header_end].split()[2])
        start = header_end + 1
        dest = target / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(out[start : start + size])
        position = start + size + 1
    return len(wanted)
