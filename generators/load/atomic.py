"""Atomic file writes, shared by every layer that writes (YAML write-back, state, history, reports, cache)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def current_umask() -> int:
    """The process's umask, read without changing it where the system tells it (Linux), else set and restored."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def new_file_mode() -> int:
    """What `open()` would give a new file: 0o666 minus the umask (as `mkdocs build` and every tool do)."""
    return 0o666 & ~current_umask()


def new_dir_mode() -> int:
    """What `mkdir` would give a new folder: 0o777 minus the umask."""
    return 0o777 & ~current_umask()


def atomic_write(path: Path | str, data: str | bytes, newline: str = "\n") -> Path:
    """Write via a temporary file in the same folder, fsync, then rename: readers see old or new, never half.

    Text is written as UTF-8 with `newline` line endings. An existing file keeps its permissions; a new one
    gets the umask's (`mkstemp` alone would make it 0600, unreadable by a web server or a colleague).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        if isinstance(data, bytes):
            handle = os.fdopen(fd, "wb")
        else:
            handle = os.fdopen(fd, "w", encoding="utf-8", newline=newline)
        with handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            mode = path.stat().st_mode & 0o7777
        except FileNotFoundError:
            mode = new_file_mode()
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return path
