"""Epics and user stories (`backlog/epics/*.yaml`, one epic a file with its stories inside)."""

from __future__ import annotations

from pydantic import Field, field_validator

from .api import OperationId
from .common import (
    FIBONACCI,
    Area,
    EpicId,
    JiraKey,
    NonEmptyStr,
    PersonaId,
    Platform,
    Priority,
    RequirementId,
    RuleId,
    ScreenId,
    StoryId,
    Strict,
)


class AcceptanceCriterion(Strict):
    """One Gherkin scenario: Given / When / Then."""

    scenario: str = Field(default="", description="Optional scenario name.")
    given: NonEmptyStr
    when: NonEmptyStr
    then: NonEmptyStr


def _no_duplicates(values: list[str], what: str) -> list[str]:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise ValueError(f"{what} {value!r} is listed twice")
        seen.add(value)
    return values


class Story(Strict):
    id: StoryId
    title: NonEmptyStr
    as_a: PersonaId
    i_want: NonEmptyStr
    so_that: NonEmptyStr
    acceptance: list[AcceptanceCriterion] = Field(min_length=1)
    points: int = Field(description="Estimate on the Fibonacci scale: 0, 1, 2, 3, 5, 8, 13, 21.")
    priority: Priority
    status: NonEmptyStr = Field(description="A status declared in project.yaml.")
    sprint: int | None = Field(default=None, ge=1, description="Pinned sprint; the scheduler fills the rest.")
    depends_on: list[StoryId] = Field(default_factory=list)
    screens: list[ScreenId] = Field(default_factory=list)
    rules: list[RuleId] = Field(default_factory=list)
    requirements: list[RequirementId] = Field(
        default_factory=list, description="Non-functional requirements (ENF-…) this story must meet."
    )
    operations: list[OperationId] = Field(
        default_factory=list, description="API operations (operationId in specs/api/) this story calls."
    )
    labels: list[NonEmptyStr] = Field(default_factory=list)
    platforms: list[Platform] = Field(
        default_factory=list, description="Platforms the story applies to; empty: the epic's platforms."
    )
    notes: str = ""
    assignee: str | None = Field(default=None, description="Written by `fanzone jira pull`.")
    jira: JiraKey | None = None

    @field_validator("points", mode="before")
    @classmethod
    def _fibonacci(cls, value: object) -> object:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError("points must be a whole number on the Fibonacci scale (0, 1, 2, 3, 5, 8, 13, 21)")
        if value not in FIBONACCI:
            raise ValueError(f"{value} is not on the Fibonacci scale (0, 1, 2, 3, 5, 8, 13, 21)")
        return value

    @field_validator("depends_on")
    @classmethod
    def _deps_unique(cls, value: list[str]) -> list[str]:
        return _no_duplicates(value, "dependency")

    @field_validator("screens")
    @classmethod
    def _screens_unique(cls, value: list[str]) -> list[str]:
        return _no_duplicates(value, "screen")

    @field_validator("rules")
    @classmethod
    def _rules_unique(cls, value: list[str]) -> list[str]:
        return _no_duplicates(value, "rule")

    @field_validator("requirements")
    @classmethod
    def _requirements_unique(cls, value: list[str]) -> list[str]:
        return _no_duplicates(value, "requirement")

    @property
    def epic_id(self) -> str:
        return self.id.split("-", 1)[0]

    @property
    def sentence(self) -> tuple[str, str, str]:
        return (self.as_a, self.i_want, self.so_that)


class Epic(Strict):
    id: EpicId
    title: NonEmptyStr
    area: Area
    priority: Priority
    description: NonEmptyStr
    depends_on: list[EpicId] = Field(default_factory=list)
    labels: list[NonEmptyStr] = Field(default_factory=list)
    platforms: list[Platform] = Field(
        default_factory=list, description="Platforms of the epic's stories (default for each); empty: web only."
    )
    jira: JiraKey | None = None
    stories: list[Story] = Field(default_factory=list)

    @field_validator("depends_on")
    @classmethod
    def _deps_unique(cls, value: list[str]) -> list[str]:
        return _no_duplicates(value, "dependency")

    @field_validator("platforms")
    @classmethod
    def _platforms_unique(cls, value: list[Platform]) -> list[Platform]:
        return _no_duplicates(value, "platform")  # type: ignore[arg-type,return-value]

    @property
    def points(self) -> int:
        return sum(story.points for story in self.stories)

    def platforms_of(self, story: Story) -> list[Platform]:
        """The platforms a story of this epic applies to: its own, else the epic's, else the web."""
        return list(story.platforms or self.platforms or [Platform.WEB])
