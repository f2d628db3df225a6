"""Generated pages about the backlog: home dashboard, epic list, one page per epic, personas, traceability."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from markupsafe import Markup

from ..model import Backlog, Epic, StatusCategory, Story
from ..model.markup import html_text, md_escape
from . import paths, views
from .render import render_html, render_md


@dataclass(frozen=True)
class GeneratedPage:
    path: str  # relative to docs_dir
    title: str  # raw text (the plugin makes it safe for the navigation)
    markdown: str


@dataclass(frozen=True)
class Download:
    label: str
    path: str  # relative to docs_dir


@dataclass(frozen=True)
class Progress:
    stories: int
    stories_done: int
    points: int
    points_done: int


def progress(backlog: Backlog, stories: list[Story]) -> Progress:
    done = [s for s in stories if backlog.category(s) is StatusCategory.DONE]
    return Progress(len(stories), len(done), sum(s.points for s in stories), sum(s.points for s in done))


def _epic_row(backlog: Backlog, epic: Epic, from_page: str) -> dict[str, object]:
    return {
        "link": views.epic_link(epic, from_page),
        "anchor": views.anchor(epic.id),
        "area": views.AREA_LABELS.get(epic.area.value, epic.area.value),
        "priority": views.priority_badge(epic.priority.value),
        "progress": progress(backlog, epic.stories),
        "bar": views.progress_bar(*_points(backlog, epic.stories)),
    }


def _points(backlog: Backlog, stories: list[Story]) -> tuple[int, int]:
    result = progress(backlog, stories)
    if result.points:
        return result.points_done, result.points
    return result.stories_done, result.stories


def dashboard(
    backlog: Backlog, today: dt.date, downloads: list[Download], print_url: str = "print_page/"
) -> GeneratedPage:
    page = paths.HOME
    project = backlog.project
    stories = backlog.stories
    by_status = []
    for status in project.statuses:
        members = [s for s in stories if project.status(s.status) is status]
        by_status.append(
            {
                "badge": views.status_badge(backlog, members[0]) if members else status.name,
                "category": views.CATEGORY_LABELS[status.category],
                "stories": len(members),
                "points": sum(s.points for s in members),
            }
        )
    as_of = project.as_of or today
    upcoming = sorted((m for m in project.milestones if m.date >= as_of), key=lambda m: (m.date, m.id))
    milestones = sorted(project.milestones, key=lambda m: (m.date, m.id))
    total = progress(backlog, stories)
    done_percent = round(100 * total.points_done / total.points) if total.points else 0
    kpis = [
        {"value": len(backlog.epics), "label": "epics"},
        {"value": total.stories, "label": "user stories"},
        {"value": total.points, "label": "points"},
        {"value": f"{done_percent} %", "label": "des points terminés"},
    ]
    markdown = render_md(
        "dashboard.md.j2",
        project=project,
        kpis=render_html("kpis.html.j2", kpis=kpis),
        total=total,
        epics=[_epic_row(backlog, epic, page) for epic in backlog.epics],
        by_status=by_status,
        as_of=as_of,
        next_milestone=upcoming[0] if upcoming else None,
        days_left=(upcoming[0].date - as_of).days if upcoming else 0,
        milestones=milestones,
        downloads=[views.link(d.label, paths.rel(page, d.path)) for d in downloads],
        personas=len(backlog.personas),
        screens=len(backlog.screens),
        rules=len(backlog.rules),
        print_url=Markup(html_text(print_url)),
        links={
            "backlog": paths.rel(page, paths.BACKLOG_INDEX),
            "screens": paths.rel(page, paths.SCREENS_INDEX),
            "traceability": paths.rel(page, paths.TRACEABILITY),
        },
    )
    return GeneratedPage(page, "Tableau de bord", markdown)


def backlog_index(backlog: Backlog) -> GeneratedPage:
    page = paths.BACKLOG_INDEX
    markdown = render_md(
        "backlog_index.md.j2",
        epics=[(epic, _epic_row(backlog, epic, page)) for epic in backlog.epics],
        total=progress(backlog, backlog.stories),
        personas=paths.rel(page, paths.PERSONAS),
        traceability=paths.rel(page, paths.TRACEABILITY),
    )
    return GeneratedPage(page, "Vue d'ensemble", markdown)


def _story_view(backlog: Backlog, story: Story, page: str) -> dict[str, object]:
    try:
        persona = views.persona_link(backlog.persona(story.as_a), page)
    except KeyError:
        persona = Markup(md_escape(story.as_a))
    screens = []
    for screen_id in story.screens:
        try:
            screens.append(views.screen_link(backlog.screen(screen_id), page, with_title=True))
        except KeyError:
            screens.append(Markup(md_escape(screen_id)))
    deps = [
        views.story_link(backlog, backlog.story(dep), page, with_title=True) if backlog.has_story(dep) else dep
        for dep in story.depends_on
    ]
    dependents = [views.story_link(backlog, s, page) for s in backlog.stories if story.id in s.depends_on]
    return {
        "story": story,
        "anchor": views.anchor(story.id),
        "status": views.status_badge(backlog, story),
        "priority": views.priority_badge(story.priority.value),
        "persona": persona,
        "screens": screens,
        "rules": [views.rule_link(backlog, rule, page, with_title=True) for rule in story.rules],
        "depends_on": deps,
        "dependents": dependents,
        "jira": views.jira_link(backlog, story.jira),
    }


def epic_page(backlog: Backlog, epic: Epic) -> GeneratedPage:
    page = paths.epic_page(epic.id)
    deps = []
    for dep in epic.depends_on:
        try:
            deps.append(views.epic_link(backlog.epic(dep), page))
        except KeyError:
            deps.append(Markup(md_escape(dep)))
    markdown = render_md(
        "epic.md.j2",
        epic=epic,
        area=views.AREA_LABELS.get(epic.area.value, epic.area.value),
        priority=views.priority_badge(epic.priority.value),
        progress=progress(backlog, epic.stories),
        bar=views.progress_bar(*_points(backlog, epic.stories)),
        depends_on=deps,
        jira=views.jira_link(backlog, epic.jira),
        stories=[_story_view(backlog, story, page) for story in epic.stories],
    )
    return GeneratedPage(page, f"{epic.id} — {epic.title}", markdown)


def personas_page(backlog: Backlog) -> GeneratedPage:
    page = paths.PERSONAS
    personas = []
    for persona in backlog.personas:
        stories = [s for s in backlog.stories if s.as_a == persona.id]
        personas.append(
            {
                "persona": persona,
                "anchor": views.anchor(persona.id),
                "stories": [views.story_link(backlog, s, page, with_title=True) for s in stories],
                "points": sum(s.points for s in stories),
            }
        )
    return GeneratedPage(page, "Personas", render_md("personas.md.j2", personas=personas))


def traceability_page(backlog: Backlog) -> GeneratedPage:
    page = paths.TRACEABILITY
    rows = []
    for story in backlog.stories:
        view = _story_view(backlog, story, page)
        rows.append(
            {
                "story": views.story_link(backlog, story, page),
                "title": story.title,
                "epic": views.epic_link(backlog.epic_of(story.id), page, with_title=False),
                "status": view["status"],
                "screens": views.join(
                    [views.screen_link(backlog.screen(s), page) for s in story.screens if _has_screen(backlog, s)]
                ),
                "rules": views.join([views.rule_link(backlog, r, page) for r in story.rules]),
                "jira": view["jira"] or "—",
            }
        )
    screens = []
    for screen in backlog.screens:
        serving = backlog.stories_for_screen(screen.id)
        screens.append(
            {
                "screen": views.screen_link(screen, page),
                "title": screen.title,
                "area": views.AREA_LABELS.get(screen.area, screen.area),
                "stories": views.join([views.story_link(backlog, s, page) for s in serving], "aucune story"),
                "count": len(serving),
            }
        )
    rules = []
    for rule in backlog.rules:
        using = [s for s in backlog.stories if rule.id in s.rules]
        rules.append(
            {
                "rule": views.rule_link(backlog, rule.id, page),
                "title": rule.title,
                "stories": views.join([views.story_link(backlog, s, page) for s in using], "aucune story"),
            }
        )
    markdown = render_md("traceability.md.j2", rows=rows, screens=screens, rules=rules)
    return GeneratedPage(page, "Matrice de traçabilité", markdown)


def _has_screen(backlog: Backlog, screen_id: str) -> bool:
    return any(screen.id == screen_id for screen in backlog.screens)


def backlog_pages(backlog: Backlog) -> list[GeneratedPage]:
    pages = [backlog_index(backlog)]
    pages += [epic_page(backlog, epic) for epic in backlog.epics]
    pages += [personas_page(backlog), traceability_page(backlog)]
    return pages
