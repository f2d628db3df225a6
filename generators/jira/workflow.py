"""Jira workflow values turned into backlog values: statuses (through status categories when the name is not
declared), assignees (team member ids when known), sprints (the number in "Sprint 3"), status history."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..model import Project, StatusCategory
from ..model.history import Transition

JIRA_CATEGORIES = {
    "new": StatusCategory.TODO,
    "undefined": StatusCategory.TODO,
    "indeterminate": StatusCategory.IN_PROGRESS,
    "done": StatusCategory.DONE,
}


class StatusMapper:
    def __init__(self, project: Project, jira_statuses: list[dict[str, Any]]) -> None:
        self.project = project
        self.categories: dict[str, str] = {}
        for status in jira_statuses:
            category = (status.get("statusCategory") or {}).get("key")
            if status.get("name") and category:
                self.categories[str(status["name"]).casefold()] = str(category)
        self.unknown: set[str] = set()

    def map(self, name: str | None, category_key: str | None = None) -> str | None:
        """The project status for a Jira status name (declared name, `jira_names`, or its category)."""
        if not name:
            return None
        declared = self.project.status(name)
        if declared is not None:
            return declared.name
        for status in self.project.statuses:
            if name.casefold() in {status.name.casefold(), *(n.casefold() for n in status.jira_names)}:
                return status.name
        key = category_key or self.categories.get(name.casefold())
        category = JIRA_CATEGORIES.get(key or "")
        if category is None:
            self.unknown.add(name)
            category = StatusCategory.TODO
        for status in self.project.statuses:
            if status.category == category:
                return status.name
        return None  # pragma: no cover - the model requires every category


def assignee_name(project: Project, user: dict[str, Any] | None) -> str | None:
    """A team member's id when the Jira user is theirs (`jira_account`), else the Jira display name."""
    if not user:
        return None
    handles = {
        str(user.get(k)).casefold() for k in ("accountId", "name", "key", "emailAddress", "displayName") if user.get(k)
    }
    for member in project.team:
        if member.jira_account and member.jira_account.casefold() in handles:
            return member.id
    return user.get("displayName") or user.get("name") or user.get("accountId")


_SERVER_SPRINT = re.compile(r"\[(.*)\]$")


def _sprint_record(value: Any) -> dict[str, str]:
    if isinstance(value, dict):
        return {k: str(v) for k, v in value.items()}
    text = str(value)
    match = _SERVER_SPRINT.search(text)  # Server: "com.atlassian.greenhopper.service.sprint.Sprint@1f[id=1,...]"
    if not match:
        return {"name": text}
    out: dict[str, str] = {}
    for part in re.split(r",(?=\w+=)", match.group(1)):
        name, _, val = part.partition("=")
        out[name] = val
    return out


def sprint_number(values: Any, prefix: str) -> int | None:
    """The sprint a story is in now: the active one, else the latest; its number from "<prefix> N"."""
    if not values:
        return None
    records = [_sprint_record(v) for v in (values if isinstance(values, list) else [values])]
    active = [r for r in records if r.get("state", "").lower() == "active"]
    chosen = active[-1] if active else max(records, key=lambda r: _as_int(r.get("id")) or 0)
    name = chosen.get("name", "")
    match = re.search(rf"{re.escape(prefix)}\s*(\d+)\s*$", name, re.IGNORECASE) or re.search(r"(\d+)\s*$", name)
    number = int(match.group(1)) if match else None
    return number if number and number >= 1 else None


def _as_int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def parse_time(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))


def transitions(
    created: str | None,
    current: str | None,
    histories: list[dict[str, Any]],
    mapper: StatusMapper,
) -> list[Transition]:
    """Status history from a changelog: the creation event, then every change of status, oldest first."""
    changes: list[tuple[dt.datetime, str | None, str | None, str | None]] = []
    for history in histories:
        for item in history.get("items") or []:
            if str(item.get("field", "")).lower() != "status":
                continue
            author = (history.get("author") or {}).get("displayName")
            changes.append((parse_time(history["created"]), item.get("fromString"), item.get("toString"), author))
    changes.sort(key=lambda change: change[0])
    out: list[Transition] = []
    initial = changes[0][1] if changes else current
    if created and initial:
        first = mapper.map(initial)
        if first:
            out.append(Transition(at=parse_time(created), from_status=None, to_status=first))
    for at, before, after, author in changes:
        old, new = mapper.map(before), mapper.map(after)
        if new is None or old == new:
            continue
        out.append(Transition(at=at, from_status=old, to_status=new, author=author))
    return out
