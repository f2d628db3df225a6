"""`fanzone report forecast`: the Monte Carlo forecast, with its own options (window, trials, seed, points, --by).

The format choices and the help come from the outputs registry like the other reports; the work is done by
the handlers the registry names (`forecast_outputs.py`), imported when the command runs.
"""

# no `from __future__ import annotations`: Typer reads the format enum from the signature

import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import Any

import typer

from ..outputs import Output, resolve
from .report_cmds import BASELINE, TODAY, _format_help, _parse_date

BY = typer.Option(
    None, "--by", callback=_parse_date, metavar="YYYY-MM-DD", help="Also say how many stories are done by this date."
)


class ForecastRun:
    """What the forecast handlers get: the project context (backlog, schedule, history) and the options."""

    def __init__(self, ctx: typer.Context, today: Any, baseline: str | None = None, **options: Any) -> None:
        from ..context import ProjectContext
        from .common import load_or_exit, project_root

        root = project_root(ctx)
        self.context = ProjectContext(
            root, load_or_exit(root, quiet_warnings=True), today=today, clock=dt.date.today, baseline=baseline
        )
        self.baseline = baseline  # the one named on the command line (None: the last one, if any)
        if baseline is not None:
            _ = self.context.baseline_plan  # an unknown baseline fails here, before anything is written
        self.options = options


def forecast_command(output: Output) -> Any:
    fmt_enum = StrEnum("ForecastFormat", {n.upper(): n for n in output.format_names})  # type: ignore[misc]

    def forecast(
        ctx: typer.Context,
        fmt: fmt_enum = typer.Option(  # type: ignore[valid-type]
            output.format_names[0], "--format", "-f", help=_format_help(output)
        ),
        output_file: Path | None = typer.Option(None, "--output", "-o", metavar="FILE", help="File to write."),
        window: int = typer.Option(8, "--window", "-w", min=1, max=104, metavar="WEEKS", help="History window."),
        trials: int = typer.Option(10_000, "--trials", min=100, max=1_000_000, help="Number of simulated trials."),
        seed: int = typer.Option(20_250_704, "--seed", min=0, help="Random seed: same inputs, same dates."),
        points: bool = typer.Option(False, "--points", help="Count story points instead of stories."),
        by: str | None = BY,
        today: str | None = TODAY,
        baseline: str | None = BASELINE,
    ) -> None:
        chosen = output.format(fmt.value)  # type: ignore[attr-defined]
        run = ForecastRun(ctx, today, baseline, weeks=window, trials=trials, seed=seed, points=points, by=by)
        resolve(chosen.target)(run, output_file, chosen)

    forecast.__doc__ = output.help
    return forecast
