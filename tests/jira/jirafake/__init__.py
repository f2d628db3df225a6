"""A local Jira-compatible HTTP server for the tests and the benchmark (Cloud and Server/Data Center modes)."""

from .log import Fault, Request
from .server import FakeJira
from .store import Store
from .wire import ApiError

__all__ = ["ApiError", "FakeJira", "Fault", "Request", "Store"]
