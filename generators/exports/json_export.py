"""`fanzone export json`: the whole resolved backlog as one JSON document."""

from __future__ import annotations

import json
from typing import Any

from ..model import Backlog


def backlog_document(backlog: Backlog) -> dict[str, Any]:
    """Plain data for the whole backlog: project, personas, epics with their stories, screens, rules."""
    project = backlog.project.model_dump(mode="json", exclude_none=True)
    epics = []
    for epic in backlog.epics:
        data = epic.model_dump(mode="json", exclude_none=True)
        data["points"] = epic.points
        for story_data, story in zip(data["stories"], epic.stories, strict=True):
            story_data["epic"] = epic.id
            story_data["status_category"] = backlog.category(story).value
        epics.append(data)
    return {
        "project": project,
        "personas": [p.model_dump(mode="json", exclude_none=True) for p in backlog.personas],
        "epics": epics,
        "screens": [s.model_dump(mode="json", exclude_none=True) for s in backlog.screens],
        "rules": [r.model_dump(mode="json") for r in backlog.rules],
        **technical_document(backlog),
    }


def technical_document(backlog: Backlog) -> dict[str, Any]:
    """The technical specification: API documents and operations, domain entities, enums, state machines,
    sequence diagrams (the OpenAPI documents themselves are published as they are, not copied here)."""
    return {
        "api_documents": [s.model_dump(mode="json", exclude={"data", "problems"}) for s in backlog.objects("service")],
        "operations": [op.model_dump(mode="json", exclude={"spec", "problems"}) for op in backlog.objects("operation")],
        "entities": [e.model_dump(mode="json") for e in backlog.objects("entity")],
        "enums": [e.model_dump(mode="json") for e in backlog.objects("enum")],
        "state_machines": [m.model_dump(mode="json", by_alias=True) for m in backlog.objects("state_machine")],
        "sequences": [s.model_dump(mode="json") for s in backlog.objects("sequence")],
    }


def to_json(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2, default=str) + "\n"
