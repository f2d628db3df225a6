"""Read and write `backlog/history.json` (the stories' status history)."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError

from ..model import Finding
from ..model.history import StatusHistory
from .atomic import atomic_write

HISTORY_FILE = "backlog/history.json"


def history_path(root: Path | str) -> Path:
    return Path(root) / HISTORY_FILE


def read_history(root: Path | str) -> tuple[StatusHistory | None, list[Finding]]:
    """The history file if present (None otherwise), or a located finding when it is unreadable."""
    path = history_path(root)
    if not path.is_file():
        return None, []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return StatusHistory.model_validate(data), []
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        line = getattr(exc, "lineno", 1)
        return None, [Finding(HISTORY_FILE, line, "history", f"cannot read status history: {exc}")]
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        return None, [Finding(HISTORY_FILE, 1, "history", f"invalid status history at {where}: {first['msg']}")]


def write_history(root: Path | str, history: StatusHistory) -> Path:
    """Write the history atomically (stable key order, one transition per line block)."""
    path = history_path(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = history.model_dump(mode="json", by_alias=True, exclude_none=True)
    data["stories"] = dict(sorted(data["stories"].items()))
    return atomic_write(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
