"""The project file (`backlog/project.yaml`): plan, calendar, team, workflow and Jira mapping."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Literal

from pydantic import Field, HttpUrl, field_validator, model_validator

from .common import MilestoneId, NonEmptyStr, Slug, StatusCategory, Strict

Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class Calendar(Strict):
    start: dt.date = Field(description="First day of the project (cadrage).")
    working_days: list[Weekday] = Field(default_factory=lambda: ["mon", "tue", "wed", "thu", "fri"], min_length=1)
    country: str = Field(default="FR", pattern=r"^[A-Z]{2}$", description="ISO country code for public holidays.")
    subdivision: str | None = Field(default=None, description="Optional region for regional holidays.")
    closures: list[dt.date] = Field(default_factory=list, description="Extra non-working days (company closures).")

    @property
    def weekday_numbers(self) -> set[int]:
        return {WEEKDAYS.index(day) for day in self.working_days}


class SprintPlan(Strict):
    length_weeks: int = Field(default=2, ge=1, le=6)
    first_start: dt.date | None = Field(
        default=None, description="Start date of sprint 1 (a working day); default: calendar.start."
    )
    count: int = Field(ge=1, le=200, description="Number of sprints in the release plan.")
    prefix: str = Field(default="Sprint", description="Sprint name prefix, as in Jira ('Sprint 3').")


class TeamMember(Strict):
    id: Slug
    name: NonEmptyStr
    role: NonEmptyStr
    company: str = ""
    capacity: float = Field(default=1.0, gt=0, le=1, description="Share of a full-time week on the project.")
    develops: bool = Field(default=False, description="Counts towards the delivery velocity.")
    jira_account: str | None = Field(default=None, description="Jira display name or account id.")


class Phase(Strict):
    """A non-story phase (cadrage, conception UX/UI, recette, ...) or the development phase (`sprints: true`)."""

    id: Slug
    name: NonEmptyStr
    start: dt.date | None = None
    end: dt.date | None = None
    duration_days: int | None = Field(default=None, ge=1, description="Working days, when dates are derived.")
    sprints: bool = Field(default=False, description="This phase spans the development sprints.")
    depends_on: list[str] = Field(default_factory=list, description="Phase, epic or milestone IDs.")
    description: str = ""

    @model_validator(mode="after")
    def _dated(self) -> Phase:
        if self.sprints:
            return self
        if self.start is None and self.duration_days is None:
            raise ValueError("a phase needs a start date, a duration_days, or sprints: true")
        if self.start and self.end and self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        if self.start is None and not self.depends_on:
            raise ValueError("a phase without a start date must depend on something")
        return self


class Milestone(Strict):
    id: MilestoneId
    name: NonEmptyStr
    date: dt.date = Field(description="Planned (committed) date.")
    depends_on: list[str] = Field(default_factory=list, description="Epic, story or phase IDs that must be finished.")
    description: str = ""


class StatusDef(Strict):
    name: NonEmptyStr
    category: StatusCategory
    wip_limit: int | None = Field(default=None, ge=1)
    jira_names: list[NonEmptyStr] = Field(default_factory=list, description="Other Jira status names mapped here.")


class Deployment(StrEnum):
    CLOUD = "cloud"
    SERVER = "server"


class JiraFields(Strict):
    story_points: str | None = Field(default=None, description="Field name or id; found by name when absent.")
    sprint: str | None = None
    epic_link: str | None = Field(default=None, description="Server/Data Center only.")


class JiraIssueTypes(Strict):
    epic: NonEmptyStr = "Epic"
    story: NonEmptyStr = "Story"


class JiraConfig(Strict):
    url: HttpUrl | None = None
    project: str = Field(pattern=r"^[A-Z][A-Z0-9_]+$")
    project_name: str = ""
    deployment: Deployment | None = None
    fields: JiraFields = Field(default_factory=JiraFields)
    issue_types: JiraIssueTypes = Field(default_factory=JiraIssueTypes)
    link_type: NonEmptyStr = "Blocks"
    label_prefix: str = Field(
        default="fz",
        pattern=r"^[a-z][a-z0-9_-]*$",
        description="Labels `<prefix>:<backlog id>` mark the issues the toolkit owns.",
    )
    priorities: dict[str, str] = Field(
        default_factory=lambda: {"must": "Highest", "should": "High", "could": "Medium", "wont": "Lowest"},
        description="MoSCoW priority to Jira priority name.",
    )


class Project(Strict):
    name: NonEmptyStr
    summary: str = Field(default="", description="The product in one paragraph (site home page).")
    client: str = ""
    integrator: str = ""
    site_url: HttpUrl | None = None
    as_of: dt.date | None = Field(
        default=None, description="Status date of the plan (forecasts start from it); default: today."
    )
    calendar: Calendar
    sprints: SprintPlan
    velocity: int = Field(ge=1, description="Story points the team delivers in a sprint.")
    team: list[TeamMember] = Field(default_factory=list)
    phases: list[Phase] = Field(default_factory=list)
    milestones: list[Milestone] = Field(default_factory=list)
    statuses: list[StatusDef] = Field(min_length=1)
    jira: JiraConfig
    baseline_prefix: str = Field(
        default="spec/",
        pattern=r"^[A-Za-z0-9._-]+/$|^$",
        description="Prefix of the git tags that record baselines (`fanzone baseline create v1.0` tags `spec/v1.0`).",
    )

    @field_validator("statuses")
    @classmethod
    def _statuses(cls, value: list[StatusDef]) -> list[StatusDef]:
        names = [status.name for status in value]
        for name in names:
            if names.count(name) > 1:
                raise ValueError(f"status {name!r} is declared twice")
        for category in StatusCategory:
            if not any(status.category == category for status in value):
                raise ValueError(
                    f"no status of category {category.value!r}: the workflow needs todo, in_progress and done"
                )
        return value

    @model_validator(mode="after")
    def _unique_ids(self) -> Project:
        for label, ids in (
            ("team member", [m.id for m in self.team]),
            ("phase", [p.id for p in self.phases]),
            ("milestone", [m.id for m in self.milestones]),
        ):
            for item in ids:
                if ids.count(item) > 1:
                    raise ValueError(f"{label} id {item!r} is declared twice")
        if self.sprints.first_start is None:
            self.sprints.first_start = self.calendar.start
        if self.sprints.first_start < self.calendar.start:
            raise ValueError("sprints.first_start is before calendar.start")
        return self

    def status(self, name: str) -> StatusDef | None:
        for status in self.statuses:
            if status.name == name or name in status.jira_names:
                return status
        return None

    def category_of(self, status_name: str) -> StatusCategory | None:
        status = self.status(status_name)
        return status.category if status else None
