"""The fake Jira's request log and the faults a test injects."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass
class Fault:
    """Applies to the requests matching `method` and the `path` regex: lets `skip` through, then acts `times`."""

    action: str  # "429" | "500" | "502" | "503" | "reset" | "drop" | "kill" | "html" | "echo"
    path: str = ".*"
    method: str | None = None
    times: int = 1
    skip: int = 0
    retry_after: str | None = "1"
    callback: Callable[[], None] | None = None  # "kill": called after the work is done, before the (lost) answer
    status: int = 502  # "echo": the status of the answer that echoes the request headers (as a broken proxy does)
    seen: int = 0

    def matches(self, method: str, path: str) -> bool:
        return (self.method is None or self.method == method) and re.search(self.path, path) is not None


@dataclass
class Request:
    method: str
    path: str
    query: str
    status: int | str
    start: float
    end: float = 0.0
    body: Any = None

    @property
    def write(self) -> bool:
        return self.method in ("PUT", "DELETE") or (self.method == "POST" and "/search" not in self.path)


class Reset(Exception):
    pass
