"""`fanzone jira pull`: bring workflow state (status, assignee, sprint, Jira key) from Jira into the YAML and
the status history (changelog) into `backlog/history.json`. Content fields are never pulled."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..load.history import HISTORY_FILE, read_history, write_history
from ..model import Story
from ..model.history import StatusHistory, Transition
from .planner import check_state_target
from .remote import RemoteIssue
from .session import Session
from .state import SyncState
from .workflow import StatusMapper, assignee_name, sprint_number, transitions
from .yamlwrite import YamlEdit, apply_edits


@dataclass
class PullResult:
    changes: list[tuple[str, str, Any, Any]] = field(default_factory=list)  # (id, field, old, new)
    files: set[str] = field(default_factory=set)
    history_file: str | None = None
    history_stories: int = 0
    unmatched: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _match(item_id: str, yaml_key: str | None, state: SyncState, remotes: dict[str, RemoteIssue]) -> RemoteIssue:
    for key in (yaml_key, state.key_of(item_id)):
        if key and key in remotes:
            return remotes[key]
    labelled = [r for r in remotes.values() if r.backlog_id == item_id]
    labelled.sort(key=lambda r: int(r.key.rsplit("-", 1)[1]))
    return labelled[0] if labelled else None  # type: ignore[return-value]


def _story_edit(session: Session, story: Story, raw: dict[str, Any], mapper: StatusMapper, result: PullResult) -> dict:
    project = session.backlog.project
    data = raw.get("fields") or {}
    values: dict[str, Any] = {}
    status = data.get("status") or {}
    mapped = mapper.map(status.get("name"), (status.get("statusCategory") or {}).get("key"))
    declared = project.status(story.status)
    if mapped and mapped != (declared.name if declared else story.status):
        values["status"] = mapped
    values["assignee"] = assignee_name(project, data.get("assignee"))
    if session.fields.sprint:
        number = sprint_number(data.get(session.fields.sprint), project.sprints.prefix)
        if number is not None and number > project.sprints.count:
            result.warnings.append(
                f"{story.id}: Jira sprint {number} is beyond the plan ({project.sprints.count} sprints in "
                "project.yaml): sprint not pulled; raise sprints.count"
            )
        elif number is not None and number != story.sprint:
            values["sprint"] = number
    return values


def pull(session: Session, state: SyncState, *, history: bool = True) -> PullResult:
    check_state_target(session, state)
    backlog = session.backlog
    result = PullResult()
    extra = ["status", "assignee", "created"] + ([session.fields.sprint] if session.fields.sprint else [])
    known = {e.jira for e in backlog.epics if e.jira} | {s.jira for s in backlog.stories if s.jira}
    known |= {issue.key for issue in state.issues.values()}
    remotes = session.collect(state, known, extra=extra, expand="changelog" if history else None)
    mapper = StatusMapper(backlog.project, session.client.statuses())

    edits: dict[str, list[YamlEdit]] = {}
    stories_history: dict[str, list[Transition]] = {}

    def add_edit(object_id: str, new: dict[str, Any], old: dict[str, Any]) -> None:
        where = backlog.location(object_id)
        if where is None:
            return
        edit = YamlEdit(object_id)
        for name, value in new.items():
            if value == old.get(name):
                continue
            if value is None:
                edit.delete = (*edit.delete, name)
            else:
                edit.set[name] = value
            result.changes.append((object_id, name, old.get(name), value))
        if edit.set or edit.delete:
            edits.setdefault(where.file, []).append(edit)

    for epic in backlog.epics:
        remote = _match(epic.id, epic.jira, state, remotes)
        if remote is not None:
            add_edit(epic.id, {"jira": remote.key}, {"jira": epic.jira})
        for story in epic.stories:
            remote = _match(story.id, story.jira, state, remotes)
            if remote is None:
                result.unmatched.append(story.id)
                continue
            values = {"jira": remote.key, **_story_edit(session, story, remote.raw, mapper, result)}
            old = {"jira": story.jira, "status": story.status, "assignee": story.assignee, "sprint": story.sprint}
            add_edit(story.id, values, old)
            if history:
                data = remote.raw.get("fields") or {}
                histories = session.client.changelog(remote.key, remote.raw.get("changelog"))
                current = (data.get("status") or {}).get("name")
                stories_history[story.id] = transitions(data.get("created"), current, histories, mapper)

    for rel, file_edits in edits.items():
        if apply_edits(Path(session.root) / rel, file_edits, display=rel):
            result.files.add(rel)
    if mapper.unknown:
        names = ", ".join(sorted(mapper.unknown))
        result.warnings.append(f"Jira statuses without a known category, pulled as 'todo': {names}")
    if history:
        result.history_stories = len(stories_history)
        previous, _ = read_history(session.root)
        if previous is None or previous.source != "jira" or previous.stories != stories_history:
            document = StatusHistory(source="jira", generated_at=dt.datetime.now(dt.UTC), stories=stories_history)
            write_history(session.root, document)
            result.history_file = HISTORY_FILE
    return result
