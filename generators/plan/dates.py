"""Dates of epics, phases and milestones, derived from the stories' sprints and the phases' declarations."""

from __future__ import annotations

import datetime as dt

from ..model import Backlog, Phase, Priority
from .calendar import ONE_DAY, WorkCalendar
from .model import EpicPlan, MilestonePlan, PhasePlan, StoryPlan
from .scope import Scope, scope_of
from .sprints import SprintTrack


def epic_plans(backlog: Backlog, stories: dict[str, StoryPlan]) -> dict[str, EpicPlan]:
    """Dates span every scheduled story of the epic; figures are its release scope (see `plan.scope`)."""
    epics = {}
    count = backlog.project.sprints.count
    for epic in backlog.epics:
        plans = [stories[s.id] for s in epic.stories]
        starts = [p.start for p in plans if p.start is not None]
        ends = [p.end for p in plans if p.end is not None]
        epics[epic.id] = EpicPlan(
            id=epic.id,
            title=epic.title,
            start=min(starts) if starts else None,
            end=max(ends) if ends else None,
            scope=scope_of(epic.stories, stories, count),
        )
    return epics


class DateResolver:
    """End dates of any plan object (story, epic, phase, milestone), resolving phases and milestones lazily.

    Phases and milestones may depend on each other and on epics or stories; a dependency met again while it
    is being resolved (a cycle across kinds) is ignored and reported in `warnings`.
    """

    def __init__(
        self,
        backlog: Backlog,
        calendar: WorkCalendar,
        track: SprintTrack,
        today: dt.date,
        stories: dict[str, StoryPlan],
        epics: dict[str, EpicPlan],
        scope: Scope,
    ) -> None:
        self.scope = scope
        self.backlog = backlog
        self.project = backlog.project
        self.calendar = calendar
        self.track = track
        self.today = today
        self.stories = stories
        self.epics = epics
        self.phases: dict[str, PhasePlan] = {}
        self.milestones: dict[str, MilestonePlan] = {}
        self.warnings: list[str] = []
        self._phase_defs = {p.id: p for p in self.project.phases}
        self._milestone_defs = {m.id: m for m in self.project.milestones}
        self._resolving: set[str] = set()

    def end_of(self, object_id: str) -> dt.date | None:
        if object_id in self.stories:
            return self.stories[object_id].end
        if object_id in self.epics:
            return self.epics[object_id].end
        if object_id in self._phase_defs:
            phase = self.phase(object_id)
            return phase.end if phase else None
        if object_id in self._milestone_defs:
            milestone = self.milestone(object_id)
            return milestone.forecast if milestone else None
        return None

    def _latest(
        self, owner: str, deps: list[str], *, after_milestones: bool = False
    ) -> tuple[dt.date | None, str | None]:
        """The latest end among `deps` and the dependency that has it; with `after_milestones`, a milestone
        counts from the next working day (what follows a milestone happens after it)."""
        latest: dt.date | None = None
        driver: str | None = None
        for dep in deps:
            if dep in self._resolving:
                self.warnings.append(f"{owner}: dépendance circulaire via {dep} ignorée")
                continue
            end = self.end_of(dep)
            if end is not None and after_milestones and dep in self._milestone_defs:
                end = self.calendar.next_working(end + ONE_DAY)
            if end is not None and (latest is None or end > latest):
                latest, driver = end, dep
        return latest, driver

    def phase(self, phase_id: str) -> PhasePlan | None:
        if phase_id in self.phases:
            return self.phases[phase_id]
        if phase_id in self._resolving:
            return None
        self._resolving.add(phase_id)
        try:
            plan = self._compute_phase(phase_id)
        finally:
            self._resolving.discard(phase_id)
        if plan is not None:
            self.phases[phase_id] = plan
        return plan

    def _compute_phase(self, phase_id: str) -> PhasePlan | None:
        phase = self._phase_defs[phase_id]
        if phase.sprints:
            return self._development(phase)
        cal = self.calendar
        latest, driver = self._latest(phase.id, phase.depends_on)
        earliest = cal.next_working(latest + ONE_DAY) if latest is not None else None
        if phase.start is not None:
            planned_start = phase.start
        elif earliest is not None:
            planned_start = earliest
        else:
            self.warnings.append(f"{phase.id}: aucune de ses dépendances n'est datée ; phase non planifiée")
            return None
        if phase.end is not None:
            planned_end = phase.end
        elif phase.duration_days is not None:
            planned_end = cal.add_working_days(planned_start, phase.duration_days)
        else:
            planned_end = planned_start
        start, end, pushed_by = planned_start, planned_end, None
        if earliest is not None and earliest > planned_start:  # a late dependency pushes the phase
            duration = max(cal.count(planned_start, planned_end), 1)
            start, pushed_by = earliest, driver
            end = cal.add_working_days(start, duration)
        return PhasePlan(
            phase.id,
            phase.name,
            start,
            end,
            self._elapsed(start, end),
            False,
            planned_start=planned_start,
            planned_end=planned_end,
            pushed_by=pushed_by,
        )

    def _development(self, phase: Phase) -> PhasePlan:
        """The sprints are a timebox: the phase ends with the last planned sprint, or later when `must`
        stories (or stories they need) do not fit in it. Lower priorities past the plan do not extend it.
        It never starts before what it depends on ends. Its percent is the release scope's."""
        track = self.track
        planned_end = track.slot(self.project.sprints.count).end
        planned_start = phase.start or track.slot(1).start
        start, pushed_by = planned_start, None
        latest, driver = self._latest(phase.id, phase.depends_on)
        if latest is not None and latest >= start:
            start, pushed_by = self.calendar.next_working(latest + ONE_DAY), driver
            self.warnings.append(
                f"{phase.id} : commence après {driver} ; les sprints planifiés avant le {start:%d/%m/%Y} "
                "ne le sont pas à cette date"
            )
        musts = [p.end for p in self.stories.values() if p.end is not None and p.priority == Priority.MUST.value]
        end = max([planned_end, *musts])
        return PhasePlan(
            phase.id,
            phase.name,
            start,
            max(end, start),
            self.scope.release.percent,
            True,
            planned_start=planned_start,
            planned_end=planned_end,
            pushed_by=pushed_by,
            beyond_plan=end > planned_end,
        )

    def _elapsed(self, start: dt.date, end: dt.date) -> int:
        if self.today < start:
            return 0
        if self.today > end:
            return 100
        total = self.calendar.count(start, end) or 1
        return min(100, round(100 * self.calendar.count(start, self.today - ONE_DAY) / total))

    def milestone(self, milestone_id: str) -> MilestonePlan | None:
        if milestone_id in self.milestones:
            return self.milestones[milestone_id]
        if milestone_id in self._resolving:
            return None
        milestone = self._milestone_defs[milestone_id]
        self._resolving.add(milestone_id)
        try:
            ready, driver = self._latest(milestone.id, milestone.depends_on, after_milestones=True)
        finally:
            self._resolving.discard(milestone_id)
        # a milestone is a commitment: it is forecast on its date, or later when what it depends on is not
        # finished by then (a milestone it follows: the next working day at the earliest). Work finished early
        # gives margin, not an earlier date, so that it never precedes the phase or milestone it follows.
        forecast = max(milestone.date, ready) if ready is not None else milestone.date
        plan = MilestonePlan(milestone.id, milestone.name, milestone.date, forecast, driver, ready)
        self.milestones[milestone_id] = plan
        return plan

    def _dependencies_first(self) -> list[str]:
        """Phases and milestones, each after what it depends on (iterative depth-first post-order), so that
        resolving them in this order never recurses more than one level, however long the chain."""
        deps = {d.id: d.depends_on for d in (*self._phase_defs.values(), *self._milestone_defs.values())}
        order: list[str] = []
        seen: set[str] = set()
        for start in deps:
            if start in seen:
                continue
            seen.add(start)
            stack = [(start, iter(deps[start]))]
            while stack:
                node, pending = stack[-1]
                for dep in pending:
                    if dep in deps and dep not in seen:
                        seen.add(dep)
                        stack.append((dep, iter(deps[dep])))
                        break
                else:
                    stack.pop()
                    order.append(node)
        return order

    def resolve_all(self) -> None:
        for object_id in self._dependencies_first():
            if object_id in self._phase_defs:
                self.phase(object_id)
            else:
                self.milestone(object_id)
        self.phases = {p: self.phases[p] for p in self._phase_defs if p in self.phases}
        self.milestones = {m: self.milestones[m] for m in self._milestone_defs}
