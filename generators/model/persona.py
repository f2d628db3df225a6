"""Personas: who the stories are written for (`backlog/personas.yaml`)."""

from __future__ import annotations

from pydantic import Field

from .common import JiraKey, NonEmptyStr, PersonaId, Strict


class Persona(Strict):
    id: PersonaId
    name: NonEmptyStr
    role: NonEmptyStr = Field(description="One line: who this person is.")
    description: str = ""
    quote: str = ""
    goals: list[NonEmptyStr] = Field(default_factory=list)
    frustrations: list[NonEmptyStr] = Field(default_factory=list)
    devices: list[NonEmptyStr] = Field(default_factory=list)
    jira: JiraKey | None = None


class PersonasFile(Strict):
    """`backlog/personas.yaml`: a mapping with one key, `personas`."""

    personas: list[Persona] = Field(min_length=1)
