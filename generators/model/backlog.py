"""The loaded backlog: every validated object plus where each one came from."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from ..findings import Finding, Severity  # noqa: F401  (re-exported: the models name them here)
from .common import StatusCategory
from .epic import Epic, Story
from .persona import Persona
from .project import Project
from .rule import BusinessRule
from .screen import Screen


@dataclass(frozen=True, slots=True)
class Location:
    file: str  # relative to the project root, with forward slashes
    line: int  # 1-based

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


class Locations(dict[str, Location]):
    """Where each object is written (`"E05-S01"`) and, resolved on demand, each of its fields
    (`"E05-S01.points"`, `"E05-S01.acceptance.1"`)."""

    def __init__(self) -> None:
        super().__init__()
        self._fields: dict[str, tuple[str, Callable[[tuple[str | int, ...]], int | None]]] = {}

    def add_object(
        self, object_id: str, file: str, line: int, field_line: Callable[[tuple[str | int, ...]], int | None]
    ) -> None:
        """Register an object; `field_line(path)` gives the line of a field path below it, or None."""
        self.setdefault(object_id, Location(file, line))
        self._fields.setdefault(object_id, (file, field_line))

    def get(self, key: str, default: Location | None = None) -> Location | None:  # type: ignore[override]
        found = super().get(key)
        if found is not None:
            return found
        object_id, _, field_path = key.partition(".")
        entry = self._fields.get(object_id) if field_path else None
        if entry is None:
            return default
        parts = tuple(int(p) if p.isdigit() else p for p in field_path.split("."))
        line = entry[1](parts)
        return Location(entry[0], line) if line is not None else default

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get(key) is not None


_BUILTIN_KINDS = ("persona", "epic", "story", "screen", "rule", "phase", "milestone")


class Reference(NamedTuple):
    """One citation: object `source` of `kind` names the target in its `field`."""

    kind: str
    field: str
    source: str


@dataclass
class Backlog:
    project: Project
    personas: list[Persona]
    epics: list[Epic]
    screens: list[Screen]
    rules: list[BusinessRule]
    root: str = "."
    locations: Locations = field(default_factory=Locations)
    warnings: list[Finding] = field(default_factory=list)
    infos: list[Finding] = field(default_factory=list)
    others: dict[str, list[Any]] = field(default_factory=dict)  # objects of the other registered kinds
    referrers: dict[str, list[Reference]] = field(default_factory=dict)  # target id -> who cites it
    _stories: dict[str, Story] = field(default_factory=dict, repr=False)
    _epic_of: dict[str, Epic] = field(default_factory=dict, repr=False)
    _index: dict[str, Any] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.reindex()

    def reindex(self) -> None:
        self._index = {}
        self._stories = {}
        self._epic_of = {}
        for epic in self.epics:
            for story in epic.stories:
                self._stories[story.id] = story
                self._epic_of[story.id] = epic

    # --- generic look-ups (every registered kind) ---------------------------------------------------
    def objects(self, kind: str) -> list[Any]:
        """Every object of a kind (`"story"`, `"screen"`, `"requirement"`, ...)."""
        builtin: dict[str, Callable[[], list[Any]]] = {
            "project": lambda: [self.project],
            "persona": lambda: self.personas,
            "epic": lambda: self.epics,
            "story": lambda: self.stories,
            "screen": lambda: self.screens,
            "rule": lambda: self.rules,
            "phase": lambda: self.project.phases,
            "milestone": lambda: self.project.milestones,
        }
        if kind in builtin:
            return builtin[kind]()
        return self.others.get(kind, [])

    def find(self, object_id: str) -> Any | None:
        """The object of any kind with this id, or None."""
        if not self._index:
            for kind in (*_BUILTIN_KINDS, *self.others):
                for obj in self.objects(kind):
                    object_id_of = getattr(obj, "id", None)
                    if isinstance(object_id_of, str):
                        self._index.setdefault(object_id_of, obj)
        return self._index.get(object_id)

    def cited_by(self, target_id: str, kind: str | None = None, field_name: str | None = None) -> list[str]:
        """Ids of the objects citing `target_id` (optionally only from one kind and field)."""
        return [
            ref.source
            for ref in self.referrers.get(target_id, ())
            if (kind is None or ref.kind == kind) and (field_name is None or ref.field == field_name)
        ]

    # --- look-ups -------------------------------------------------------------------------------
    @property
    def stories(self) -> list[Story]:
        return [story for epic in self.epics for story in epic.stories]

    def story(self, story_id: str) -> Story:
        return self._stories[story_id]

    def has_story(self, story_id: str) -> bool:
        return story_id in self._stories

    def epic(self, epic_id: str) -> Epic:
        for epic in self.epics:
            if epic.id == epic_id:
                return epic
        raise KeyError(epic_id)

    def epic_of(self, story_id: str) -> Epic:
        return self._epic_of[story_id]

    def persona(self, persona_id: str) -> Persona:
        for persona in self.personas:
            if persona.id == persona_id:
                return persona
        raise KeyError(persona_id)

    def screen(self, screen_id: str) -> Screen:
        for screen in self.screens:
            if screen.id == screen_id:
                return screen
        raise KeyError(screen_id)

    def rule(self, rule_id: str) -> BusinessRule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)

    def category(self, story: Story) -> StatusCategory:
        category = self.project.category_of(story.status)
        if category is None:  # the loader rejects unknown statuses; be safe for hand-built backlogs
            return StatusCategory.TODO
        return category

    def location(self, object_id: str, field_name: str | None = None) -> Location | None:
        """Where an object (or one of its fields) is written: `location("E05-S01", "points")`."""
        if field_name is not None:
            found = self.locations.get(f"{object_id}.{field_name}")
            if found is not None:
                return found
        return self.locations.get(object_id)

    def stories_for_screen(self, screen_id: str) -> list[Story]:
        screen = self.screen(screen_id)
        ids = {story.id for story in self.stories if screen_id in story.screens} | set(screen.stories)
        return [story for story in self.stories if story.id in ids]
