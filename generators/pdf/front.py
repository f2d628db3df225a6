"""The front matter (cover and numbered contents) and the page header and footer, as HTML for Chromium.

User text (project, client, headings) is only ever escaped into this HTML: Jinja2 autoescape for the
front matter, `html_text` for the header and footer templates.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from ..escape.html import html_text
from .assemble import LINK_SCHEME, Heading

TOC_DEPTH = 1  # the contents list the pages' titles (the bookmarks hold every heading)
# Chromium prints the header and footer as documents of their own: the dossier's style sheet does not reach them
FOOTER_STYLE = (
    "font-size:8px;color:#555;width:100%;margin:0 12mm;display:flex;justify-content:space-between;"
    "font-variant-ligatures:none;font-feature-settings:'liga' 0,'clig' 0"  # searchable letters (body.css)
)


@dataclass(frozen=True)
class Cover:
    project: str
    client: str
    integrator: str
    version: str  # "v1.0", or "brouillon du 2 décembre 2026"
    date: str  # French, long form
    status: str  # "version de référence", "brouillon"...
    note: str = ""  # the baseline's note

    @property
    def title(self) -> str:
        return f"{self.project} — dossier de spécification — {self.version}"

    @property
    def rows(self) -> list[tuple[str, str]]:
        rows = [("Client", self.client), ("Intégrateur", self.integrator), ("Version", self.version)]
        rows += [("Date", self.date), ("Statut", self.status)]
        return [(label, value) for label, value in rows if value]


@dataclass(frozen=True)
class TocEntry:
    level: int
    title: str
    label: str  # the printed page number


def toc_entries(found: list[Heading], depth: int = TOC_DEPTH) -> tuple[list[TocEntry], list[Heading]]:
    """The contents' entries and, in the same order, the headings they point at (page numbers from 1)."""
    chosen = [heading for heading in found if heading.level <= depth]
    return [TocEntry(h.level, h.title, str(h.page + 1)) for h in chosen], chosen


def _asset(name: str) -> str:
    return resources.files("generators").joinpath(f"templates/pdf/{name}").read_text(encoding="utf-8")


def body_css() -> str:
    return _asset("body.css")


def front_html(cover: Cover, entries: list[TocEntry]) -> str:
    env = Environment(
        loader=PackageLoader("generators", "templates/pdf"),
        autoescape=select_autoescape(["html.j2"]),
        undefined=StrictUndefined,
    )
    template = env.get_template("front.html.j2")
    css = Markup(_asset("front.css"))  # the toolkit's own style sheet, not user text
    return template.render(cover=cover, entries=entries, css=css, link_scheme=LINK_SCHEME)


def header_template(cover: Cover) -> str:
    return (
        f'<div style="{FOOTER_STYLE}"><span>{html_text(cover.project)}</span>'
        f"<span>Dossier de spécification — {html_text(cover.version)}</span></div>"
    )


def footer_template(cover: Cover) -> str:
    return (
        f'<div style="{FOOTER_STYLE}"><span>{html_text(cover.version)}</span>'
        '<span>page <span class="pageNumber"></span> / <span class="totalPages"></span></span></div>'
    )
