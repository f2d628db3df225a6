"""Layer 5: the `fanzone` command line (Typer + Rich). Thin: parse options, call the layers, print.

Start-up is kept light: command modules import their libraries (matplotlib, openpyxl, jira, mkdocs, numpy)
inside the commands, so `fanzone --help` loads none of them. Every user-facing failure is a
`generators.errors.FanzoneError`, turned into one message and its exit code here, in `main`, and nowhere else.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import typer

from ..errors import EXIT_FAILED, FanzoneError
from ..escape.terminal import terminal
from ..gc_batch import skip_final_collection
from . import core, jira_cmds, report_cmds, site_cmds, version_cmds
from .common import err_console

DEBUG_ENV = "FANZONE_DEBUG"  # set (to anything) to get the traceback of any error, user errors included
EXIT_INTERRUPTED = 130

app = typer.Typer(
    name="fanzone",
    help="Fanzone TV backlog-as-code toolkit: validate the YAML backlog, build the site, report, sync with Jira.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


@app.callback()
def _root_option(
    ctx: typer.Context,
    root: Path | None = typer.Option(
        None, "--root", "-C", help="Project folder (default: current folder).", show_default=False
    ),
) -> None:
    ctx.obj = {"root": root}


for _module in (core, site_cmds, report_cmds, jira_cmds, version_cmds):
    _module.register(app)


def error_exit(exc: BaseException) -> tuple[int, str]:
    """The exit code and the one-line message for an exception that reached the top of a command."""
    if isinstance(exc, FanzoneError):
        return exc.code, f"error: {exc.message}"
    if isinstance(exc, KeyboardInterrupt):
        return EXIT_INTERRUPTED, "interrupted"
    return EXIT_FAILED, f"error: {type(exc).__name__}: {exc} (set {DEBUG_ENV}=1 for details)"


def main() -> None:
    """Console entry point: every error becomes one message and its exit code; a traceback only with FANZONE_DEBUG."""
    skip_final_collection()
    try:
        app(standalone_mode=True)
    except (Exception, KeyboardInterrupt) as exc:
        if os.environ.get(DEBUG_ENV):
            raise
        code, message = error_exit(exc)
        err_console.print(terminal(message, "bold red"))
        sys.exit(code)
