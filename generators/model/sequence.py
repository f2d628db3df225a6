"""Sequence diagrams (`specs/sequences/*.puml`) with their metadata. Pure data; no I/O."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from .api import OperationId
from .common import NonEmptyStr, RuleId, StoryId, Strict

SEQUENCE_ID = r"^SEQ-[A-Z0-9]+(?:-[A-Z0-9]+)*$"
SequenceId = Annotated[str, StringConstraints(pattern=SEQUENCE_ID, max_length=64)]


class Sequence(Strict):
    id: SequenceId
    title: NonEmptyStr
    stories: list[StoryId] = Field(default_factory=list)
    rules: list[RuleId] = Field(default_factory=list)
    operations: list[OperationId] = Field(default_factory=list)
    source: str  # the diagram, @startuml to @enduml, checked free of preprocessor directives
    file: str
