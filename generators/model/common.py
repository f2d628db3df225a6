"""Shared building blocks of the data model: strict base class, ID patterns, enumerations."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

EPIC_ID = r"^E\d{2,3}$"
STORY_ID = r"^E\d{2,3}-S\d{2,3}$"
PERSONA_ID = r"^P-[a-z0-9]+(?:-[a-z0-9]+)*$"
SCREEN_ID = r"^(?:FO|BO)-[a-z0-9]+(?:-[a-z0-9]+)*$"
RULE_ID = r"^BR-[A-Z0-9]+(?:-[A-Z0-9]+)*$"
JIRA_KEY = r"^[A-Z][A-Z0-9_]+-\d+$"
SLUG = r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$"
MILESTONE_ID = r"^M\d{2,3}$"

FIBONACCI = (0, 1, 2, 3, 5, 8, 13, 21)

NonEmptyStr = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
EpicId = Annotated[str, StringConstraints(pattern=EPIC_ID)]
StoryId = Annotated[str, StringConstraints(pattern=STORY_ID)]
PersonaId = Annotated[str, StringConstraints(pattern=PERSONA_ID)]
ScreenId = Annotated[str, StringConstraints(pattern=SCREEN_ID)]
RuleId = Annotated[str, StringConstraints(pattern=RULE_ID)]
JiraKey = Annotated[str, StringConstraints(pattern=JIRA_KEY)]
Slug = Annotated[str, StringConstraints(pattern=SLUG)]
MilestoneId = Annotated[str, StringConstraints(pattern=MILESTONE_ID)]


class Strict(BaseModel):
    """Base of every YAML-backed model: unknown fields are errors, values are re-validated on assignment."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, validate_assignment=True)


class Area(StrEnum):
    FRONT_OFFICE = "front-office"
    BACK_OFFICE = "back-office"
    PLATFORM = "platform"


class Priority(StrEnum):
    """MoSCoW priority, in scheduling order."""

    MUST = "must"
    SHOULD = "should"
    COULD = "could"
    WONT = "wont"

    @property
    def rank(self) -> int:
        return list(Priority).index(self)


class StatusCategory(StrEnum):
    TODO = "todo"
    IN_PROGRESS = "in_progress"
    DONE = "done"
