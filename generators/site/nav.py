"""The site navigation: Accueil, then the tabs Spécifications, Backlog, Maquettes, Planning."""

from __future__ import annotations

from typing import Any

from ..context import ProjectContext
from ..wording import area_label
from . import paths
from .pages_backlog import GeneratedPage
from .views import nav_title

DEFAULT_SPEC_ORDER = (
    "index.md",
    "perimetre.md",
    "personas.md",
    "parcours.md",
    "regles-metier.md",
    "exigences-non-fonctionnelles.md",
    "veille-concurrentielle.md",
    "analyse-paiement.md",
    "glossaire.md",
)

NavItem = Any  # str | dict[str, str | list[NavItem]], as in mkdocs.yml


def spec_section(spec_pages: list[str], order: list[str] | tuple[str, ...]) -> list[NavItem]:
    """The spec pages that exist, in the configured order, then any other page of specs/ by name."""
    present = set(spec_pages)
    ordered = [page for page in order if page in present]
    ordered += sorted(page for page in spec_pages if page not in ordered)
    return ordered


def _entry(page: GeneratedPage) -> dict[str, str]:
    return {nav_title(page.title): page.path}


def build_nav(
    ctx: ProjectContext,
    spec_pages: list[str],
    spec_order: list[str] | tuple[str, ...],
    generated: dict[str, GeneratedPage],
    planning: list[GeneratedPage],
) -> list[NavItem]:
    nav: list[NavItem] = [{"Accueil": paths.HOME}]
    specs = spec_section(spec_pages, spec_order)
    if specs:
        nav.append({"Spécifications": specs})
    epics = [_entry(generated[paths.epic_page(epic.id)]) for epic in ctx.backlog.epics]
    nav.append(
        {
            "Backlog": [
                _entry(generated[paths.BACKLOG_INDEX]),
                *([{"Epics": epics}] if epics else []),
                _entry(generated[paths.PERSONAS]),
                _entry(generated[paths.TRACEABILITY]),
            ]
        }
    )
    screens: list[NavItem] = [_entry(generated[paths.SCREENS_INDEX])]
    for area in ("front-office", "back-office"):
        members = [_entry(generated[paths.screen_page(s.id)]) for s in ctx.screens_by_area.get(area, [])]
        screens.append({area_label(area): [_entry(generated[paths.area_page(area)]), *members]})
    nav.append({"Maquettes": screens})
    if planning:
        nav.append({"Planning": [_entry(page) for page in planning]})
    return nav
