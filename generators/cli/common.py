"""What every command shares: consoles, the root folder, loading with located findings.

Kept light (no model, no loader at import time) so that `fanzone --help` starts fast.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from ..errors import FanzoneError
from ..escape.terminal import terminal

if TYPE_CHECKING:
    import datetime as dt

    from rich.console import Console

    from ..context import ProjectContext
    from ..model import Backlog, Finding


class _LazyConsole:
    """A Rich console made on first use: `fanzone --help` does not import Rich."""

    def __init__(self, **options: Any) -> None:
        self._options = options
        self._console: Console | None = None

    def _get(self) -> Console:
        if self._console is None:
            from rich.console import Console

            self._console = Console(**self._options)
        return self._console

    def __getattr__(self, name: str) -> Any:
        return getattr(self._get(), name)


console: Console = _LazyConsole(highlight=False, soft_wrap=True, emoji=False)  # type: ignore[assignment]
err_console: Console = _LazyConsole(stderr=True, highlight=False, soft_wrap=True, emoji=False)  # type: ignore[assignment]

UserError = FanzoneError  # the CLI's user errors are the toolkit's: mapped to exit codes in `generators.cli.main`


def project_root(ctx: typer.Context | None = None) -> Path:
    root = None
    if ctx is not None and ctx.obj:
        root = ctx.obj.get("root")
    root = Path(root or os.environ.get("FANZONE_ROOT") or ".")
    if not root.is_dir():
        raise FanzoneError(f"--root: {root} is not a folder")
    return root.resolve()


def print_findings(findings: list[Finding]) -> None:
    for finding in findings:
        style = "yellow" if finding.severity.value == "warning" else "red"
        err_console.print(terminal(finding, style))


def load_or_exit(root: Path, *, strict: bool = False, quiet_warnings: bool = False) -> Backlog:
    """Load the backlog; print located findings and exit 1 if it is invalid."""
    from ..load import load_backlog

    result = load_backlog(root)
    failing = result.errors + (result.warnings if strict else [])
    if failing:
        print_findings(result.findings)
        n_err, n_warn = len(result.errors), len(result.warnings)
        err_console.print(f"{n_err} error(s), {n_warn} warning(s): the backlog is invalid", style="bold red")
        raise typer.Exit(1)
    if result.warnings and not quiet_warnings:
        print_findings(result.warnings)
    assert result.backlog is not None
    return result.backlog


def project_context(
    ctx: typer.Context | None, today: dt.date | None = None, baseline: str | None = None
) -> ProjectContext:
    """The command's one project context: the backlog loaded (or exit 1), schedule and history on first use;
    `baseline`: the one the plan is compared with (default: the last one)."""
    from ..context import ProjectContext

    root = project_root(ctx)
    return ProjectContext(root, load_or_exit(root, quiet_warnings=True), today=today, baseline=baseline)


def write_output(text: str, output: Path | None) -> None:
    """Print to stdout, or write atomically to a file."""
    if output is None:
        typer.echo(text, nl=False)
        return
    from ..load.atomic import atomic_write

    atomic_write(output, text)
    err_console.print(terminal(f"wrote {output}"))


def dump_json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"
