"""A local Jira-compatible HTTP server for the tests and the benchmark (Cloud and Server/Data Center modes)."""

from .server import FakeJira, Fault, Request
from .store import ApiError, Store

__all__ = ["ApiError", "FakeJira", "Fault", "Request", "Store"]
