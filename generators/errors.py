"""The toolkit's error hierarchy: every failure a user can cause derives from `FanzoneError`.

A pure helper below every layer: any layer may raise these; only the CLI (and the MkDocs plugin) turn them
into an exit code and one message, in one place (`generators.cli.main`).
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_FAILED = 1  # invalid input or failed operation
EXIT_USAGE = 2  # usage error (Typer/Click's own code)


class FanzoneError(Exception):
    """A failure caused by input or environment: shown as one message, exit code `code`, never a traceback."""

    code: int = EXIT_FAILED

    def __init__(self, message: str, code: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code

    def __str__(self) -> str:
        return self.message


class InputError(FanzoneError):
    """The project's files are invalid (located findings are printed before it is raised)."""


class ConfigError(FanzoneError):
    """A setting, option or environment variable is wrong."""


class ToolError(FanzoneError):
    """An external tool the toolkit runs (PlantUML, git, Chromium, a site engine) is missing or failed."""
