"""The Kanban board: columns from the declared statuses, one swimlane per epic, WIP limits and breaches.

WIP counts are always taken over the whole backlog (a limit is the team's, not an epic's): filters choose
which cards are shown, not whether a column is over its limit.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Backlog, Priority, StatusCategory, Story
from ..plan import Schedule
from .filters import StoryFilter


@dataclass
class Card:
    id: str
    title: str
    points: int
    assignee: str | None
    priority: str
    sprint: int | None
    epic: str
    status: str  # the column (declared status name)
    category: str
    blocked_by: list[str] = field(default_factory=list)  # unfinished dependencies


@dataclass
class Column:
    name: str
    category: str
    wip_limit: int | None
    count: int = 0  # cards in this status over the whole backlog
    points: int = 0

    @property
    def breach(self) -> bool:
        return self.wip_limit is not None and self.count > self.wip_limit

    @property
    def label(self) -> str:
        if self.wip_limit is None:
            return f"{self.name} ({self.count})"
        return f"{self.name} ({self.count} / {self.wip_limit})"


@dataclass
class Lane:
    epic: str
    title: str
    cards: dict[str, list[Card]]  # column name -> cards

    @property
    def size(self) -> int:
        return sum(len(cards) for cards in self.cards.values())

    @property
    def depth(self) -> int:
        return max((len(cards) for cards in self.cards.values()), default=0)


@dataclass
class Board:
    columns: list[Column]
    lanes: list[Lane]
    description: str = ""

    @property
    def cards(self) -> list[Card]:
        return [card for lane in self.lanes for column in self.columns for card in lane.cards[column.name]]

    @property
    def breaches(self) -> list[Column]:
        return [column for column in self.columns if column.breach]


WONT_COLUMN = "Hors version (won't have)"  # won't-have cards sit apart, never in a status column
WONT_CATEGORY = "wont"


def build_board(backlog: Backlog, plan: Schedule | None = None, story_filter: StoryFilter | None = None) -> Board:
    """Status columns hold the release's cards (must, should, could); a last column holds won't-have apart."""
    flt = story_filter or StoryFilter()
    project = backlog.project
    columns = [Column(s.name, s.category.value, s.wip_limit) for s in project.statuses]
    by_name = {c.name: c for c in columns}
    wont = Column(WONT_COLUMN, WONT_CATEGORY, None)
    done = {s.id for s in backlog.stories if backlog.category(s) is StatusCategory.DONE}

    def column_of(story: Story) -> Column:
        if story.priority is Priority.WONT and backlog.category(story) is not StatusCategory.DONE:
            return wont
        declared = project.status(story.status)
        return by_name[declared.name] if declared is not None else columns[0]

    for story in backlog.stories:
        column = column_of(story)
        column.count += 1
        column.points += story.points
    if wont.count:
        columns.append(wont)

    lanes = []
    for epic in backlog.epics:
        if not flt.epic_ok(epic.id):
            continue
        lane = Lane(epic.id, epic.title, {c.name: [] for c in columns})
        for story in epic.stories:
            if not flt.matches(story, backlog, plan):
                continue
            column = column_of(story)
            sprint = plan.stories[story.id].sprint if plan is not None else story.sprint
            lane.cards[column.name].append(
                Card(
                    id=story.id,
                    title=story.title,
                    points=story.points,
                    assignee=story.assignee,
                    priority=story.priority.value,
                    sprint=sprint,
                    epic=epic.id,
                    status=column.name,
                    category=column.category,
                    blocked_by=[d for d in story.depends_on if d not in done]
                    if column.category != StatusCategory.DONE.value
                    else [],
                )
            )
        for cards in lane.cards.values():
            cards.sort(key=lambda card: Priority(card.priority).rank)  # stable: story order within a priority
        if lane.size or (not flt.active and epic.stories):
            lanes.append(lane)
    return Board(columns, lanes, flt.describe())
