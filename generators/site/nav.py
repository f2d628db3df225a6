"""The site navigation: Accueil, then the tabs Spécifications, Backlog, Maquettes, Planning."""

from __future__ import annotations

from typing import Any

from ..context import ProjectContext
from ..wording import area_label
from . import paths
from .pages_backlog import GeneratedPage
from .pages_platforms import PLATFORMS_PAGE
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


def technical_nav(ctx: ProjectContext, generated: dict[str, GeneratedPage]) -> list[NavItem]:
    """The tabs API, Modèle de données and Séquences, when the workspace has them."""
    nav: list[NavItem] = []
    if paths.API_INDEX in generated:
        api: list[NavItem] = [_entry(generated[paths.API_INDEX])]
        for service in ctx.backlog.objects("service"):
            ops = [
                _entry(generated[paths.operation_page(service.id, op.id)])
                for op in ctx.backlog.objects("operation")
                if op.service == service.id
            ]
            api.append({nav_title(service.title): [_entry(generated[paths.service_page(service.id)]), *ops]})
        nav.append({"API": api})
    if paths.DOMAIN_INDEX in generated:
        domain: list[NavItem] = [_entry(generated[paths.DOMAIN_INDEX])]
        for item in ctx.backlog.objects("domain"):
            members = [item.entities, item.enums, item.state_machines]
            objects = [_entry(generated[paths.domain_object_page(o.id)]) for group in members for o in group]
            domain.append({nav_title(item.title): [_entry(generated[paths.domain_page(item.id)]), *objects]})
        nav.append({"Modèle de données": domain})
    if paths.SEQUENCES_INDEX in generated:
        sequences = [_entry(generated[paths.sequence_page(s.id)]) for s in ctx.backlog.objects("sequence")]
        nav.append({"Séquences": [_entry(generated[paths.SEQUENCES_INDEX]), *sequences]})
    return nav


def build_nav(
    ctx: ProjectContext,
    spec_pages: list[str],
    spec_order: list[str] | tuple[str, ...],
    generated: dict[str, GeneratedPage],
    planning: list[GeneratedPage],
) -> list[NavItem]:
    nav: list[NavItem] = [{"Accueil": paths.HOME}]
    specs = spec_section(spec_pages, spec_order)
    catalogues = [_entry(page) for path, page in generated.items() if path.startswith("catalogues/")]
    if specs or catalogues:
        nav.append({"Spécifications": [*specs, *([{"Catalogues": catalogues}] if catalogues else [])]})
    epics = [_entry(generated[paths.epic_page(epic.id)]) for epic in ctx.backlog.epics]
    nav.append(
        {
            "Backlog": [
                _entry(generated[paths.BACKLOG_INDEX]),
                *([{"Epics": epics}] if epics else []),
                *([_entry(generated[paths.PERSONAS])] if paths.PERSONAS in generated else []),
                _entry(generated[paths.TRACEABILITY]),
                *([_entry(generated[PLATFORMS_PAGE])] if PLATFORMS_PAGE in generated else []),
            ]
        }
    )
    screens: list[NavItem] = [_entry(generated[paths.SCREENS_INDEX])]
    for area in ("front-office", "back-office"):
        members = [_entry(generated[paths.screen_page(s.id)]) for s in ctx.screens_by_area.get(area, [])]
        screens.append({area_label(area): [_entry(generated[paths.area_page(area)]), *members]})
    nav.append({"Maquettes": screens})
    nav += technical_nav(ctx, generated)
    if planning:
        nav.append({"Planning": [_entry(page) for page in planning]})
    return nav
