"""Caches of derived results keyed by the hash of their inputs, whose entries are signed.

A derived result (an SVG safety verdict, an inlined diagram, a chart, a workbook) is stored under
`sha256(toolkit code + its name + a digest of everything it is made from)`, so a changed input is a new key and
an unchanged one is read back instead of computed again. Each entry file starts with an HMAC-SHA256 of its key
and content under a per-user secret (`cache-key` in `$FANZONE_CACHE`, else `$XDG_CACHE_HOME/fanzone`, else
`~/.cache/fanzone`; created 0600): an entry someone wrote or changed in the project's cache folder without that
secret does not verify and is computed again. Without a usable secret the cache is simply not used.

`digest(*values)` hashes dataclasses, Pydantic models, mappings, sequences, sets (sorted), dates and scalars
canonically: the same values give the same digest in every process (`repr` of a set does not).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import enum
import hashlib
import hmac
import os
import time
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import Any

CACHE_ENV = "FANZONE_CACHE"
SECRET_FILE = "cache-key"
_MAC_SIZE = 32
KEEP_DAYS = 30.0
SCRATCH_HOURS = 1.0  # a scratch file older than this was left by a writer that died


def user_cache_dir() -> Path:
    """The user's fanzone cache: `$FANZONE_CACHE`, else `$XDG_CACHE_HOME/fanzone`, else `~/.cache/fanzone`."""
    base = os.environ.get(CACHE_ENV) or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "fanzone"
    return Path(base)


