"""`fanzone validate` answers from its last run when none of its inputs changed (`generators.inputs`: the
files under backlog/, mockups/ and specs/ by path, size and modification time, the git references, the day,
the toolkit and its libraries), the way ruff's cache does. Only the last outcome is kept, signed with the
user's key (`generators.signed_cache`): an outcome written into the project's cache by someone else is not
believed, and the project is checked again."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..inputs import fingerprint
from ..signed_cache import SignedCache
from ..site.cachedir import cache_root

INPUTS = ("backlog", "mockups", "specs")  # every kind's files are under these (tests/load checks the registry)
FORMAT = 1
_NAME = "validate-outcome"


def _store(root: Path) -> SignedCache:
    return SignedCache(cache_root(root) / "fanzone" / "validate")


def inputs_key(root: Path) -> str | None:
    """The fingerprint of what validation reads, taken before it reads anything (None: no shortcut)."""
    return fingerprint(root, [root / name for name in INPUTS], {"command": "validate", "format": FORMAT})


def last_outcome(root: Path, key: str | None) -> dict[str, Any] | None:
    """The outcome of the last validation if it was made from exactly these inputs."""
    if key is None:
        return None
    store = _store(root)
    data = store.get(store.key(_NAME))
    if data is None:
        return None
    stamp, _, body = data.partition(b"\n")
    if stamp.decode("ascii", "replace") != key:
        return None
    try:
        outcome = json.loads(body)
    except ValueError:
        return None
    return outcome if isinstance(outcome, dict) else None


def remember(root: Path, key: str | None, outcome: dict[str, Any]) -> None:
    if key is None:
        return
    store = _store(root)
    store.put(store.key(_NAME), key.encode("ascii") + b"\n" + json.dumps(outcome, ensure_ascii=False).encode())
