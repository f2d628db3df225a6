"""Located findings (`file:line: ID: message`) and their severities: what every check reports.

Kept light (no model): `fanzone validate` shows a remembered outcome without importing the models."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

# an id the line can show where the ID goes: one that holds a colon or a control character (a line break) would
# make `file:line: ID: message` ambiguous; such an id is shown as `-`, then quoted at the message's end
_SHOWN_AS_IS = re.compile(r"[^:\x00-\x1f\x7f]+")


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
        if not self.id or _SHOWN_AS_IS.fullmatch(self.id):
            return f"{self.file}:{self.line}: {self.id or '-'}: {prefix}{self.message}"
        return f"{self.file}:{self.line}: -: {prefix}{self.message} (id {self.id!r})"

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
