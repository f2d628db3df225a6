"""A content-addressed cache of OpenAPI validation verdicts: sha256(validator version + document text) -> the
validator's messages with their paths. Under `$FANZONE_CACHE` or `$XDG_CACHE_HOME/fanzone` (default
`~/.cache/fanzone`); a cache that cannot be read or written is simply not used."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

Problems = list[tuple[tuple[Any, ...], str]]
_FOLDER = "openapi-validation"


def cache_dir() -> Path:
    base = (
        os.environ.get("FANZONE_CACHE") or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "fanzone"
    )
    return Path(base) / _FOLDER


@lru_cache(maxsize=1)
def _stamp() -> str:
    return f"openapi-spec-validator {version('openapi-spec-validator')} jsonschema {version('jsonschema')} v1\n"


def _key(text: str) -> str:
    return hashlib.sha256((_stamp() + text).encode("utf-8")).hexdigest()


def cached(text: str, compute: Callable[[], Problems]) -> Problems:
    path = cache_dir() / f"{_key(text)}.json"
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        return [(tuple(where), str(message)) for where, message in stored]
    except (OSError, ValueError, TypeError):
        pass
    problems = compute()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        scratch = path.with_suffix(f".{os.getpid()}.tmp")
        scratch.write_text(json.dumps([[list(where), message] for where, message in problems]), encoding="utf-8")
        scratch.replace(path)
    except OSError:
        pass
    return problems
