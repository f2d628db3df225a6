"""Fill the derived store in a forked child while the parent generates the pages (the machine's other core).

The reports' charts and workbooks, the forecast and the backlog workbook (~1 s of a cold build) depend on the
project context only, not on the pages. `Prefetch.start` forks a child that makes them into the `SignedCache`
store; the parent generates the pages meanwhile, then, before it needs one, waits until the child says it is
done (`wait`) and calls the very same code, which reads it back from the store. Nothing but the store passes
from the child to the parent, so whatever the child did not make (it failed, crashed, was killed, was too
slow) the parent makes itself, and an error is raised by the parent's call exactly as without a child. The one
exception is a `Handback`: text values the child computed from the same context (the digests of its inputs,
which both processes need for their cache keys), reported with each task and offered to the parent, which
computes any it did not receive.
A task is claimed before it is made (an exclusive file create in a scratch folder): the parent, rather than
wait, `take`s a task the child has not begun (its last ones), and no task is made twice.

Why fork is safe here:
- it happens only in a process with one thread (`fork_is_safe`): a lock another thread held at the fork
  (an import, a logger, a buffered stream) would stay locked forever in the child. `fanzone build`,
  `mkdocs build` and the first build of `fanzone serve` have one thread; serve's rebuilds (server and
  watcher threads running) make everything in the parent, as before (they mostly read the store back);
- the child touches no shared state but the store, whose entries are written to a scratch file named by the
  writer's pid then renamed (atomic: a reader sees a whole entry or none), and signed (a torn or foreign
  file does not verify); parent and child making the same entry write the same bytes;
- the child never returns into the caller's code: it ends with `os._exit` whatever happens (no `finally`,
  `atexit` or buffered output of the parent's runs twice, e.g. under pytest), writes nothing to the
  terminal (its standard streams go to /dev/null, logging is off) and ignores Ctrl-C (the parent, which gets
  the `KeyboardInterrupt`, kills it);
- the child is reaped in every case (`close`, called on leaving the `with` block, also on an error or a
  `KeyboardInterrupt`): it is killed if still running, then waited for (no zombie, nothing left behind).
  It stays in the caller's process group: a signal to the group (a CI job's end) reaches it too.
"""

from __future__ import annotations

import contextlib
import gc
import json
import logging
import os
import select
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from ..signed_cache import SignedCache

log = logging.getLogger("mkdocs.plugins.fanzone")

DISABLE_ENV = "FANZONE_NO_FORK"  # set (to anything but "" or "0"): everything is made in the parent
NICENESS = 10  # the child's priority after its first task, lowered: PlantUML's run is waited for before the rest
WAIT_SECONDS = 300.0  # a child that has not finished after this long is killed (the parent makes the rest)

Task = Callable[[], object]  # makes entries into the store; its result is not used


@dataclass(frozen=True)
class Handback:
    """Text values the child computes anyway and the parent would compute again: `take()` runs in the child
    after each task (the values so far), `give(values)` in the parent when that task's report arrives."""

    take: Callable[[], dict[str, str]]
    give: Callable[[dict[str, str]], None]


def fork_is_safe() -> bool:
    """A fork is possible and safe: POSIX, one thread, not disabled by the environment."""
    if not hasattr(os, "fork") or os.environ.get(DISABLE_ENV, "") not in ("", "0"):
        return False
    return threading.active_count() == 1


