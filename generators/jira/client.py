"""A thin, retrying wrapper around the `jira` library (imported lazily): one method per REST call we use."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ..model import Deployment
from .errors import JiraSyncError
from .incoming import clean
from .retry import NOT_JIRA, RetryPolicy, call
from .settings import Settings
from .transport import Budget, mount

PAGE_SIZE = 100  # issues per search page (Jira Cloud returns at most 100 when fields are requested)
CHANGELOG_PAGE = 100


def _import_jira() -> Any:
    try:
        import jira
    except ImportError:  # pragma: no cover - it is a declared dependency
        raise JiraSyncError("the `jira` package is missing: pip install 'jira>=3.10,<3.11'") from None
    return jira


class JiraClient:
    """Connected client: `serverInfo` has been read (deployment known); every call retries per the policy."""

    def __init__(self, settings: Settings, policy: RetryPolicy | None = None) -> None:
        jira = _import_jira()
        self.settings = settings
        self.policy = policy or RetryPolicy.from_env()
        self.budget = Budget(self.policy.total_timeout)
        kwargs: dict[str, Any] = {
            "server": settings.url,
            "max_retries": 0,  # the library's own retries repeat POSTs blindly: urllib3's Retry instead (transport)
            "timeout": self.policy.request_timeout,
            "logging": False,
            "get_server_info": False,  # read below, once the retrying transport is mounted
            "options": {"check_update": False},
        }
        creds = settings.credentials
        if creds.kind == "basic":
            kwargs["basic_auth"] = (creds.user, creds.secret)
        else:
            kwargs["token_auth"] = creds.secret
        self._jira = jira.JIRA(**kwargs)  # no request yet
        mount(self._jira._session, settings.url, self.policy, self.budget)
        info = call(
            self._jira.server_info,
            f"connect to Jira at {settings.url} (GET /serverInfo)",
            self.policy,
            hints={404: f"{NOT_JIRA}: check JIRA_URL or jira.url in project.yaml"},
        )
        if not isinstance(info, dict) or not isinstance(info.get("versionNumbers"), list):
            raise JiraSyncError(
                f"connect to Jira at {settings.url}: {NOT_JIRA} (GET /serverInfo has no version): check JIRA_URL "
                "or jira.url in backlog/project.yaml"
            )
        self._jira._version = tuple(info["versionNumbers"])
        self._jira.deploymentType = info.get("deploymentType")
        server_type = str(info.get("deploymentType") or "")
        detected = Deployment.CLOUD if server_type == "Cloud" else Deployment.SERVER
        self.deployment: Deployment = settings.deployment or detected
        self._link_types: list[dict[str, Any]] | None = None
        self.cleaned: set[str] = set()  # issues (or lists) whose text had control characters removed

    def _clean(self, value: Any, where: str) -> Any:
        value, changed = clean(value)
        if changed:
            self.cleaned.add(where)
        return value

    @property
    def is_cloud(self) -> bool:
        return self.deployment is Deployment.CLOUD

    def close(self) -> None:
        self._jira.close()

    # --- raw helpers -----------------------------------------------------------------------------
    def _url(self, path: str) -> str:
        return self._jira._get_url(path)

    def _get(self, path: str, params: dict[str, Any] | None = None) -> Any:
        return self._jira._get_json(path, params=params)

    # --- metadata --------------------------------------------------------------------------------
    def fields(self) -> list[dict[str, Any]]:
        return call(self._jira.fields, "read the Jira field list (GET /field)", self.policy)

    def project(self, key: str) -> dict[str, Any]:
        hint = f"no Jira project {key} visible to this user: check jira.project in backlog/project.yaml"
        return call(
            lambda: self._jira.project(key).raw,
            f"read project {key}",
            self.policy,
            hints={404: hint, 400: hint},
        )

    def statuses(self) -> list[dict[str, Any]]:
        statuses = call(lambda: self._get("status"), "read the Jira statuses (GET /status)", self.policy)
        return self._clean(statuses, "the status list")

    def link_types(self) -> list[dict[str, Any]]:
        """Issue link types, read once (the library re-reads them on every `create_issue_link`)."""
        if self._link_types is None:
            self._link_types = call(
                lambda: [t.raw for t in self._jira.issue_link_types(force=True)],
                "read the issue link types (GET /issueLinkType)",
                self.policy,
            )
        return self._link_types

    # --- reading issues --------------------------------------------------------------------------
    def search(self, jql: str, fields: list[str], expand: str | None = None) -> Iterator[list[dict[str, Any]]]:
        """Pages of raw issues: `/search/jql` with `nextPageToken` on Cloud, `/search` with `startAt` on Server."""
        what = "search Jira issues"
        hints = {400: f"the search was rejected (JQL: {jql})"}
        if self.is_cloud:
            token: str | None = None
            while True:
                body: dict[str, Any] = {"jql": jql, "fields": fields, "maxResults": PAGE_SIZE}
                if expand:
                    body["expand"] = expand
                if token:
                    body["nextPageToken"] = token
                page = call(
                    lambda body=body: self._jira._get_json("search/jql", params=body, use_post=True),
                    what,
                    self.policy,
                    hints=hints,
                )
                yield [self._clean(raw, str(raw.get("key"))) for raw in page.get("issues") or []]
                token = page.get("nextPageToken")
                if page.get("isLast", not token) or not token:
                    return
        start = 0
        while True:
            params: dict[str, Any] = {
                "jql": jql,
                "startAt": start,
                "maxResults": PAGE_SIZE,
                "fields": ",".join(fields),
            }
            if expand:
                params["expand"] = expand
            page = call(lambda params=params: self._get("search", params), what, self.policy, hints=hints)
            issues = [self._clean(raw, str(raw.get("key"))) for raw in page.get("issues") or []]
            yield issues
            start += len(issues)
            total = int(page.get("total") or 0)
            if not issues or start >= total:
                return

    def get_issue(self, key: str, fields: list[str], expand: str | None = None) -> dict[str, Any] | None:
        """One issue by key (strongly consistent, unlike search), or None when it does not exist."""
        params: dict[str, Any] = {"fields": ",".join(fields)}
        if expand:
            params["expand"] = expand
        try:
            raw = call(lambda: self._get(f"issue/{key}", params), f"read issue {key}", self.policy)
            return self._clean(raw, key)
        except JiraSyncError as exc:
            if exc.status == 404:
                return None
            raise

    def changelog(self, key: str, embedded: dict[str, Any] | None) -> list[dict[str, Any]]:
        """Every history entry of an issue, oldest first; pages `/issue/{key}/changelog` when the embedded one
        (from `expand=changelog`) is truncated."""
        embedded = embedded or {}
        histories = list(embedded.get("histories") or [])
        total = int(embedded.get("total", len(histories)) or 0)
        if total <= len(histories) and embedded:
            return sorted(histories, key=lambda h: str(h.get("created", "")))
        if not self.is_cloud:
            issue = self.get_issue(key, ["status"], expand="changelog") or {}
            histories = list((issue.get("changelog") or {}).get("histories") or [])
            return sorted(histories, key=lambda h: str(h.get("created", "")))
        values: list[dict[str, Any]] = []
        start = 0
        while True:
            params = {"startAt": start, "maxResults": CHANGELOG_PAGE}
            page = call(
                lambda params=params: self._get(f"issue/{key}/changelog", params),
                f"read the changelog of {key}",
                self.policy,
            )
            batch = self._clean(list(page.get("values") or []), key)
            values.extend(batch)
            start += len(batch)
            if not batch or page.get("isLast", start >= int(page.get("total") or 0)):
                break
        return sorted(values, key=lambda h: str(h.get("created", "")))

    # --- writing ---------------------------------------------------------------------------------
    def bulk_create(self, issue_fields: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """`POST /issue/bulk` (at most 50): one result per input, `{"key", "id"}` or `{"error"}`.

        Raises `MaybeApplied` when the answer was lost: the caller must search before creating again."""
        if len(issue_fields) > 50:
            raise ValueError("Jira accepts at most 50 issues per bulk request")

        def send() -> list[dict[str, Any]]:
            try:
                results = self._jira.create_issues(issue_fields, prefetch=False)
            except (KeyError, TypeError, ValueError, IndexError) as exc:
                raise JiraSyncError(f"create issues: unexpected answer from Jira ({type(exc).__name__})") from None
            out: list[dict[str, Any]] = []
            for result in results:
                if result.get("status") == "Success" and result.get("issue") is not None:
                    raw = result["issue"].raw
                    out.append({"key": raw["key"], "id": str(raw.get("id", ""))})
                else:
                    out.append({"error": _element_error(result.get("error"))})
            return out

        return call(send, "create issues (POST /issue/bulk)", self.policy, write=True)

    def update(self, key: str, fields: dict[str, Any]) -> None:
        """`PUT /issue/{key}` with only the given fields (idempotent, so retried)."""

        def send() -> None:
            self._jira._session.put(self._url(f"issue/{key}"), data=json.dumps({"fields": fields}))

        call(
            send,
            f"update {key}",
            self.policy,
            hints={
                400: "a field is not on the issue's edit screen or has a bad value: check jira.fields in "
                "backlog/project.yaml",
                404: f"{key} no longer exists: remove its `jira:` key from the YAML to create it again",
            },
        )

    def transitions(self, key: str) -> list[dict[str, Any]]:
        return call(lambda: self._jira.transitions(key), f"read the transitions of {key}", self.policy)

    def transition(self, key: str, transition_id: str) -> None:
        """`POST /issue/{key}/transitions` (not idempotent: a lost answer raises `MaybeApplied`)."""
        call(
            lambda: self._jira.transition_issue(key, str(transition_id)),
            f"move {key} (transition {transition_id})",
            self.policy,
            write=True,
        )

    def create_link(self, type_name: str, blocker_key: str, blocked_key: str) -> None:
        """`POST /issueLink`: `inwardIssue` is the blocker (Jira shows "<inward> blocks <outward>")."""
        payload = {
            "type": {"name": type_name},
            "inwardIssue": {"key": blocker_key},
            "outwardIssue": {"key": blocked_key},
        }

        def send() -> None:
            self._jira._session.post(self._url("issueLink"), data=json.dumps(payload))

        call(
            send,
            f"link {blocker_key} blocks {blocked_key}",
            self.policy,
            write=True,
            hints={404: "an issue or the link type is missing: check jira.link_type in backlog/project.yaml"},
        )

    def delete_link(self, link_id: str) -> None:
        def send() -> None:
            self._jira.delete_issue_link(str(link_id))

        try:
            call(send, f"remove issue link {link_id}", self.policy)
        except JiraSyncError as exc:
            if exc.status != 404:  # already gone (a retry after a lost answer): fine
                raise


def _element_error(error: Any) -> str:
    if isinstance(error, dict):
        return "; ".join(f"{name}: {message}" for name, message in error.items()) or "rejected"
    if error:
        return str(error)
    return "rejected by Jira"
