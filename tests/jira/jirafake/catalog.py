"""Static metadata of the fake Jira: fields, issue types, statuses, priorities, link types (Cloud and Server)."""

from __future__ import annotations

from typing import Any

GH = "com.pyxis.greenhopper.jira"
CF = "com.atlassian.jira.plugin.system.customfieldtypes"


def _field(fid: str, name: str, schema: dict[str, Any], *, custom: bool = False, clause: str | None = None) -> dict:
    clauses = [clause or name.lower()] + ([f"cf[{fid.split('_')[1]}]"] if custom else [])
    return {
        "id": fid,
        "key": fid,
        "name": name,
        "custom": custom,
        "orderable": True,
        "navigable": True,
        "searchable": True,
        "clauseNames": clauses,
        "schema": schema,
    }


SYSTEM_FIELDS = [
    _field("summary", "Summary", {"type": "string", "system": "summary"}),
    _field("description", "Description", {"type": "string", "system": "description"}),
    _field("labels", "Labels", {"type": "array", "items": "string", "system": "labels"}),
    _field("priority", "Priority", {"type": "priority", "system": "priority"}),
    _field("issuetype", "Issue Type", {"type": "issuetype", "system": "issuetype"}, clause="issuetype"),
    _field("project", "Project", {"type": "project", "system": "project"}),
    _field("status", "Status", {"type": "status", "system": "status"}),
    _field("assignee", "Assignee", {"type": "user", "system": "assignee"}),
    _field("created", "Created", {"type": "datetime", "system": "created"}),
    _field("updated", "Updated", {"type": "datetime", "system": "updated"}),
    _field("issuelinks", "Linked Issues", {"type": "array", "items": "issuelinks", "system": "issuelinks"}),
]

CLOUD_FIELDS = [
    *SYSTEM_FIELDS,
    _field("parent", "Parent", {"type": "issuelink", "system": "parent"}),
    # a legacy float field named like the Server one: discovery must prefer the jsw-story-points schema
    _field(
        "customfield_10028", "Story Points", {"type": "number", "custom": f"{CF}:float", "customId": 10028}, custom=True
    ),
    _field(
        "customfield_10016",
        "Story point estimate",
        {"type": "number", "custom": f"{GH}:jsw-story-points", "customId": 10016},
        custom=True,
    ),
    _field(
        "customfield_10020",
        "Sprint",
        {"type": "array", "items": "json", "custom": f"{GH}:gh-sprint", "customId": 10020},
        custom=True,
    ),
]

SERVER_FIELDS = [
    *SYSTEM_FIELDS,
    _field(
        "customfield_10002", "Story Points", {"type": "number", "custom": f"{CF}:float", "customId": 10002}, custom=True
    ),
    _field(
        "customfield_10100",
        "Epic Link",
        {"type": "any", "custom": f"{GH}:gh-epic-link", "customId": 10100},
        custom=True,
    ),
    _field(
        "customfield_10101",
        "Epic Name",
        {"type": "string", "custom": f"{GH}:gh-epic-label", "customId": 10101},
        custom=True,
    ),
    _field(
        "customfield_10102",
        "Sprint",
        {"type": "array", "items": "string", "custom": f"{GH}:gh-sprint", "customId": 10102},
        custom=True,
    ),
]

ISSUE_TYPES = [
    {"id": "10000", "name": "Epic", "subtask": False, "hierarchyLevel": 1},
    {"id": "10001", "name": "Story", "subtask": False, "hierarchyLevel": 0},
    {"id": "10002", "name": "Task", "subtask": False, "hierarchyLevel": 0},
    {"id": "10003", "name": "Sub-task", "subtask": True, "hierarchyLevel": -1},
]

CATEGORIES = {
    "new": {"id": 2, "key": "new", "colorName": "blue-gray", "name": "To Do"},
    "indeterminate": {"id": 4, "key": "indeterminate", "colorName": "yellow", "name": "In Progress"},
    "done": {"id": 3, "key": "done", "colorName": "green", "name": "Done"},
}

STATUSES = [
    {"id": "10000", "name": "To Do", "statusCategory": CATEGORIES["new"]},
    {"id": "3", "name": "In Progress", "statusCategory": CATEGORIES["indeterminate"]},
    {"id": "10001", "name": "In Review", "statusCategory": CATEGORIES["indeterminate"]},
    {"id": "10002", "name": "Done", "statusCategory": CATEGORIES["done"]},
    {"id": "10003", "name": "Terminé", "statusCategory": CATEGORIES["done"]},
]

PRIORITIES = [
    {"id": "1", "name": "Highest"},
    {"id": "2", "name": "High"},
    {"id": "3", "name": "Medium"},
    {"id": "4", "name": "Low"},
    {"id": "5", "name": "Lowest"},
]

LINK_TYPES = [
    {"id": "10000", "name": "Blocks", "inward": "is blocked by", "outward": "blocks"},
    {"id": "10001", "name": "Cloners", "inward": "is cloned by", "outward": "clones"},
    {"id": "10002", "name": "Duplicate", "inward": "is duplicated by", "outward": "duplicates"},
    {"id": "10003", "name": "Relates", "inward": "relates to", "outward": "relates to"},
]


def server_info(mode: str, base_url: str) -> dict[str, Any]:
    if mode == "cloud":
        return {
            "baseUrl": base_url,
            "displayUrl": base_url,
            "version": "1001.0.0-SNAPSHOT",
            "versionNumbers": [1001, 0, 0],
            "deploymentType": "Cloud",
            "buildNumber": 100282,
            "buildDate": "2025-06-01T00:00:00.000+0000",
            "serverTime": "2025-06-02T10:00:00.000+0000",
            "scmInfo": "0123456789abcdef",
            "serverTitle": "Jira",
        }
    return {
        "baseUrl": base_url,
        "version": "9.12.2",
        "versionNumbers": [9, 12, 2],
        "deploymentType": "Server",
        "buildNumber": 9120002,
        "buildDate": "2024-01-01T00:00:00.000+0000",
        "serverTime": "2025-06-02T10:00:00.000+0000",
        "scmInfo": "fedcba9876543210",
        "serverTitle": "Jira",
    }
