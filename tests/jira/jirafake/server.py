"""HTTP front of the fake Jira: the REST endpoints the sync uses, authentication, a request log, injected
latency and faults (429 with Retry-After, 5xx, connection resets, answers lost after the work was done)."""

from __future__ import annotations

import base64
import json
import re
import socket
import struct
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from . import catalog
from .log import Fault, Request, Reset
from .store import Store
from .wire import ApiError, page_token, read_token


class _QuietServer(ThreadingHTTPServer):
    """A client that hangs up (the toolkit gives up on an HTML answer) is normal here, not a traceback."""

    def handle_error(self, request, client_address) -> None:  # type: ignore[no-untyped-def]
        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)


class FakeJira:
    def __init__(
        self,
        mode: str = "cloud",
        *,
        email: str = "pm@fanzone.tv",
        token: str = "cloud-token-7d1f2c9a",
        pat: str = "server-pat-4b8e0f51",
        latency: float = 0.0,
        search_cap: int = 100,
        changelog_embed: int = 100,
    ) -> None:
        self.mode = mode
        self.email, self.token, self.pat = email, token, pat
        self.latency = latency
        self.search_cap = search_cap
        self.faults: list[Fault] = []
        self.requests: list[Request] = []
        self.forbidden: set[str] = set()  # "create", "update", "link"
        self._log_lock = threading.Lock()
        self.httpd = _QuietServer(("127.0.0.1", 0), _handler(self))
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.store = Store(mode, self.url, changelog_embed=changelog_embed)
        self._thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def start(self) -> FakeJira:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    # --- test helpers ----------------------------------------------------------------------------
    def env(self) -> dict[str, str]:
        if self.mode == "cloud":
            return {"JIRA_URL": self.url, "JIRA_EMAIL": self.email, "JIRA_API_TOKEN": self.token}
        return {"JIRA_URL": self.url, "JIRA_PAT": self.pat}

    def add_fault(self, action: str, path: str = ".*", **kwargs: Any) -> Fault:
        fault = Fault(action, path, **kwargs)
        self.faults.append(fault)
        return fault

    def reset_log(self) -> None:
        with self._log_lock:
            self.requests.clear()

    def count(self, method: str | None = None, path: str = ".*", writes: bool | None = None) -> int:
        with self._log_lock:
            return sum(
                1
                for r in self.requests
                if (method is None or r.method == method)
                and re.search(path, r.path)
                and (writes is None or r.write == writes)
            )

    def issues_by_label(self, label: str) -> list[dict[str, Any]]:
        return [i for i in self.store.issues.values() if label in i["fields"]["labels"]]

    def _fault_for(self, method: str, path: str) -> Fault | None:
        with self._log_lock:
            for fault in self.faults:
                if fault.times > 0 and fault.matches(method, path):
                    fault.seen += 1
                    if fault.seen <= fault.skip:
                        continue
                    fault.times -= 1
                    return fault
        return None


