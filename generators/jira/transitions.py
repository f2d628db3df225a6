"""Give a newly created issue the status its story has in the YAML (Jira creates every issue in the workflow's
first status). Only at creation: afterwards Jira owns the workflow and `pull` brings it back."""

from __future__ import annotations

from typing import Any

from ..model import Project, StatusCategory
from .client import JiraClient
from .errors import MaybeApplied

CATEGORY_KEYS = {StatusCategory.TODO: "new", StatusCategory.IN_PROGRESS: "indeterminate", StatusCategory.DONE: "done"}
ORDER = {"new": 0, "undefined": 0, "indeterminate": 1, "done": 2}
MAX_STEPS = 4


def needs_move(project: Project, status_name: str) -> bool:
    """A story created in Jira starts in a 'to do' status: only other categories need transitions."""
    status = project.status(status_name)
    return status is not None and status.category is not StatusCategory.TODO


def _category(status: dict[str, Any]) -> str:
    return str((status.get("statusCategory") or {}).get("key") or "new")


def reach_status(client: JiraClient, key: str, project: Project, status_name: str) -> str | None:
    """Walk the workflow towards the YAML status (its name, a `jira_names` alias, or at least its category).
    Returns None when reached, else why not."""
    target = project.status(status_name)
    if target is None:
        return f"unknown status {status_name!r}"
    names = {target.name.casefold(), *(n.casefold() for n in target.jira_names)}
    wanted = CATEGORY_KEYS[target.category]
    raw = client.get_issue(key, ["status"])
    if raw is None:
        return f"{key} not found"
    current = (raw.get("fields") or {}).get("status") or {}
    for _ in range(MAX_STEPS):
        if str(current.get("name", "")).casefold() in names:
            return None
        options = client.transitions(key)
        exact = [t for t in options if str((t.get("to") or {}).get("name", "")).casefold() in names]
        if not exact and _category(current) == wanted:
            return None  # same category, no status of that name in this workflow: close enough
        same = [t for t in options if _category(t.get("to") or {}) == wanted]
        distance = abs(ORDER.get(_category(current), 0) - ORDER[wanted])
        closer = [t for t in options if abs(ORDER.get(_category(t.get("to") or {}), 0) - ORDER[wanted]) < distance]
        chosen = (exact or same or closer or [None])[0]
        if chosen is None:
            return f"no transition from {current.get('name')!r} towards {target.name!r}"
        try:
            client.transition(key, str(chosen["id"]))
            current = chosen.get("to") or {}
            if not exact and _category(current) == wanted:
                return None  # no status of that name here: its category is the best this workflow offers
        except MaybeApplied:  # the answer was lost: look where the issue is before going on
            raw = client.get_issue(key, ["status"]) or {}
            current = (raw.get("fields") or {}).get("status") or {}
    return f"still {current.get('name')!r} after {MAX_STEPS} transitions"