def _secret() -> bytes | None:
    """The per-user signing key (made on first use), or None when it cannot be read or made."""
    path = user_cache_dir() / SECRET_FILE
    for _ in range(2):
        try:
            data = path.read_bytes()
            return data if len(data) >= 32 else None
        except FileNotFoundError:
            pass
        except OSError:
            return None
        scratch = path.with_name(f"{SECRET_FILE}.{os.getpid()}.tmp")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            descriptor = os.open(scratch, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(descriptor, "wb") as out:
                out.write(os.urandom(32))
            os.link(scratch, path)  # never replaces a key another process made first
        except FileExistsError:
            pass
        except OSError:
            return None
        finally:
            scratch.unlink(missing_ok=True)
    return None


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    scratch = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    scratch.write_bytes(data)
    scratch.replace(path)


@cache
def code_fingerprint() -> str:
    """The toolkit's code and templates, by path, size and modification time (a new version recomputes)."""
    package = Path(__file__).resolve().parent
    hasher = hashlib.sha256()
    for folder, dirs, names in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(names):
            if name.endswith((".py", ".j2", ".css", ".js")):
                stat = os.stat(os.path.join(folder, name))
                hasher.update(f"{folder}/{name}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return hasher.hexdigest()


@cache
def library_version(name: str) -> str:
    """An installed distribution's version, read from its metadata (the library itself is not imported)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "absent"


def _feed(update: Callable[[bytes], None], value: Any, seen: set[int]) -> None:
    if value is None or isinstance(value, bool | int | float | str | bytes | enum.Enum):
        update(f"{type(value).__name__}:{value!r};".encode())
        return
    if isinstance(value, dt.date | dt.datetime | dt.time | dt.timedelta):
        update(f"{type(value).__name__}:{value.isoformat() if hasattr(value, 'isoformat') else value};".encode())
        return
    if id(value) in seen:
        update(b"<cycle>;")
        return
    seen.add(id(value))
    try:
        if isinstance(value, dict):
            update(f"dict{len(value)}(".encode())
            for key, item in value.items():
                _feed(update, key, seen)
                _feed(update, item, seen)
        elif isinstance(value, set | frozenset):
            parts = sorted(digest(item) for item in value)
            update(f"set{len(parts)}({','.join(parts)}".encode())
        elif isinstance(value, list | tuple):
            update(f"{type(value).__name__}{len(value)}(".encode())
            for item in value:
                _feed(update, item, seen)
        elif hasattr(value, "__pydantic_serializer__"):  # a Pydantic model: its JSON, written by pydantic-core
            try:
                update(f"{type(value).__qualname__}:".encode() + value.model_dump_json().encode())
            except ValueError:
                _feed(update, {k: v for k, v in vars(value).items() if not k.startswith("__")}, seen)
        elif dataclasses.is_dataclass(value):
            update(f"{type(value).__qualname__}(".encode())
            for item in dataclasses.fields(value):
                if item.name.startswith("_"):
                    continue  # a private index of what the other fields hold
                update(item.name.encode() + b"=")
                _feed(update, getattr(value, item.name), seen)
        elif hasattr(value, "__dict__"):
            update(f"{type(value).__qualname__}(".encode())
            _feed(update, {k: v for k, v in vars(value).items() if not k.startswith("__")}, seen)
        else:  # a value type (a URL, a path, a decimal): its repr (an address in it only makes a miss)
            update(f"{type(value).__qualname__}:{value!r}".encode())
        update(b");")
    finally:
        seen.discard(id(value))


def digest(*values: Any) -> str:
    """A canonical SHA-256 of `values` (see the module's note)."""
    hasher = hashlib.sha256()
    for value in values:
        _feed(hasher.update, value, set())
    return hasher.hexdigest()


class SignedCache:
    """Signed entries under `folder/<2 hex>/<key>.bin`; `made` lists the names computed (not read back), with
    their keys in `made_keys`; `elsewhere` holds the keys another process made for this same build (a forked
    helper, `site/prefetch.py`): reading back what this build made is not a hit."""

    def __init__(self, folder: Path, secret: bytes | bool | None = True) -> None:
        self.folder = folder
        self._secret = _secret() if secret is True else (secret or None)
        self.hits = 0
        self.made: list[str] = []
        self.made_keys: list[str] = []
        self.elsewhere: set[str] = set()

    @property
    def enabled(self) -> bool:
        return self._secret is not None

    def key(self, name: str, *parts: str) -> str:
        return hashlib.sha256("\0".join((code_fingerprint(), name, *parts)).encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.bin"

    def _mac(self, key: str, data: bytes) -> bytes:
        assert self._secret is not None
        return hmac.new(self._secret, key.encode() + b"\0" + data, hashlib.sha256).digest()

    def get(self, key: str) -> bytes | None:
        """The entry's content, or None when absent, unreadable or not signed with this user's key."""
        if self._secret is None:
            return None
        try:
            stored = self._path(key).read_bytes()
        except OSError:
            return None
        mac, data = stored[:_MAC_SIZE], stored[_MAC_SIZE:]
        if not hmac.compare_digest(mac, self._mac(key, data)):
            return None
        self.hits += key not in self.elsewhere and key not in self.made_keys  # not made by this build
        with contextlib.suppress(OSError):
            os.utime(self._path(key))  # recently used: kept by `prune`
        return data

    def put(self, key: str, data: bytes) -> None:
        if self._secret is None:
            return
        with contextlib.suppress(OSError):  # a cache that cannot be written is not used
            _write(self._path(key), self._mac(key, data) + data)

    def get_or_make(self, key: str, make: Callable[[], bytes], label: str = "") -> bytes:
        """The stored content, or `make()`'s, stored for next time (`label` goes to `made`)."""
        found = self.get(key)
        if found is not None:
            return found
        data = make()
        self.made.append(label or key)
        self.made_keys.append(key)
        self.put(key, data)
        return data

    def prune(self, keep: Iterable[str] = (), older_than_days: float = KEEP_DAYS) -> int:
        """Delete entries not in `keep` and not used for `older_than_days`; return how many went."""
        kept = set(keep)
        limit = time.time() - older_than_days * 86400
        removed = 0
        for path in self.folder.glob("??/*.bin"):
            try:
                if path.stem not in kept and path.stat().st_mtime < limit:
                    path.unlink(missing_ok=True)
                    removed += 1
            except OSError:
                continue
        scratch_limit = time.time() - SCRATCH_HOURS * 3600  # a writer killed between write and rename
        for path in self.folder.glob("??/*.tmp"):
            with contextlib.suppress(OSError):
                if path.stat().st_mtime < scratch_limit:
                    path.unlink(missing_ok=True)
        return removed
