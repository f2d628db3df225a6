"""`fanzone report gantt|kanban|burndown|forecast`: one command per report of the outputs registry.

Terminal view by default, or a file with --format; the choices and --help come from `generators.outputs`,
the work from the handler each format names (`report_outputs.py`), imported only when it runs.
"""

# no `from __future__ import annotations`: Typer reads the per-command format enum from the signature

import datetime as dt
import inspect
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Any

import typer

from ..errors import FanzoneError
from ..outputs import Output, outputs, resolve
from .common import project_context

report_app = typer.Typer(
    name="report",
    help="Planning reports: " + ", ".join(f"{o.name} ({', '.join(o.format_names)})" for o in outputs("report")) + ".",
    no_args_is_help=True,
    rich_markup_mode=None,
)


def _parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from exc


EPIC = typer.Option(None, "--epic", "-e", metavar="ID", help="Only this epic (repeat for several).")
ASSIGNEE = typer.Option(
    None, "--assignee", "-a", metavar="NAME", help="Only stories assigned to this person ('-' for nobody)."
)
SPRINT = typer.Option(None, "--sprint", "-s", min=1, metavar="N", help="Only stories planned in this sprint.")
TODAY = typer.Option(
    None,
    "--today",
    callback=_parse_date,
    metavar="YYYY-MM-DD",
    help="Status date YYYY-MM-DD (default: project as_of, else today).",
)


BASELINE = typer.Option(
    None,
    "--baseline",
    "-b",
    metavar="NAME",
    help="Baseline whose dates the plan shows beside the forecast (default: the last one; none without tags).",
)
# the reports that show dates a baseline can be compared with; a Kanban board (statuses) and the burndown
# (the status history) have none: they do not take --baseline rather than ignore it
WITH_BASELINE = frozenset({"gantt", "forecast"})


class ReportRun:
    """What every report handler gets: the command's one project context, the filter (and the --sprint asked for).

    `backlog`, `plan` (the schedule) and `history` are the context's, computed once for the command.
    """

    def __init__(
        self,
        ctx: typer.Context,
        epic: list[str] | None,
        assignee: str | None,
        sprint: int | None,
        today: Any,
        *,
        sprint_filters: bool = True,
        baseline: str | None = None,
    ) -> None:
        from ..reports.filters import StoryFilter

        self.project = project_context(ctx, today, baseline)
        if baseline is not None:
            _ = self.project.baseline_plan  # an unknown baseline fails here, before anything is written
        self.root = self.project.root
        self.backlog = self.project.backlog
        known = [e.id for e in self.backlog.epics]
        for epic_id in epic or []:
            if epic_id not in known:
                raise FanzoneError(f"--epic: unknown epic {epic_id} (known: {', '.join(known) or 'none'})")
        self.sprint = sprint
        self.filter = StoryFilter(tuple(epic or ()), assignee, sprint if sprint_filters else None)

    @property
    def plan(self) -> Any:
        return self.project.schedule


def _format_help(output: Output) -> str:
    names = list(output.format_names)
    files = [f"{f.name} to {f.default_file}" for f in output.formats if f.default_file]
    text = f"{names[0]} (default)" + "".join(f", {n}" for n in names[1:])
    return text + (f"; without --output, {', '.join(files)}" if files else "") + "."


def _command(output: Output) -> Any:
    fmt_enum = StrEnum(f"{output.name.title()}Format", {n.upper(): n for n in output.format_names})  # type: ignore[misc]

    def command(
        ctx: typer.Context,
        fmt: fmt_enum = typer.Option(  # type: ignore[valid-type]
            output.format_names[0], "--format", "-f", help=_format_help(output)
        ),
        output_file: Path | None = typer.Option(None, "--output", "-o", metavar="FILE", help="File to write."),
        epic: list[str] | None = EPIC,
        assignee: str | None = ASSIGNEE,
        sprint: int | None = SPRINT,
        today: str | None = TODAY,
        baseline: str | None = BASELINE,
    ) -> None:
        chosen = output.format(fmt.value)  # type: ignore[attr-defined]
        # burndown: --sprint picks the sprint chart, it does not filter the stories
        run = ReportRun(ctx, epic, assignee, sprint, today, sprint_filters=output.name != "burndown", baseline=baseline)
        resolve(chosen.target)(run, output_file, chosen)

    chosen_command = command if output.name in WITH_BASELINE else _without_baseline(command)
    chosen_command.__doc__ = output.help
    chosen_command.__name__ = output.name
    return chosen_command


def _without_baseline(command: Callable[..., None]) -> Callable[..., None]:
    """The command without its --baseline option (a report that shows no dates does not take one)."""

    def without(**options: Any) -> None:
        command(**options, baseline=None)

    signature = inspect.signature(command)
    without.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=[p for p in signature.parameters.values() if p.name != "baseline"]
    )
    return without


def _forecast(output: Output) -> Any:
    from .forecast_cmd import forecast_command  # its own options (window, trials, seed, points, --by)

    return forecast_command(output)


for _output in outputs("report"):
    report_app.command(_output.name)(_forecast(_output) if _output.name == "forecast" else _command(_output))


def register(app: typer.Typer) -> None:
    app.add_typer(report_app, name="report")
