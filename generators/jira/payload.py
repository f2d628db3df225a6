"""Logical values (summary, points, parent...) turned into Jira REST v2 `fields` for create and update."""

from __future__ import annotations

from typing import Any

from ..model import Deployment
from .fieldmap import FieldMap
from .render import DesiredIssue


def field_value(name: str, value: Any, fields: FieldMap, deployment: Deployment) -> tuple[str, Any] | None:
    """(Jira field id, REST value) for one logical field, or None when this Jira has no such field."""
    if name in ("summary", "description", "labels"):
        return name, value
    if name == "priority":
        return "priority", ({"name": value} if value else None)
    if name == "points":
        return (fields.story_points, value) if fields.story_points else None
    if name == "parent":
        if deployment is Deployment.CLOUD:
            return "parent", ({"key": value} if value else None)
        return (fields.epic_link, value) if fields.epic_link else None
    raise KeyError(name)


def update_fields(changes: dict[str, Any], fields: FieldMap, deployment: Deployment) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in changes.items():
        mapped = field_value(name, value, fields, deployment)
        if mapped is not None:
            out[mapped[0]] = mapped[1]
    return out


def create_fields(
    item: DesiredIssue,
    values: dict[str, Any],
    *,
    project_id: str,
    issue_type_id: str,
    fields: FieldMap,
    deployment: Deployment,
) -> dict[str, Any]:
    """The `fields` of one issue in `POST /issue/bulk` (ids resolved, so the library sends no extra request)."""
    out: dict[str, Any] = {"project": {"id": project_id}, "issuetype": {"id": issue_type_id}}
    for name, value in update_fields(values, fields, deployment).items():
        if value is not None:
            out[name] = value
    if item.kind == "epic" and deployment is Deployment.SERVER and fields.epic_name:
        out[fields.epic_name] = item.extra.get("epic_name") or values.get("summary")
    return out
