"""Report filters (`--epic`, `--assignee`, `--sprint`) applied to stories with their plan."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from ..model import Backlog, Story
from ..plan import Schedule

UNASSIGNED = "-"  # `--assignee -` selects the stories nobody holds


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in text if not unicodedata.combining(c)).strip()


@dataclass(frozen=True)
class StoryFilter:
    epics: tuple[str, ...] = field(default_factory=tuple)
    assignee: str | None = None
    sprint: int | None = None

    @property
    def active(self) -> bool:
        return bool(self.epics or self.assignee or self.sprint)

    def epic_ok(self, epic_id: str) -> bool:
        return not self.epics or epic_id in self.epics

    def assignee_ok(self, story: Story, backlog: Backlog) -> bool:
        if self.assignee is None:
            return True
        if self.assignee == UNASSIGNED:
            return not story.assignee
        if not story.assignee:
            return False
        wanted = _fold(self.assignee)
        names = {_fold(story.assignee)}
        for member in backlog.project.team:  # accept a team member's id, name or Jira account
            if story.assignee in (member.name, member.id, member.jira_account):
                names |= {_fold(member.id), _fold(member.name)}
        return wanted in names

    def matches(self, story: Story, backlog: Backlog, plan: Schedule | None = None) -> bool:
        if not self.epic_ok(story.epic_id) or not self.assignee_ok(story, backlog):
            return False
        if self.sprint is not None:
            sprint = plan.stories[story.id].sprint if plan is not None else story.sprint
            return sprint == self.sprint
        return True

    def describe(self) -> str:
        parts = []
        if self.epics:
            parts.append("épopée " + ", ".join(self.epics))
        if self.assignee:
            parts.append("non assignées" if self.assignee == UNASSIGNED else f"assignée à {self.assignee}")
        if self.sprint is not None:
            parts.append(f"sprint {self.sprint}")
        return " · ".join(parts)