def _handler(fake: FakeJira) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            self._serve("GET")

        def do_POST(self) -> None:
            self._serve("POST")

        def do_PUT(self) -> None:
            self._serve("PUT")

        def do_DELETE(self) -> None:
            self._serve("DELETE")

        # --- plumbing ----------------------------------------------------------------------------
        def _reset(self) -> None:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
            self.close_connection = True

        def _send(self, status: int, body: Any = None, headers: dict[str, str] | None = None) -> None:
            data = b"" if body is None else json.dumps(body).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json;charset=UTF-8")
            self.send_header("Content-Length", str(len(data)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)

        def _send_text(self, status: int, text: str, content_type: str) -> None:
            data = text.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", f"{content_type};charset=UTF-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _authorised(self, path: str) -> bool:
            header = self.headers.get("Authorization")
            if header is None:
                return path.endswith("/serverInfo")
            if fake.mode == "cloud" and header.startswith("Basic "):
                try:
                    user, _, secret = base64.b64decode(header[6:]).decode().partition(":")
                except ValueError:
                    return False
                return user == fake.email and secret == fake.token
            if fake.mode == "server" and header.lower().startswith("bearer "):
                return header[7:] == fake.pat
            return False

        def _serve(self, method: str) -> None:
            started = time.time()
            parts = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            entry = Request(method, parts.path, parts.query, 0, started)
            with fake._log_lock:
                fake.requests.append(entry)
            if fake.latency:
                time.sleep(fake.latency)
            fault = fake._fault_for(method, parts.path)
            try:
                if fault and fault.action == "reset":
                    entry.status = "reset"
                    raise Reset
                if fault and fault.action == "html":  # a web page, not Jira, answering 200
                    entry.status = 200
                    self._send_text(200, "<!DOCTYPE html><html><body><h1>Welcome</h1></body></html>", "text/html")
                    return
                if fault and fault.action == "echo":  # a proxy or server that shows the request it received
                    entry.status = fault.status
                    echoed = "".join(f"{name}: {value}\n" for name, value in self.headers.items())
                    if fault.status < 500:
                        self._send(fault.status, {"errorMessages": [f"Bad request. Request was: {echoed}"]})
                    else:
                        self._send_text(fault.status, f"Bad gateway. Request was:\n{echoed}", "text/plain")
                    return
                if fault and fault.action in ("429", "500", "502", "503"):
                    status = int(fault.action)
                    headers = {"Retry-After": fault.retry_after} if fault.retry_after and status in (429, 503) else {}
                    entry.status = status
                    message = "Rate limit exceeded." if status == 429 else "Internal server error"
                    self._send(status, {"errorMessages": [message], "errors": {}}, headers)
                    return
                if not self._authorised(parts.path):
                    entry.status = 401
                    self._send(
                        401,
                        {
                            "errorMessages": [
                                "You are not authenticated. Authentication required to perform this operation."
                            ],
                            "errors": {},
                        },
                    )
                    return
                try:
                    body = json.loads(raw) if raw else None
                except ValueError:
                    body = None
                entry.body = body
                with fake.store.lock:
                    status, answer, headers = self._route(method, parts.path, parse_qs(parts.query), body)
                entry.status = status
                if fault and fault.action in ("drop", "kill"):
                    entry.status = f"{fault.action} after {status}"
                    if fault.callback is not None:
                        fault.callback()
                    raise Reset
                self._send(status, answer, headers)
            except Reset:
                self._reset()
            except ApiError as exc:
                entry.status = exc.status
                self._send(exc.status, exc.body)
            finally:
                entry.end = time.time()

        # --- routes ------------------------------------------------------------------------------
        def _route(self, method: str, path: str, query: dict[str, list[str]], body: Any) -> tuple[int, Any, dict]:
            store = fake.store
            match = re.match(r"^/rest/api/(2|3|latest)/(.*)$", path)
            if not match:
                raise ApiError(404, ["Not found"])
            version = "2" if match.group(1) == "latest" else match.group(1)
            route = match.group(2).rstrip("/")
            q = {name: values[-1] for name, values in query.items()}

            def fields_param(default: list[str] | None) -> list[str] | None:
                values = query.get("fields")
                if values is None:
                    return default
                return [v for value in values for v in value.split(",") if v]

            if route == "serverInfo" and method == "GET":
                return 200, catalog.server_info(fake.mode, fake.url), {}
            if route == "field" and method == "GET":
                return 200, store.fields, {}
            if route == "status" and method == "GET":
                return 200, catalog.STATUSES, {}
            if route == "priority" and method == "GET":
                return 200, catalog.PRIORITIES, {}
            if route == "issuetype" and method == "GET":
                return 200, catalog.ISSUE_TYPES, {}
            if route == "issueLinkType" and method == "GET":
                return 200, {"issueLinkTypes": catalog.LINK_TYPES}, {}
            found = re.match(r"^project/([^/]+)$", route)
            if found and method == "GET":
                if found.group(1) not in (store.project["key"], store.project["id"]):
                    raise ApiError(404, [f"No project could be found with key '{found.group(1)}'."])
                return (
                    200,
                    {
                        **store.project,
                        "self": store.url(f"project/{store.project['id']}"),
                        "projectTypeKey": "software",
                        "issueTypes": catalog.ISSUE_TYPES,
                    },
                    {},
                )
            if route == "issue/bulk" and method == "POST":
                self._check("create")
                status, answer = store.bulk(body or {}, version)
                return status, answer, {}
            if route == "issue" and method == "POST":
                self._check("create")
                return 201, store.create(body or {}, version), {}
            found = re.match(r"^issue/([^/]+)/transitions$", route)
            if found and method == "GET":
                return 200, {"expand": "transitions", "transitions": store.transitions(found.group(1))}, {}
            if found and method == "POST":
                self._check("update")
                store.do_transition(found.group(1), body or {})
                return 204, None, {}
            found = re.match(r"^issue/([^/]+)/changelog$", route)
            if found and method == "GET":
                if fake.mode != "cloud":
                    raise ApiError(404, ["Not found"])
                return 200, store.changelog(found.group(1), int(q.get("startAt", 0)), int(q.get("maxResults", 100))), {}
            found = re.match(r"^issue/([^/]+)$", route)
            if found and method == "GET":
                issue = store.find(found.group(1))
                return 200, store.render(issue, fields_param(None), q.get("expand"), version), {}
            if found and method == "PUT":
                self._check("update")
                store.update(found.group(1), body or {}, version)
                return 204, None, {}
            if route == "issueLink" and method == "POST":
                self._check("link")
                store.link(body or {})
                return 201, None, {}
            found = re.match(r"^issueLink/([^/]+)$", route)
            if found and method == "DELETE":
                self._check("link")
                store.unlink(found.group(1))
                return 204, None, {}
            if route == "search/jql" and method in ("GET", "POST"):
                if fake.mode != "cloud":
                    raise ApiError(404, ["Not found"])
                params = body if method == "POST" else {**q, "fields": fields_param(["id"])}
                return 200, self._search_jql(params or {}, version), {}
            if route == "search" and method in ("GET", "POST"):
                if fake.mode == "cloud":
                    raise ApiError(
                        410,
                        [
                            "The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. "
                            "A full migration guideline is available at "
                            "https://developer.atlassian.com/changelog/#CHANGE-2046"
                        ],
                    )
                params = body if method == "POST" else {**q, "fields": fields_param(["*navigable"])}
                return 200, self._search_server(params or {}, version), {}
            raise ApiError(404, ["Not found"])

        def _check(self, action: str) -> None:
            if action in fake.forbidden:
                messages = {
                    "create": "You do not have permission to create issues in this project.",
                    "update": "You do not have permission to edit issues in this project.",
                    "link": "You do not have permission to link issues in this project.",
                }
                raise ApiError(403, [messages[action]])

        def _search_jql(self, params: dict[str, Any], version: str) -> dict[str, Any]:
            jql = str(params.get("jql") or "")
            fields = params.get("fields") or ["id"]
            if isinstance(fields, str):
                fields = [f for f in fields.split(",") if f]
            only_ids = set(fields) <= {"id", "key"}
            cap = 5000 if only_ids else fake.search_cap
            size = max(1, min(int(params.get("maxResults") or 50), cap))
            found = fake.store.search(jql, cloud_endpoint=True)
            start = read_token(params["nextPageToken"], jql) if params.get("nextPageToken") else 0
            page = found[start : start + size]
            out: dict[str, Any] = {
                "issues": [fake.store.render(i, fields, params.get("expand"), version) for i in page]
            }
            last = start + size >= len(found)
            if not last:
                out["nextPageToken"] = page_token(start + size, jql)
            out["isLast"] = last
            return out

        def _search_server(self, params: dict[str, Any], version: str) -> dict[str, Any]:
            jql = str(params.get("jql") or "")
            fields = params.get("fields") or ["*navigable"]
            if isinstance(fields, str):
                fields = [f for f in fields.split(",") if f]
            expand = params.get("expand")
            if isinstance(expand, list):
                expand = ",".join(expand)
            size = max(0, min(int(params.get("maxResults") or 50), 1000))
            start = int(params.get("startAt") or 0)
            found = fake.store.search(jql, cloud_endpoint=False)
            page = found[start : start + size]
            return {
                "expand": "schema,names",
                "startAt": start,
                "maxResults": size,
                "total": len(found),
                "issues": [fake.store.render(i, fields, expand, version) for i in page],
            }

    return Handler
