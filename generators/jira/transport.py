"""The HTTP layer under the `jira` library: urllib3's `Retry` mounted on the session, a time budget for the whole
command and per-request timeouts. A failure names the call that was waiting (method and path, never a header)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from requests import PreparedRequest, Session
from requests.adapters import HTTPAdapter
from requests.exceptions import RequestException
from urllib3.util.retry import Retry

from .errors import JiraSyncError
from .retry import RetryPolicy

IDEMPOTENT = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
SERVER_ERRORS = (500, 502, 503, 504)
SEARCH_PATHS = ("rest/api/2/search", "rest/api/3/search", "rest/api/latest/search")  # POST reads: retried too


@dataclass
class Budget:
    """The time a command may spend with Jira, from the client's creation."""

    total: float
    started: float = field(default_factory=time.monotonic)

    def remaining(self) -> float:
        return self.total - (time.monotonic() - self.started)

    def exceeded(self, waiting_for: str) -> JiraSyncError:
        return JiraSyncError(
            f"Jira did not answer within {self.total:g} s (waiting for {waiting_for}): check the network or Jira's "
            "status page and try again; FANZONE_JIRA_TIMEOUT sets this limit (seconds)"
        )


def _call_name(method: str | None, url: str | None) -> str:
    return f"{(method or '?').upper()} {urlsplit(url or '').path or '/'}"


class JiraRetry(Retry):
    """urllib3's Retry, plus: a rate-limit answer (429, or 503 with Retry-After) is retried whatever the method (Jira
    did not process the request); Retry-After is honoured exactly but never beyond `max_retry_after` or the time
    budget; each wait is announced."""

    policy: RetryPolicy | None = None
    budget: Budget | None = None
    waiting_for: str = "?"

    def new(self, **kw: Any) -> JiraRetry:
        retry = super().new(**kw)
        retry.policy, retry.budget, retry.waiting_for = self.policy, self.budget, self.waiting_for
        return retry

    def is_retry(self, method: str, status_code: int, has_retry_after: bool = False) -> bool:
        if status_code == 429 or (status_code == 503 and has_retry_after):
            return bool(self.total)
        return super().is_retry(method, status_code, has_retry_after)

    def increment(self, method: str | None = None, url: str | None = None, *args: Any, **kwargs: Any) -> JiraRetry:
        retry = super().increment(method, url, *args, **kwargs)
        retry.waiting_for = _call_name(method, url)
        return retry

    def sleep(self, response: Any = None) -> None:
        delay = self.get_retry_after(response) if response is not None else None
        exact = delay is not None
        if delay is None:
            delay = self.get_backoff_time()
        policy = self.policy or RetryPolicy()
        if exact and delay > policy.max_retry_after:
            raise JiraSyncError(
                f"{self.waiting_for}: Jira asks to wait {delay:.0f} s (Retry-After); try again later"
            ) from None
        if self.budget is not None and delay >= self.budget.remaining():
            raise self.budget.exceeded(self.waiting_for)
        cause = f"HTTP {response.status}" if response is not None else "connection failed"
        policy.notify(f"{self.waiting_for}: {cause}; retrying in {delay:.1f} s")
        if delay > 0:
            time.sleep(delay)  # exactly Retry-After when Jira sent one


class BudgetAdapter(HTTPAdapter):
    """Caps every request's timeouts by the time left; past the budget, names the call that was waiting."""

    def __init__(self, retry: JiraRetry, budget: Budget, request_timeout: tuple[float, float]) -> None:
        self.budget = budget
        self.request_timeout = request_timeout
        super().__init__(max_retries=retry)

    def send(self, request: PreparedRequest, stream: bool = False, timeout: Any = None, **kwargs: Any) -> Any:
        waiting_for = _call_name(request.method, request.url)
        remaining = self.budget.remaining()
        if remaining <= 0:
            raise self.budget.exceeded(waiting_for)
        connect, read = self.request_timeout
        timeout = (min(connect, remaining), min(read, remaining))
        try:
            return super().send(request, stream=stream, timeout=timeout, **kwargs)
        except RequestException:
            if self.budget.remaining() <= 0.05:
                raise self.budget.exceeded(waiting_for) from None
            raise


def make_retry(policy: RetryPolicy, budget: Budget, methods: frozenset[str]) -> JiraRetry:
    retries = policy.max_attempts - 1
    retry = JiraRetry(
        total=retries,
        connect=retries,
        read=retries,
        status=retries,
        other=0,
        redirect=5,
        allowed_methods=methods,
        status_forcelist=SERVER_ERRORS,
        backoff_factor=policy.base_delay,
        backoff_max=policy.max_delay,
        backoff_jitter=policy.base_delay / 5 if policy.jitter else 0.0,
        respect_retry_after_header=True,
        raise_on_status=False,  # the last answer goes back to the caller, which names the failure
        raise_on_redirect=False,
    )
    retry.policy, retry.budget = policy, budget
    return retry


def mount(session: Session, url: str, policy: RetryPolicy, budget: Budget) -> None:
    """Retries and timeouts for every request to `url`; searches sent as POST are reads, so they retry too."""
    base = url.rstrip("/") + "/"
    session.mount(base, BudgetAdapter(make_retry(policy, budget, IDEMPOTENT), budget, policy.request_timeout))
    search = BudgetAdapter(make_retry(policy, budget, IDEMPOTENT | {"POST"}), budget, policy.request_timeout)
    for path in SEARCH_PATHS:
        session.mount(base + path, search)
