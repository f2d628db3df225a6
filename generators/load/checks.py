"""Cross-file checks on a parsed backlog: references, sprints, dependency cycles, and quality warnings."""

from __future__ import annotations

from ..model import Area, Backlog, Finding, Location, Priority, Severity, screen_links
from .graph import find_cycles


class _Collector:
    def __init__(self, backlog: Backlog, invalid_ids: set[str]) -> None:
        self.backlog = backlog
        self.invalid_ids = invalid_ids
        self.findings: list[Finding] = []

    def add(
        self,
        object_id: str,
        message: str,
        *,
        field: str | None = None,
        code: str = "reference",
        severity: Severity = Severity.ERROR,
        at: Location | None = None,
        target: str | None = None,
    ) -> None:
        if target is not None and target in self.invalid_ids:
            return  # the target exists but its file is invalid: that error is already reported
        where = at or self.backlog.location(object_id, field) or Location("backlog", 1)
        self.findings.append(Finding(where.file, where.line, object_id, message, severity, code))


def cross_check(
    backlog: Backlog, epic_files: dict[str, str], screen_files: dict[str, str], invalid_ids: set[str] | None = None
) -> list[Finding]:
    out = _Collector(backlog, invalid_ids or set())
    project = backlog.project
    persona_ids = {p.id for p in backlog.personas}
    epic_ids = {e.id for e in backlog.epics}
    story_ids = {s.id for s in backlog.stories}
    screen_ids = {s.id for s in backlog.screens}
    rule_ids = {r.id for r in backlog.rules}
    status_names = {s.name for s in project.statuses}
    phase_ids = {p.id for p in project.phases}
    milestone_ids = {m.id for m in project.milestones}
    used_screens: set[str] = set()

    for epic in backlog.epics:
        for dep in epic.depends_on:
            if dep not in epic_ids:
                out.add(epic.id, f"depends_on: unknown epic {dep}", field="depends_on", target=dep)
        for story in epic.stories:
            _check_story(
                out, backlog, epic.id, epic.area, story, persona_ids, story_ids, screen_ids, rule_ids, status_names
            )
            used_screens.update(story.screens)

    for screen in backlog.screens:
        for story_id in screen.stories:
            if story_id not in story_ids:
                out.add(screen.id, f"stories: unknown story {story_id}", field="stories", target=story_id)
        if screen.stories:
            used_screens.add(screen.id)
        for target in screen_links(screen):
            if target not in screen_ids:
                out.add(
                    screen.id,
                    f"links to unknown screen {target}",
                    at=backlog.location(screen.id, f"to:{target}"),
                    target=target,
                )
        stem = screen_files.get(screen.id, "").rsplit("/", 1)[-1].rsplit(".", 1)[0]
        if stem and stem != screen.id:
            out.add(
                screen.id,
                f"file is named {stem!r}; name screen files after their id ({screen.id}.yaml)",
                field="id",
                code="file-name",
                severity=Severity.WARNING,
            )
    for screen in backlog.screens:
        if screen.id not in used_screens:
            out.add(
                screen.id,
                "no story uses this screen (list it in a story's screens, or stories here)",
                code="unused-screen",
                severity=Severity.WARNING,
            )

    known = epic_ids | story_ids | phase_ids | milestone_ids
    for phase in project.phases:
        for dep in phase.depends_on:
            if dep not in known:
                out.add(
                    phase.id,
                    f"depends_on: unknown phase, epic, story or milestone {dep!r}",
                    field="depends_on",
                    target=dep,
                )
    for milestone in project.milestones:
        for dep in milestone.depends_on:
            if dep not in known:
                out.add(
                    milestone.id,
                    f"depends_on: unknown phase, epic, story or milestone {dep!r}",
                    field="depends_on",
                    target=dep,
                )

    _check_cycles(out, backlog)
    return out.findings


def _check_story(
    out: _Collector,
    backlog: Backlog,
    epic_id: str,
    area: Area,
    story,
    persona_ids: set[str],
    story_ids: set[str],
    screen_ids: set[str],
    rule_ids: set[str],
    status_names: set[str],
) -> None:
    sid = story.id
    if story.epic_id != epic_id:
        out.add(
            sid, f"story id {sid} does not belong to epic {epic_id} (expected {epic_id}-Sxx)", field="id", code="id"
        )
    if story.as_a not in persona_ids:
        out.add(sid, f"as_a: unknown persona {story.as_a}", field="as_a", target=story.as_a)
    for dep in story.depends_on:
        if dep not in story_ids:
            out.add(sid, f"depends_on: unknown story {dep}", field="depends_on", target=dep)
    for screen in story.screens:
        if screen not in screen_ids:
            out.add(sid, f"screens: unknown screen {screen}", field="screens", target=screen)
    for rule in story.rules:
        if rule not in rule_ids:
            out.add(sid, f"rules: unknown business rule {rule} (declare it as a heading in specs/)", field="rules")
    if story.status not in status_names and backlog.project.status(story.status) is None:
        allowed = ", ".join(sorted(status_names))
        out.add(sid, f"status: unknown status {story.status!r} (declared: {allowed})", field="status")
    count = backlog.project.sprints.count
    if story.sprint is not None and story.sprint > count:
        out.add(
            sid,
            f"sprint: sprint {story.sprint} is beyond the plan ({count} sprints in project.yaml)",
            field="sprint",
            code="sprint",
        )
    if story.priority is Priority.MUST and len(story.acceptance) < 2:
        out.add(
            sid,
            "a must story needs at least two acceptance criteria (one for an error path)",
            field="acceptance",
            code="quality",
            severity=Severity.WARNING,
        )
    if area in (Area.FRONT_OFFICE, Area.BACK_OFFICE) and not story.screens:
        out.add(
            sid,
            f"story in a {area.value} epic has no screen",
            field="screens",
            code="quality",
            severity=Severity.WARNING,
        )


def _check_cycles(out: _Collector, backlog: Backlog) -> None:
    graphs = {
        "story": {s.id: list(s.depends_on) for s in backlog.stories},
        "epic": {e.id: list(e.depends_on) for e in backlog.epics},
        "phase": {p.id: [d for d in p.depends_on] for p in backlog.project.phases},
    }
    plural = {"story": "stories", "epic": "epics", "phase": "phases"}
    for kind, graph in graphs.items():
        for cycle in find_cycles(graph):
            if len(cycle) == 2:
                out.add(cycle[0], f"depends_on: {cycle[0]} depends on itself", field="depends_on", code="cycle")
                continue
            chain = " -> ".join(cycle)
            out.add(cycle[0], f"dependency cycle between {plural[kind]}: {chain}", field="depends_on", code="cycle")
