"""Shared building blocks of the data model: strict base class, ID patterns, enumerations."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, StringConstraints

# ASCII only: Python's and Pydantic's `\d` match every Unicode digit (Arabic-Indic ones too).
EPIC_ID = r"^E[0-9]{2,3}$"
STORY_ID = r"^E[0-9]{2,3}-S[0-9]{2,3}$"
PERSONA_ID = r"^P-[a-z0-9]+(?:-[a-z0-9]+)*$"
SCREEN_ID = r"^(?:FO|BO)-[a-z0-9]+(?:-[a-z0-9]+)*$"
RULE_ID = r"^BR-[A-Z0-9]+(?:-[A-Z0-9]+)*$"
JIRA_KEY = r"^[A-Z][A-Z0-9_]+-[0-9]+$"
SLUG = r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$"
MILESTONE_ID = r"^M[0-9]{2,3}$"
REQUIREMENT_ID = r"^ENF-[A-Z0-9]+(?:-[A-Z0-9]+)*$"
MAX_ID_LENGTH = 64  # ids become file names and URL parts: keep them well under any file-system limit

FIBONACCI = (0, 1, 2, 3, 5, 8, 13, 21)


def _short_id(value: str) -> str:
    if len(value) > MAX_ID_LENGTH:
        raise ValueError(f"id is {len(value)} characters long; the limit is {MAX_ID_LENGTH} (ids become file names)")
    return value


_SHORT = AfterValidator(_short_id)  # ids: match their (ASCII) pattern and are at most MAX_ID_LENGTH long


NonEmptyStr = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
EpicId = Annotated[str, StringConstraints(pattern=EPIC_ID), _SHORT]
StoryId = Annotated[str, StringConstraints(pattern=STORY_ID), _SHORT]
PersonaId = Annotated[str, StringConstraints(pattern=PERSONA_ID), _SHORT]
ScreenId = Annotated[str, StringConstraints(pattern=SCREEN_ID), _SHORT]
RuleId = Annotated[str, StringConstraints(pattern=RULE_ID), _SHORT]
JiraKey = Annotated[str, StringConstraints(pattern=JIRA_KEY)]
Slug = Annotated[str, StringConstraints(pattern=SLUG), _SHORT]
MilestoneId = Annotated[str, StringConstraints(pattern=MILESTONE_ID), _SHORT]
RequirementId = Annotated[str, StringConstraints(pattern=REQUIREMENT_ID), _SHORT]


class Strict(BaseModel):
    """Base of every YAML-backed model: unknown fields are errors, values are re-validated on assignment."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, validate_assignment=True, defer_build=True)


class Area(StrEnum):
    FRONT_OFFICE = "front-office"
    BACK_OFFICE = "back-office"
    PLATFORM = "platform"


class Platform(StrEnum):
    """Where a story applies: the web site and the native apps (mobile, TV)."""

    WEB = "web"
    IOS = "ios"
    ANDROID = "android"
    ANDROID_TV = "android-tv"
    TVOS = "tvos"


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


_OPENING_QUOTES = ("«", '"', "“")


def quotation(text: str) -> str:
    """Text in French quotes, once: a text that already opens with a quotation mark is left as written."""
    inner = " ".join(text.split())
    if not inner or inner.startswith(_OPENING_QUOTES):
        return inner
    return f"« {inner} »"
