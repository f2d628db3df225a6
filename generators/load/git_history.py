"""Rebuild the stories' status history from the git history of `backlog/epics/` (when there is no history.json).

One `git log` lists the commits that touched the epic files (first-parent history, oldest first) and the
files each one changed; one `git cat-file --batch` reads those files' contents at those commits. Every
change of a story's status between two commits becomes a transition dated with the commit date.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import yaml

from ..errors import FanzoneError
from ..model import Finding
from ..model.history import StatusHistory, Transition
from .history import read_history

EPICS_DIR = "backlog/epics"
_RECORD = "\x1e"
_FIELD = "\x1f"
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class GitUnavailable(FanzoneError):
    """Not a git work tree, or git is not installed."""


def _git(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
    if shutil.which("git") is None:
        raise GitUnavailable("git is not installed")
    result = subprocess.run(["git", "-C", str(root), *args], input=stdin, capture_output=True, check=False, timeout=300)
    if result.returncode != 0:
        raise GitUnavailable(result.stderr.decode("utf-8", "replace").strip())
    return result.stdout


def _commits(root: Path) -> list[tuple[str, dt.datetime, str, list[tuple[str, str]]]]:
    """(sha, commit date, author, [(change, path)]) for each commit touching the epic files, oldest first."""
    out = _git(
        root,
        "log",
        "--first-parent",
        "--reverse",
        "--no-renames",
        "--diff-merges=first-parent",
        f"--format={_RECORD}%H{_FIELD}%cI{_FIELD}%an",
        "--name-status",
        "--",
        EPICS_DIR,
    ).decode("utf-8", "replace")
    commits = []
    for record in out.split(_RECORD)[1:]:
        lines = record.strip("\n").split("\n")
        sha, date, author = lines[0].split(_FIELD)
        changes = []
        for line in lines[1:]:
            if "\t" not in line:
                continue
            change, path = line.split("\t", 1)
            if path.endswith((".yaml", ".yml")):
                changes.append((change[:1], path))
        commits.append((sha, dt.datetime.fromisoformat(date), author, changes))
    return commits


def _read_blobs(root: Path, wanted: list[str]) -> dict[str, bytes | None]:
    """Contents of `<sha>:<path>` objects, read through one `git cat-file --batch` process."""
    if not wanted:
        return {}
    out = _git(root, "cat-file", "--batch", stdin="".join(f"{name}\n" for name in wanted).encode())
    blobs: dict[str, bytes | None] = {}
    position = 0
    for name in wanted:
        end = out.index(b"\n", position)
        header = out[position:end].split()
        position = end + 1
        if len(header) < 3 or header[1] != b"blob":
            blobs[name] = None
            continue
        size = int(header[2])
        blobs[name] = out[position : position + size]
        position += size + 1
    return blobs


_KEY_LINE = re.compile(r"^(?P<indent> *)(?P<dash>- +)?(?P<key>id|status):[ \t]*(?P<value>.*?)[ \t]*$", re.MULTILINE)
_STORY_ID = re.compile(r"^E[0-9]{2,3}-S[0-9]{2,3}$")


def _scalar(value: str) -> str:
    """A plain or quoted one-line YAML scalar, without a trailing comment."""
    if value[:1] in ("'", '"'):
        try:
            loaded = yaml.load(value, Loader=_Loader)  # a safe loader (C or pure Python)
        except yaml.YAMLError:
            return value.strip("'\"")
        return loaded if isinstance(loaded, str) else str(loaded)
    return value.split(" #", 1)[0].strip()


def _scan(text: str) -> dict[str, str] | None:
    """Story id -> status from the `id:` and `status:` lines at the stories' key column (fast path).

    Only those two keys are looked at, with C-speed regular expressions; None whenever the layout is not
    the usual block style or anything does not add up (the caller then parses the whole file)."""
    lines = []
    for match in _KEY_LINE.finditer(text):
        col = len(match["indent"]) + len(match["dash"] or "")
        lines.append((col, match["key"], _scalar(match["value"])))
    ids = [(col, value) for col, key, value in lines if key == "id" and _STORY_ID.match(value)]
    if not ids:
        return None
    column = ids[0][0]
    found: dict[str, str] = {}
    story_id: str | None = None
    status: str | None = None
    for col, key, value in lines:
        if col != column:
            continue
        if key == "id":
            if story_id is not None:
                if status is None:
                    return None
                found[story_id] = status
                status = None
            story_id = value
        else:
            if status is not None:  # the next item lists its status before its id
                if story_id is None:
                    return None
                found[story_id] = status
                story_id = None
            status = value
    if story_id is None or status is None:
        return None
    found[story_id] = status
    if len(found) != len(ids):  # a story id elsewhere (odd indentation, a block of text): be safe
        return None
    return found


def statuses_in(content: bytes | None) -> dict[str, str] | None:
    """Story id -> status in one epic file's content; None when the file cannot be read."""
    if content is None:
        return None
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if "\t" not in text and "{" not in text.split("stories:", 1)[-1][:200]:
        scanned = _scan(text)
        if scanned is not None:
            return scanned
    try:
        data = yaml.load(text, Loader=_Loader)  # a safe loader (C or pure Python)
    except yaml.YAMLError:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("stories"), list):
        return None
    found = {}
    for story in data["stories"]:
        if isinstance(story, dict) and isinstance(story.get("id"), str) and isinstance(story.get("status"), str):
            found[story["id"]] = story["status"].strip()
    return found


def history_from_git(root: Path | str) -> StatusHistory | None:
    """The status history rebuilt from git, or None when `root` is not in a git work tree or git is missing."""
    root = Path(root)
    try:
        commits = _commits(root)
        wanted = [f"{sha}:{path}" for sha, _, _, changes in commits for change, path in changes if change != "D"]
        blobs = _read_blobs(root, wanted)
    except (GitUnavailable, OSError, subprocess.SubprocessError, ValueError):
        return None
    current: dict[str, str] = {}
    stories: dict[str, list[Transition]] = {}
    for sha, when, author, changes in commits:
        for change, path in changes:
            if change == "D":
                continue
            statuses = statuses_in(blobs.get(f"{sha}:{path}"))
            if statuses is None:  # unreadable at this commit: keep what we knew
                continue
            for story_id, status in statuses.items():
                previous = current.get(story_id)
                if previous == status:
                    continue
                current[story_id] = status
                stories.setdefault(story_id, []).append(
                    Transition(at=when, from_status=previous, to_status=status, author=author or None)
                )
    generated = commits[-1][1] if commits else None
    return StatusHistory(source="git", generated_at=generated, stories=stories)


def read_status_history(root: Path | str) -> tuple[StatusHistory | None, list[Finding]]:
    """`backlog/history.json` when present (written by the Jira pull), else the history rebuilt from git.

    Returns (None, []) when neither exists, and (None, findings) when history.json is unreadable.
    """
    history, findings = read_history(root)
    if history is not None or findings:
        return history, findings
    rebuilt = history_from_git(root)
    if rebuilt is None or not rebuilt.stories:
        return None, []
    return rebuilt, []
