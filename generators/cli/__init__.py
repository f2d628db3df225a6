"""Layer 5: the `fanzone` command line (Typer + Rich). Thin: parse options, call the layers, print."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import typer

from . import core
from .common import UserError, err_console

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


core.register(app)
for _name in ("site_cmds", "report_cmds", "jira_cmds"):
    try:
        _module = __import__(f"{__name__}.{_name}", fromlist=["register"])
    except ModuleNotFoundError as _exc:  # a command group not built yet
        if _exc.name != f"{__name__}.{_name}":
            raise
        continue
    _module.register(app)


def main() -> None:
    """Console entry point: user errors become one message and exit 1, never a traceback."""
    try:
        app(standalone_mode=True)
    except UserError as exc:
        err_console.print(f"error: {exc.message}", style="bold red", markup=False)
        sys.exit(exc.code)
    except KeyboardInterrupt:
        err_console.print("interrupted", style="red")
        sys.exit(130)
    except Exception as exc:  # last resort: keep the traceback for developers only
        if os.environ.get("FANZONE_DEBUG"):
            raise
        err_console.print(
            f"error: {type(exc).__name__}: {exc} (set FANZONE_DEBUG=1 for details)", style="bold red", markup=False
        )
        sys.exit(1)
