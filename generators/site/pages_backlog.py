"""Generated pages about the backlog: home dashboard, epic list, one page per epic, personas, traceability.

Every look-up goes through the project context's indexes: each page is generated in time linear in
the size of the backlog.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from ..context import Progress, ProjectContext
from ..model import Epic, Story
from ..model.markup import html_text, md_escape
from ..wording import area_label, category_label, percent, plural
from . import paths, views
from .embeds import diagram_link, embed
from .render import render_html, render_md


@dataclass(frozen=True)
class GeneratedPage:
    path: str  # relative to docs_dir
    title: str  # raw text (the plugin makes it safe for the navigation)
    markdown: str


@dataclass(frozen=True)
class LatePage(GeneratedPage):
    """A page whose Markdown is made after the others' diagrams have started rendering (`make`): it waits for
    work done meanwhile (another process's). Its diagrams, if any, are rendered in a second PlantUML run."""

    make: Callable[[], str] = field(default=lambda: "", compare=False)

    def made(self) -> GeneratedPage:
        return GeneratedPage(self.path, self.title, self.make())


@dataclass(frozen=True)
class Download:
    label: str
    path: str  # relative to docs_dir


def _points(progress: Progress) -> tuple[int, int]:
    if progress.points:
        return progress.points_done, progress.points
    return progress.stories_done, progress.stories


def _epic_row(ctx: ProjectContext, epic: Epic, from_page: str) -> dict[str, object]:
    progress = ctx.epic_progress[epic.id]
    return {
        "link": views.epic_link(epic, from_page),
        "anchor": views.anchor(epic.id),
        "area": area_label(epic.area),
        "priority": views.priority_badge(epic.priority.value),
        "progress": progress,
        "bar": views.progress_bar(*_points(progress)),
    }


def dashboard(
    ctx: ProjectContext,
    today: dt.date,
    downloads: list[Download],
    print_url: str = "print_page/",
    forecast: str | None = None,
) -> GeneratedPage:
    """The home page; `forecast` is the forecast's sentence (from the reports), shown with a link to its page."""
    page = paths.HOME
    backlog = ctx.backlog
    project = backlog.project
    members_of: dict[str, list[Story]] = {status.name: [] for status in project.statuses}
    release = ctx.scope.release_ids  # won't-have is counted apart, never in the figures of progress
    for story in ctx.stories:
        status = project.status(story.status)
        if status is not None and story.id in release:
            members_of[status.name].append(story)
    by_status = []
    for status in project.statuses:
        members = members_of[status.name]
        by_status.append(
            {
                "badge": views.status_badge(ctx, members[0]) if members else status.name,
                "category": category_label(status.category),
                "stories": len(members),
                "points": sum(s.points for s in members),
            }
        )
    as_of = project.as_of or today
    upcoming = sorted((m for m in project.milestones if m.date >= as_of), key=lambda m: (m.date, m.id))
    milestones = sorted(project.milestones, key=lambda m: (m.date, m.id))
    total = ctx.total
    kpis = [
        {"value": len(backlog.epics), "label": "epics"},
        {"value": total.stories, "label": "user stories de la version"},
        {"value": total.points, "label": "points (must, should, could)"},
        {"value": percent(total.percent, 100), "label": "des points terminés"},
        {"value": total.remaining_points, "label": "points restant à faire"},
        {"value": ctx.scope.wont.points, "label": "points hors version (won't have)"},
    ]
    markdown = render_md(
        "dashboard.md.j2",
        project=project,
        kpis=render_html("kpis.html.j2", kpis=kpis),
        total=total,
        wont=ctx.scope.wont,
        epics=[_epic_row(ctx, epic, page) for epic in backlog.epics],
        by_status=by_status,
        as_of=as_of,
        next_milestone=upcoming[0] if upcoming else None,
        days_left=(upcoming[0].date - as_of).days if upcoming else 0,
        milestones=milestones,
        downloads=[views.link(d.label, paths.rel(page, d.path)) for d in downloads],
        counts=" · ".join(
            [
                plural(len(backlog.personas), "persona"),
                plural(len(backlog.screens), "écran maquetté"),
                plural(len(backlog.rules), "règle métier", "règles métier"),
            ]
        ),
        print_url=Markup(html_text(print_url)),
        forecast=forecast,
        links={
            "forecast": paths.rel(page, paths.FORECAST),
            "backlog": paths.rel(page, paths.BACKLOG_INDEX),
            "screens": paths.rel(page, paths.SCREENS_INDEX),
            "traceability": paths.rel(page, paths.TRACEABILITY),
        },
    )
    return GeneratedPage(page, "Tableau de bord", markdown)


def backlog_index(ctx: ProjectContext) -> GeneratedPage:
    page = paths.BACKLOG_INDEX
    markdown = render_md(
        "backlog_index.md.j2",
        epics=[(epic, _epic_row(ctx, epic, page)) for epic in ctx.backlog.epics],
        total=ctx.total,
        personas=paths.rel(page, paths.personas_page(ctx.root)),
        traceability=paths.rel(page, paths.TRACEABILITY),
    )
    return GeneratedPage(page, "Vue d'ensemble", markdown)


def _sequences_by_story(ctx: ProjectContext) -> dict[str, list[str]]:
    def compute() -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for sequence in ctx.backlog.objects("sequence"):
            for story in sequence.stories:
                out.setdefault(story, []).append(sequence.id)
        return out

    return ctx.derived("sequences_by_story", compute)


def _diagrams(ctx: ProjectContext, story: Story, page: str, drawn: set[str]) -> tuple[list[Markup], list[Markup]]:
    """The sequence diagrams illustrating a story: embedded the first time on the page, linked afterwards."""
    embedded, linked = [], []
    for sequence_id in _sequences_by_story(ctx).get(story.id, []):
        if sequence_id in drawn:
            linked.append(Markup(diagram_link(ctx, "sequence", sequence_id, page) or ""))
        else:
            drawn.add(sequence_id)
            embedded.append(Markup(embed(ctx, "sequence", sequence_id, page) or ""))
    return embedded, linked


def _story_view(ctx: ProjectContext, story: Story, page: str, drawn: set[str] | None = None) -> dict[str, object]:
    embedded, linked = _diagrams(ctx, story, page, set() if drawn is None else drawn)
    screens = [
        views.screen_link(ctx.screen_by_id[s], page, with_title=True) if s in ctx.screen_by_id else md_escape(s)
        for s in story.screens
    ]
    deps = [
        views.story_link(ctx, ctx.story_by_id[dep], page, with_title=True) if dep in ctx.story_by_id else dep
        for dep in story.depends_on
    ]
    return {
        "story": story,
        "anchor": views.anchor(story.id),
        "status": views.status_badge(ctx, story),
        "priority": views.priority_badge(story.priority.value),
        "sentence": views.user_story(ctx, story, page),
        "screens": [Markup(s) for s in screens],
        "rules": [views.rule_link(ctx, rule, page, with_title=True) for rule in story.rules],
        "depends_on": deps,
        "dependents": [views.story_link(ctx, s, page, with_title=True) for s in ctx.dependents.get(story.id, [])],
        "jira": views.jira_link(ctx, story.jira),
        "operations": views.operation_links(ctx, story.operations, page),
        "entities": views.entity_links(ctx, story.id, page),
        "sequences": embedded,
        "sequence_links": linked,
    }


def epic_page(ctx: ProjectContext, epic: Epic) -> GeneratedPage:
    page = paths.epic_page(epic.id)
    deps = [
        views.epic_link(ctx.epic_by_id[dep], page) if dep in ctx.epic_by_id else Markup(md_escape(dep))
        for dep in epic.depends_on
    ]
    progress = ctx.epic_progress[epic.id]
    drawn: set[str] = set()  # sequence diagrams already embedded on this page
    markdown = render_md(
        "epic.md.j2",
        epic=epic,
        area=area_label(epic.area),
        priority=views.priority_badge(epic.priority.value),
        progress=progress,
        bar=views.progress_bar(*_points(progress)),
        depends_on=deps,
        jira=views.jira_link(ctx, epic.jira),
        stories=[_story_view(ctx, story, page, drawn) for story in epic.stories],
    )
    return GeneratedPage(page, f"{epic.id} — {epic.title}", markdown)


def _requirement_link(requirement: Any, from_page: str) -> Markup:
    target = paths.rel(from_page, paths.spec_page(requirement.page)) + "#" + views.anchor(requirement.id)
    return views.id_link(requirement.id, None, target)


def traceability_page(ctx: ProjectContext) -> GeneratedPage:
    """The matrix, opened by a coverage summary whose figures link to the lists of gaps."""
    page = paths.TRACEABILITY
    backlog = ctx.backlog
    requirements = {r.id: r for r in backlog.objects("requirement")}
    with_jira = any(story.jira for story in ctx.stories)
    rows = []
    for story in ctx.stories:
        cited = [requirements[r] for r in story.requirements if r in requirements]
        rows.append(
            {
                "story": views.story_link(ctx, story, page),
                "title": story.title,
                "epic": views.epic_link(ctx.epic_of[story.id], page, with_title=False),
                "status": views.status_badge(ctx, story),
                "screens": views.join(
                    [views.screen_link(ctx.screen_by_id[s], page) for s in story.screens if s in ctx.screen_by_id]
                ),
                "rules": views.join([views.rule_link(ctx, r, page) for r in story.rules]),
                "operations": views.join(views.operation_links(ctx, story.operations, page)),
                "entities": views.join(views.entity_links(ctx, story.id, page)),
                "requirements": views.join([_requirement_link(r, page) for r in cited]),
                "jira": views.jira_link(ctx, story.jira) or "—",
            }
        )
    screens = []
    for screen in backlog.screens:
        serving = ctx.stories_by_screen.get(screen.id, [])
        screens.append(
            {
                "screen": views.screen_link(screen, page),
                "title": screen.title,
                "area": area_label(screen.area),
                "stories": views.join([views.story_link(ctx, s, page) for s in serving], "aucune story"),
                "count": len(serving),
            }
        )
    rules = []
    for rule in backlog.rules:
        using = ctx.stories_by_rule.get(rule.id, [])
        rules.append(
            {
                "rule": views.rule_link(ctx, rule.id, page),
                "title": rule.title,
                "stories": views.join([views.story_link(ctx, s, page) for s in using], "aucune story"),
            }
        )
    technical = bool(backlog.objects("operation") or backlog.objects("entity"))
    citing: dict[str, list[Story]] = {}
    for story in ctx.stories:
        for requirement_id in story.requirements:
            citing.setdefault(requirement_id, []).append(story)
    reqs = [
        {
            "requirement": _requirement_link(r, page),
            "title": r.title,
            "stories": views.join([views.story_link(ctx, s, page) for s in citing.get(r.id, [])], "aucune story"),
        }
        for r in requirements.values()
    ]
    gaps = [
        _gap(
            "stories-sans-ecran",
            "stories sans écran",
            [views.story_link(ctx, s, page, with_title=True) for s in ctx.stories if not s.screens],
        ),
        _gap(
            "stories-sans-regle",
            "stories sans règle métier",
            [views.story_link(ctx, s, page, with_title=True) for s in ctx.stories if not s.rules],
        ),
        _gap(
            "regles-sans-story",
            "règles métier sans story",
            [
                views.rule_link(ctx, r.id, page, with_title=True)
                for r in backlog.rules
                if r.id not in ctx.stories_by_rule
            ],
        ),
        _gap(
            "ecrans-sans-story",
            "écrans sans story",
            [views.screen_link(s, page, with_title=True) for s in backlog.screens if s.id not in ctx.stories_by_screen],
        ),
        _gap(
            "exigences-sans-story",
            "exigences non fonctionnelles sans story",
            [_requirement_link(r, page) for r in requirements.values() if r.id not in citing],
        ),
    ]
    markdown = render_md(
        "traceability.md.j2",
        rows=rows,
        screens=screens,
        rules=rules,
        requirements=reqs,
        with_jira=with_jira,
        technical=technical,
        gaps=gaps,
        totals={"stories": len(ctx.stories), "rules": len(backlog.rules), "screens": len(backlog.screens)},
    )
    return GeneratedPage(page, "Matrice de traçabilité", markdown)


def _gap(anchor: str, label: str, items: list[Markup]) -> dict[str, object]:
    return {"anchor": anchor, "label": label, "count": len(items), "members": items}


def backlog_pages(ctx: ProjectContext) -> list[GeneratedPage]:
    pages = [backlog_index(ctx)]
    pages += [epic_page(ctx, epic) for epic in ctx.backlog.epics]
    pages.append(traceability_page(ctx))
    return pages
