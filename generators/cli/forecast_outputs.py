"""The forecast's handlers named by the outputs registry ("generators.cli.forecast_outputs:forecast_<format>").

Each takes (run, output, fmt): the `ForecastRun` (project context and options), the --output path (or None)
and the registry's `Format`. An unreadable status history is a user error (exit 1).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ..errors import FanzoneError
from ..escape.terminal import terminal
from ..load.atomic import atomic_write
from ..outputs import Format
from .common import dump_json, err_console, write_output


def _forecast(run: Any) -> Any:
    from ..plan.forecast import forecast

    ctx = run.context
    history, findings = ctx.history
    if findings:
        raise FanzoneError("; ".join(str(f) for f in findings))
    plan = ctx.schedule
    planned = plan.planned_sprints[-1].end if plan.planned_sprints else None
    return forecast(ctx.backlog, history, plan.today, planned_end=planned, **run.options)


def forecast_terminal(run: Any, output: Path | None, fmt: Format) -> None:
    from rich.console import Console

    from ..reports.forecast_terminal import forecast_renderable

    console = Console(highlight=False, emoji=False)
    if not console.is_terminal and "COLUMNS" not in os.environ and console.width < 120:
        console = Console(highlight=False, emoji=False, width=120)
    console.print(forecast_renderable(_forecast(run), run.context.baseline_plan))


def forecast_md(run: Any, output: Path | None, fmt: Format) -> None:
    from ..reports.forecast_md import forecast_markdown

    write_output(forecast_markdown(_forecast(run), baseline=run.context.baseline_plan), output)


def forecast_json(run: Any, output: Path | None, fmt: Format) -> None:
    from ..reports.forecast_json import forecast_document

    write_output(dump_json(forecast_document(_forecast(run), run.context.baseline_plan)), output)


def forecast_svg(run: Any, output: Path | None, fmt: Format) -> None:
    from ..reports.forecast_svg import forecast_svg as svg

    if run.baseline is not None:  # the charts are the release scope's; the baseline's dates are the milestones'
        raise FanzoneError("--baseline: the forecast's charts have no baseline date; use --format terminal, md or json")
    target = output or Path(fmt.default_file or "fanzone-forecast.svg")
    atomic_write(target, svg(_forecast(run)))
    err_console.print(terminal(f"wrote {target}"))
