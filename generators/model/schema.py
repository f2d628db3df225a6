"""JSON Schemas of the YAML files, for editor completion (yaml-language-server)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from .epic import Epic
from .persona import PersonasFile
from .project import Project
from .screen import Screen

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

FILE_KINDS: dict[str, tuple[type[BaseModel], str]] = {
    "project": (Project, "backlog/project.yaml"),
    "persona": (PersonasFile, "backlog/personas.yaml"),
    "epic": (Epic, "backlog/epics/*.yaml"),
    "screen": (Screen, "mockups/*/*.yaml"),
}


def file_schema(kind: str) -> dict[str, Any]:
    model, pattern = FILE_KINDS[kind]
    schema = model.model_json_schema(mode="validation")
    schema["$schema"] = SCHEMA_DIALECT
    schema["$id"] = f"{kind}.schema.json"
    schema.setdefault("description", f"Fanzone TV toolkit: {pattern}")
    return schema


def all_schemas() -> dict[str, Any]:
    """One document with every file kind's schema under `$defs`: epic, project, persona, screen."""
    defs = {kind: file_schema(kind) for kind in FILE_KINDS}
    return {
        "$schema": SCHEMA_DIALECT,
        "title": "Fanzone TV toolkit YAML files",
        "description": "project.yaml, personas.yaml, epics/*.yaml and mockups/*/*.yaml",
        "$defs": defs,
    }
