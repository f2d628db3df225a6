"""Where each generated page lives (paths relative to `docs_dir`), and relative links between pages."""

from __future__ import annotations

import posixpath

from mkdocs.utils import get_relative_url

HOME = "accueil.md"  # served as the site's home page (its URL is the site root)
SPEC_INDEX_DEST = "specifications/index.html"  # specs/index.md moves here when the dashboard takes the root
BACKLOG_INDEX = "backlog/index.md"
PERSONAS = "backlog/personas.md"
TRACEABILITY = "backlog/tracabilite.md"
SCREENS_INDEX = "maquettes/index.md"
DOWNLOADS = "planning/telechargements.md"
ASSETS_CSS = "assets/fanzone/fanzone.css"
GENERATED_DIRS = ("backlog/", "maquettes/", "planning/", "assets/fanzone/")


def epic_page(epic_id: str) -> str:
    return f"backlog/{epic_id}.md"


def area_page(area: str) -> str:
    return f"maquettes/{area}.md"


def screen_page(screen_id: str) -> str:
    return f"maquettes/{screen_id}.md"


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
