"""Retry policy and error translation. The retrying itself is urllib3's `Retry`, mounted on the session (see
`transport.py`): 429 and 503 wait exactly `Retry-After`, 5xx and dropped connections back off, POSTs are never
repeated blindly (a write whose answer was lost raises `MaybeApplied` so the caller can look before retrying)."""

from __future__ import annotations

import json
import os
import random
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

from .errors import JiraSyncError, MaybeApplied, redact

T = TypeVar("T")
Kind = Literal["rate", "server", "connection", "client"]

DEFAULT_TOTAL_TIMEOUT = 300.0  # seconds a whole command may spend talking to Jira (FANZONE_JIRA_TIMEOUT)
NOT_JIRA = "this URL does not answer like Jira"


@dataclass
class RetryPolicy:
    max_attempts: int = 6  # per request: the first try and five retries
    base_delay: float = 0.5  # seconds, doubled at each retry of a 5xx or dropped connection
    max_delay: float = 30.0
    max_retry_after: float = 600.0  # a longer Retry-After is reported instead of waited for
    settle_delays: tuple[float, ...] = (0.5, 1.0, 2.0, 4.0)  # search index lag allowed for after a lost create
    total_timeout: float = DEFAULT_TOTAL_TIMEOUT  # the whole command
    request_timeout: tuple[float, float] = (10.0, 60.0)  # connect, read: each request
    sleep: Callable[[float], None] = time.sleep
    notify: Callable[[str], None] = field(default=lambda message: None)
    jitter: bool = True

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> RetryPolicy:
        """`FANZONE_JIRA_TIMEOUT` bounds a command's time with Jira (seconds); `FANZONE_JIRA_BACKOFF_SCALE`
        scales backoff and settle delays (never Retry-After), for tests."""
        env = os.environ if env is None else env
        scale = max(0.0, _number(env, "FANZONE_JIRA_BACKOFF_SCALE", 1.0))
        total = _number(env, "FANZONE_JIRA_TIMEOUT", DEFAULT_TOTAL_TIMEOUT)
        if total <= 0:
            raise JiraSyncError(f"FANZONE_JIRA_TIMEOUT: {total:g} is not a positive number of seconds")
        base = cls()
        return cls(
            base_delay=base.base_delay * scale,
            max_delay=base.max_delay * max(scale, 0.01),
            settle_delays=tuple(d * scale for d in base.settle_delays),
            total_timeout=total,
        )

    def backoff(self, attempt: int) -> float:
        delay = min(self.max_delay, self.base_delay * 2 ** (attempt - 1))
        return delay * random.uniform(0.8, 1.0) if self.jitter else delay


def _number(env: Mapping[str, str], name: str, default: float) -> float:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        return float(raw)
    except ValueError:
        raise JiraSyncError(f"{name}: {raw!r} is not a number of seconds") from None


@dataclass
class Failure:
    kind: Kind
    status: int | None
    detail: str
    headers: Mapping[str, str]

    def describe(self) -> str:
        if self.status is None:
            return f"connection failed: {self.detail}"
        return f"HTTP {self.status}" + (f": {self.detail}" if self.detail else "")


def error_detail(response: Any) -> str:
    """Jira's own error text (errorMessages, errors), short and without secrets."""
    if response is None:
        return ""
    messages: list[str] = []
    try:
        data = response.json()
    except (ValueError, AttributeError):
        data = None
    if isinstance(data, dict):
        for message in data.get("errorMessages") or []:
            messages.append(str(message))
        errors = data.get("errors")
        if isinstance(errors, dict):
            messages.extend(f"{name}: {message}" for name, message in errors.items())
        if not messages and data.get("message"):
            messages.append(str(data["message"]))
    elif getattr(response, "text", ""):
        text = " ".join(str(response.text).split())
        if not text.lstrip().startswith("<"):
            messages.append(text)
    detail = "; ".join(messages) or str(getattr(response, "reason", "") or "")
    return redact(detail[:400])


