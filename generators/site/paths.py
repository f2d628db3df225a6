"""Where each generated page lives (paths relative to `docs_dir`), and relative links between pages."""

from __future__ import annotations

import posixpath
from functools import lru_cache
from pathlib import Path

from mkdocs.utils import get_relative_url

HOME = "index.md"  # the dashboard: the site's home page
SPEC_INDEX = "specifications.md"  # specs/index.md, moved in the generated tree (the dashboard takes the root)
BACKLOG_INDEX = "backlog/index.md"
PERSONAS = "backlog/personas.md"  # the backlog's Personas page, made only when specs/ has none
SPEC_PERSONAS = "personas.md"  # the specification's Personas page (specs/personas.md): the one Personas page
TRACEABILITY = "backlog/tracabilite.md"
SCREENS_INDEX = "maquettes/index.md"
DOWNLOADS = "planning/telechargements.md"
ASSETS_CSS = "assets/fanzone/fanzone.css"
ASSETS_KANBAN_CSS = "assets/fanzone/kanban.css"
ASSETS_KANBAN_JS = "assets/fanzone/kanban.js"  # the Kanban's offline filters
FORECAST = "planning/prevision.md"
GENERATED_DIRS = ("backlog/", "maquettes/", "planning/", "catalogues/", "assets/fanzone/", "donnees/")
ASSETS_JS = "assets/fanzone/fanzone.js"
ASSETS_SHIM = "assets/fanzone/iframe-worker-shim.js"  # Web Worker shim for file:// (npm iframe-worker, vendored)
SITE_ASSETS = (ASSETS_CSS, ASSETS_KANBAN_CSS, ASSETS_KANBAN_JS, ASSETS_JS, ASSETS_SHIM)


def spec_page(src: str) -> str:
    """Where a page of specs/ is in the generated tree (the spec index moves to make room for the dashboard)."""
    return SPEC_INDEX if src == "index.md" else src


@lru_cache(maxsize=16)
def _has_spec_personas(specs: Path) -> bool:
    return (specs / SPEC_PERSONAS).is_file()


def personas_page(root: Path) -> str:
    """Where the personas are described: the specification's page when the project has one, else the backlog's."""
    return SPEC_PERSONAS if _has_spec_personas(Path(root).resolve() / "specs") else PERSONAS


def epic_page(epic_id: str) -> str:
    return f"backlog/{epic_id}.md"


def area_page(area: str) -> str:
    return f"maquettes/{area}.md"


def screen_page(screen_id: str) -> str:
    return f"maquettes/{screen_id}.md"


@lru_cache(maxsize=1 << 16)
def rel(from_page: str, to_path: str) -> str:
    """Relative Markdown link from one docs file to another (MkDocs turns it into the right URL)."""
    anchor = ""
    if "#" in to_path:
        to_path, anchor = to_path.split("#", 1)
        anchor = "#" + anchor
    start = posixpath.dirname(from_page) or "."
    return posixpath.relpath(to_path, start) + anchor if to_path else anchor


def page_url(src: str, use_directory_urls: bool) -> str:
    """The URL MkDocs gives a Markdown page, relative to the site root (as `File.url`)."""
    stem = src[: -len(".md")] if src.endswith(".md") else src
    if not use_directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def url_between(from_page: str, to_page: str, use_directory_urls: bool) -> str:
    """Relative URL from one page to another, as a browser resolves it (for links inside inline SVG)."""
    return get_relative_url(page_url(to_page, use_directory_urls), page_url(from_page, use_directory_urls))


def output_path(src: str, use_directory_urls: bool) -> str:
    """The file a generated page or asset becomes in `site/` (as MkDocs' `File.dest_uri`)."""
    if not src.endswith(".md"):
        return src
    url = page_url(src, use_directory_urls)
    return url + "index.html" if url.endswith("/") or not url else url


def taken_outputs(generated: list[str], use_directory_urls: bool) -> dict[str, str]:
    """Output file -> what the toolkit puts there: every generated page and asset, the home page (the
    dashboard) and the place the specification's own home page moves to."""
    taken = {
        output_path(src, use_directory_urls): f"a generated {'page' if src.endswith('.md') else 'file'} ({src})"
        for src in generated
        if src != HOME
    }
    taken["index.html"] = "the site's home page (generated dashboard)"
    taken[output_path(SPEC_INDEX, use_directory_urls)] = "the specification's home page (specs/index.md moves there)"
    return taken


def spec_collisions(
    spec_files: list[tuple[str, str]], generated: list[str], use_directory_urls: bool, docs_dir: str = "specs"
) -> list[str]:
    """Located errors for spec files (src_uri, dest_uri) whose URL a generated page or the spec home page
    takes: without them, one would silently replace the other in the built site."""
    taken = taken_outputs(generated, use_directory_urls)
    errors = []
    for src, dest in spec_files:
        if src == "index.md" or dest not in taken:
            continue
        url = dest.removesuffix("index.html") if use_directory_urls else dest
        errors.append(
            f"{docs_dir}/{src}:1: {src}: is in the way of {taken[dest]}, both at /{url}; "
            "rename or move the file (the name is reserved by the toolkit)"
        )
    return errors


API_INDEX = "api/index.md"
DOMAIN_INDEX = "donnees/index.md"
SEQUENCES_INDEX = "sequences/index.md"


def service_page(service_id: str) -> str:
    return f"api/{service_id}.md"


def operation_page(service_id: str, operation_id: str) -> str:
    return f"api/{service_id}/{operation_id}.md"


def domain_page(domain_id: str) -> str:
    return f"donnees/{domain_id}.md"


def domain_object_page(object_id: str) -> str:
    """An entity, enum or state machine (ids are unique across kinds)."""
    return f"donnees/objets/{object_id}.md"


def sequence_page(sequence_id: str) -> str:
    return f"sequences/{sequence_id}.md"
