"""Generated pages about the wireframes: index, one page per area with its screen-flow map, one page per screen."""

from __future__ import annotations

from markupsafe import Markup

from ..context import ProjectContext
from ..kinds.screen import out_of_release
from ..model import Screen, screen_links
from ..wording import area_label, device_label
from ..wording.catalogue import expanded_copy
from . import paths, views
from .flow import flow_diagram, global_links
from .pages_backlog import GeneratedPage
from .render import render_md
from .salt import wireframe

AREAS = ("front-office", "back-office")


def _fence(code: str, css: str, alt: str, fmt: str = "") -> Markup:
    """A plantuml fence for plantuml-markdown (inline SVG unless `fmt` says otherwise: `svg` is an image);
    `alt` is built from IDs and fixed words only."""
    extra = f' format="{fmt}"' if fmt else ""
    return Markup(f'```plantuml classes="uml {css}" alt="{alt}"{extra}\n{code.rstrip()}\n```')


def _screen_url(from_page: str, use_directory_urls: bool):  # type: ignore[no-untyped-def]
    return lambda target: paths.url_between(from_page, paths.screen_page(target), use_directory_urls)


def screen_page(ctx: ProjectContext, screen: Screen, use_directory_urls: bool) -> GeneratedPage:
    page = paths.screen_page(screen.id)
    drawing = wireframe(
        expanded_copy(screen, ctx.backlog),
        _screen_url(page, use_directory_urls),
        lambda component: out_of_release(component, ctx.backlog),
    )
    known = ctx.screen_by_id
    targets = dict.fromkeys(t for t in screen_links(screen) if t in known)
    leads_to = [views.screen_link(known[t], page, with_title=True) for t in targets]
    linking = ctx.screens_linking_to.get(screen.id, [])
    comes_from = [views.screen_link(other, page, with_title=True) for other in linking]
    serving = ctx.stories_by_screen.get(screen.id, [])
    stories = [
        {"link": views.story_link(ctx, story, page, with_title=True), "status": views.status_badge(ctx, story)}
        for story in serving
    ]
    rules = sorted({rule for story in serving for rule in story.rules})
    location = ctx.backlog.location(screen.id)
    markdown = render_md(
        "screen.md.j2",
        screen=screen,
        area=area_label(screen.area),
        area_link=paths.rel(page, paths.area_page(screen.area)),
        device=device_label(screen.device),
        diagram=_fence(drawing.salt, "fz_wireframe", f"Maquette {screen.id}"),
        annotations=drawing.annotations,
        leads_to=leads_to,
        comes_from=comes_from,
        stories=stories,
        rules=[views.rule_link(ctx, rule, page, with_title=True) for rule in rules],
        source=location.file if location else "",
    )
    return GeneratedPage(page, f"{screen.id} — {screen.title}", markdown)


def area_page(ctx: ProjectContext, area: str, use_directory_urls: bool) -> GeneratedPage:
    page = paths.area_page(area)
    screens = ctx.screens_by_area.get(area, [])
    known = ctx.screen_by_id
    rows = []
    for screen in screens:
        targets = [known[t] for t in screen_links(screen) if t in known]
        rows.append(
            {
                "link": views.screen_link(screen, page),
                "title": screen.title,
                "stories": len(ctx.stories_by_screen.get(screen.id, [])),
                "leads_to": views.join([views.screen_link(t, page) for t in targets]),
            }
        )
    diagram = flow_diagram(area, ctx.backlog.screens, _screen_url(page, use_directory_urls))
    menu = [views.screen_link(known[t], page, with_title=True) for t in global_links(screens) if t in known]
    name = area_label(area)
    markdown = render_md(
        "area.md.j2",
        name=name,
        area=area,
        global_nav=menu,
        diagram=_fence(diagram, "fz_flow", f"Parcours {name}"),
        rows=rows,
    )
    return GeneratedPage(page, f"Parcours {name.lower()}", markdown)


def screens_index(ctx: ProjectContext, use_directory_urls: bool) -> GeneratedPage:
    page = paths.SCREENS_INDEX
    areas = []
    for area in AREAS:
        screens = []
        for s in ctx.screens_by_area.get(area, []):
            # the same drawing as the screen's page (one render, cached), as an image: a thumbnail
            drawing = wireframe(s, _screen_url(paths.screen_page(s.id), use_directory_urls))
            screens.append(
                {
                    "link": views.screen_link(s, page, with_title=True),
                    "title": s.title,
                    "description": s.description,
                    "thumbnail": _fence(drawing.salt, "fz_thumbnail", f"Miniature de la maquette {s.id}", "svg"),
                }
            )
        areas.append({"name": area_label(area), "link": paths.rel(page, paths.area_page(area)), "screens": screens})
    markdown = render_md("screens_index.md.j2", areas=areas, total=len(ctx.backlog.screens))
    return GeneratedPage(page, "Vue d'ensemble", markdown)


def screen_pages(ctx: ProjectContext, use_directory_urls: bool = True) -> list[GeneratedPage]:
    pages = [screens_index(ctx, use_directory_urls)]
    pages += [area_page(ctx, area, use_directory_urls) for area in AREAS]
    pages += [screen_page(ctx, screen, use_directory_urls) for screen in ctx.backlog.screens]
    return pages