class Prefetch:
    """A child making `tasks` (name -> callable) into `store`, in order; use as a context manager."""

    def __init__(
        self,
        pid: int,
        reader: int,
        store: SignedCache,
        tasks: dict[str, Task],
        claims: Path,
        handback: Handback | None = None,
    ) -> None:
        self.pid = pid
        self._handback = handback
        self._reader: int | None = reader
        self._tasks = tasks
        self._claims: Path | None = claims
        self._store = store
        self._buffer = b""
        self._deadline = time.monotonic() + WAIT_SECONDS
        self.done: dict[str, bool] = {}  # task -> whether it succeeded in the child
        self.taken: list[str] = []  # the tasks the parent made itself (`take`)
        self.status: int | None = None  # the child's wait status, once reaped
        self.waited = 0.0  # seconds the parent spent waiting for the child

    @classmethod
    def start(cls, tasks: dict[str, Task], store: SignedCache, handback: Handback | None = None) -> Prefetch | None:
        """Fork the child, or None when there is nothing to gain or it is not safe (then the parent makes all)."""
        if not tasks or not store.enabled or not fork_is_safe():
            return None
        claims = Path(tempfile.mkdtemp(prefix="fanzone-tasks-"))
        reader, writer = os.pipe()
        for stream in (sys.stdout, sys.stderr):  # what the parent buffered is not written again by the child
            with contextlib.suppress(Exception):
                stream.flush()
        try:
            pid = os.fork()
        except OSError as exc:
            os.close(reader)
            os.close(writer)
            shutil.rmtree(claims, ignore_errors=True)
            log.debug(f"fanzone: no child for the reports ({exc}); made here")
            return None
        if pid == 0:  # the child: never returns
            _child(reader, writer, tasks, store, claims, handback)
        os.close(writer)
        return cls(pid, reader, store, tasks, claims, handback)

    @property
    def store(self) -> SignedCache:
        """The store the child makes its entries into."""
        return self._store

    # --- the parent's side ------------------------------------------------------------------------
    def take(self, name: str) -> None:
        """Make `name` here unless the child has begun it (then wait for it): the parent, which would only
        wait, takes the child's last tasks. A failure is left to the caller's own call, which meets it again."""
        if self._claims is None or not _claim(self._claims, name):
            self.wait(name)
            return
        self.taken.append(name)
        with contextlib.suppress(Exception):
            self._tasks[name]()
        self.done[name] = False  # not the child's: the caller reads it back from the store, or makes it

    def take_remaining(self) -> None:
        """`take` every task from the last: make here those the child has not begun, wait for the one it makes."""
        for name in reversed(self._tasks):
            if name not in self.done:
                self.take(name)

    def wait(self, name: str, timeout: float | None = None) -> bool:
        """Block until the child reports `name` (made or failed), ends, or runs out of time, or for `timeout`
        seconds at most; whether the wait is over (the caller may then read the store, or make it)."""
        started = time.perf_counter()
        until = None if timeout is None else time.monotonic() + timeout
        while name not in self.done and self._reader is not None:
            left = self._deadline - time.monotonic()
            if left <= 0:
                log.info(f"fanzone: the reports' child took over {WAIT_SECONDS:.0f} s; stopped, made here")
                self.close()
                break
            if until is not None and (left := min(left, until - time.monotonic())) <= 0:
                break
            ready, _, _ = select.select([self._reader], [], [], left)
            if ready:
                self._read()
        self.waited += time.perf_counter() - started
        return name in self.done or self._reader is None

    def _read(self) -> None:
        assert self._reader is not None
        try:
            chunk = os.read(self._reader, 65536)
        except OSError:
            chunk = b""
        if not chunk:  # the child ended (or closed its end): what it did not report, the parent makes
            self.close()
            return
        self._buffer += chunk
        *lines, self._buffer = self._buffer.split(b"\n")
        for line in lines:
            try:
                report = json.loads(line)
                name, ok, made = str(report["task"]), bool(report["ok"]), dict(report["made"])
                values = {str(key): str(value) for key, value in dict(report.get("values", {})).items()}
            except (ValueError, KeyError, TypeError):
                continue
            if values and self._handback is not None:
                self._handback.give(values)
            self.done[name] = ok
            self._store.made.extend(made.values())  # made by this build (in the child), not read back
            self._store.elsewhere.update(made)

    def close(self) -> None:
        """Kill the child if it still runs, reap it, close the pipe. Idempotent."""
        if self._reader is not None:
            os.close(self._reader)
            self._reader = None
        if self._claims is not None:
            shutil.rmtree(self._claims, ignore_errors=True)
            self._claims = None
        if self.status is not None:
            return
        try:
            finished, status = os.waitpid(self.pid, os.WNOHANG)
            if finished == 0:
                with contextlib.suppress(OSError):
                    os.kill(self.pid, signal.SIGKILL)
                _, status = os.waitpid(self.pid, 0)
        except ChildProcessError:  # reaped elsewhere (a SIGCHLD handler set to ignore children)
            status = 0
        self.status = status

    def __enter__(self) -> Prefetch:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()


def wait_for(child: Prefetch | None, name: str) -> None:
    """`child.wait(name)` when there is a child."""
    if child is not None:
        child.wait(name)


def _claim(folder: Path, name: str) -> bool:
    """Whether this process is the first to claim task `name` (an exclusive create: one of the two wins)."""
    try:
        os.close(os.open(folder / name, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        return False
    except OSError:  # the folder is gone (the parent closed): nothing more to make
        return False
    return True


def _child(
    reader: int, writer: int, tasks: dict[str, Task], store: SignedCache, claims: Path, handback: Handback | None
) -> None:
    """The forked child: make each task, report it on `writer`, exit. Never returns, whatever happens."""
    code = 1
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C: the parent stops it
        gc.freeze()  # the parent's objects are not scanned by the child's collections (fewer pages copied)
        os.close(reader)
        _quiet()
        for number, name in enumerate(tasks):
            task = tasks[name]
            if number == 1:  # the first task, which the build waits for soonest, ran at the parent's priority;
                with contextlib.suppress(OSError):  # then PlantUML, which it waits for next, goes first
                    os.nice(NICENESS)
            before = len(store.made_keys)
            ok = False
            if _claim(claims, name):  # else the parent took it
                try:
                    task()
                    ok = True
                except Exception:  # the parent makes it again and reports the error itself
                    pass
            made = dict(zip(store.made_keys[before:], store.made[before:], strict=True))
            report: dict[str, Any] = {"task": name, "ok": ok, "made": made}
            if handback is not None:
                with contextlib.suppress(Exception):
                    report["values"] = handback.take()
            _write_all(writer, json.dumps(report).encode() + b"\n")
        code = 0
    finally:
        os._exit(code)


def _write_all(fd: int, data: bytes) -> None:
    while data:
        data = data[os.write(fd, data) :]


def _quiet() -> None:
    """No output from the child: its standard streams to /dev/null, logging and warnings off."""
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    os.close(null)
    sink: Any = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 (the child's until it exits)
    sys.stdout = sys.stderr = sink
    logging.disable(logging.CRITICAL)
