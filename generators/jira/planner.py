"""`fanzone jira plan`: read Jira (no write) and compute what a push would do."""

from __future__ import annotations

from typing import Any

from .diff import Plan, Prefer, build_plan
from .errors import JiraSyncError
from .render import desired_issues
from .session import Session
from .state import STATE_FILE, SyncState


def check_state_target(session: Session, state: SyncState) -> None:
    """The state file must describe this Jira site and project, or the keys in it mean nothing here."""
    url = session.client.settings.url
    if state.site and (state.site.rstrip("/") != url.rstrip("/") or state.project != session.config.project):
        raise JiraSyncError(
            f"{STATE_FILE}:1: state: it records {state.site} project {state.project}, not {url} project "
            f"{session.config.project}: delete the file (and the `jira:` keys) to sync with another Jira"
        )


def prepare(session: Session, state: SyncState, prefer: Prefer = None) -> Plan:
    check_state_target(session, state)
    desired = desired_issues(session.backlog)
    known = {item.yaml_key for item in desired if item.yaml_key} | {issue.key for issue in state.issues.values()}
    remotes = session.collect(state, known)
    plan = build_plan(desired, remotes, state, prefix=session.prefix, synced=session.synced, prefer=prefer)
    plan.warnings = [*session.warnings, *plan.warnings]
    return plan


def plan_document(plan: Plan, session: Session | None = None) -> dict[str, Any]:
    """The plan as plain data (`fanzone jira plan --json`)."""
    doc: dict[str, Any] = {
        "in_sync": not plan.pending and not plan.conflicts and not plan.errors,
        "pending": plan.pending,
        "writes": plan.writes,
    }
    if session is not None:
        doc["jira"] = {
            "url": session.client.settings.url,
            "project": session.config.project,
            "deployment": session.client.deployment.value,
        }
    doc["create"] = [
        {"id": item.id, "type": item.desired.kind, "summary": item.desired.values.get("summary")}
        | ({"status": item.desired.status} if item.desired.status else {})
        for item in plan.creates
    ]
    doc["status"] = [{"id": i, "key": key, "status": status} for i, key, status in plan.status_moves]
    doc["update"] = [
        {
            "id": item.id,
            "key": item.key,
            "fields": {change.field: {"jira": change.old, "yaml": change.new} for change in item.changes},
        }
        for item in plan.updates
    ]
    doc["adopt"] = [{"id": item.id, "key": item.key, "found_by": item.adopted_from} for item in plan.adoptions]
    doc["link"] = [{"blocker": link.blocker, "blocked": link.blocked} for link in plan.link_adds]
    doc["unlink"] = [{"blocker": link.blocker, "blocked": link.blocked} for link in plan.link_removals]
    for name, items in (("conflicts", plan.conflicts), ("kept_jira_edits", plan.kept), ("settled", plan.settled)):
        doc[name] = [{"id": d.id, "key": d.key, "field": d.field, "yaml": d.yaml, "jira": d.jira} for d in items]
    doc["orphans"] = [{"key": key, "id": backlog_id} for key, backlog_id in plan.orphans]
    doc["warnings"] = list(plan.warnings)
    doc["errors"] = list(plan.errors)
    return doc
