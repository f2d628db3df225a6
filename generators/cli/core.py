"""Core commands: validate, schema, export."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from ..exports.json_export import backlog_document, to_json
from ..load import load_backlog
from ..model.schema import FILE_KINDS, all_schemas, file_schema
from .common import UserError, console, dump_json, err_console, load_or_exit, print_findings, project_root, write_output


def validate(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help="Print the findings as JSON on stdout."),
    strict: bool = typer.Option(False, "--strict", help="Treat warnings as errors."),
) -> None:
    """Load and check the backlog, mockups and specs; print located findings; exit 1 on any error."""
    root = project_root(ctx)
    result = load_backlog(root)
    failed = bool(result.errors) or (strict and bool(result.warnings))
    if as_json:
        typer.echo(
            dump_json(
                {
                    "ok": not failed,
                    "errors": len(result.errors),
                    "warnings": len(result.warnings),
                    "findings": [f.as_dict() for f in result.findings],
                }
            ),
            nl=False,
        )
    else:
        print_findings(result.findings)
        if result.backlog is not None and not failed:
            b = result.backlog
            console.print(
                f"[green]ok[/]: {len(b.epics)} epics, {len(b.stories)} stories, "
                f"{len(b.personas)} personas, {len(b.screens)} screens, {len(b.rules)} rules; "
                f"{len(result.warnings)} warning(s)"
            )
        else:
            err_console.print(f"{len(result.errors)} error(s), {len(result.warnings)} warning(s)", style="bold red")
    if failed:
        raise typer.Exit(1)


def schema(
    output: Path | None = typer.Option(
        None,
        "--output",
        "-o",
        help="Write one <kind>.schema.json file per kind into this folder instead of printing one document.",
    ),
) -> None:
    """Print the JSON Schemas of the YAML files (project, persona, epic, screen) under $defs."""
    if output is None:
        typer.echo(dump_json(all_schemas()), nl=False)
        return
    if output.exists() and not output.is_dir():
        raise UserError(f"--output: {output} exists and is not a folder")
    output.mkdir(parents=True, exist_ok=True)
    for kind in FILE_KINDS:
        path = output / f"{kind}.schema.json"
        path.write_text(dump_json(file_schema(kind)), encoding="utf-8")
        err_console.print(f"wrote {path}")


CSV_IMPORT_ROWS = 1500  # what Jira's CSV importer handles comfortably in one file


class ExportFormat(StrEnum):
    JSON = "json"
    CSV = "csv"
    XLSX = "xlsx"


def export(
    ctx: typer.Context,
    fmt: ExportFormat = typer.Argument(..., metavar="json|csv|xlsx", help="What to export."),
    output: Path | None = typer.Option(None, "--output", "-o", help="File to write (stdout for json when absent)."),
) -> None:
    """Export the resolved backlog: JSON (with the schedule), Jira CSV importer file, Excel workbook."""
    backlog = load_or_exit(project_root(ctx), quiet_warnings=True)
    if fmt is ExportFormat.JSON:
        write_output(to_json(export_document(backlog)), output)
        return
    if fmt is ExportFormat.CSV:
        from ..exports.jira_csv import csv_text

        write_output(csv_text(backlog), output)
        rows = len(backlog.epics) + len(backlog.stories)
        if rows > CSV_IMPORT_ROWS:
            err_console.print(
                f"warning: {rows} issues; Jira's CSV importer handles about {CSV_IMPORT_ROWS} rows a file: "
                "import by epic (`fanzone jira push` has no such limit)",
                style="yellow",
            )
        return
    from ..exports.workbook import write_backlog_workbook

    target = output or Path("fanzone-backlog.xlsx")
    write_backlog_workbook(backlog, target)
    err_console.print(f"wrote {target}")


def export_document(backlog):  # type: ignore[no-untyped-def]
    """The JSON export; the planning layer adds the schedule to it when available."""
    document = backlog_document(backlog)
    try:
        from ..plan.export import add_schedule
    except ImportError:  # planning layer not installed in this build
        return document
    return add_schedule(document, backlog)


def register(app: typer.Typer) -> None:
    app.command()(validate)
    app.command()(schema)
    app.command()(export)
