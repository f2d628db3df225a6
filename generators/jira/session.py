"""A connected sync session: client, field map, project metadata, and reading the managed issues."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model import Backlog, JiraConfig
from .client import JiraClient
from .diff import EPIC_FIELDS, STORY_FIELDS
from .errors import JiraSyncError
from .fieldmap import FieldMap, discover_fields
from .remote import RemoteIssue, parse_issue, sync_fields
from .render import managed_label, marker_label
from .retry import RetryPolicy
from .settings import load_settings
from .state import SyncState

KEY_CHUNK = 50  # keys or labels per JQL `in (...)` clause


@dataclass
class Session:
    client: JiraClient
    backlog: Backlog
    root: Path
    config: JiraConfig
    fields: FieldMap
    warnings: list[str] = field(default_factory=list)
    notify: Callable[[str], None] = field(default=lambda message: None)
    _project: dict[str, Any] | None = None

    @property
    def policy(self) -> RetryPolicy:
        return self.client.policy

    @property
    def prefix(self) -> str:
        return self.config.label_prefix

    @property
    def synced(self) -> dict[str, tuple[str, ...]]:
        story = [name for name in STORY_FIELDS if name != "points" or self.fields.story_points]
        if not self.client.is_cloud and not self.fields.epic_link:
            story.remove("parent")
        return {"epic": EPIC_FIELDS, "story": tuple(story)}

    def project(self) -> dict[str, Any]:
        if self._project is None:
            self._project = self.client.project(self.config.project)
        return self._project

    def issue_type_id(self, name: str, setting: str) -> str:
        types = self.project().get("issueTypes") or []
        for item in types:
            if str(item.get("name", "")).casefold() == name.casefold():
                return str(item["id"])
        available = ", ".join(sorted(str(t.get("name")) for t in types)) or "none"
        raise JiraSyncError(
            f"backlog/project.yaml: jira.issue_types.{setting}: project {self.config.project} has no issue type "
            f"{name!r} (available: {available}): set the right name"
        )

    def link_type_name(self) -> str:
        wanted = self.config.link_type
        for item in self.client.link_types():
            if wanted.casefold() in (str(item.get(k, "")).casefold() for k in ("name", "inward", "outward")):
                return str(item["name"])
        names = ", ".join(sorted(str(t.get("name")) for t in self.client.link_types()))
        raise JiraSyncError(
            f"backlog/project.yaml: jira.link_type: Jira has no issue link type {wanted!r} (available: {names})"
        )

    # --- reading ---------------------------------------------------------------------------------
    def parse(self, raw: dict[str, Any]) -> RemoteIssue:
        return parse_issue(raw, self.fields, self.client.deployment, self.prefix, self.config.link_type)

    def read_fields(self, extra: Iterable[str] = ()) -> list[str]:
        return [*sync_fields(self.fields, self.client.deployment), *extra]

    def search(self, jql: str, fields: list[str], expand: str | None = None) -> dict[str, RemoteIssue]:
        found: dict[str, RemoteIssue] = {}
        for page in self.client.search(jql, fields, expand):
            for raw in page:
                issue = self.parse(raw)
                found[issue.key] = issue
        return found

    def _project_clause(self) -> str:
        return f'project = "{self.config.project}"'

    def collect(
        self, state: SyncState, known_keys: Iterable[str], extra: Iterable[str] = (), expand: str | None = None
    ) -> dict[str, RemoteIssue]:
        """Every issue the toolkit owns: one search (100 a page) by the managed label, plus a GET for known keys
        the search missed (search is eventually consistent; GET is not), plus a patient look for creations in
        flight when the last push was interrupted."""
        fields = self.read_fields(extra)
        jql = f'{self._project_clause()} AND labels = "{managed_label(self.prefix)}" ORDER BY key ASC'
        remotes = self.search(jql, fields, expand)
        for key in sorted(set(known_keys) - set(remotes)):
            raw = self.client.get_issue(key, fields, expand)
            if raw is not None:
                remotes[key] = self.parse(raw)
        if state.pending:
            labelled = {issue.backlog_id for issue in remotes.values()}
            missing = [backlog_id for backlog_id in state.pending if backlog_id not in labelled]
            if missing:
                self.notify(f"the last push was interrupted while creating {len(missing)} issue(s): looking for them")
                remotes.update(self.find_by_markers(missing, fields, expand))
        return remotes

    def find_by_markers(
        self, backlog_ids: list[str], fields: list[str] | None = None, expand: str | None = None
    ) -> dict[str, RemoteIssue]:
        """Issues carrying these backlog IDs' marker labels, waiting out the search index lag (bounded)."""
        fields = fields or self.read_fields()
        found: dict[str, RemoteIssue] = {}
        wanted = set(backlog_ids)
        for delay in (0.0, *self.policy.settle_delays):
            if delay:
                self.policy.sleep(delay)
            missing = sorted(wanted - {issue.backlog_id for issue in found.values()})
            for start in range(0, len(missing), KEY_CHUNK):
                chunk = missing[start : start + KEY_CHUNK]
                labels = ", ".join(f'"{marker_label(self.prefix, backlog_id)}"' for backlog_id in chunk)
                found.update(self.search(f"{self._project_clause()} AND labels in ({labels})", fields, expand))
            if wanted <= {issue.backlog_id for issue in found.values()}:
                break
        return found


def connect(
    backlog: Backlog,
    root: Path,
    *,
    env: Mapping[str, str] | None = None,
    policy: RetryPolicy | None = None,
    notify: Callable[[str], None] | None = None,
) -> Session:
    config = backlog.project.jira
    settings = load_settings(config, env)
    policy = policy or RetryPolicy.from_env(env)
    if notify is not None:
        policy.notify = notify
    client = JiraClient(settings, policy)
    fields, warnings = discover_fields(client.fields(), config.fields, client.deployment)
    session = Session(client, backlog, root, config, fields, warnings, notify or (lambda message: None))
    session.project()  # fails early, with a clear message, on an unknown project
    return session
