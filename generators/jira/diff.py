"""The plan: compare what the backlog wants with what Jira holds and what the last push left (three-way), per
field and per dependency link. Pure: no I/O."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from .remote import RemoteIssue
from .render import DesiredIssue, managed_label, marker_label
from .state import SyncState, fingerprint

Prefer = Literal["yaml", "jira"] | None
Decision = Literal["sync", "write", "keep", "conflict", "settle"]
EPIC_FIELDS = ("summary", "description", "priority", "labels")
STORY_FIELDS = (*EPIC_FIELDS, "points", "parent")


def normalise(name: str, value: Any) -> Any:
    """The comparable form of a field value (Jira returns 5.0 for 5, labels in any order, CRLF...)."""
    if name == "labels":
        return sorted({str(v) for v in value or []})
    if name == "points":
        if value is None or value == "":
            return None
        number = float(value)
        return int(number) if number.is_integer() else number
    if name == "description":
        # Jira Cloud stores descriptions as ADF and converts wiki markup both ways: escapes and spacing may
        # come back different. Compare the text without them, so a round trip is not mistaken for an edit.
        text = re.sub(r"\\(.)", r"\1", str(value or "").replace("\r\n", "\n"))
        text = "\n".join(" ".join(line.split()) for line in text.split("\n"))
        return re.sub(r"\n{3,}", "\n\n", text).strip()
    if name == "summary":
        return str(value or "").strip()
    return value or None


def decide(yaml_print: str, jira_print: str, base: tuple[str | None, str | None], prefer: Prefer) -> Decision:
    """Three-way decision for one value: the YAML side, the Jira side, and both as last synced."""
    if yaml_print == jira_print:
        return "sync"
    base_yaml, base_jira = base
    if base_yaml is None or base_jira is None:
        return "write"  # never synced: the YAML is the source of truth for content
    yaml_changed = yaml_print != base_yaml
    jira_changed = jira_print != base_jira
    if not yaml_changed and not jira_changed:
        return "sync"  # a difference settled earlier with --prefer jira
    if yaml_changed and not jira_changed:
        return "write"
    if prefer == "yaml":
        return "write"
    if prefer == "jira":
        return "settle"
    return "conflict" if yaml_changed else "keep"


@dataclass
class FieldChange:
    field: str
    old: Any
    new: Any


@dataclass
class IssuePlan:
    desired: DesiredIssue
    key: str | None  # None: to be created
    remote_id: str = ""
    changes: list[FieldChange] = field(default_factory=list)
    new_base: dict[str, tuple[str, str]] = field(default_factory=dict)  # to remember once the writes succeed
    adopted_from: str | None = None  # "label" | "state" when the YAML lacks (or has another) `jira:` key

    @property
    def id(self) -> str:
        return self.desired.id


@dataclass
class Divergence:
    """A value edited in Jira (kept: YAML unchanged) or on both sides (conflict) since the last push."""

    id: str
    key: str
    field: str
    yaml: Any
    jira: Any


@dataclass
class LinkChange:
    blocker: str  # backlog ids
    blocked: str
    link_id: str = ""  # for removals

    @property
    def pair(self) -> str:
        return f"{self.blocker}>{self.blocked}"


@dataclass
class Plan:
    issues: list[IssuePlan] = field(default_factory=list)
    link_adds: list[LinkChange] = field(default_factory=list)
    link_removals: list[LinkChange] = field(default_factory=list)
    link_base: dict[str, tuple[bool, bool]] = field(default_factory=dict)  # pair -> (yaml, jira) after success
    conflicts: list[Divergence] = field(default_factory=list)
    kept: list[Divergence] = field(default_factory=list)
    settled: list[Divergence] = field(default_factory=list)
    orphans: list[tuple[str, str]] = field(default_factory=list)  # (key, backlog id) no longer in the backlog
    status_moves: list[tuple[str, str, str]] = field(default_factory=list)  # (id, key, status) left by a crash
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def creates(self) -> list[IssuePlan]:
        return [item for item in self.issues if item.key is None]

    @property
    def updates(self) -> list[IssuePlan]:
        return [item for item in self.issues if item.key is not None and item.changes]

    @property
    def adoptions(self) -> list[IssuePlan]:
        return [item for item in self.issues if item.adopted_from]

    @property
    def pending(self) -> bool:
        return bool(self.creates or self.updates or self.link_adds or self.link_removals or self.adoptions or self.kept)

    @property
    def writes(self) -> int:
        """Requests a push would send to Jira (creations counted per issue)."""
        return (
            len(self.creates)
            + len(self.updates)
            + len(self.link_adds)
            + len(self.link_removals)
            + len(self.status_moves)
        )


def _key_number(key: str) -> int:
    try:
        return int(key.rsplit("-", 1)[1])
    except (IndexError, ValueError):
        return 0


def _where(item: DesiredIssue) -> str:
    return f"{item.file or 'backlog'}:{item.line}: {item.id}"


def build_plan(
    desired: list[DesiredIssue],
    remotes: dict[str, RemoteIssue],
    state: SyncState,
    *,
    prefix: str,
    synced: dict[str, tuple[str, ...]],
    prefer: Prefer = None,
) -> Plan:
    """`synced` maps "epic"/"story" to the fields that can be synced on this Jira (points and parent may lack)."""
    plan = Plan()
    by_label: dict[str, list[RemoteIssue]] = {}
    for remote in sorted(remotes.values(), key=lambda r: _key_number(r.key)):
        if remote.backlog_id:
            by_label.setdefault(remote.backlog_id, []).append(remote)
    keys: dict[str, str] = {}  # backlog id -> matched key
    wanted_ids = {item.id for item in desired}
    used: set[str] = set()

    for item in desired:
        remote = _match(item, remotes, by_label, state, plan, used)
        if remote is None:
            plan.issues.append(IssuePlan(item, None))
            continue
        used.add(remote.key)
        keys[item.id] = remote.key
        issue = IssuePlan(item, remote.key, remote.id)
        if item.yaml_key != remote.key:
            issue.adopted_from = "state" if state.key_of(item.id) == remote.key else "label"
        _compare_fields(issue, remote, state, synced[item.kind], keys, prefix, prefer, plan)
        plan.issues.append(issue)

    for backlog_id, status in sorted(state.statuses.items()):
        if backlog_id in keys:
            plan.status_moves.append((backlog_id, keys[backlog_id], status))
    for backlog_id, found in by_label.items():
        for remote in found:
            if remote.key not in used and backlog_id not in wanted_ids:
                plan.orphans.append((remote.key, backlog_id))
    _plan_links(desired, remotes, keys, state, prefer, plan)
    return plan


def _match(
    item: DesiredIssue,
    remotes: dict[str, RemoteIssue],
    by_label: dict[str, list[RemoteIssue]],
    state: SyncState,
    plan: Plan,
    used: set[str],
) -> RemoteIssue | None:
    labelled = [r for r in by_label.get(item.id, []) if r.key not in used]
    if item.yaml_key:
        remote = remotes.get(item.yaml_key)
        if remote is None:
            plan.errors.append(
                f"{_where(item)}: jira: {item.yaml_key} does not exist in Jira (deleted or moved?): remove the key "
                "from the YAML to create the issue again"
            )
            return None
        if remote.backlog_id and remote.backlog_id != item.id:
            plan.errors.append(
                f"{_where(item)}: jira: {item.yaml_key} is the issue of {remote.backlog_id} (by its marker label): "
                "fix the key in the YAML"
            )
            return None
        others = [r.key for r in labelled if r.key != remote.key]
        if others:
            plan.warnings.append(f"{item.id}: {', '.join(others)} also carry its marker label (duplicates?)")
        return remote
    state_key = state.key_of(item.id)
    if state_key and state_key in remotes:
        remote = remotes[state_key]
        if not remote.backlog_id or remote.backlog_id == item.id:
            return remote
    if labelled:
        if len(labelled) > 1:
            plan.warnings.append(
                f"{item.id}: several issues carry its marker label ({', '.join(r.key for r in labelled)}); "
                f"using {labelled[0].key}"
            )
        return labelled[0]
    if state_key:
        plan.warnings.append(f"{item.id}: {state_key} (from jira-state.json) no longer exists; it will be created")
    return None


def _desired_value(name: str, item: DesiredIssue, keys: dict[str, str]) -> Any:
    value = item.values.get(name)
    if name == "parent" and value is not None:
        return keys.get(value, f"(new {value})")
    return value


def _compare_fields(
    issue: IssuePlan,
    remote: RemoteIssue,
    state: SyncState,
    names: Iterable[str],
    keys: dict[str, str],
    prefix: str,
    prefer: Prefer,
    plan: Plan,
) -> None:
    item = issue.desired
    recorded = state.issues.get(item.id)
    if recorded is not None and recorded.key != remote.key:
        recorded = None
    for name in names:
        yaml_value = normalise(name, _desired_value(name, item, keys))
        jira_value = normalise(name, remote.values.get(name))
        yaml_print, jira_print = fingerprint(yaml_value), fingerprint(jira_value)
        base = recorded.base(name) if recorded else (None, None)
        decision = decide(yaml_print, jira_print, base, prefer)
        if name == "labels" and decision in ("keep", "conflict", "settle"):
            markers = {managed_label(prefix), marker_label(prefix, item.id)}
            if not markers <= set(jira_value):  # our markers are not negotiable
                plan.warnings.append(f"{item.id}: restoring the marker labels removed in Jira on {remote.key}")
                if decision == "settle":  # Jira's other labels win, but the markers go back
                    restored = normalise(name, [*jira_value, *markers])
                    issue.changes.append(FieldChange(name, jira_value, restored))
                    issue.new_base[name] = (yaml_print, fingerprint(restored))
                    continue
                decision = "write"
        if decision == "write":
            issue.changes.append(FieldChange(name, jira_value, yaml_value))
            issue.new_base[name] = (yaml_print, yaml_print)
        elif decision == "sync":
            if base != (yaml_print, jira_print) and yaml_value == jira_value:
                issue.new_base[name] = (yaml_print, jira_print)
        elif decision == "settle":
            plan.settled.append(Divergence(item.id, remote.key, name, yaml_value, jira_value))
            issue.new_base[name] = (yaml_print, jira_print)
        else:
            target = plan.conflicts if decision == "conflict" else plan.kept
            target.append(Divergence(item.id, remote.key, name, yaml_value, jira_value))


def _plan_links(
    desired: list[DesiredIssue],
    remotes: dict[str, RemoteIssue],
    keys: dict[str, str],
    state: SyncState,
    prefer: Prefer,
    plan: Plan,
) -> None:
    ids_by_key = {key: backlog_id for backlog_id, key in keys.items()}
    wanted = {f"{dep}>{item.id}" for item in desired for dep in item.depends_on}
    current: dict[str, str] = {}  # pair -> link id
    for remote in remotes.values():
        for link in remote.links:
            blocker, blocked = ids_by_key.get(link.blocker_key), ids_by_key.get(link.blocked_key)
            if blocker and blocked:
                current.setdefault(f"{blocker}>{blocked}", link.link_id)
    pairs = wanted | set(current) | state.links_yaml | state.links_jira
    for pair in sorted(pairs):
        yaml, jira = pair in wanted, pair in current
        blocker, blocked = pair.split(">", 1)
        base = state.link_base(pair)
        if base == (None, None) and jira and not yaml:
            plan.link_base[pair] = (False, True)  # first push: links made in Jira are left alone
            continue
        printed = (str(base[0]), str(base[1])) if base[0] is not None else (None, None)
        decision = decide(str(yaml), str(jira), printed, prefer)  # type: ignore[arg-type]
        if decision == "write":
            if yaml:
                plan.link_adds.append(LinkChange(blocker, blocked))
            else:
                plan.link_removals.append(LinkChange(blocker, blocked, current[pair]))
            plan.link_base[pair] = (yaml, yaml)
        elif decision in ("sync", "settle"):
            if decision == "settle":
                plan.settled.append(Divergence(blocked, keys.get(blocked, ""), f"link from {blocker}", yaml, jira))
            if decision == "settle" or base != (yaml, jira):
                plan.link_base[pair] = (yaml, jira)
        else:
            target = plan.conflicts if decision == "conflict" else plan.kept
            target.append(Divergence(blocked, keys.get(blocked, ""), f"link from {blocker}", yaml, jira))
