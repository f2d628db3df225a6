"""One sync at a time per working tree: an OS file lock (`filelock`), released by the OS when its holder dies."""

from __future__ import annotations

from pathlib import Path

from filelock import FileLock, Timeout

from .errors import JiraSyncError

LOCK_FILE = "backlog/.jira-sync.lock"


class SyncLock:
    def __init__(self, root: Path) -> None:
        self.path = Path(root) / LOCK_FILE
        self._lock = FileLock(self.path, timeout=0)

    def __enter__(self) -> SyncLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._lock.acquire()
        except Timeout:
            raise JiraSyncError(f"{LOCK_FILE}: another Jira sync is running; wait for it to finish") from None
        return self

    def __exit__(self, *exc: object) -> None:
        self._lock.release()
