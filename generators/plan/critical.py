"""The critical path: the dependency chain that fixes the MVP end date.

The walk starts from the latest-finishing milestone or phase (the MVP end) and goes back, at each step,
to the predecessor that finishes last: a milestone or dated phase to its latest dependency, an epic or the
development phase to its latest story, a story to its latest dependency. Among stories that end together,
the one with the longest dependency chain wins, so the path shows the chain that really constrains the
plan; an open story's finished dependencies are not followed (they no longer constrain it). A chain that
starts in sprint 1 continues into the phases the development phase depends on when they end just before it.
Containers (epics, the development phase) are walked through but not listed; the development phase is
listed when its sprint timebox, not a must story, fixes its end. A dependency that leaves slack before a
dated phase stops the walk.
"""

from __future__ import annotations

import datetime as dt

from ..model import Backlog
from .dates import DateResolver
from .model import StoryPlan


def chain_depths(backlog: Backlog, stories: dict[str, StoryPlan]) -> dict[str, int]:
    """Length of the longest chain of scheduled dependencies ending at each story (1 for none)."""
    deps = {s.id: [d for d in s.depends_on if d in stories] for s in backlog.stories}
    depth: dict[str, int] = {}
    for root in deps:
        if root in depth:
            continue
        stack = [(root, False)]
        on_path: set[str] = set()
        while stack:
            node, expanded = stack.pop()
            if node in depth:
                continue
            if not expanded:
                on_path.add(node)
                stack.append((node, True))
                stack.extend((d, False) for d in deps[node] if d not in depth and d not in on_path)
                continue
            on_path.discard(node)
            depth[node] = 1 + max((depth.get(d, 0) for d in deps[node] if stories[d].end is not None), default=0)
    return depth


def _latest_story(ids: list[str], stories: dict[str, StoryPlan], depth: dict[str, int]) -> str | None:
    best: tuple[dt.date, int, int] | None = None
    found = None
    for index, story_id in enumerate(ids):
        end = stories[story_id].end
        if end is None:
            continue
        key = (end, depth.get(story_id, 1), -index)
        if best is None or key > best:
            best, found = key, story_id
    return found


def mvp_end(resolver: DateResolver, stories: dict[str, StoryPlan]) -> tuple[str | None, dt.date | None]:
    """The object whose end is the MVP end: latest milestone forecast or phase end (milestones win ties)."""
    best: tuple[dt.date, int, int] | None = None
    found: str | None = None
    for index, phase in enumerate(resolver.phases.values()):
        key = (phase.end, 0, index)
        if best is None or key > best:
            best, found = key, phase.id
    for index, milestone in enumerate(resolver.milestones.values()):
        if milestone.forecast is None:
            continue
        key = (milestone.forecast, 1, index)
        if best is None or key > best:
            best, found = key, milestone.id
    if found is None:
        ids = [s for s in stories if stories[s].end is not None]
        last = max(ids, key=lambda s: stories[s].end or dt.date.min, default=None)
        return last, stories[last].end if last else None
    assert best is not None
    return found, best[0]


def critical_path(backlog: Backlog, resolver: DateResolver, stories: dict[str, StoryPlan]) -> list[str]:
    target, _ = mvp_end(resolver, stories)
    depth = chain_depths(backlog, stories)
    project = backlog.project
    phase_defs = {p.id: p for p in project.phases}
    milestone_defs = {m.id: m for m in project.milestones}
    epic_stories = {e.id: [s.id for s in e.stories] for e in backlog.epics}
    story_deps = {s.id: list(s.depends_on) for s in backlog.stories}
    sprint_phase = next((p for p in project.phases if p.sprints and p.id in resolver.phases), None)

    def latest_dep(deps: list[str]) -> str | None:
        best: tuple[dt.date, int, int] | None = None
        found = None
        for index, dep in enumerate(deps):
            end = resolver.end_of(dep)
            if end is None:
                continue
            key = (end, depth.get(dep, 0), -index)
            if best is None or key > best:
                best, found = key, dep
        return found

    def binds(end: dt.date, start: dt.date) -> bool:
        """No slack: the next thing starts on the first working day after the predecessor ends (or later)."""
        return resolver.calendar.next_working(end + dt.timedelta(days=1)) >= start

    path: list[str] = []
    seen: set[str] = set()
    node = target
    while node is not None and node not in seen:
        seen.add(node)
        if node in milestone_defs:
            path.append(node)
            node = latest_dep(milestone_defs[node].depends_on)
        elif node in phase_defs:
            phase, phase_plan = phase_defs[node], resolver.phases.get(node)
            if phase_plan is None:
                node = None
            elif phase.sprints:
                musts = [s for s in stories if stories[s].priority == "must"]
                last = _latest_story(musts, stories, depth)
                if last is not None and stories[last].end == phase_plan.end:
                    node = last  # the must stories fix the end of development
                else:
                    path.append(node)  # the sprint timebox fixes it
                    node = None
            else:
                path.append(node)
                node = latest_dep(phase.depends_on)
                end = resolver.end_of(node) if node is not None else None
                if end is None or not binds(end, phase_plan.start):
                    node = None  # the dependency leaves slack: the phase's own date binds
        elif node in epic_stories:
            node = _latest_story(epic_stories[node], stories, depth)
        elif node in stories:
            path.append(node)
            deps = [d for d in story_deps.get(node, []) if d in stories]
            if stories[node].status_category != "done":  # finished work no longer constrains open work
                deps = [d for d in deps if stories[d].status_category != "done"]
            following = _latest_story(deps, stories, depth)
            if following is None and stories[node].sprint == 1 and sprint_phase is not None:
                following = latest_dep(sprint_phase.depends_on)
                end = resolver.end_of(following) if following is not None else None
                start = stories[node].start
                if end is None or start is None or not binds(end, start):
                    following = None
            node = following
        else:
            node = None
    path.reverse()
    return path
