"""The project context: one object per CLI command or site build, handed to every generator.

It holds the loaded backlog and, computed on first use and then kept (`functools.cached_property`):
the status date, the schedule, the status history, the indexes that keep page generation linear
(by id, reverse dependencies, screen/rule/persona/epic -> stories, screen -> screens linking to it)
and the progress figures. No generator loads the backlog, schedules or reads the history on its own.

Layer: between `plan` and the generators (imports model, load, plan; imported by generators and cli).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Mapping
from functools import cached_property
from pathlib import Path
from typing import TypeVar

from ..load import LoadResult, load_backlog
from ..load.git_history import read_status_history
from ..model import Backlog, BusinessRule, Epic, Finding, Persona, Screen, StatusCategory, Story, screen_links
from ..model.history import StatusHistory
from ..plan import Schedule, schedule, today_for
from ..plan.baseline import BaselinePlan
from ..plan.scope import Figures, Scope, scope_of
from .baseline import baseline_plan
from .plan_figures import Value, plan_values

T = TypeVar("T")


Progress = Figures  # the figures of a set of stories: one definition, in `plan.scope`


class ProjectContext:
    """Everything the generators need about one project, computed once."""

    def __init__(
        self,
        root: Path | str,
        backlog: Backlog,
        *,
        today: dt.date | None = None,
        clock: Callable[[], dt.date] | None = dt.date.today,
        baseline: str | None = None,
    ) -> None:
        self.root = Path(root)
        self.backlog = backlog
        self._today = today
        self._clock = clock
        self._derived: dict[str, object] = {}
        self._baseline = baseline  # the baseline the plan is compared with; None: the last one

    @staticmethod
    def load(root: Path | str) -> LoadResult:
        """Load and check the backlog (the one call to the loader); build the context from `result.backlog`."""
        return load_backlog(Path(root))

    # --- dates and plan -----------------------------------------------------------------------------
    @cached_property
    def today(self) -> dt.date:
        """The status date: the given one, else `project.as_of`, else the clock."""
        return today_for(self.backlog.project, self._today, clock=self._clock)

    @cached_property
    def schedule(self) -> Schedule:
        return schedule(self.backlog, self.today)

    @cached_property
    def baseline_plan(self) -> BaselinePlan | None:
        """The baseline's dates beside the forecast and the slip since (None: no git, or no baseline yet).

        Raises a user error (`VersionError`) when the baseline asked for is unknown or does not load."""
        return baseline_plan(self.root, self.backlog, self.schedule, self._baseline)

    @cached_property
    def history(self) -> tuple[StatusHistory | None, list[Finding]]:
        """`(history, findings)` from `backlog/history.json` or git; `(None, [])` when there is none."""
        return read_status_history(self.root)

    # --- indexes ------------------------------------------------------------------------------------
    @cached_property
    def stories(self) -> list[Story]:
        return [story for epic in self.backlog.epics for story in epic.stories]

    @cached_property
    def story_by_id(self) -> dict[str, Story]:
        return {story.id: story for story in self.stories}

    @cached_property
    def epic_by_id(self) -> dict[str, Epic]:
        return {epic.id: epic for epic in self.backlog.epics}

    @cached_property
    def epic_of(self) -> dict[str, Epic]:
        return {story.id: epic for epic in self.backlog.epics for story in epic.stories}

    @cached_property
    def persona_by_id(self) -> dict[str, Persona]:
        return {persona.id: persona for persona in self.backlog.personas}

    @cached_property
    def screen_by_id(self) -> dict[str, Screen]:
        return {screen.id: screen for screen in self.backlog.screens}

    @cached_property
    def rule_by_id(self) -> dict[str, BusinessRule]:
        return {rule.id: rule for rule in self.backlog.rules}

    @cached_property
    def dependents(self) -> dict[str, list[Story]]:
        """Story id -> the stories that depend on it (reverse of `depends_on`), in backlog order."""
        out: dict[str, list[Story]] = defaultdict(list)
        for story in self.stories:
            for dep in story.depends_on:
                out[dep].append(story)
        return dict(out)

    @cached_property
    def stories_by_screen(self) -> dict[str, list[Story]]:
        """Screen id -> the stories it serves (named by the story or by the screen), in backlog order."""
        named_by_screens: dict[str, list[str]] = defaultdict(list)
        for screen in self.backlog.screens:
            for story_id in screen.stories:
                named_by_screens[story_id].append(screen.id)
        return _group(self.stories, lambda story: [*story.screens, *named_by_screens.get(story.id, [])])

    @cached_property
    def stories_by_rule(self) -> dict[str, list[Story]]:
        return _group(self.stories, lambda story: story.rules)

    @cached_property
    def stories_by_persona(self) -> dict[str, list[Story]]:
        return _group(self.stories, lambda story: [story.as_a])

    @cached_property
    def stories_by_epic(self) -> dict[str, list[Story]]:
        return {epic.id: list(epic.stories) for epic in self.backlog.epics}

    @cached_property
    def screens_linking_to(self) -> dict[str, list[Screen]]:
        """Screen id -> the other screens whose content links to it."""
        out: dict[str, list[Screen]] = defaultdict(list)
        for screen in self.backlog.screens:
            for target in dict.fromkeys(screen_links(screen)):
                if target != screen.id:
                    out[target].append(screen)
        return dict(out)

    @cached_property
    def screens_by_area(self) -> dict[str, list[Screen]]:
        out: dict[str, list[Screen]] = defaultdict(list)
        for screen in self.backlog.screens:
            out[screen.area].append(screen)
        return dict(out)

    def derived(self, key: str, compute: Callable[[], T]) -> T:
        """A generator's own derived value (a Kanban board, a flow report), computed once per context."""
        if key not in self._derived:
            self._derived[key] = compute()
        return self._derived[key]  # type: ignore[return-value]

    def derived_texts(self, prefix: str) -> dict[str, str]:
        """The derived values computed so far whose key starts with `prefix` and that are text."""
        return {key: value for key, value in self._derived.items() if key.startswith(prefix) and isinstance(value, str)}

    def offer(self, values: Mapping[str, str]) -> None:
        """Derived values computed elsewhere from this same context (a forked helper of this process): each
        kept unless this context has already computed it."""
        for key, value in values.items():
            self._derived.setdefault(key, value)

    # --- figures ------------------------------------------------------------------------------------
    def category(self, story: Story) -> StatusCategory:
        return self.backlog.category(story)

    @property
    def scope(self) -> Scope:
        """The release scope, what does not fit in the plan, won't-have (`plan.scope`): every figure's source."""
        return self.schedule.scope

    def progress(self, stories: list[Story]) -> Progress:
        """The release-scope figures of `stories` (won't-have left out, as everywhere)."""
        return scope_of(stories, self.schedule.stories, self.backlog.project.sprints.count).release

    @cached_property
    def total(self) -> Progress:
        return self.schedule.scope.release

    @cached_property
    def plan_figures(self) -> dict[str, Value]:
        """The figures a spec page may cite as `{{ plan.KEY }}` (`plan_figures.plan_values`)."""
        return plan_values(self.schedule, len(self.backlog.epics))

    @cached_property
    def epic_progress(self) -> dict[str, Progress]:
        return {epic_id: plan.scope.release for epic_id, plan in self.schedule.epics.items()}


def _group(stories: list[Story], keys: Callable[[Story], list[str]]) -> dict[str, list[Story]]:
    out: dict[str, list[Story]] = defaultdict(list)
    for story in stories:
        for key in dict.fromkeys(keys(story)):
            out[key].append(story)
    return dict(out)
