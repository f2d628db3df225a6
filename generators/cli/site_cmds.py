"""Site commands: `fanzone build` (validate, then build site/ safely) and `fanzone serve` (live preview)."""

from __future__ import annotations

import contextlib
import sys
import time
from pathlib import Path

import typer

from ..escape.terminal import terminal_markup
from .common import console, err_console, load_or_exit, project_context, project_root


def build(
    ctx: typer.Context,
    strict: bool = typer.Option(False, "--strict", help="Fail on MkDocs warnings too (broken links, missing pages)."),
    site_dir: Path | None = typer.Option(
        None, "--site-dir", "-d", help="Output folder (default: site_dir of mkdocs.yml, i.e. site/)."
    ),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Show MkDocs' progress messages."),
    engine: str = typer.Option(
        "mkdocs", "--engine", help="Site engine for the generated pages: mkdocs, or zensical (when installed)."
    ),
    pdf: bool = typer.Option(
        False,
        "--pdf",
        help="Also print the PDF dossier (headless Chromium) into the site's downloads, and each baseline's "
        "dossier (printed once, then cached).",
    ),
    full: bool = typer.Option(
        False, "--full", "--clean", help="Render every page again (by default only the pages that changed)."
    ),
) -> None:
    """Validate the backlog, then build the static site; the previous site stays in place if anything fails.

    A warm build renders only the pages whose content changed, and does not run MkDocs when none did."""
    from ..gc_batch import batch_collection
    from ..site import uptodate
    from ..site.engines import MKDOCS

    started = time.perf_counter()
    root = project_root(ctx)
    plain = engine == MKDOCS and not (strict or pdf or full)
    taken, last = uptodate.snapshot(root, site_dir) if plain else (None, None)
    if last is not None:  # nothing the site depends on changed since the last build, which is still in place
        _backlog_warnings(last.backlog_warnings)
        for message in last.warnings:
            print(f"{'WARNING':<8}-  {message}", file=sys.stderr)
        _built(uptodate.UP_TO_DATE, "", Path(last.site), time.perf_counter() - started, last.stats, len(last.warnings))
        return
    with batch_collection(), contextlib.ExitStack() as ahead:
        if engine == MKDOCS:  # a cold build's PlantUML, started now: the other core is idle
            from ..site.plantuml_standby import ahead as plantuml_ahead

            standby = plantuml_ahead(root)
            if standby is not None:
                ahead.enter_context(standby)
        else:
            standby = None
        project = project_context(ctx)
        _backlog_warnings(len(project.backlog.warnings))
        from ..site.early import start_reports
        from ..site.provided import provide_context, provide_prefetch, provide_standby

        reports = start_reports(project) if engine == MKDOCS else None  # forked now: the other core is idle
        from ..site.build import build_site  # (MkDocs and the theme are imported meanwhile)

        # the site build uses this context (no second load), this child (no second fork) and this PlantUML
        with (
            reports or contextlib.nullcontext(),
            provide_context(project),
            provide_prefetch(reports),
            provide_standby(standby),
            contextlib.ExitStack() as stack,
        ):
            finish = None
            if pdf:
                from ..site.provided import provide_baseline_pdfs, provide_pdf
                from .pdf_baseline import site_dossiers
                from .pdf_output import download_path, finish_site, pdf_format

                finish = finish_site(project, None)  # checks Chromium before anything is printed
                stack.enter_context(provide_baseline_pdfs(site_dossiers(project, pdf_format())))
                stack.enter_context(provide_pdf(download_path()))
            report = build_site(
                project.root,
                site_dir=site_dir,
                strict=strict,
                verbose=verbose,
                engine=engine,
                finish=finish,
                full=full,
            )
    if taken is not None and report.inputs:
        uptodate.remember(
            taken,
            report.site_dir,
            report.inputs,
            report.stats,
            warnings=report.warnings,
            backlog_warnings=len(project.backlog.warnings),
        )
    elif engine != MKDOCS:
        uptodate.forget(root, site_dir)
    stats = report.stats
    mode, reason = stats.get("mode", ""), stats.get("mode_reason", "")
    _built(mode, reason, report.site_dir, report.seconds, stats, len(report.warnings))


def _backlog_warnings(count: int) -> None:
    if count:
        err_console.print(f"{count} backlog warning(s): run `fanzone validate` to see them")


def _built(mode: str, reason: str, site: Path, seconds: float, stats: dict, warnings: int) -> None:
    pages = stats.get("generated_pages", 0) + stats.get("spec_pages", 0)
    from ..site.uptodate import INCREMENTAL, UP_TO_DATE

    done = {
        UP_TO_DATE: "[green]up to date[/] (nothing changed, MkDocs not run):",
        INCREMENTAL: f"[green]built[/] ({reason}: only those rendered again)",
    }.get(mode, "[green]built[/]")
    rendered = stats.get("rendered_total", 0) if mode != UP_TO_DATE else 0
    console.print(
        f"{done} {terminal_markup(site)} in {seconds:.{2 if seconds < 1 else 1}f} s: {pages} pages "
        f"({stats.get('spec_pages', 0)} from specs/), {stats.get('diagrams_requested', 0)} diagrams "
        f"({rendered} rendered, the rest cached); {warnings} MkDocs warning(s)"
    )


def serve(
    ctx: typer.Context,
    dev_addr: str | None = typer.Option(None, "--dev-addr", "-a", help="IP:port to serve on (default 127.0.0.1:8000)."),
    open_browser: bool = typer.Option(False, "--open", help="Open the site in the default browser."),
    strict: bool = typer.Option(False, "--strict", help="Fail on MkDocs warnings too."),
) -> None:
    """Preview the site with live reload when backlog/, mockups/, specs/ or includes/ change."""
    from ..site.serve import serve_site

    root = project_root(ctx)
    load_or_exit(root, quiet_warnings=True)
    serve_site(root, dev_addr=dev_addr, open_browser=open_browser, strict=strict)


def register(app: typer.Typer) -> None:
    app.command()(build)
    app.command()(serve)
