"""Version commands: `baseline list|create`, `diff`, `approve`."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from .. import outputs
from .common import UserError, console, err_console, load_or_exit, project_root

if TYPE_CHECKING:
    from ..model import Backlog

# The model, the loader and the versions package are imported inside the commands: `fanzone --help` loads none.

baseline_app = typer.Typer(help="Named versions of the whole project (annotated git tags).", no_args_is_help=True)


def _current(root: Path) -> Backlog | None:
    from ..load import load_backlog

    return load_backlog(root).backlog


@baseline_app.command("list")
def baseline_list(ctx: typer.Context) -> None:
    """List the baselines, oldest first: name, date, author, note."""
    from ..versions.git import VersionError
    from ..versions.sides import baselines, tag_prefix

    root = project_root(ctx)
    try:
        found = baselines(root, tag_prefix(_current(root)))
    except VersionError as exc:
        raise UserError(str(exc)) from exc
    if not found:
        err_console.print('no baseline yet: create one with `fanzone baseline create v1.0 --note "…"`')
        return
    from rich.table import Table

    from ..versions.render import terminal

    table = Table(show_edge=False)
    for column in ("name", "date", "author", "note"):
        table.add_column(column)
    for b in found:
        table.add_row(terminal(b.name), b.date, terminal(b.author), terminal(b.note))
    console.print(table)


@baseline_app.command("create")
def baseline_create(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="Baseline name, e.g. v1.0 (tagged with the project's prefix)."),
    note: str = typer.Option("", "--note", "-m", help="What this version is (shown by `baseline list`)."),
) -> None:
    """Tag the committed project as a baseline; refuses uncommitted changes and an invalid backlog."""
    from ..versions import baselines as baseline_ops
    from ..versions.git import VersionError
    from ..versions.sides import tag_prefix

    root = project_root(ctx)
    backlog = load_or_exit(root, quiet_warnings=True)
    try:
        made = baseline_ops.create(root, tag_prefix(backlog), name, note)
    except VersionError as exc:
        raise UserError(str(exc)) from exc
    err_console.print(f"created baseline {made.name} (tag {made.tag}, commit {made.commit[:12]})", markup=False)


DIFF = outputs.get("", "diff")
DiffFormat = StrEnum("DiffFormat", {name.upper(): name for name in DIFF.format_names})  # type: ignore[misc]


@dataclass(frozen=True)
class DiffRun:
    """What the diff's output handlers get (the outputs registry's `(run, output, fmt)` convention)."""

    document: dict[str, Any]
    summary: dict[str, Any]


def compare(root: Path, old: str | None, new: str | None) -> tuple[dict, dict]:
    """(diff document, re-estimation summary) between two versions; default: last baseline to working tree."""
    from ..versions.sides import paused_gc

    with paused_gc():
        return _compare(root, old, new)


def _compare(root: Path, old: str | None, new: str | None) -> tuple[dict, dict]:
    from ..kinds import KINDS
    from ..versions.diff import diff as diff_snapshots
    from ..versions.git import VersionError
    from ..versions.reestimate import reestimation
    from ..versions.sides import baselines, side, tag_prefix

    current = _current(root)
    prefix = tag_prefix(current)
    try:
        if old is None:
            found = baselines(root, prefix)
            if not found:
                raise VersionError("no baseline to compare with: create one with `fanzone baseline create v1.0`")
            old = found[-1].name
        before = side(root, old, prefix, current, KINDS)
        after = side(root, new, prefix, current, KINDS)
    except VersionError as exc:
        raise UserError(str(exc)) from exc
    return diff_snapshots(before, after, KINDS), reestimation(before, after)


def diff(
    ctx: typer.Context,
    old: str | None = typer.Argument(
        None, metavar="[FROM]", help="Baseline or git revision (default: the last baseline)."
    ),
    new: str | None = typer.Argument(
        None, metavar="[TO]", help="Baseline or git revision (default: the working tree)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the diff as JSON."),
    fmt: DiffFormat = typer.Option(  # type: ignore[valid-type]
        DIFF.format_names[0], "--format", "-f", help=", ".join(DIFF.format_names) + "."
    ),
    output: Path | None = typer.Option(None, "--output", "-o", help="File to write (json, md)."),
) -> None:
    document, summary = compare(project_root(ctx), old, new)
    chosen = DIFF.format("json" if as_json else fmt.value)  # type: ignore[attr-defined]
    outputs.resolve(chosen.target)(DiffRun(document, summary), output, chosen)


diff.__doc__ = DIFF.help


def approve(
    ctx: typer.Context,
    target: str = typer.Argument(
        ..., metavar="ID|PAGE", help="An object id (E01-S02, FO-connexion...) or a spec page."
    ),
    by: str = typer.Option(..., "--by", help="Who approves (name)."),
    role: str = typer.Option(..., "--role", help="Their role (Product Owner, Pixodeo...)."),
) -> None:
    """Record a sign-off of an object's current content in backlog/approvals.yaml (commit the file)."""
    from ..kinds import KINDS
    from ..versions import approvals
    from ..versions.git import VersionError
    from ..versions.sides import baselines, tag_prefix

    root = project_root(ctx)
    backlog = load_or_exit(root, quiet_warnings=True)
    try:
        found = baselines(root, tag_prefix(backlog))
    except VersionError:
        found = []
    try:
        record = approvals.approve(root, backlog, KINDS, target, by, role, found[-1].name if found else None)
    except VersionError as exc:
        raise UserError(str(exc)) from exc
    since = f", baseline {record['baseline']}" if record["baseline"] else ""
    err_console.print(
        f"approved {record['id']} by {record['by']} ({record['role']}) on {record['date']}{since}: "
        f"wrote {approvals.APPROVALS_FILE}",
        markup=False,
    )


def approval_warnings(backlog: Backlog) -> list:  # type: ignore[type-arg]
    """Stale, suspect and dangling approvals, as warnings for `fanzone validate`."""
    from ..versions import APPROVALS_FILE

    if not (Path(backlog.root) / APPROVALS_FILE).is_file():
        return []  # nothing signed off: nothing to check (and no YAML writer, git or snapshot to load)
    from ..kinds import KINDS
    from ..versions import approvals

    return approvals.findings(backlog, KINDS)


def register(app: typer.Typer) -> None:
    app.add_typer(baseline_app, name="baseline")
    app.command()(diff)
    app.command()(approve)