def classify(exc: BaseException) -> Failure | None:
    """What went wrong, or None when `exc` is not an HTTP or connection failure."""
    from requests import exceptions as rex

    if isinstance(exc, rex.ConnectionError | rex.Timeout | rex.ChunkedEncodingError):
        return Failure("connection", None, type(exc).__name__, {})
    status = getattr(exc, "status_code", None)
    if type(exc).__name__ != "JIRAError" or status is None:
        return None
    response = getattr(exc, "response", None)
    headers = dict(getattr(response, "headers", None) or {})
    detail = error_detail(response)
    if status == 429:
        return Failure("rate", status, detail, headers)
    if status >= 500:
        return Failure("server", status, detail, headers)
    return Failure("client", status, detail or redact(str(getattr(exc, "text", "") or "")), headers)


def http_error(failure: Failure, what: str, hints: Mapping[int, str] | None = None) -> JiraSyncError:
    """A user-facing error for a 4xx answer, naming the fix."""
    hints = hints or {}
    status = failure.status or 0
    detail = f" ({failure.detail})" if failure.detail else ""
    if status == 401:
        fix = hints.get(
            401,
            "check JIRA_EMAIL and JIRA_API_TOKEN (Jira Cloud: create a token at "
            "https://id.atlassian.com/manage-profile/security/api-tokens) or JIRA_PAT (Server/Data Center); "
            "an expired or revoked token gives this answer too",
        )
        return JiraSyncError(f"{what}: Jira rejected the credentials (401 Unauthorized){detail}: {fix}", status=401)
    if status == 403:
        if "AUTHENTICATION_DENIED" in str(failure.headers.get("X-Seraph-LoginReason", "")):
            fix = "too many failed logins: log in once in a browser to clear the CAPTCHA, then retry"
        else:
            fix = hints.get(
                403,
                "the Jira user lacks a permission: ask a Jira administrator for Browse projects, Create issues, "
                "Edit issues and Link issues in this project",
            )
        return JiraSyncError(f"{what}: Jira refused the operation (403 Forbidden){detail}: {fix}", status=403)
    if status == 404:
        fix = hints.get(404, "check the Jira URL (JIRA_URL or jira.url) and jira.project in backlog/project.yaml")
        return JiraSyncError(f"{what}: not found in Jira (404){detail}: {fix}", status=404)
    if status == 410:
        fix = hints.get(
            410, "this endpoint was removed from Jira Cloud; set `deployment: cloud` under jira: in project.yaml"
        )
        return JiraSyncError(f"{what}: Jira answered 410 Gone{detail}: {fix}", status=410)
    fix = hints.get(status, hints.get(400, ""))
    message = f"{what}: Jira rejected the request (HTTP {status}){detail}" + (f": {fix}" if fix else "")
    return JiraSyncError(message, status=status)


def call(
    fn: Callable[[], T],
    what: str,
    policy: RetryPolicy,
    *,
    write: bool = False,
    hints: Mapping[int, str] | None = None,
) -> T:
    """Run one request (urllib3 has already retried what was safe to retry) and translate its failure: a 4xx
    names the fix, a write that may have been applied raises `MaybeApplied`, anything else gives up."""
    try:
        return fn()
    except JiraSyncError:
        raise
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:  # HTML or nothing where Jira sends JSON
        raise JiraSyncError(
            f"{what}: {NOT_JIRA} (its answer is not JSON: {type(exc).__name__}): check JIRA_URL or jira.url in "
            "backlog/project.yaml (the site's address, e.g. https://fanzone.atlassian.net)"
        ) from None
    except Exception as exc:
        failure = classify(exc)
        if failure is None:
            raise
        if failure.kind == "client":
            raise http_error(failure, what, hints) from None
        if write and failure.kind in ("connection", "server"):
            raise MaybeApplied(what, failure.describe()) from None
        raise JiraSyncError(
            f"{what}: Jira still failing after {policy.max_attempts} attempts ({failure.describe()}); try again later"
        ) from None
