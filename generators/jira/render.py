"""What Jira should hold for each epic and story: summary, description (Jira wiki markup), points, priority,
labels (including the backlog-ID marker) and parent. Pure functions of the backlog."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from ..model import Backlog
from ..model.jira_text import (
    backlog_id_of,
    epic_description,
    issue_labels,
    managed_label,
    marker_label,
    story_description,
    summary,
)
from ..wording import story_sentence
from ..wording.catalogue import expand_plain, expanded_copy, plain_epic

__all__ = ["DesiredIssue", "backlog_id_of", "desired_issues", "managed_label", "marker_label"]


@dataclass(frozen=True)
class DesiredIssue:
    id: str
    kind: Literal["epic", "story"]
    values: dict[str, Any]  # summary, description, priority, labels, points (stories), parent (epic id, stories)
    depends_on: tuple[str, ...] = ()
    yaml_key: str | None = None
    epic_id: str | None = None
    file: str | None = None
    line: int = 1
    status: str | None = None  # stories: the YAML status, given to a new issue by transitions
    extra: dict[str, Any] = field(default_factory=dict)  # creation-only values (Epic Name on Server)


def desired_issues(backlog: Backlog) -> list[DesiredIssue]:
    """Every epic, then every story, in backlog order."""
    config = backlog.project.jira
    prefix = config.label_prefix
    out: list[DesiredIssue] = []
    for epic in backlog.epics:
        where = backlog.location(epic.id)
        out.append(
            DesiredIssue(
                id=epic.id,
                kind="epic",
                values={
                    "summary": summary(epic.title),
                    "description": epic_description(plain_epic(epic, backlog)),
                    "priority": config.priorities.get(epic.priority.value),
                    "labels": issue_labels(prefix, epic.id, epic.labels),
                },
                depends_on=tuple(epic.depends_on),
                yaml_key=epic.jira,
                file=where.file if where else None,
                line=where.line if where else 1,
                extra={"epic_name": summary(epic.title)},
            )
        )
    personas = {persona.id: persona for persona in backlog.personas}
    operations = {op.id: op.label for op in backlog.objects("operation")}
    for epic in backlog.epics:
        for story in epic.stories:
            where = backlog.location(story.id)
            out.append(
                DesiredIssue(
                    id=story.id,
                    kind="story",
                    values={
                        "summary": summary(expand_plain(story.title, backlog)),
                        "description": story_description(
                            plain := expanded_copy(story, backlog),
                            story_sentence(plain, personas.get(story.as_a)),
                            operations,
                        ),
                        "priority": config.priorities.get(story.priority.value),
                        "labels": issue_labels(prefix, story.id, story.labels),
                        "points": story.points,
                        "parent": epic.id,
                    },
                    depends_on=tuple(story.depends_on),
                    yaml_key=story.jira,
                    epic_id=epic.id,
                    file=where.file if where else None,
                    line=where.line if where else 1,
                    status=story.status,
                )
            )
    return out
