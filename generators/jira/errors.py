"""User-facing failures of the Jira sync, and redaction of secrets from any text we show."""

from __future__ import annotations

from ..errors import FanzoneError
from .secrets import redact, register_secret

__all__ = ["JiraSyncError", "MaybeApplied", "redact", "register_secret"]


class JiraSyncError(FanzoneError):
    """A failure the user can fix: one message naming the fix, exit code 1, never a traceback."""

    def __init__(self, message: str, code: int = 1, status: int | None = None) -> None:
        super().__init__(redact(message), code)
        self.status = status  # the HTTP status behind it, when there was one


class MaybeApplied(Exception):
    """A write whose answer was lost (dropped connection, 5xx): it may or may not have been applied."""

    def __init__(self, what: str, reason: str) -> None:
        super().__init__(f"{what}: {reason}")
        self.what = what
        self.reason = reason
