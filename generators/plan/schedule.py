"""Turn a backlog into a dated schedule. Pure and deterministic: the status date is a parameter."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from ..model import Backlog, Project
from .assign import assign
from .calendar import WorkCalendar
from .critical import critical_path, mvp_end
from .dates import DateResolver, epic_plans
from .model import Placement, Schedule
from .scope import scope_of
from .slip import SlipExplainer
from .sprints import SprintTrack


def today_for(project: Project, today: dt.date | None = None, clock: Callable[[], dt.date] | None = None) -> dt.date:
    """The status date: the given one, else `project.as_of`, else `clock()` (callers at the edge pass
    `datetime.date.today`), else the first sprint's start."""
    if today is not None:
        return today
    if project.as_of is not None:
        return project.as_of
    if clock is not None:
        return clock()
    return project.sprints.first_start


def schedule(backlog: Backlog, today: dt.date | None = None) -> Schedule:
    """The whole plan: sprints, story/epic/phase dates, milestone forecasts with slip reasons, critical path.

    `today` defaults to `project.as_of`, then to the first sprint's start (never the wall clock).
    """
    project = backlog.project
    today = today_for(project, today)
    calendar = WorkCalendar(project.calendar)
    track = SprintTrack(project, calendar)
    stories = assign(backlog, track, today)
    for plan in stories.values():
        plan.beyond_plan = plan.status_category != "done" and (plan.sprint or 0) > project.sprints.count
    scope = scope_of(backlog.stories, stories, project.sprints.count)
    epics = epic_plans(backlog, stories)
    resolver = DateResolver(backlog, calendar, track, today, stories, epics, scope)
    resolver.resolve_all()
    path = critical_path(backlog, resolver, stories)
    _, end = mvp_end(resolver, stories)

    on_path = set(path)
    for story_id in path:
        if story_id in stories:
            epics[stories[story_id].epic].critical = True
    for phase in resolver.phases.values():
        phase.critical = phase.id in on_path or (phase.sprints and any(s in stories for s in path))
    for milestone in resolver.milestones.values():
        milestone.critical = milestone.id in on_path

    explainer = SlipExplainer(
        backlog,
        stories,
        track.slots,
        track.current(today),
        {p.id: p.end for p in resolver.phases.values()},
        {m.id: m.forecast for m in resolver.milestones.values()},
    )
    for milestone in resolver.milestones.values():
        milestone.reasons = explainer.explain(milestone)

    warnings = list(dict.fromkeys(resolver.warnings))
    if calendar.unknown_subdivision:
        known = ", ".join(calendar.known_subdivisions())
        warnings.append(
            f"région {project.calendar.subdivision!r} inconnue du paquet holidays pour {project.calendar.country} "
            f"(connues : {known}) : seuls les jours fériés nationaux sont comptés"
        )
    if calendar.unknown_country:
        warnings.append(f"pays {project.calendar.country!r} inconnu du paquet holidays : aucun jour férié compté")
    for plan in stories.values():
        if plan.conflicts:
            deps = ", ".join(plan.conflicts)
            warnings.append(f"{plan.id} est fixée au sprint {plan.sprint} avant ses dépendances {deps}")
        if plan.placement is Placement.CARRIED_OVER:
            pinned = backlog.story(plan.id).sprint
            warnings.append(f"{plan.id} n'est pas terminée : reportée du sprint {pinned} au sprint {plan.sprint}")
    last_used = max((p.sprint or 0 for p in stories.values()), default=0)
    sprints = track.slots[: max(project.sprints.count, last_used, track.current(today))]
    return Schedule(
        today=today,
        current_sprint=track.current(today),
        velocity=project.velocity,
        sprints=sprints,
        stories=stories,
        epics=epics,
        phases=resolver.phases,
        milestones=resolver.milestones,
        critical_path=path,
        end=end,
        scope=scope,
        warnings=warnings,
    )
