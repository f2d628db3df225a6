"""Find the custom fields we need (story points, sprint, epic link, epic name) by name or schema via `GET /field`,
never by a hard-coded id; ids or names given under `jira.fields` in project.yaml win."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..model import Deployment, JiraFields
from .errors import JiraSyncError

STORY_POINTS_SCHEMA = "com.pyxis.greenhopper.jira:jsw-story-points"
SPRINT_SCHEMA = "com.pyxis.greenhopper.jira:gh-sprint"
EPIC_LINK_SCHEMA = "com.pyxis.greenhopper.jira:gh-epic-link"
EPIC_NAME_SCHEMA = "com.pyxis.greenhopper.jira:gh-epic-label"
STORY_POINTS_NAMES = ("Story Points", "Story point estimate")


@dataclass(frozen=True)
class FieldMap:
    story_points: str | None
    sprint: str | None
    epic_link: str | None  # Server/Data Center only; Cloud uses `parent`
    epic_name: str | None  # Server/Data Center: required when creating an epic
    names: dict[str, str] = field(default_factory=dict)  # field id -> display name

    def name(self, field_id: str | None) -> str:
        return self.names.get(field_id or "", field_id or "-")


def _custom_type(item: dict[str, Any]) -> str:
    return str((item.get("schema") or {}).get("custom") or "")


def _pick(
    fields: list[dict[str, Any]], configured: str | None, setting: str, schema: str, names: tuple[str, ...]
) -> str | None:
    if configured:
        wanted = configured.strip()
        for item in fields:
            if item.get("id") == wanted or item.get("key") == wanted:
                return str(item["id"])
        for item in fields:
            if str(item.get("name", "")).casefold() == wanted.casefold():
                return str(item["id"])
        custom = sorted(str(i.get("name")) for i in fields if str(i.get("id", "")).startswith("customfield_"))
        shown = ", ".join(custom[:15]) + (", ..." if len(custom) > 15 else "")
        raise JiraSyncError(
            f"backlog/project.yaml: jira.fields.{setting}: Jira has no field {wanted!r} "
            f"(custom fields: {shown or 'none'}): give the field's exact name or id (customfield_NNNNN)"
        )
    by_schema = [item for item in fields if _custom_type(item) == schema]
    for wanted in names:
        for item in by_schema or fields:
            if str(item.get("name", "")).casefold() == wanted.casefold():
                return str(item["id"])
    if by_schema:
        return str(by_schema[0]["id"])
    return None


def discover_fields(
    fields: list[dict[str, Any]], config: JiraFields, deployment: Deployment
) -> tuple[FieldMap, list[str]]:
    """The field ids to use, plus warnings for what could not be found (that part is then not synced)."""
    warnings: list[str] = []
    story_points = _pick(fields, config.story_points, "story_points", STORY_POINTS_SCHEMA, STORY_POINTS_NAMES)
    if story_points is None:
        warnings.append(
            "no story points field found in Jira (looked for 'Story Points', 'Story point estimate'): points are "
            "not synced; set jira.fields.story_points in backlog/project.yaml"
        )
    sprint = _pick(fields, config.sprint, "sprint", SPRINT_SCHEMA, ("Sprint",))
    epic_link = epic_name = None
    if deployment is Deployment.SERVER:
        epic_link = _pick(fields, config.epic_link, "epic_link", EPIC_LINK_SCHEMA, ("Epic Link",))
        epic_name = _pick(fields, None, "epic_name", EPIC_NAME_SCHEMA, ("Epic Name",))
        if epic_link is None:
            warnings.append(
                "no Epic Link field found in Jira Server: stories are not attached to their epics; "
                "set jira.fields.epic_link in backlog/project.yaml"
            )
    names = {str(item["id"]): str(item.get("name", item["id"])) for item in fields if "id" in item}
    return FieldMap(story_points, sprint, epic_link, epic_name, names), warnings
