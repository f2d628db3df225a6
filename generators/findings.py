"""Located findings (`file:line: ID: message`) and their severities: what every check reports.

Kept light (no model): `fanzone validate` shows a remembered outcome without importing the models."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"  # worth knowing, never fails a command (not even --strict)


@dataclass(frozen=True, slots=True)
class Finding:
    """One located problem, printed as `file:line: ID: message`."""

    file: str
    line: int
    id: str
    message: str
    severity: Severity = Severity.ERROR
    code: str = "invalid"

    def __str__(self) -> str:
        prefix = "" if self.severity is Severity.ERROR else f"{self.severity.value}: "
        return f"{self.file}:{self.line}: {self.id or '-'}: {prefix}{self.message}"

    def sort_key(self) -> tuple[str, int, str, str]:
        return (self.file, self.line, self.id, self.message)

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "id": self.id,
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
        }


__all__ = ["Finding", "Severity"]
