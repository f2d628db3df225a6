"""One sync at a time per working tree: a lock file holding the owner's pid (taken over when that pid is dead)."""

from __future__ import annotations

import os
from pathlib import Path

from .errors import JiraSyncError

LOCK_FILE = "backlog/.jira-sync.lock"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class SyncLock:
    def __init__(self, root: Path) -> None:
        self.path = Path(root) / LOCK_FILE

    def __enter__(self) -> SyncLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        for _ in range(2):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                try:
                    pid = int(self.path.read_text().strip() or "0")
                except (OSError, ValueError):
                    pid = 0
                if pid and pid != os.getpid() and _alive(pid):
                    raise JiraSyncError(
                        f"{LOCK_FILE}: another Jira sync is running (pid {pid}); wait for it to finish"
                    ) from None
                self.path.unlink(missing_ok=True)  # left by a sync that was killed
                continue
            with os.fdopen(fd, "w") as handle:
                handle.write(str(os.getpid()))
            return self
        raise JiraSyncError(f"{LOCK_FILE}: cannot take the sync lock")

    def __exit__(self, *exc: object) -> None:
        self.path.unlink(missing_ok=True)
