"""Jira issues as we read them: raw REST JSON turned into the same logical values `render` produces."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..model import Deployment
from .fieldmap import FieldMap
from .render import backlog_id_of


@dataclass(frozen=True)
class RemoteLink:
    link_id: str
    blocker_key: str
    blocked_key: str


@dataclass
class RemoteIssue:
    key: str
    id: str
    backlog_id: str | None  # from the marker label
    issue_type: str
    values: dict[str, Any]
    links: list[RemoteLink] = field(default_factory=list)
    raw: dict[str, Any] = field(default_factory=dict, repr=False)


def sync_fields(fields: FieldMap, deployment: Deployment) -> list[str]:
    """The fields a plan or a push reads."""
    wanted = ["summary", "description", "labels", "priority", "issuetype", "issuelinks"]
    if fields.story_points:
        wanted.append(fields.story_points)
    if deployment is Deployment.CLOUD:
        wanted.append("parent")
    elif fields.epic_link:
        wanted.append(fields.epic_link)
    return wanted


def _name(value: Any) -> str | None:
    if isinstance(value, dict):
        return value.get("name")
    return value if isinstance(value, str) else None


def parse_issue(
    raw: dict[str, Any], fields: FieldMap, deployment: Deployment, prefix: str, link_type: str
) -> RemoteIssue:
    data = raw.get("fields") or {}
    labels = [str(label) for label in data.get("labels") or []]
    values: dict[str, Any] = {
        "summary": data.get("summary") or "",
        "description": data.get("description") or "",
        "priority": _name(data.get("priority")),
        "labels": labels,
    }
    if fields.story_points:
        values["points"] = data.get(fields.story_points)
    if deployment is Deployment.CLOUD:
        parent = data.get("parent")
        values["parent"] = parent.get("key") if isinstance(parent, dict) else None
    elif fields.epic_link:
        link = data.get(fields.epic_link)
        values["parent"] = link.get("key") if isinstance(link, dict) else link
    key = str(raw.get("key"))
    links: list[RemoteLink] = []
    for entry in data.get("issuelinks") or []:
        kind = entry.get("type") or {}
        if link_type.casefold() not in {str(kind.get(k, "")).casefold() for k in ("name", "inward", "outward")}:
            continue
        if "inwardIssue" in entry:  # "<key> is blocked by <inwardIssue>"
            links.append(RemoteLink(str(entry.get("id")), str(entry["inwardIssue"].get("key")), key))
        elif "outwardIssue" in entry:  # "<key> blocks <outwardIssue>"
            links.append(RemoteLink(str(entry.get("id")), key, str(entry["outwardIssue"].get("key"))))
    return RemoteIssue(
        key=key,
        id=str(raw.get("id", "")),
        backlog_id=backlog_id_of(labels, prefix),
        issue_type=_name(data.get("issuetype")) or "",
        values=values,
        links=links,
        raw=raw,
    )
