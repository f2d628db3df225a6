"""Status history of the stories: when each one moved between workflow statuses.

Written by `fanzone jira pull` (from the issue changelog) to `backlog/history.json`, or rebuilt from the
git history of `backlog/`; read by the burndown and flow reports.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class Transition(BaseModel):
    at: dt.datetime = Field(description="When the status changed (timezone-aware, ISO 8601).")
    from_status: str | None = Field(default=None, alias="from", description="None for the creation event.")
    to_status: str = Field(alias="to")
    author: str | None = None

    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)


class StatusHistory(BaseModel):
    """`backlog/history.json`: transitions per backlog ID, oldest first."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    source: Literal["jira", "git", "manual"] = "jira"
    generated_at: dt.datetime | None = None
    stories: dict[str, list[Transition]] = Field(default_factory=dict)
