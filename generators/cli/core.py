"""Core commands: validate, schema, export (one sub-command per export of the outputs registry)."""

# no `from __future__ import annotations`: Typer reads the export enum from the signature

from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from ..errors import FanzoneError
from ..escape.terminal import terminal
from ..outputs import get, outputs, resolve
from .common import console, dump_json, err_console, print_findings, project_context, project_root

if TYPE_CHECKING:
    from ..context import ProjectContext
    from ..model import Backlog, Finding


def validate(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help="Print the findings as JSON on stdout."),
    strict: bool = typer.Option(False, "--strict", help="Treat warnings as errors."),
) -> None:
    """Load and check the backlog, mockups and specs; print located findings; exit 1 on any error.

    When no file under backlog/, mockups/ or specs/ changed since the last run (nor the day, the git tags or the
    toolkit), its outcome is shown again without loading anything (`validate_cache`)."""
    from . import validate_cache

    root = project_root(ctx)
    key = validate_cache.inputs_key(root)  # before anything is read: an edit while loading is seen next time
    outcome = validate_cache.last_outcome(root, key)
    if outcome is None:
        outcome = _validate(root)
        validate_cache.remember(root, key, outcome)
    _show(outcome, as_json=as_json, strict=strict)


def _validate(root: Path) -> dict:
    """The findings of loading the project (errors, warnings, infos, as dicts) and, when valid, its counts."""
    from ..load import load_backlog

    result = load_backlog(root)
    if result.backlog is not None:  # sign-off checks (stale and suspect approvals) are warnings
        from .version_cmds import approval_warnings

        result.warnings = sorted(result.warnings + approval_warnings(result.backlog), key=lambda f: f.sort_key())
    b = result.backlog
    counts = None
    if b is not None:
        counts = {"epics": len(b.epics), "stories": len(b.stories), "personas": len(b.personas)}
        counts |= {"screens": len(b.screens), "rules": len(b.rules)}
    return {
        "errors": [f.as_dict() for f in result.errors],
        "warnings": [f.as_dict() for f in result.warnings],
        "infos": [f.as_dict() for f in result.infos],
        "counts": counts,
    }


def _show(outcome: dict, *, as_json: bool, strict: bool) -> None:
    from ..findings import Finding, Severity

    def findings(name: str) -> "list[Finding]":
        return [
            Finding(d["file"], d["line"], d["id"], d["message"], Severity(d["severity"]), d["code"])
            for d in outcome[name]
        ]

    errors, warnings, infos = findings("errors"), findings("warnings"), findings("infos")
    located = sorted(errors + warnings, key=Finding.sort_key)
    failed = bool(errors) or (strict and bool(warnings))
    if as_json:
        typer.echo(
            dump_json(
                {
                    "ok": not failed,
                    "errors": len(errors),
                    "warnings": len(warnings),
                    "infos": len(infos),
                    "findings": [f.as_dict() for f in located],
                    "info_findings": [f.as_dict() for f in infos],
                }
            ),
            nl=False,
        )
    else:
        print_findings(located)
        for line in info_summary(infos):
            err_console.print(terminal(line, "cyan"))
        counts = outcome["counts"]
        if counts is not None and not failed:
            console.print(
                f"[green]ok[/]: {counts['epics']} epics, {counts['stories']} stories, "
                f"{counts['personas']} personas, {counts['screens']} screens, {counts['rules']} rules; "
                f"{len(warnings)} warning(s), {len(infos)} info(s)"
            )
        else:
            err_console.print(f"{len(errors)} error(s), {len(warnings)} warning(s)", style="bold red")
    if failed:
        raise typer.Exit(1)


def info_summary(infos: "list[Finding]", examples: int = 3) -> list[str]:
    """Info-level findings summed up, one line per message (they never fail a command, not even --strict)."""
    ids: dict[str, list[str]] = {}
    for finding in infos:
        ids.setdefault(finding.message, []).append(finding.id or "-")
    lines = []
    for message, found in ids.items():
        shown = ", ".join(found[:examples]) + (", …" if len(found) > examples else "")
        lines.append(f"info: {len(found)} × {message} ({shown})")
    return lines


def schema(
    output: Path | None = typer.Option(
        None,
        "--output",
        "-o",
        help="Write one <kind>.schema.json file per kind into this folder instead of printing one document.",
    ),
) -> None:
    """Print the JSON Schemas of the YAML files (project, persona, epic, screen) under $defs."""
    from ..model.schema import FILE_KINDS, all_schemas, file_schema

    if output is None:
        typer.echo(dump_json(all_schemas()), nl=False)
        return
    if output.exists() and not output.is_dir():
        raise FanzoneError(f"--output: {output} exists and is not a folder")
    output.mkdir(parents=True, exist_ok=True)
    for kind in FILE_KINDS:
        path = output / f"{kind}.schema.json"
        path.write_text(dump_json(file_schema(kind)), encoding="utf-8")
        err_console.print(terminal(f"wrote {path}"))


class ExportRun:
    """What every export handler gets: the command's one project context (root, backlog, schedule)."""

    def __init__(self, ctx: typer.Context, baseline: str | None = None) -> None:
        self.baseline = baseline  # `export pdf --baseline NAME`: that version's dossier
        self.ctx = ctx

    @cached_property
    def root(self) -> Path:
        """The project's folder (a baseline's dossier needs only this: the working tree is never loaded)."""
        return project_root(self.ctx)

    @cached_property
    def project(self) -> "ProjectContext":
        """The working tree's project, loaded and validated (exit 1 on errors) on first use."""
        return project_context(self.ctx)

    @property
    def backlog(self) -> "Backlog":
        return self.project.backlog


ExportKind = StrEnum("ExportKind", {o.name.upper(): o.name for o in outputs("export")})  # type: ignore[misc]


def export(
    ctx: typer.Context,
    kind: ExportKind = typer.Argument(  # type: ignore[valid-type]
        ...,
        metavar="KIND",
        help="; ".join(f"{o.name}: {o.help.rstrip('.')}" for o in outputs("export")) + ".",
    ),
    output: Path | None = typer.Option(
        None,
        "--output",
        "-o",
        help="File to write (default: "
        + ", ".join(
            f"{o.name} to {f.default_file}" if f.default_file else f"{o.name} to stdout"
            for o in outputs("export")
            for f in o.formats
        )
        + ").",
    ),
    baseline: str | None = typer.Option(
        None,
        "--baseline",
        help="pdf only: the dossier of that baseline (its committed tree, its changes since the previous "
        "baseline), default file fanzone-specification-NAME.pdf.",
    ),
) -> None:
    """Export the resolved backlog: JSON (with the schedule), Jira CSV importer file, Excel workbook, PDF dossier."""
    chosen = get("export", kind.value)  # type: ignore[attr-defined]
    if baseline is not None and chosen.name != "pdf":
        raise typer.BadParameter("--baseline applies to `fanzone export pdf` only", param_hint="--baseline")
    fmt = chosen.formats[0]
    resolve(fmt.target)(ExportRun(ctx, baseline), output, fmt)


def register(app: typer.Typer) -> None:
    app.command()(validate)
    app.command()(schema)
    app.command()(export)
