"""Builders for in-memory backlogs (no YAML) used by the scheduling and report tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from generators.model import Backlog, Epic, Persona, Project, Story

STATUSES = [
    {"name": "À faire", "category": "todo"},
    {"name": "En cours", "category": "in_progress", "wip_limit": 3},
    {"name": "Terminé", "category": "done"},
]
TODO, DOING, DONE = "À faire", "En cours", "Terminé"


def make_project(**overrides: Any) -> Project:
    data: dict[str, Any] = {
        "name": "Projet de test",
        "calendar": {
            "start": dt.date(2025, 3, 3),
            "working_days": ["mon", "tue", "wed", "thu", "fri"],
            "country": "FR",
        },
        "sprints": {"length_weeks": 2, "first_start": dt.date(2025, 4, 7), "count": 6},
        "velocity": 20,
        "statuses": STATUSES,
        "jira": {"project": "FZ"},
    }
    for key, value in overrides.items():
        if isinstance(value, dict) and isinstance(data.get(key), dict):
            data[key] = {**data[key], **value}
        else:
            data[key] = value
    return Project.model_validate(data)


def make_story(story_id: str, points: int = 3, priority: str = "must", status: str = TODO, **extra: Any) -> Story:
    return Story.model_validate(
        {
            "id": story_id,
            "title": f"Story {story_id}",
            "as_a": "P-fan",
            "i_want": "faire quelque chose",
            "so_that": "en tirer un bénéfice",
            "acceptance": [{"given": "un contexte", "when": "une action", "then": "un résultat"}],
            "points": points,
            "priority": priority,
            "status": status,
            **extra,
        }
    )


def make_epic(epic_id: str, stories: list[Story], priority: str = "must", **extra: Any) -> Epic:
    return Epic.model_validate(
        {
            "id": epic_id,
            "title": f"Épopée {epic_id}",
            "area": "platform",
            "priority": priority,
            "description": "Une épopée de test.",
            "stories": [s.model_dump() for s in stories],
            **extra,
        }
    )


def make_backlog(project: Project, epics: list[Epic]) -> Backlog:
    persona = Persona.model_validate({"id": "P-fan", "name": "Fan", "role": "Un fan"})
    return Backlog(project=project, personas=[persona], epics=epics, screens=[], rules=[])
