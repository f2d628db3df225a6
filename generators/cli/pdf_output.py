"""`fanzone export pdf` (and `fanzone build --pdf`): wires the site build, the versions and the PDF generator.

The site is built (into a private folder for the export, or `site/` for `build --pdf`), its print page is
printed by `generators.pdf`, and the PDF lands in the site's downloads as well.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..escape.terminal import terminal
from ..outputs import DOWNLOADS_DIR, Format, get
from .common import err_console

DRAFT = "brouillon"
REFERENCE = "version de référence"


def cover_data(project: Any, today: dt.date | None = None) -> Any:
    """The cover: the baseline the committed, unmodified tree is at, else a dated draft."""
    from ..pdf.front import Cover
    from ..versions.sides import tag_prefix
    from ..wording import date_long

    backlog = project.backlog
    info = backlog.project
    day = today or dt.date.today()
    at, last = _baseline_here(Path(project.root), tag_prefix(backlog))
    if at is not None:
        version, status, note = at.name, REFERENCE, at.note
        day = dt.date.fromisoformat(at.date[:10])
    else:
        version, note = f"{DRAFT} du {date_long(day)}", ""
        status = f"{DRAFT}, modifié depuis la version {last.name}" if last else f"{DRAFT}, aucune version de référence"
    return Cover(info.name, info.client, info.integrator, version, date_long(day), status, note)


def _baseline_here(root: Path, prefix: str) -> tuple[Any, Any]:
    """(the baseline at HEAD when nothing is uncommitted, the last baseline); (None, None) outside git."""
    from ..versions import git

    try:
        found = git.list_baselines(root, prefix)
        head = git.resolve_commit(root, "HEAD")
        dirty = bool(git.uncommitted(root))
    except git.VersionError:
        return None, None
    last = found[-1] if found else None
    here = [b for b in found if b.commit == head]
    return (here[-1] if here and not dirty else None), last


def print_page_file(site_dir: Path) -> str:
    """The print page's file in a built site, with or without directory URLs."""
    from ..site.paths import output_path
    from ..site.print_page import PRINT_PAGE

    for directory_urls in (True, False):
        candidate = output_path(PRINT_PAGE, directory_urls)
        if (site_dir / candidate).is_file():
            return candidate
    return output_path(PRINT_PAGE, True)


def pdf_format() -> Format:
    return get("export", "pdf").format("pdf")


def download_path() -> str:
    """Where the site offers the dossier (the registry's default file for the pdf export)."""
    return f"{DOWNLOADS_DIR}/{pdf_format().default_file}"


def export_pdf(run: Any, output: Path | None, fmt: Format) -> None:
    """Build the site into a private folder, print its dossier there, copy it to --output (or the default)."""
    from ..site.build import build_site, cache_root
    from ..site.provided import provide_context, provide_pdf

    if getattr(run, "baseline", None):  # that version's tree only: the working tree is not loaded
        from .pdf_baseline import export_baseline

        export_baseline(Path(run.root), run.baseline, output, fmt)
        return
    project = run.project
    site_dir = cache_root(project.root) / "fanzone" / "pdf-site"
    finish = finish_site(project, output or Path(fmt.default_file or "fanzone-specification.pdf"))
    with provide_context(project), provide_pdf(download_path()):
        build_site(project.root, site_dir=site_dir, finish=finish)


def finish_site(project: Any, target: Path | None) -> Callable[[Path], None]:
    """What runs on the built site before it is put in place: print the dossier into its downloads (and to
    `target`). Checks first that the dossier can be printed (packages, Chromium), before any build starts."""
    from ..pdf.chromium import executable, requirements

    requirements()
    executable()

    def finish(work: Path) -> None:
        from ..load.atomic import atomic_write
        from ..pdf.dossier import print_dossier

        dossier = print_dossier(work, print_page_file(work), cover_data(project))
        atomic_write(work / download_path(), dossier.data)
        if target is not None:
            atomic_write(target, dossier.data)
        err_console.print(
            terminal(
                f"wrote {target or download_path()}: {dossier.pages} pages ({dossier.front_pages} of cover and "
                f"contents), {len(dossier.data) / 1_000_000:.1f} MB, {dossier.bookmarks} bookmarks, "
                f"printed in {dossier.seconds:.0f} s"
            )
        )
        if dossier.blank:
            pages = ", ".join(str(n) for n in dossier.blank)
            err_console.print(terminal(f"warning: blank page(s) {pages} in the dossier"), style="yellow")

    return finish
