"""Site commands: `fanzone build` (validate, then build site/ safely) and `fanzone serve` (live preview)."""

from __future__ import annotations

import contextlib
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
    from ..site.build import build_site

    project = project_context(ctx)
    if project.backlog.warnings:
        err_console.print(f"{len(project.backlog.warnings)} backlog warning(s): run `fanzone validate` to see them")
    from ..site.plugin import provide_context

    with provide_context(project), contextlib.ExitStack() as stack:  # the site build uses this one: no second load
        finish = None
        if pdf:
            from ..site.plugin import provide_baseline_pdfs, provide_pdf
            from .pdf_baseline import site_dossiers
            from .pdf_output import download_path, finish_site, pdf_format

            finish = finish_site(project, None)  # checks Chromium before anything is printed
            stack.enter_context(provide_baseline_pdfs(site_dossiers(project, pdf_format())))
            stack.enter_context(provide_pdf(download_path()))
        report = build_site(
            project.root, site_dir=site_dir, strict=strict, verbose=verbose, engine=engine, finish=finish, full=full
        )
    stats = report.stats
    pages = stats.get("generated_pages", 0) + stats.get("spec_pages", 0)
    done = {
        "up to date": "[green]up to date[/] (nothing changed, MkDocs not run):",
        "incremental": f"[green]built[/] ({stats.get('mode_reason', '')}: only those rendered again)",
    }.get(stats.get("mode", ""), "[green]built[/]")
    console.print(
        f"{done} {terminal_markup(report.site_dir)} in {report.seconds:.1f} s: {pages} pages "
        f"({stats.get('spec_pages', 0)} from specs/), {stats.get('diagrams_requested', 0)} diagrams "
        f"({stats.get('rendered_total', 0)} rendered, the rest cached); {len(report.warnings)} MkDocs warning(s)"
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
