"""Generated pages about the wireframes: index, one page per area with its screen-flow map, one page per screen."""

from __future__ import annotations

from markupsafe import Markup

from ..model import Backlog, Screen, screen_links
from . import paths, views
from .flow import AREA_NAMES, flow_diagram, global_links
from .pages_backlog import GeneratedPage
from .render import render_md
from .salt import wireframe

AREAS = ("front-office", "back-office")


def _fence(code: str, css: str, alt: str) -> Markup:
    """A plantuml fence for plantuml-markdown (inline SVG); `alt` is built from IDs only."""
    return Markup(f'```plantuml classes="uml {css}" alt="{alt}"\n{code.rstrip()}\n```')


def _screen_url(from_page: str, use_directory_urls: bool):  # type: ignore[no-untyped-def]
    return lambda target: paths.url_between(from_page, paths.screen_page(target), use_directory_urls)


def screen_page(backlog: Backlog, screen: Screen, use_directory_urls: bool) -> GeneratedPage:
    page = paths.screen_page(screen.id)
    drawing = wireframe(screen, _screen_url(page, use_directory_urls))
    known = {s.id: s for s in backlog.screens}
    leads_to = [views.screen_link(known[t], page, with_title=True) for t in screen_links(screen) if t in known]
    comes_from = [
        views.screen_link(other, page, with_title=True)
        for other in backlog.screens
        if other.id != screen.id and screen.id in screen_links(other)
    ]
    stories = [
        {"link": views.story_link(backlog, story, page, with_title=True), "status": views.status_badge(backlog, story)}
        for story in backlog.stories_for_screen(screen.id)
    ]
    rules = sorted({rule for story in backlog.stories_for_screen(screen.id) for rule in story.rules})
    location = backlog.location(screen.id)
    markdown = render_md(
        "screen.md.j2",
        screen=screen,
        area=views.AREA_LABELS.get(screen.area, screen.area),
        area_link=paths.rel(page, paths.area_page(screen.area)),
        device=views.DEVICE_LABELS.get(screen.device, screen.device),
        diagram=_fence(drawing.salt, "fz_wireframe", f"Maquette {screen.id}"),
        annotations=drawing.annotations,
        leads_to=leads_to,
        comes_from=comes_from,
        stories=stories,
        rules=[views.rule_link(backlog, rule, page, with_title=True) for rule in rules],
        source=location.file if location else "",
    )
    return GeneratedPage(page, f"{screen.id} — {screen.title}", markdown)


def area_page(backlog: Backlog, area: str, use_directory_urls: bool) -> GeneratedPage:
    page = paths.area_page(area)
    screens = [screen for screen in backlog.screens if screen.area == area]
    known = {s.id for s in backlog.screens}
    rows = []
    for screen in screens:
        targets = [backlog.screen(t) for t in screen_links(screen) if t in known]
        rows.append(
            {
                "link": views.screen_link(screen, page),
                "title": screen.title,
                "stories": len(backlog.stories_for_screen(screen.id)),
                "leads_to": views.join([views.screen_link(t, page) for t in targets]),
            }
        )
    diagram = flow_diagram(area, backlog.screens, _screen_url(page, use_directory_urls))
    menu = [views.screen_link(backlog.screen(t), page, with_title=True) for t in global_links(screens) if t in known]
    markdown = render_md(
        "area.md.j2",
        name=AREA_NAMES[area],
        area=area,
        global_nav=menu,
        diagram=_fence(diagram, "fz_flow", f"Parcours {AREA_NAMES[area]}"),
        rows=rows,
    )
    return GeneratedPage(page, f"Parcours {AREA_NAMES[area].lower()}", markdown)


def screens_index(backlog: Backlog) -> GeneratedPage:
    page = paths.SCREENS_INDEX
    areas = []
    for area in AREAS:
        screens = [screen for screen in backlog.screens if screen.area == area]
        areas.append(
            {
                "name": AREA_NAMES[area],
                "link": paths.rel(page, paths.area_page(area)),
                "screens": [
                    {"link": views.screen_link(s, page), "title": s.title, "description": s.description}
                    for s in screens
                ],
            }
        )
    markdown = render_md("screens_index.md.j2", areas=areas, total=len(backlog.screens))
    return GeneratedPage(page, "Vue d'ensemble", markdown)


def screen_pages(backlog: Backlog, use_directory_urls: bool) -> list[GeneratedPage]:
    pages = [screens_index(backlog)]
    pages += [area_page(backlog, area, use_directory_urls) for area in AREAS]
    pages += [screen_page(backlog, screen, use_directory_urls) for screen in backlog.screens]
    return pages
