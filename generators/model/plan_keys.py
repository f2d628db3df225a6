"""The keys a spec page may cite as `{{ plan.KEY }}`: figures of the plan, computed once from the project
context (the same figures as the dashboard). Pure data: which keys exist, and why a key is refused.

Scalar keys are listed in `FIGURES` (with what they mean); `TABLES` are Markdown tables; a milestone or a
phase is cited by its id: `plan.milestone.M04.date`, `plan.phase.recette.start` / `.end` / `.dates`; a sprint of
the plan by its number: `plan.sprint.5.capacity` / `.committed` / `.dates`.
"""

from __future__ import annotations

from collections.abc import Iterable

FIGURES: dict[str, str] = {
    "stories": "stories of the backlog (every priority)",
    "points": "points of the backlog (every priority)",
    "epics": "epics of the backlog",
    "release_stories": "stories of the release scope (must, should, could)",
    "release_points": "points of the release scope",
    "done_points": "points done in the release scope",
    "in_progress_points": "points in progress in the release scope",
    "todo_points": "points still to do in the release scope",
    "must_stories": "must-have stories",
    "must_points": "must-have points",
    "must_planned_points": "must-have points planned within the plan's sprints",
    "must_done_points": "must-have points done",
    "must_in_progress_points": "must-have points in progress",
    "should_stories": "should-have stories",
    "should_points": "should-have points",
    "should_planned_points": "should-have points planned within the plan's sprints",
    "could_stories": "could-have stories",
    "could_points": "could-have points",
    "could_planned_points": "could-have points planned within the plan's sprints",
    "must_out_points": "must-have points that do not fit in the plan's sprints",
    "should_out_points": "should-have points that do not fit in the plan's sprints",
    "could_out_points": "could-have points that do not fit in the plan's sprints",
    "wont_stories": "won't-have stories",
    "wont_points": "won't-have points",
    "beyond_stories": "release stories that do not fit in the plan's sprints",
    "beyond_points": "release points that do not fit in the plan's sprints",
    "out_points": "points out of the plan: won't-have plus beyond the plan",
    "sprints": "sprints of the plan",
    "current_sprint": "number of the sprint in progress at the status date",
    "velocity": "the team's velocity (points per full sprint)",
    "capacity_points": "capacity of the plan's sprints (velocity scaled by working days)",
    "committed_points": "points committed in the plan's sprints",
    "margin_points": "capacity minus committed points",
    "start": "first day of the first sprint",
    "end": "last day of the plan's last sprint",
    "as_of": "the status date of the figures",
}
TABLES: dict[str, str] = {
    "priorities_table": "stories and points by priority (done, in progress, to do, planned, out of the plan)",
    "sprints_table": "the plan's sprints: dates, working days, days off, capacity, committed points",
    "epics_table": "stories and points by epic and priority, stories out of the plan",
    "phases_table": "phases and milestones in date order, with their dates and descriptions",
    "milestones_table": "milestones: committed date and computed forecast",
}
MILESTONE_FIELDS = ("date", "forecast")
PHASE_FIELDS = ("start", "end", "dates")
SPRINT_FIELDS = ("capacity", "committed", "dates")


def problem(key: str, milestones: Iterable[str], phases: Iterable[str], sprints: int = 0) -> str | None:
    """Why `plan.KEY` cannot be cited (None: it can); `sprints` is the plan's number of sprints."""
    if key in FIGURES or key in TABLES:
        return None
    parts = key.split(".")
    if len(parts) == 3 and parts[0] == "sprint":
        if not parts[1].isascii() or not parts[1].isdigit() or not 1 <= int(parts[1]) <= sprints:
            return f"unknown sprint {parts[1]} (the plan has sprints 1 to {sprints})"
        if parts[2] not in SPRINT_FIELDS:
            return f"a sprint offers {', '.join(SPRINT_FIELDS)}, not {parts[2]}"
        return None
    if len(parts) == 3 and parts[0] == "milestone":
        if parts[1] not in set(milestones):
            return f"unknown milestone {parts[1]} (declared in backlog/project.yaml)"
        if parts[2] not in MILESTONE_FIELDS:
            return f"a milestone offers {', '.join(MILESTONE_FIELDS)}, not {parts[2]}"
        return None
    if len(parts) == 3 and parts[0] == "phase":
        if parts[1] not in set(phases):
            return f"unknown phase {parts[1]} (declared in backlog/project.yaml)"
        if parts[2] not in PHASE_FIELDS:
            return f"a phase offers {', '.join(PHASE_FIELDS)}, not {parts[2]}"
        return None
    known = ", ".join([*FIGURES, *TABLES, "milestone.ID.date", "phase.ID.start", "sprint.N.capacity"])
    return f"unknown plan figure {key} (known: {known})"
