"""The report handlers the outputs registry names ("generators.cli.report_outputs:<report>_<format>").

Each takes (run, output, fmt): the `ReportRun` (project context, backlog, filter, schedule), the --output path
(or None) and the registry's `Format` (its default file name). Heavy libraries are imported here, when a report runs.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from rich.console import Console

from ..errors import FanzoneError
from ..escape.terminal import terminal
from ..load.atomic import atomic_write
from ..outputs import Format
from .common import dump_json, err_console, write_output


def _console(needed: int = 0) -> Console:
    """The terminal; output sent to a file or a pipe is `needed` columns wide, unless COLUMNS says otherwise."""
    console = Console(highlight=False, emoji=False)
    if not console.is_terminal and "COLUMNS" not in os.environ and needed > console.width:
        console = Console(highlight=False, emoji=False, width=needed)
    return console


def _target(output: Path | None, fmt: Format) -> Path:
    assert fmt.default_file is not None
    return output or Path(fmt.default_file)


def _write_bytes(data: bytes, output: Path) -> None:
    atomic_write(output, data)
    err_console.print(terminal(f"wrote {output}"))


# --- gantt -----------------------------------------------------------------------------------------------
def gantt_terminal(run: Any, output: Path | None, fmt: Format) -> None:
    from ..reports.gantt_term import gantt_renderable

    _console(170).print(gantt_renderable(run.backlog, run.plan, run.filter, run.project.baseline_plan))


def gantt_xlsx(run: Any, output: Path | None, fmt: Format) -> None:
    from ..reports.gantt_xlsx import write_gantt_xlsx

    target = _target(output, fmt)
    write_gantt_xlsx(run.backlog, run.plan, target, run.filter, run.project.baseline_plan)
    err_console.print(terminal(f"wrote {target}"))


def gantt_svg(run: Any, output: Path | None, fmt: Format) -> None:
    from ..reports import charts
    from ..reports.gantt_rows import gantt_rows

    baseline = run.project.baseline_plan
    rows = gantt_rows(run.backlog, run.plan, run.filter, with_stories=run.filter.active, baseline=baseline)
    _write_bytes(charts.gantt_svg(rows, run.plan.today, baseline), _target(output, fmt))


def gantt_md(run: Any, output: Path | None, fmt: Format) -> None:
    from ..reports.planning_md import planning_markdown

    write_output(
        planning_markdown(
            run.backlog, run.plan, downloads=None, story_filter=run.filter, baseline=run.project.baseline_plan
        ),
        output,
    )


def gantt_json(run: Any, output: Path | None, fmt: Format) -> None:
    from ..plan.export import schedule_document

    document = schedule_document(run.plan)
    if run.filter.active:
        keep = {s.id for s in run.backlog.stories if run.filter.matches(s, run.backlog, run.plan)}
        document["stories"] = [s for s in document["stories"] if s["id"] in keep]
        epics = {s["epic"] for s in document["stories"]}
        document["epics"] = [e for e in document["epics"] if e["id"] in epics]
    baseline = run.project.baseline_plan
    if baseline is not None:
        document["baseline"] = baseline.as_json()
    write_output(dump_json(document), output)


# --- kanban ----------------------------------------------------------------------------------------------
def _board(run: Any) -> Any:
    from ..reports.kanban import build_board

    return build_board(run.backlog, run.plan, run.filter)


def kanban_terminal(run: Any, output: Path | None, fmt: Format) -> None:
    from ..reports.kanban_views import board_renderable
    from ..reports.scope_views import scope_sentence

    board = _board(run)
    console = _console(40 + 30 * len(board.columns))
    console.print(terminal(scope_sentence(run.plan)))
    console.print(board_renderable(board))


def kanban_xlsx(run: Any, output: Path | None, fmt: Format) -> None:
    from ..reports.kanban_xlsx import write_kanban_xlsx

    target = _target(output, fmt)
    write_kanban_xlsx(_board(run), target, run.plan)
    err_console.print(terminal(f"wrote {target}"))


def kanban_md(run: Any, output: Path | None, fmt: Format) -> None:
    from ..reports.kanban_views import board_html

    write_output(f"# Kanban\n\n{board_html(_board(run))}", output)


def kanban_json(run: Any, output: Path | None, fmt: Format) -> None:
    board = _board(run)
    document = {
        "as_of": run.plan.today.isoformat(),
        "scope": run.plan.scope.as_dict(),
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


# --- burndown --------------------------------------------------------------------------------------------
def _flow(run: Any, fmt: Format) -> Any:
    """The flow report, or None without status history (xlsx and svg need one: a user error)."""
    from ..reports.flow import flow_report

    history, findings = run.project.history
    if findings:
        raise FanzoneError("; ".join(str(f) for f in findings))
    if history is None:
        if fmt.default_file:  # a file format: nothing to draw
            raise FanzoneError("no status history: neither backlog/history.json nor git history of backlog/")
        return None
    ids = None
    if run.filter.epics or run.filter.assignee:
        ids = {s.id for s in run.backlog.stories if run.filter.matches(s, run.backlog)}
    report = flow_report(run.backlog, history, run.plan, ids)
    if run.sprint is not None and fmt.name != "terminal" and not any(s.number == run.sprint for s in report.sprints):
        raise FanzoneError(f"--sprint: sprint {run.sprint} has not started by {run.plan.today} or has no story")
    return report


def burndown_terminal(run: Any, output: Path | None, fmt: Format) -> None:
    from ..reports.flow_views import NO_HISTORY, flow_renderable
    from ..reports.scope_views import scope_sentence

    report = _flow(run, fmt)
    console = _console()
    console.print(terminal(scope_sentence(run.plan)))
    console.print(NO_HISTORY if report is None else flow_renderable(report, run.plan, run.sprint))


def burndown_xlsx(run: Any, output: Path | None, fmt: Format) -> None:
    from ..reports.burndown_xlsx import burndown_workbook
    from ..reports.xlsx_kit import save

    report = _flow(run, fmt)
    target = _target(output, fmt)
    save(burndown_workbook(report, run.plan), target)
    err_console.print(terminal(f"wrote {target}"))


def burndown_svg(run: Any, output: Path | None, fmt: Format) -> None:
    from ..reports import charts

    report = _flow(run, fmt)
    if run.sprint is not None:
        data = charts.sprint_burndown_svg(next(s for s in report.sprints if s.number == run.sprint))
    else:
        data = charts.burnup_svg(report, run.plan)
    _write_bytes(data, _target(output, fmt))


def burndown_md(run: Any, output: Path | None, fmt: Format) -> None:
    from ..reports.flow_views import NO_HISTORY, flow_markdown

    report = _flow(run, fmt)
    body = f"{NO_HISTORY}\n" if report is None else flow_markdown(report, run.plan)
    write_output(f"# Burndown et flux\n\n{body}", output)


def burndown_json(run: Any, output: Path | None, fmt: Format) -> None:
    from ..reports.flow_views import NO_HISTORY

    report = _flow(run, fmt)
    if report is None:
        write_output(dump_json({"history": None, "message": NO_HISTORY}), output)
        return
    days = [d.isoformat() for d in report.days]
    document = {
        "as_of": report.today.isoformat(),
        "scope": run.plan.scope.as_dict(),
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
    write_output(dump_json(document), output)
