"""What the last push left in Jira (`backlog/jira-state.json`, committed): per issue its key and a fingerprint
of each synced field, on the YAML side and on the Jira side, so that edits made since on either side are told
apart. Also the journal of creations in flight, for crash recovery. Written atomically."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..load.atomic import atomic_write
from .errors import JiraSyncError

STATE_FILE = "backlog/jira-state.json"
VERSION = 1


def fingerprint(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


@dataclass
class IssueState:
    key: str
    id: str = ""
    yaml: dict[str, str] = field(default_factory=dict)  # field -> fingerprint of the YAML value last synced
    jira: dict[str, str] = field(default_factory=dict)  # field -> Jira fingerprint, only where it differs

    def base(self, name: str) -> tuple[str | None, str | None]:
        yaml = self.yaml.get(name)
        return yaml, self.jira.get(name, yaml)

    def remember(self, name: str, yaml_print: str, jira_print: str) -> None:
        self.yaml[name] = yaml_print
        if jira_print == yaml_print:
            self.jira.pop(name, None)
        else:
            self.jira[name] = jira_print

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"key": self.key}
        if self.id:
            out["id"] = self.id
        out["yaml"] = dict(sorted(self.yaml.items()))
        if self.jira:
            out["jira"] = dict(sorted(self.jira.items()))
        return out


@dataclass
class SyncState:
    site: str = ""
    project: str = ""
    issues: dict[str, IssueState] = field(default_factory=dict)
    links_known: bool = False  # False until a push has recorded the links once
    links_yaml: set[str] = field(default_factory=set)  # "BLOCKER>BLOCKED" backlog-ID pairs, YAML side
    links_jira: set[str] = field(default_factory=set)  # Jira side, where it differs from links_yaml
    pending: dict[str, str] = field(default_factory=dict)  # backlog id -> when its creation was sent
    statuses: dict[str, str] = field(default_factory=dict)  # created issue -> YAML status still to reach

    def link_base(self, pair: str) -> tuple[bool | None, bool | None]:
        if not self.links_known:
            return None, None
        yaml = pair in self.links_yaml
        return yaml, (pair in self.links_jira) != yaml  # links_jira holds the pairs where Jira differs

    def remember_link(self, pair: str, yaml: bool, jira: bool) -> None:
        (self.links_yaml.add if yaml else self.links_yaml.discard)(pair)
        (self.links_jira.add if yaml != jira else self.links_jira.discard)(pair)

    def key_of(self, backlog_id: str) -> str | None:
        issue = self.issues.get(backlog_id)
        return issue.key if issue else None


def state_path(root: Path | str) -> Path:
    return Path(root) / STATE_FILE


def load_state(root: Path | str) -> SyncState:
    path = state_path(root)
    if not path.is_file():
        return SyncState()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        issues = {
            backlog_id: IssueState(
                key=str(item["key"]),
                id=str(item.get("id", "")),
                yaml={str(k): str(v) for k, v in (item.get("yaml") or {}).items()},
                jira={str(k): str(v) for k, v in (item.get("jira") or {}).items()},
            )
            for backlog_id, item in (data.get("issues") or {}).items()
        }
        links = data.get("links")
        return SyncState(
            site=str(data.get("site", "")),
            project=str(data.get("project", "")),
            issues=issues,
            links_known=isinstance(links, dict),
            links_yaml=set((links or {}).get("yaml") or []),
            links_jira=set((links or {}).get("jira") or []),
            pending={str(k): str(v) for k, v in (data.get("pending") or {}).items()},
            statuses={str(k): str(v) for k, v in (data.get("statuses") or {}).items()},
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise JiraSyncError(
            f"{STATE_FILE}:1: state: cannot read the Jira sync state ({type(exc).__name__}: {exc}); restore it from "
            "git, or delete it (the next push then adopts the issues by their labels)"
        ) from None


def dump_state(state: SyncState) -> str:
    """One issue per line, sorted: small, stable diffs in git."""
    lines = ["{", f'  "version": {VERSION},']
    lines.append(f'  "site": {json.dumps(state.site)},')
    lines.append(f'  "project": {json.dumps(state.project)},')
    if state.pending:
        lines.append(f'  "pending": {json.dumps(dict(sorted(state.pending.items())), ensure_ascii=False)},')
    if state.statuses:
        lines.append(f'  "statuses": {json.dumps(dict(sorted(state.statuses.items())), ensure_ascii=False)},')
    links = {"yaml": sorted(state.links_yaml)}
    if state.links_jira:
        links["jira"] = sorted(state.links_jira)
    if state.links_known:
        lines.append('  "links": {')
        parts = [f'    "{name}": {json.dumps(values)}' for name, values in links.items()]
        lines.append(",\n".join(parts))
        lines.append("  },")
    lines.append('  "issues": {')
    items = sorted(state.issues.items(), key=lambda kv: _id_order(kv[0]))
    body = [
        f"    {json.dumps(backlog_id)}: {json.dumps(issue.as_json(), ensure_ascii=False, separators=(', ', ': '))}"
        for backlog_id, issue in items
    ]
    lines.append(",\n".join(body))
    lines.append("  }")
    lines.append("}")
    return "\n".join(line for line in lines if line != "") + "\n"


def _id_order(backlog_id: str) -> tuple[int, int, str]:
    epic, _, story = backlog_id.partition("-S")
    try:
        return int(epic.lstrip("E")), int(story or 0), backlog_id
    except ValueError:
        return 10**9, 0, backlog_id


def save_state(root: Path | str, state: SyncState) -> Path:
    path = state_path(root)
    atomic_write(path, dump_state(state))
    return path


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
