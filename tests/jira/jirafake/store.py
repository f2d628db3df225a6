"""The fake Jira's data: issues, links, changelogs; create/update/search with Jira's validation and answers."""

from __future__ import annotations

import copy
import datetime as dt
import itertools
import threading
import time
from typing import Any, ClassVar

from . import catalog
from .jql import JqlError, matcher, parse
from .validation import validate_fields
from .wire import ApiError, adf, text_of


def _now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "+0000"


class Store:
    def __init__(self, mode: str, base_url: str, project_key: str = "FZ", changelog_embed: int = 100) -> None:
        self.mode = mode
        self.base_url = base_url
        self.lock = threading.RLock()
        self.project = {"id": "10000", "key": project_key, "name": "Fanzone TV"}
        self.fields = copy.deepcopy(catalog.CLOUD_FIELDS if mode == "cloud" else catalog.SERVER_FIELDS)
        self.field_ids = {f["id"] for f in self.fields}
        self.points_field = "customfield_10016" if mode == "cloud" else "customfield_10002"
        self.sprint_field = "customfield_10020" if mode == "cloud" else "customfield_10102"
        self.epic_link_field = None if mode == "cloud" else "customfield_10100"
        self.epic_name_field = None if mode == "cloud" else "customfield_10101"
        self.issues: dict[str, dict[str, Any]] = {}
        self.links: dict[str, dict[str, Any]] = {}
        self.ids = itertools.count(10001)
        self.numbers = itertools.count(1)
        self.link_ids = itertools.count(20001)
        self.history_ids = itertools.count(30001)
        self.index_lag = 0.0  # seconds before a new issue shows up in search results
        self.changelog_embed = changelog_embed  # histories embedded by expand=changelog (Cloud truncates)
        self.reject: Any = None  # callable(fields) -> {field: message} | None, for partial bulk failures
        self.rewrite_description: Any = None  # callable(text) -> text: what Cloud's wiki -> ADF -> wiki does
        self.user = {"accountId": "5b10a2844c20165700ede21g", "displayName": "Claire Martin", "active": True}

    # --- helpers ---------------------------------------------------------------------------------
    def url(self, path: str) -> str:
        return f"{self.base_url}/rest/api/2/{path}"

    def status(self, name: str) -> dict[str, Any]:
        for status in catalog.STATUSES:
            if status["name"] == name:
                return copy.deepcopy(status)
        raise KeyError(name)

    def find(self, key_or_id: str) -> dict[str, Any]:
        issue = self.issues.get(key_or_id)
        if issue is None:
            issue = next((i for i in self.issues.values() if i["id"] == key_or_id), None)
        if issue is None:
            raise ApiError(404, ["Issue does not exist or you do not have permission to see it."])
        return issue

    def brief(self, issue: dict[str, Any]) -> dict[str, Any]:
        f = issue["fields"]
        return {
            "id": issue["id"],
            "key": issue["key"],
            "self": self.url(f"issue/{issue['id']}"),
            "fields": {k: copy.deepcopy(f[k]) for k in ("summary", "status", "priority", "issuetype") if k in f},
        }

    # --- create / update -------------------------------------------------------------------------
    def create(self, payload: dict[str, Any], version: str = "2") -> dict[str, Any]:
        fields = dict(payload.get("fields") or {})
        errors: dict[str, str] = {}
        project = fields.get("project") or {}
        if project.get("id") != self.project["id"] and project.get("key") != self.project["key"]:
            errors["project"] = "Specify a valid project ID or key"
        kind = fields.get("issuetype") or {}
        issue_type = next(
            (t for t in catalog.ISSUE_TYPES if t["id"] == kind.get("id") or t["name"] == kind.get("name")), None
        )
        if issue_type is None:
            errors["issuetype"] = "Specify a valid issue type"
        if "summary" not in fields:
            errors["summary"] = "You must specify a summary of the issue."
        values, more = validate_fields(self, fields, True, version)
        errors.update(more)
        if (
            issue_type
            and issue_type["name"] == "Epic"
            and self.epic_name_field
            and not fields.get(self.epic_name_field)
        ):
            errors[self.epic_name_field] = "Epic Name is required."
        if errors:
            raise ApiError(400, [], errors)
        number = next(self.numbers)
        key = f"{self.project['key']}-{number}"
        now = _now()
        record_fields = {
            "summary": "",
            "description": None,
            "labels": [],
            "priority": copy.deepcopy(catalog.PRIORITIES[2]),
            "issuetype": copy.deepcopy(issue_type),
            "project": copy.deepcopy(self.project),
            "status": self.status("To Do"),
            "assignee": None,
            "created": now,
            "updated": now,
            self.points_field: None,
            self.sprint_field: None,
        }
        if self.mode == "cloud":
            record_fields["parent"] = None
        else:
            record_fields[self.epic_link_field] = None
            record_fields[self.epic_name_field] = None
        record_fields.update(values)
        issue = {
            "id": str(next(self.ids)),
            "key": key,
            "fields": record_fields,
            "histories": [],
            "indexed_at": time.time() + self.index_lag,
        }
        self.issues[key] = issue
        return {"id": issue["id"], "key": key, "self": self.url(f"issue/{issue['id']}")}

    def bulk(self, payload: dict[str, Any], version: str = "2") -> tuple[int, dict[str, Any]]:
        updates = payload.get("issueUpdates")
        if not isinstance(updates, list):
            raise ApiError(400, ["Request body is missing issueUpdates."])
        if len(updates) > 50:
            raise ApiError(400, ["Bulk create is limited to 50 issues per request."])
        created, errors = [], []
        for index, item in enumerate(updates):
            try:
                created.append(self.create(item, version))
            except ApiError as exc:
                errors.append({"status": exc.status, "elementErrors": exc.body, "failedElementNumber": index})
        return (201 if created else 400), {"issues": created, "errors": errors}

    def update(self, key: str, payload: dict[str, Any], version: str = "2", author: dict | None = None) -> None:
        issue = self.find(key)
        values, errors = validate_fields(self, dict(payload.get("fields") or {}), False, version)
        if errors:
            raise ApiError(400, [], errors)
        self._apply(issue, values, author or self.user)

    def _apply(
        self, issue: dict[str, Any], values: dict[str, Any], author: dict[str, Any], at: str | None = None
    ) -> None:
        items = []
        for name, value in values.items():
            old = issue["fields"].get(name)
            if old == value:
                continue
            items.append(
                {
                    "field": name,
                    "fieldtype": "jira",
                    "from": None,
                    "fromString": text_of(old),
                    "to": None,
                    "toString": text_of(value),
                }
            )
            issue["fields"][name] = value
        if items:
            when = at or _now()
            issue["fields"]["updated"] = when
            issue["histories"].append(
                {"id": str(next(self.history_ids)), "author": copy.deepcopy(author), "created": when, "items": items}
            )

    # --- what a user does in Jira (test helpers) --------------------------------------------------
    def edit(self, key: str, **fields: Any) -> None:
        with self.lock:
            self._apply(self.find(key), fields, {"displayName": "Utilisateur Jira"})

    def transition(self, key: str, status: str, at: str | None = None, author: str = "Hugo Bernard") -> None:
        with self.lock:
            self._apply(self.find(key), {"status": self.status(status)}, {"displayName": author}, at)

    # --- workflow --------------------------------------------------------------------------------
    # Cloud: a simplified workflow (any status to any other); Server: a classic one, step by step.
    CLASSIC: ClassVar[dict[str, list[str]]] = {
        "To Do": ["In Progress"],
        "In Progress": ["To Do", "In Review", "Done"],
        "In Review": ["In Progress", "Done"],
        "Done": ["To Do"],
        "Terminé": ["To Do"],
    }
    TRANSITION_IDS: ClassVar[dict[str, str]] = {"To Do": "11", "In Progress": "21", "In Review": "31", "Done": "41"}

    def transitions(self, key: str) -> list[dict[str, Any]]:
        current = self.find(key)["fields"]["status"]["name"]
        if self.mode == "cloud":
            targets = [name for name in self.TRANSITION_IDS if name != current]
        else:
            targets = self.CLASSIC.get(current, [])
        return [
            {
                "id": self.TRANSITION_IDS[name],
                "name": name,
                "to": {**self.status(name), "self": self.url(f"status/{self.status(name)['id']}")},
                "hasScreen": False,
                "isGlobal": self.mode == "cloud",
                "isInitial": False,
                "isAvailable": True,
                "isConditional": False,
            }
            for name in targets
        ]

    def do_transition(self, key: str, payload: dict[str, Any]) -> None:
        wanted = str(((payload or {}).get("transition") or {}).get("id", ""))
        for transition in self.transitions(key):
            if transition["id"] == wanted:
                self._apply(self.find(key), {"status": self.status(transition["name"])}, self.user)
                return
        raise ApiError(400, [f"Transition id '{wanted}' is not valid for this issue."])

    # --- links -----------------------------------------------------------------------------------
    def link(self, payload: dict[str, Any]) -> None:
        wanted = payload.get("type") or {}
        link_type = next(
            (t for t in catalog.LINK_TYPES if t["name"] == wanted.get("name") or t["id"] == wanted.get("id")), None
        )
        if link_type is None:
            raise ApiError(404, [f"No issue link type with name '{wanted.get('name')}' found."])
        inward = self.find(
            (payload.get("inwardIssue") or {}).get("key") or (payload.get("inwardIssue") or {}).get("id") or ""
        )
        outward = self.find(
            (payload.get("outwardIssue") or {}).get("key") or (payload.get("outwardIssue") or {}).get("id") or ""
        )
        link_id = str(next(self.link_ids))  # Jira does not refuse a second identical link: callers must check
        self.links[link_id] = {
            "id": link_id,
            "type": copy.deepcopy(link_type),
            "inward": inward["key"],
            "outward": outward["key"],
        }

    def unlink(self, link_id: str) -> None:
        if link_id not in self.links:
            raise ApiError(404, [f"No issue link with id '{link_id}' exists."])
        del self.links[link_id]

    def issue_links(self, key: str) -> list[dict[str, Any]]:
        out = []
        for link in self.links.values():
            kind = {**link["type"], "self": self.url(f"issueLinkType/{link['type']['id']}")}
            base = {"id": link["id"], "self": self.url(f"issueLink/{link['id']}"), "type": kind}
            if link["inward"] == key:  # this issue blocks the outward one
                out.append({**base, "outwardIssue": self.brief(self.issues[link["outward"]])})
            if link["outward"] == key:
                out.append({**base, "inwardIssue": self.brief(self.issues[link["inward"]])})
        return out

    # --- reading ---------------------------------------------------------------------------------
    def render(
        self, issue: dict[str, Any], fields: list[str] | None, expand: str | None, version: str = "2"
    ) -> dict[str, Any]:
        every = {**issue["fields"], "issuelinks": self.issue_links(issue["key"])}
        if fields is None or "*all" in fields or "*navigable" in fields:
            chosen = every
        else:
            chosen = {name: every.get(name) for name in fields if name in every or name in self.field_ids}
        chosen = copy.deepcopy(chosen)
        if version == "3" and isinstance(chosen.get("description"), str):
            chosen["description"] = adf(chosen["description"])
        out = {
            "expand": "renderedFields,names,schema,operations,editmeta,changelog",
            "id": issue["id"],
            "self": self.url(f"issue/{issue['id']}"),
            "key": issue["key"],
            "fields": chosen,
        }
        if expand and "changelog" in expand:
            histories = issue["histories"]
            embedded = histories if self.mode == "server" else histories[-self.changelog_embed :]
            out["changelog"] = {
                "startAt": len(histories) - len(embedded),
                "maxResults": len(embedded),
                "total": len(histories),
                "histories": copy.deepcopy(embedded),
            }
        return out

    def changelog(self, key: str, start: int, size: int) -> dict[str, Any]:
        histories = self.find(key)["histories"]
        size = max(1, min(size or 100, 100))
        page = histories[start : start + size]
        return {
            "self": self.url(f"issue/{key}/changelog?startAt={start}&maxResults={size}"),
            "maxResults": size,
            "startAt": start,
            "total": len(histories),
            "isLast": start + len(page) >= len(histories),
            "values": copy.deepcopy(page),
        }

    def _values(self, issue: dict[str, Any], name: str) -> list[str] | None:
        f = issue["fields"]
        if name == "project":
            return [self.project["key"], self.project["id"], self.project["name"]]
        if name in ("key", "issuekey", "id"):
            return [issue["key"], issue["id"]]
        if name == "labels":
            return list(f.get("labels") or [])
        if name in ("issuetype", "type"):
            return [f["issuetype"]["name"], f["issuetype"]["id"]]
        if name == "status":
            return [f["status"]["name"]]
        if name == "parent" and self.mode == "cloud":
            return [f["parent"]["key"]] if f.get("parent") else []
        if name == "summary":
            return [f.get("summary") or ""]
        return None

    def search(self, jql: str, *, cloud_endpoint: bool) -> list[dict[str, Any]]:
        try:
            query = parse(jql)
        except JqlError as exc:
            raise ApiError(400, [str(exc)]) from None
        if cloud_endpoint and not query.bounded:
            raise ApiError(
                400, ["Unbounded JQL queries are not allowed here. Please add a search restriction to your query."]
            )
        match = matcher(query, self._values)
        now = time.time()
        try:
            found = [i for i in self.issues.values() if i["indexed_at"] <= now and match(i)]
        except JqlError as exc:
            raise ApiError(400, [str(exc)]) from None
        descending = any(desc for name, desc in query.order if name in ("key", "created", "id"))
        found.sort(key=lambda i: int(i["key"].rsplit("-", 1)[1]), reverse=descending)
        return found
