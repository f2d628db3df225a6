"""A forked helper process that does part of a loop's work and hands each result back by name.

The child writes each result (pickled) to a private folder, then its name on a pipe; the parent, when it
needs a result, reads names from the pipe until that one came (or the child ended: then it has none and does
the work itself). Results go through files, not the pipe, so a child never waits for the parent to read.

`Claims` says which of the two does each piece of work. Used by `parallel.py` and, through `split_work` (a
loop's work on two cores), by the generation step; generic: nothing here knows about pages.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import pickle
import shutil
import signal
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


class Handover:
    """One forked child. After `fork()`, `in_child` says which side this is."""

    def __init__(self) -> None:
        self.pid: int | None = None
        self.in_child = False
        self.folder: Path | None = None
        self._notices: Any = None  # the parent's reading end
        self._notice_fd: int | None = None  # the child's writing end
        self._arrived: set[str] = set()

    def fork(self) -> bool:
        """Start the child; False when it could not be started (the parent then does all the work)."""
        self.folder = Path(tempfile.mkdtemp(prefix="fanzone-handover-"))
        read_end, write_end = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        try:
            pid = os.fork()
        except OSError:
            os.close(read_end)
            os.close(write_end)
            self.close()
            return False
        if pid == 0:
            gc.freeze()  # what it inherits is never collected here: its pages stay shared, not copied
            os.close(read_end)
            self.in_child, self._notice_fd = True, write_end
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent ends it (and does what is missing)
            return True
        os.close(write_end)
        self.pid, self._notices = pid, os.fdopen(read_end, "rb")
        return True

    # --- the child -----------------------------------------------------------------------------------
    def give(self, name: str, result: Any) -> None:
        assert self.in_child and self.folder is not None and self._notice_fd is not None
        path = self.folder / _file_name(name)
        partial = path.with_suffix(".part")
        with partial.open("wb") as handle:
            pickle.dump(result, handle, protocol=pickle.HIGHEST_PROTOCOL)
        partial.rename(path)
        os.write(self._notice_fd, name.encode("utf-8", "surrogatepass").hex().encode() + b"\n")

    @staticmethod
    def leave(status: int = 0) -> None:
        """End the child at once: no clean-up of the parent's objects, no exit handlers."""
        os._exit(status)

    # --- the parent ----------------------------------------------------------------------------------
    def take(self, name: str) -> Any | None:
        """The child's result for `name`, waiting for it; None when the child ended without giving it."""
        while name not in self._arrived:
            line = self._notices.readline() if self._notices is not None else b""
            if not line:
                return None
            self._arrived.add(bytes.fromhex(line.decode().strip()).decode("utf-8", "surrogatepass"))
        assert self.folder is not None
        try:
            with (self.folder / _file_name(name)).open("rb") as handle:
                return pickle.load(handle)
        except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError):
            return None

    def close(self) -> None:
        """End the child if it still runs, reap it, remove the folder (the parent's side; idempotent)."""
        if self.in_child:
            return
        if self.pid is not None:
            with contextlib.suppress(OSError):
                os.kill(self.pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError, OSError):
                os.waitpid(self.pid, 0)
            self.pid = None
        if self._notices is not None:
            self._notices.close()
            self._notices = None
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None


class Claims:
    """Which process does each piece of work, in memory both processes share (made before the fork): the first
    to claim a name does it. `parallel.py`: this process claims pages in MkDocs' order, the child from the last
    backwards; they meet where their work balances, whatever each page costs."""

    FREE, HERE, CHILD = 0, 1, 2

    def __init__(self, names: Sequence[str]) -> None:
        import multiprocessing

        self.index = {name: number for number, name in enumerate(names)}
        self.owners = multiprocessing.RawArray("b", max(1, len(names)))
        self.lock = multiprocessing.Lock()

    def claim(self, name: str, who: int) -> int:
        """Who does `name`: `who` if it was free, else whoever claimed it first (FREE for an unknown name)."""
        number = self.index.get(name)
        if number is None:
            return self.FREE
        with self.lock:
            if self.owners[number] == self.FREE:
                self.owners[number] = who
            return int(self.owners[number])


def split_work(names: Sequence[str], work: Callable[[str], T], *, fork: bool, niceness: int = 0) -> dict[str, T]:
    """`work(name)` for every name, on two cores when `fork`: this process takes the names from the first, a
    forked child from the last; each goes to whichever claims it first. `work` must depend only on what both
    processes share at the fork (the results are then those of one process): a name the child did not deliver
    (it failed, it died) is done here, and an error is raised here, by this process's own call. `niceness`
    lowers the child's priority (another process on the machine matters more)."""
    if not fork or len(names) < 2:
        return {name: work(name) for name in names}
    claims, helper = Claims(names), Handover()
    if not helper.fork():
        return {name: work(name) for name in names}
    if helper.in_child:
        try:
            with contextlib.suppress(OSError):
                os.nice(niceness)
            for name in reversed(names):
                if claims.claim(name, Claims.CHILD) != Claims.CHILD:
                    break
                helper.give(name, (work(name),))
        finally:
            helper.leave(0)
    results: dict[str, T] = {}
    try:
        for name in names:
            if claims.claim(name, Claims.HERE) == Claims.HERE:
                results[name] = work(name)
        for name in names:
            if name not in results:
                given = helper.take(name)
                results[name] = given[0] if isinstance(given, tuple) and len(given) == 1 else work(name)
    finally:
        helper.close()
    return {name: results[name] for name in names}


def _file_name(name: str) -> str:
    return hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:32] + ".pickle"
