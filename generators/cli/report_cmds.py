"""`fanzone report gantt|kanban|burndown`: terminal view by default, or a file with --format."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import Any

import typer
from rich.console import Console

from ..load.atomic import atomic_write
from ..load.git_history import read_status_history
from ..model import Backlog
from ..plan import Schedule, schedule, today_for
from ..plan.export import schedule_document
from ..reports import charts
from ..reports.filters import StoryFilter
from .common import UserError, dump_json, err_console, load_or_exit, project_root, write_output

report_app = typer.Typer(
    name="report",
    help="Planning reports: Gantt, Kanban, burndown and flow metrics (terminal, xlsx, svg, md, json).",
    no_args_is_help=True,
    rich_markup_mode=None,
)


class ReportFormat(StrEnum):
    TERMINAL = "terminal"
    XLSX = "xlsx"
    SVG = "svg"
    MD = "md"
    JSON = "json"


def _parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from exc


FORMAT = typer.Option(ReportFormat.TERMINAL, "--format", "-f", help="terminal (default), xlsx, svg, md or json.")
OUTPUT = typer.Option(
    None, "--output", "-o", metavar="FILE", help="File to write (xlsx and svg default to fanzone-<report>.<ext>)."
)
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


class _Context:
    def __init__(
        self, ctx: typer.Context, epic: list[str] | None, assignee: str | None, sprint: int | None, today: Any
    ) -> None:
        self.root = project_root(ctx)
        self.backlog: Backlog = load_or_exit(self.root, quiet_warnings=True)
        known = [e.id for e in self.backlog.epics]
        for epic_id in epic or []:
            if epic_id not in known:
                raise UserError(f"--epic: unknown epic {epic_id} (known: {', '.join(known) or 'none'})")
        self.filter = StoryFilter(tuple(epic or ()), assignee, sprint)
        self.plan: Schedule = schedule(self.backlog, today_for(self.backlog.project, today, clock=dt.date.today))


def _console(needed: int = 0) -> Console:
    console = Console(highlight=False)
    if not console.is_terminal and needed > console.width:
        console = Console(highlight=False, width=needed)
    return console


def _write_bytes(data: bytes, output: Path) -> None:
    atomic_write(output, data)
    err_console.print(f"wrote {output}")


@report_app.command()
def gantt(
    ctx: typer.Context,
    fmt: ReportFormat = FORMAT,
    output: Path | None = OUTPUT,
    epic: list[str] | None = EPIC,
    assignee: str | None = ASSIGNEE,
    sprint: int | None = SPRINT,
    today: str | None = TODAY,
) -> None:
    """Forecast Gantt: phases, epics (stories with a filter), milestones with slip reasons, critical path."""
    from ..reports.gantt_rows import gantt_rows

    c = _Context(ctx, epic, assignee, sprint, today)
    if fmt is ReportFormat.TERMINAL:
        from ..reports.gantt_term import gantt_renderable

        _console(170).print(gantt_renderable(c.backlog, c.plan, c.filter))
    elif fmt is ReportFormat.XLSX:
        from ..reports.gantt_xlsx import write_gantt_xlsx

        target = output or Path("fanzone-gantt.xlsx")
        write_gantt_xlsx(c.backlog, c.plan, target, c.filter)
        err_console.print(f"wrote {target}")
    elif fmt is ReportFormat.SVG:
        rows = gantt_rows(c.backlog, c.plan, c.filter, with_stories=c.filter.active)
        _write_bytes(charts.gantt_svg(rows, c.plan.today), output or Path("fanzone-gantt.svg"))
    elif fmt is ReportFormat.MD:
        from ..reports.planning_md import planning_markdown

        write_output(planning_markdown(c.backlog, c.plan, downloads=None, story_filter=c.filter), output)
    else:
        document = schedule_document(c.plan)
        if c.filter.active:
            keep = {s.id for s in c.backlog.stories if c.filter.matches(s, c.backlog, c.plan)}
            document["stories"] = [s for s in document["stories"] if s["id"] in keep]
            epics = {s["epic"] for s in document["stories"]}
            document["epics"] = [e for e in document["epics"] if e["id"] in epics]
        write_output(dump_json(document), output)


@report_app.command()
def kanban(
    ctx: typer.Context,
    fmt: ReportFormat = FORMAT,
    output: Path | None = OUTPUT,
    epic: list[str] | None = EPIC,
    assignee: str | None = ASSIGNEE,
    sprint: int | None = SPRINT,
    today: str | None = TODAY,
) -> None:
    """Kanban board: a column per declared status, a swimlane per epic, WIP limits and breaches."""
    from ..reports.kanban import build_board

    c = _Context(ctx, epic, assignee, sprint, today)
    board = build_board(c.backlog, c.plan, c.filter)
    if fmt is ReportFormat.TERMINAL:
        from ..reports.kanban_views import board_renderable

        _console(40 + 30 * len(board.columns)).print(board_renderable(board))
    elif fmt is ReportFormat.XLSX:
        from ..reports.kanban_xlsx import write_kanban_xlsx

        target = output or Path("fanzone-kanban.xlsx")
        write_kanban_xlsx(board, target)
        err_console.print(f"wrote {target}")
    elif fmt is ReportFormat.SVG:
        raise UserError("the Kanban board has no svg format: use terminal, xlsx, md or json")
    elif fmt is ReportFormat.MD:
        from ..reports.kanban_views import board_html

        write_output(f"# Kanban\n\n{board_html(board)}", output)
    else:
        document = {
            "as_of": c.plan.today.isoformat(),
            "filter": board.description,
            "columns": [
                {"name": col.name, "category": col.category, "wip_limit": col.wip_limit, "count": col.count}
                | {"points": col.points, "breach": col.breach}
                for col in board.columns
            ],
            "lanes": [
                {
                    "epic": lane.epic,
                    "title": lane.title,
                    "cards": {name: [vars(card) for card in cards] for name, cards in lane.cards.items()},
                }
                for lane in board.lanes
            ],
        }
        write_output(dump_json(document), output)


@report_app.command()
def burndown(
    ctx: typer.Context,
    fmt: ReportFormat = FORMAT,
    output: Path | None = OUTPUT,
    epic: list[str] | None = EPIC,
    assignee: str | None = ASSIGNEE,
    sprint: int | None = SPRINT,
    today: str | None = TODAY,
) -> None:
    """Burndown/burnup per sprint and for the release, cumulative flow, cycle time, throughput, ageing WIP.

    History comes from backlog/history.json (Jira pull), else from the git history of backlog/.
    """
    from ..reports.flow import flow_report
    from ..reports.flow_views import NO_HISTORY, flow_markdown, flow_renderable

    c = _Context(ctx, epic, assignee, None, today)
    history, findings = read_status_history(c.root)
    if findings:
        raise UserError("; ".join(str(f) for f in findings))
    if history is None:
        if fmt in (ReportFormat.XLSX, ReportFormat.SVG):
            raise UserError("no status history: neither backlog/history.json nor git history of backlog/")
        if fmt is ReportFormat.JSON:
            write_output(dump_json({"history": None, "message": NO_HISTORY}), output)
        elif fmt is ReportFormat.MD:
            write_output(f"# Burndown et flux\n\n{NO_HISTORY}\n", output)
        else:
            _console().print(NO_HISTORY)
        return
    ids = None
    if c.filter.epics or c.filter.assignee:
        ids = {s.id for s in c.backlog.stories if c.filter.matches(s, c.backlog)}
    report = flow_report(c.backlog, history, c.plan, ids)
    if sprint is not None and not any(s.number == sprint for s in report.sprints) and fmt is not ReportFormat.TERMINAL:
        raise UserError(f"--sprint: sprint {sprint} has not started by {c.plan.today} or has no story")
    if fmt is ReportFormat.TERMINAL:
        _console().print(flow_renderable(report, c.plan, sprint))
    elif fmt is ReportFormat.XLSX:
        from ..reports.burndown_xlsx import burndown_workbook
        from ..reports.xlsx_kit import save

        target = output or Path("fanzone-burndown.xlsx")
        save(burndown_workbook(report), target)
        err_console.print(f"wrote {target}")
    elif fmt is ReportFormat.SVG:
        if sprint is not None:
            data = charts.sprint_burndown_svg(next(s for s in report.sprints if s.number == sprint))
        else:
            data = charts.burnup_svg(report, c.plan)
        _write_bytes(data, output or Path("fanzone-burndown.svg"))
    elif fmt is ReportFormat.MD:
        write_output(f"# Burndown et flux\n\n{flow_markdown(report, c.plan)}", output)
    else:
        write_output(dump_json(_flow_json(report)), output)


def _flow_json(report: Any) -> dict[str, Any]:
    days = [d.isoformat() for d in report.days]
    return {
        "as_of": report.today.isoformat(),
        "source": report.source,
        "release": {"days": days, "scope": report.scope, "done": report.done, "remaining": report.remaining},
        "sprints": [
            {
                "number": s.number,
                "name": s.name,
                "total": s.total,
                "stories": s.stories,
                "days": [d.isoformat() for d in s.days],
                "remaining": s.remaining,
                "ideal": s.ideal,
            }
            for s in report.sprints
        ],
        "cfd": {"days": days, "statuses": report.cfd},
        "cycle_times": [
            {"story": c.story, "started": c.started.isoformat(), "finished": c.finished.isoformat(), "days": c.days}
            for c in report.cycle_times
        ],
        "percentiles": {str(k): v for k, v in report.percentiles.items()},
        "throughput": [{"week": w.isoformat(), "stories": n, "points": p} for w, n, p in report.throughput],
        "ageing_wip": [
            {"story": a.story, "status": a.status, "since": a.started.isoformat(), "age_days": a.age}
            for a in report.ageing
        ],
        "without_history": report.without_history,
    }


def register(app: typer.Typer) -> None:
    app.add_typer(report_app, name="report")
