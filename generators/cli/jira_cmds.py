"""`fanzone jira plan|push|pull`: sync the backlog with Jira (credentials from the environment only)."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import TYPE_CHECKING, Any

import typer

from ..escape.terminal import terminal
from ..jira.retry import DEFAULT_TOTAL_TIMEOUT
from .common import console, err_console, load_or_exit, project_root

if TYPE_CHECKING:
    from rich.progress import Progress

EXIT_PENDING = 3

jira_app = typer.Typer(
    name="jira",
    help="Sync with Jira: plan (diff), push (apply), pull (workflow state back). Credentials: JIRA_EMAIL + "
    "JIRA_API_TOKEN (Cloud) or JIRA_PAT (Server/Data Center); JIRA_URL overrides jira.url; FANZONE_JIRA_TIMEOUT "
    f"bounds the time a command spends with Jira (seconds, default {DEFAULT_TOTAL_TIMEOUT:g}).",
    no_args_is_help=True,
    rich_markup_mode=None,
)


class Prefer(StrEnum):
    YAML = "yaml"
    JIRA = "jira"


PREFER_HELP = "Settle values edited both in Jira and in the YAML since the last push (and Jira-only edits)."


def _note(message: str) -> None:
    err_console.print(terminal(message, "yellow"))


def _short(value: Any, width: int = 60) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _connect(ctx: typer.Context) -> tuple[Any, Any, Any]:
    from ..jira.secrets import install_filters
    from ..jira.session import connect
    from ..jira.state import load_state

    install_filters()  # secrets masked in every log record and everything printed from here on
    root = project_root(ctx)
    backlog = load_or_exit(root, quiet_warnings=True)
    state = load_state(root)
    session = connect(backlog, root, notify=_note)
    return root, session, state


def _print_plan(plan: Any) -> None:
    from rich.table import Table

    table = Table(title="Jira plan", show_lines=False, header_style="bold")
    for column in ("action", "id", "issue", "details"):
        table.add_column(column)

    def add_row(*cells: str) -> None:  # Jira and YAML text is shown, never read as Rich markup
        table.add_row(*(terminal(str(cell)) for cell in cells))

    for item in plan.creates:
        add_row("create", item.id, "-", f"{item.desired.kind}: {_short(item.desired.values.get('summary'))}")
    for item in plan.updates:
        fields = ", ".join(change.field for change in item.changes)
        add_row("update", item.id, item.key, fields)
    for item in plan.adoptions:
        add_row("adopt", item.id, item.key, f"found by {item.adopted_from}: write `jira: {item.key}` in the YAML")
    for link in plan.link_adds:
        add_row("link", link.blocked, "-", f"{link.blocker} blocks {link.blocked}")
    for link in plan.link_removals:
        add_row("unlink", link.blocked, "-", f"{link.blocker} no longer blocks {link.blocked}")
    for item in plan.kept:
        add_row("kept", item.id, item.key, f"{item.field} edited in Jira: {_short(item.jira)}")
    for item in plan.conflicts:
        add_row("CONFLICT", item.id, item.key, f"{item.field}: YAML {_short(item.yaml)} / Jira {_short(item.jira)}")
    for backlog_id, key, status in plan.status_moves:
        add_row("status", backlog_id, key, f"move the new issue to {status} (interrupted last time)")
    for key, backlog_id in plan.orphans:
        add_row("orphan", backlog_id, key, "not in the backlog any more (left alone)")
    if table.row_count:
        console.print(table)
    _print_messages(plan.warnings, plan.errors)
    summary = (
        f"{len(plan.creates)} to create, {len(plan.updates)} to update, {len(plan.link_adds)} to link, "
        f"{len(plan.link_removals)} to unlink, {len(plan.adoptions)} to adopt, {len(plan.kept)} kept Jira edit(s), "
        f"{len(plan.conflicts)} conflict(s)"
    )
    in_sync = not plan.pending and not plan.conflicts and not plan.errors
    console.print(f"[green]in sync[/] ({summary})" if in_sync else summary)


def _cleaned(session: Any) -> list[str]:
    """The warning naming the issues whose Jira text had control characters removed, if any."""
    from ..jira.incoming import warning

    message = warning(session.client.cleaned)
    return [message] if message else []


def _print_messages(warnings: list[str], errors: list[str]) -> None:
    for message in warnings:
        err_console.print(terminal(f"warning: {message}", "yellow"))
    for message in errors:
        err_console.print(terminal(message, "red"))


def _print_conflicts(plan: Any) -> None:
    for item in plan.conflicts:
        err_console.print(
            terminal(
                f"conflict: {item.id} ({item.key}) {item.field} was edited both in Jira and in the YAML since the "
                f"last push:\n  YAML: {json.dumps(item.yaml, ensure_ascii=False)}"
                f"\n  Jira: {json.dumps(item.jira, ensure_ascii=False)}",
                "red",
            )
        )
    if plan.conflicts:
        err_console.print(
            "settle with `fanzone jira push --prefer yaml` (overwrite Jira) or `--prefer jira` (keep Jira's values), "
            "or make the YAML match Jira",
            style="red",
        )


def _exit_code(plan: Any) -> int:
    if plan.errors or plan.conflicts:
        return 1
    return EXIT_PENDING if plan.pending else 0


@jira_app.command("plan")
def plan_command(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help="Print the plan as JSON on stdout."),
    prefer: Prefer | None = typer.Option(None, "--prefer", help=PREFER_HELP),
) -> None:
    """Show what a push would do (no write). Exit 0 in sync, 3 when changes are pending, 1 on conflicts."""
    from ..jira.planner import plan_document, prepare

    _, session, state = _connect(ctx)
    plan = prepare(session, state, prefer.value if prefer else None)
    if as_json:
        typer.echo(json.dumps(plan_document(plan, session), ensure_ascii=False, indent=2))
    else:
        _print_plan(plan)
        _print_conflicts(plan)
    _print_messages(_cleaned(session), [])
    raise typer.Exit(_exit_code(plan))


class _RichReporter:
    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.task = progress.add_task("pushing to Jira", total=0)

    def start(self, total: int) -> None:
        self.progress.update(self.task, total=max(total, 1))

    def advance(self, count: int = 1, note: str = "") -> None:
        self.progress.update(self.task, advance=count, description=note or "pushing to Jira")

    def note(self, message: str) -> None:
        self.progress.console.print(terminal(message, "yellow"))


@jira_app.command("push")
def push_command(
    ctx: typer.Context,
    prefer: Prefer | None = typer.Option(None, "--prefer", help=PREFER_HELP),
    dry_run: bool = typer.Option(False, "--dry-run", help="Only show the plan (same as `fanzone jira plan`)."),
    workers: int = typer.Option(
        4, "--workers", min=1, max=16, help="Parallel requests for updates and links (creations go 50 at a time)."
    ),
) -> None:
    """Create and update epics and stories in Jira, link dependencies, write new keys into the YAML."""
    from ..jira.lock import SyncLock
    from ..jira.planner import prepare
    from ..jira.push import push

    root, session, state = _connect(ctx)
    with SyncLock(root):
        plan = prepare(session, state, prefer.value if prefer else None)
        if dry_run or plan.errors:
            _print_plan(plan)
            _print_conflicts(plan)
            raise typer.Exit(_exit_code(plan))
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
        from rich.table import Column

        progress = Progress(
            TextColumn("{task.description}", table_column=Column(width=32, no_wrap=True)),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err_console,
            transient=True,
            disable=not err_console.is_terminal,
        )
        with progress:
            result = push(session, plan, state, _RichReporter(progress), workers=workers)
    _print_messages([*plan.warnings, *result.warnings, *_cleaned(session)], result.errors)
    for item in plan.kept:
        _note(f"kept: {item.id} ({item.key}) {item.field} was edited in Jira; use --prefer yaml to overwrite it")
    console.print(
        terminal(
            f"pushed: {len(result.created)} created, {len(result.updated)} updated, {len(result.linked)} linked, "
            f"{len(result.unlinked)} unlinked, {len(result.adopted)} adopted, {len(result.moved)} moved to their status"
            + (f"; wrote {', '.join(sorted(result.files))}" if result.files else "")
            + (
                f"; took Jira's values into the YAML: {', '.join(result.taken_from_jira)}"
                if result.taken_from_jira
                else ""
            )
        )
    )
    _print_conflicts(plan)
    if result.errors or plan.conflicts:
        raise typer.Exit(1)


@jira_app.command("pull")
def pull_command(
    ctx: typer.Context,
    history: bool = typer.Option(True, "--history/--no-history", help="Also write backlog/history.json."),
) -> None:
    """Bring status, assignee and sprint (and the status history) from Jira into the backlog."""
    from ..jira.lock import SyncLock
    from ..jira.pull import pull

    root, session, state = _connect(ctx)
    with SyncLock(root):
        result = pull(session, state, history=history)
    _print_messages([*session.warnings, *result.warnings, *_cleaned(session)], [])
    for object_id, name, old, new in result.changes:
        console.print(
            terminal(f"{object_id}: {name}: {old if old is not None else '-'} → {new if new is not None else '-'}")
        )
    if result.unmatched:
        _note(f"{len(result.unmatched)} stor(y/ies) not in Jira yet (run `fanzone jira push`)")
    written = sorted(result.files) + ([result.history_file] if result.history_file else [])
    console.print(
        terminal(
            f"pulled: {len(result.changes)} change(s)" + (f"; wrote {', '.join(written)}" if written else "; no change")
        )
    )


def register(app: typer.Typer) -> None:
    app.add_typer(jira_app, name="jira")
