"""Helpers of the report tests: a status history, a git runner."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

E01 = "backlog/epics/E01-compte.yaml"
E02 = "backlog/epics/E02-offres.yaml"
STATUS_DATE = dt.date(2025, 4, 25)  # in sprint 2 of the mini project


def _t(when: str, before: str | None, after: str) -> dict[str, str | None]:
    return {"at": f"{when}T10:00:00+02:00", "from": before, "to": after}


HISTORY = {
    "source": "jira",
    "stories": {
        "E01-S01": [
            _t("2025-04-01", None, "À faire"),
            _t("2025-04-08", "À faire", "En cours"),
            _t("2025-04-15", "En cours", "Terminé"),
        ],
        "E01-S02": [_t("2025-04-01", None, "À faire"), _t("2025-04-16", "À faire", "En cours")],
        "E02-S01": [_t("2025-04-02", None, "À faire")],
    },
}


def git(root: Path, *args: str, when: str | None = None) -> str:
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(root)}
    if when is not None:
        env |= {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    result = subprocess.run(
        ["git", "-c", "user.name=Claire Martin", "-c", "user.email=claire@example.org", *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout
