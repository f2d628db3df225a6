"""The platform matrix: on which platforms (web, iOS, Android, Android TV, tvOS) each story applies."""

from __future__ import annotations

from ..context import ProjectContext
from ..model import Platform
from ..wording import platform_label
from . import views
from .pages_backlog import GeneratedPage
from .render import render_md

PLATFORMS_PAGE = "backlog/plateformes.md"


def platforms_page(ctx: ProjectContext) -> GeneratedPage:
    page = PLATFORMS_PAGE
    platforms = list(Platform)
    epics = []
    totals = {p: {"stories": 0, "points": 0} for p in platforms}
    for epic in ctx.backlog.epics:
        rows = []
        for story in epic.stories:
            on = set(epic.platforms_of(story))
            for p in on:
                totals[p]["stories"] += 1
                totals[p]["points"] += story.points
            rows.append(
                {
                    "story": views.story_link(ctx, story, page),
                    "title": story.title,
                    "points": story.points,
                    "cells": ["✓" if p in on else "" for p in platforms],
                    "own": bool(story.platforms),
                }
            )
        epics.append({"epic": views.epic_link(epic, page), "rows": rows})
    markdown = render_md(
        "platforms.md.j2",
        headers=[platform_label(p) for p in platforms],
        epics=epics,
        totals=[totals[p] for p in platforms],
        cells=sum(len(e["rows"]) for e in epics) * len(platforms),
    )
    return GeneratedPage(page, "Matrice des plateformes", markdown)
