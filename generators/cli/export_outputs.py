"""The export handlers the outputs registry names ("generators.cli.export_outputs:export_<format>").

Each takes (run, output, fmt): the `ExportRun` (its project context), the --output path (or None) and the
registry's `Format`. Heavy libraries are imported here, when an export runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..escape.terminal import terminal
from ..outputs import Format
from .common import err_console, write_output

CSV_IMPORT_ROWS = 1500  # what Jira's CSV importer handles comfortably in one file


def export_document(project: Any) -> dict[str, Any]:
    """The JSON export of the command's project context; the planning layer adds its schedule to it."""
    from ..exports.json_export import backlog_document
    from ..plan.export import add_schedule

    return add_schedule(backlog_document(project.backlog), project.backlog, plan=project.schedule)


def export_json(run: Any, output: Path | None, fmt: Format) -> None:
    from ..exports.json_export import to_json

    write_output(to_json(export_document(run.project)), output)


def export_csv(run: Any, output: Path | None, fmt: Format) -> None:
    from ..exports.jira_csv import csv_text

    write_output(csv_text(run.backlog), output)
    rows = len(run.backlog.epics) + len(run.backlog.stories)
    if rows > CSV_IMPORT_ROWS:
        err_console.print(
            f"warning: {rows} issues; Jira's CSV importer handles about {CSV_IMPORT_ROWS} rows a file: "
            "import by epic (`fanzone jira push` has no such limit)",
            style="yellow",
            markup=False,
        )


def export_xlsx(run: Any, output: Path | None, fmt: Format) -> None:
    from ..exports.workbook import write_backlog_workbook

    target = output or Path(fmt.default_file or "fanzone-backlog.xlsx")
    write_backlog_workbook(run.project, target)
    err_console.print(terminal(f"wrote {target}"))
