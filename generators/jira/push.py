"""`fanzone jira push`: apply a plan. Creations go 50 to a request, each batch journaled in the state file before
it is sent and recorded right after, so that a push killed at any point and run again adopts what it created."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .adopt_values import write_settled, yaml_edits_for
from .diff import IssuePlan, LinkChange, Plan, normalise
from .errors import JiraSyncError, MaybeApplied
from .payload import create_fields, update_fields
from .remote import RemoteIssue
from .session import Session
from .state import IssueState, SyncState, fingerprint, now_iso, save_state
from .transitions import needs_move, reach_status
from .yamlwrite import YamlEdit, apply_edits

BATCH = 50  # Jira's limit for POST /issue/bulk
SAVE_EVERY = 50  # state writes during updates and links


class Reporter:
    """Progress callbacks (the CLI draws a Rich progress bar)."""

    def start(self, total: int) -> None: ...

    def advance(self, count: int = 1, note: str = "") -> None: ...

    def note(self, message: str) -> None: ...


@dataclass
class PushResult:
    created: list[tuple[str, str]] = field(default_factory=list)  # (backlog id, key)
    updated: list[tuple[str, str, list[str]]] = field(default_factory=list)
    linked: list[str] = field(default_factory=list)
    unlinked: list[str] = field(default_factory=list)
    adopted: list[tuple[str, str]] = field(default_factory=list)
    moved: list[tuple[str, str, str]] = field(default_factory=list)  # (id, key, status)
    files: set[str] = field(default_factory=set)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    taken_from_jira: list[str] = field(default_factory=list)  # "E01-S01 title": values written into the YAML


class Pusher:
    def __init__(
        self, session: Session, plan: Plan, state: SyncState, reporter: Reporter | None = None, workers: int = 1
    ) -> None:
        self.session = session
        self.workers = max(1, workers)
        self.client = session.client
        self.plan = plan
        self.state = state
        self.reporter = reporter or Reporter()
        self.result = PushResult()
        self.keys: dict[str, str] = {item.id: item.key for item in plan.issues if item.key}
        self.unsaved = 0
        self.new_keys: list[tuple[IssuePlan, str]] = []  # written into the YAML once creations are done

    # --- helpers ---------------------------------------------------------------------------------
    def save(self) -> None:
        self.state.site = self.client.settings.url
        self.state.project = self.session.config.project
        save_state(self.session.root, self.state)
        self.unsaved = 0

    def maybe_save(self) -> None:
        self.unsaved += 1
        if self.unsaved >= SAVE_EVERY:
            self.save()

    def resolve(self, item: IssuePlan) -> dict[str, Any] | None:
        """Desired values with the parent epic's key filled in (None when the epic has no issue)."""
        values = dict(item.desired.values)
        parent = values.get("parent")
        if parent is not None:
            key = self.keys.get(parent)
            if key is None:
                return None
            values["parent"] = key
        return values

    def remember(self, item: IssuePlan, key: str, issue_id: str, values: dict[str, Any], names: list[str]) -> None:
        record = self.state.issues.get(item.id)
        if record is None or record.key != key:
            record = self.state.issues[item.id] = IssueState(key=key, id=issue_id)
        record.id = issue_id or record.id
        for name in names:
            printed = fingerprint(normalise(name, values.get(name)))
            record.remember(name, printed, printed)

    def write_keys(self, pairs: list[tuple[IssuePlan, str]]) -> None:
        by_file: dict[str, list[YamlEdit]] = {}
        for item, key in pairs:
            if item.desired.file and item.desired.yaml_key != key:
                by_file.setdefault(item.desired.file, []).append(YamlEdit(item.id, {"jira": key}))
        for rel, edits in by_file.items():
            if apply_edits(Path(self.session.root) / rel, edits, display=rel):
                self.result.files.add(rel)

    # --- steps -----------------------------------------------------------------------------------
    def clean_leftovers(self) -> None:
        """Temporary files of atomic writes interrupted by a kill (we hold the lock: nobody else writes)."""
        folder = Path(self.session.root) / "backlog"
        for path in folder.rglob(".*.tmp"):
            sibling = path.parent / path.name[1:].rsplit(".", 2)[0]
            if sibling.suffix in (".yaml", ".yml", ".json") and path.is_file():
                path.unlink(missing_ok=True)

    def run(self) -> PushResult:
        plan = self.plan
        self.clean_leftovers()
        project = self.session.backlog.project
        moves = sum(1 for item in plan.creates if item.desired.status and needs_move(project, item.desired.status))
        self.reporter.start(plan.writes + moves)
        keys_written = False
        try:
            self.adopt()
            for kind in ("epic", "story"):
                items = [item for item in plan.creates if item.desired.kind == kind]
                for start in range(0, len(items), BATCH):
                    self.create_batch(items[start : start + BATCH])
            keys_written = True
            self.write_keys(self.new_keys)  # once per file: the state file already holds every new key
            self.save()
            moves = sorted((i, s) for i, s in self.state.statuses.items() if i in self.keys)
            self.parallel([lambda move=move: self.move(*move) for move in moves])
            self.parallel([lambda item=item: self.update(item) for item in plan.updates])
            link_type = self.session.link_type_name() if plan.link_adds else self.session.config.link_type
            self.parallel([lambda link=link: self.unlink(link) for link in plan.link_removals])
            self.parallel([lambda link=link: self.link(link, link_type) for link in plan.link_adds])
            for pair, (yaml, jira) in plan.link_base.items():
                self.state.remember_link(pair, yaml, jira)
            self.state.links_known = True
            self.take_settled_values()
        finally:
            if not keys_written and self.new_keys:
                with contextlib.suppress(Exception):  # keep the first error; the state file has the keys anyway
                    self.write_keys(self.new_keys)
            self.save()
        return self.result

    def take_settled_values(self) -> None:
        """`--prefer jira`: the values settled in Jira's favour go back into the YAML (title, points, priority)."""
        if not self.plan.settled:
            return
        edits, notes = yaml_edits_for(self.plan.settled, self.session.config.priorities)
        files = {item.id: item.desired.file for item in self.plan.issues if item.desired.file}
        self.result.files |= write_settled(Path(self.session.root), files, edits)
        self.result.taken_from_jira = sorted(
            f"{object_id} {name}" for object_id, values in edits.items() for name in values
        )
        self.result.warnings.extend(notes)

    def parallel(self, jobs: list[Callable[[], Callable[[], None]]]) -> None:
        """Run the network part of each job on `workers` threads; apply each result here, in order of arrival."""
        if self.workers <= 1 or len(jobs) <= 1:
            for job in jobs:
                job()()
            return
        pool = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="jira-push")
        try:
            for future in as_completed([pool.submit(job) for job in jobs]):
                future.result()()
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    def adopt(self) -> None:
        synced = self.session.synced
        self.state.pending.clear()  # creations in flight last time were found (adopted) or are planned again
        wanted = {item.id for item in self.plan.issues}
        self.state.statuses = {i: s for i, s in self.state.statuses.items() if i in wanted}
        for item in self.plan.issues:
            if item.key is None:
                continue
            record = self.state.issues.get(item.id)
            if record is None or record.key != item.key:
                self.state.issues[item.id] = IssueState(key=item.key, id=item.remote_id)
            for name, (yaml_print, jira_print) in item.new_base.items():
                if name not in {change.field for change in item.changes} and name in synced[item.desired.kind]:
                    self.state.issues[item.id].remember(name, yaml_print, jira_print)
            if item.adopted_from:
                self.new_keys.append((item, item.key))
                self.result.adopted.append((item.id, item.key))
        self.save()

    def create_batch(self, items: list[IssuePlan]) -> None:
        session = self.session
        config = session.config
        ready: list[tuple[IssuePlan, dict[str, Any]]] = []
        for item in items:
            values = self.resolve(item)
            if values is None:
                self.result.errors.append(f"{item.id}: not created: its epic {item.desired.epic_id} has no issue")
                self.reporter.advance(1)
                continue
            ready.append((item, values))
        if not ready:
            return
        type_ids = {
            "epic": session.issue_type_id(config.issue_types.epic, "epic"),
            "story": session.issue_type_id(config.issue_types.story, "story"),
        }
        project_id = str(session.project()["id"])
        for item, _ in ready:
            self.state.pending[item.id] = now_iso()
        self.save()  # journal first: a crash from here on is recovered by searching the marker labels
        results = self.send_batch(ready, project_id, type_ids)
        created: list[tuple[IssuePlan, str]] = []
        for item, values in ready:
            outcome = results.get(item.id) or {"error": "no answer"}
            self.state.pending.pop(item.id, None)
            if "key" in outcome:
                self.keys[item.id] = outcome["key"]
                status = item.desired.status
                if status and needs_move(session.backlog.project, status):
                    self.state.statuses[item.id] = status  # journaled with the key: survives a crash
                names = list(session.synced[item.desired.kind])
                self.remember(item, outcome["key"], outcome.get("id", ""), values, names)
                created.append((item, outcome["key"]))
                self.result.created.append((item.id, outcome["key"]))
            else:
                where = f"{item.desired.file or 'backlog'}:{item.desired.line}"
                self.result.errors.append(f"{where}: {item.id}: Jira refused to create it: {outcome['error']}")
        self.save()
        self.new_keys.extend(created)
        self.reporter.advance(len(ready), f"created {len(created)} issue(s)")

    def send_batch(
        self, ready: list[tuple[IssuePlan, dict[str, Any]]], project_id: str, type_ids: dict[str, str]
    ) -> dict[str, dict[str, str]]:
        """Create, and when an answer is lost, search for what was created before sending the rest again."""
        session = self.session
        results: dict[str, dict[str, str]] = {}
        remaining = list(ready)
        attempt = 0
        while remaining:
            payloads = [
                create_fields(
                    item.desired,
                    values,
                    project_id=project_id,
                    issue_type_id=type_ids[item.desired.kind],
                    fields=session.fields,
                    deployment=self.client.deployment,
                )
                for item, values in remaining
            ]
            try:
                answers = self.client.bulk_create(payloads)
            except MaybeApplied as lost:
                attempt += 1
                if attempt >= session.policy.max_attempts:
                    raise JiraSyncError(f"{lost.what}: no answer after {attempt} attempts ({lost.reason})") from None
                self.reporter.note(f"answer lost ({lost.reason}): looking for the issues before sending again")
                found = session.find_by_markers([item.id for item, _ in remaining])
                for issue in _first_by_id(found).values():
                    results[str(issue.backlog_id)] = {"key": issue.key, "id": issue.id}
                remaining = [(item, values) for item, values in remaining if item.id not in results]
                if remaining:
                    session.policy.sleep(session.policy.backoff(attempt))
                continue
            for (item, _), answer in zip(remaining, answers, strict=True):
                results[item.id] = answer
            break
        return results

    def update(self, item: IssuePlan) -> Callable[[], None]:
        """Worker part: the PUT. Returns what to record once it succeeded."""
        assert item.key is not None
        key = item.key
        values = self.resolve(item)
        if values is None:

            def skipped() -> None:
                self.result.errors.append(f"{item.id}: not updated: its epic {item.desired.epic_id} has no issue")
                self.reporter.advance(1)

            return skipped
        names = [change.field for change in item.changes]
        changes = {name: values.get(name) for name in names}
        self.client.update(key, update_fields(changes, self.session.fields, self.client.deployment))

        def done() -> None:
            self.remember(item, key, item.remote_id, values, names)
            self.result.updated.append((item.id, key, names))
            self.reporter.advance(1, f"updated {key}")
            self.maybe_save()

        return done

    def link(self, link: LinkChange, link_type: str) -> Callable[[], None]:
        blocker, blocked = self.keys.get(link.blocker), self.keys.get(link.blocked)
        if not blocker or not blocked:

            def skipped() -> None:
                self.result.errors.append(f"{link.blocked}: link from {link.blocker} not created: an issue is missing")
                self.plan.link_base.pop(link.pair, None)
                self.reporter.advance(1)

            return skipped
        for attempt in range(1, self.session.policy.max_attempts + 1):
            try:
                self.client.create_link(link_type, blocker, blocked)
                break
            except MaybeApplied as lost:
                self.reporter.note(f"answer lost ({lost.reason}): checking {blocked}'s links before retrying")
                if self.has_link(blocker, blocked):
                    break
                self.session.policy.sleep(self.session.policy.backoff(attempt))
        else:
            raise JiraSyncError(f"link {blocker} blocks {blocked}: no answer from Jira; try again later")

        def done() -> None:
            self.result.linked.append(link.pair)
            self.reporter.advance(1, f"linked {blocker} → {blocked}")
            self.maybe_save()

        return done

    def move(self, backlog_id: str, status: str) -> Callable[[], None]:
        """Worker part: walk a new issue to its YAML status."""
        key = self.keys[backlog_id]
        problem = reach_status(self.client, key, self.session.backlog.project, status)

        def done() -> None:
            self.state.statuses.pop(backlog_id, None)
            if problem:
                self.result.warnings.append(f"{backlog_id} ({key}): status {status!r} not set in Jira: {problem}")
            else:
                self.result.moved.append((backlog_id, key, status))
            self.reporter.advance(1, f"moved {key} to {status}")
            self.maybe_save()

        return done

    def has_link(self, blocker: str, blocked: str) -> bool:
        raw = self.client.get_issue(blocked, ["issuelinks", "labels"])
        if raw is None:
            return False
        issue: RemoteIssue = self.session.parse(raw)
        return any(link.blocker_key == blocker and link.blocked_key == blocked for link in issue.links)

    def unlink(self, link: LinkChange) -> Callable[[], None]:
        self.client.delete_link(link.link_id)

        def done() -> None:
            self.result.unlinked.append(link.pair)
            self.reporter.advance(1, f"unlinked {link.pair}")
            self.maybe_save()

        return done


def _first_by_id(found: dict[str, RemoteIssue]) -> dict[str, RemoteIssue]:
    """One issue per backlog id: the oldest when a crash left several."""
    out: dict[str, RemoteIssue] = {}
    for issue in sorted(found.values(), key=lambda i: int(i.key.rsplit("-", 1)[1])):
        if issue.backlog_id and issue.backlog_id not in out:
            out[issue.backlog_id] = issue
    return out


def push(
    session: Session, plan: Plan, state: SyncState, reporter: Reporter | None = None, workers: int = 1
) -> PushResult:
    """Apply the plan. `workers` > 1 sends updates and links on that many threads (creations stay in order)."""
    if plan.errors:
        raise JiraSyncError("\n".join(plan.errors))
    return Pusher(session, plan, state, reporter, workers).run()
