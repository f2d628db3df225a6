"""The catalogues on the site: a page per catalogue, and what a citation of an entry reads as (`cited`: the
value, or the message's text, linked to its catalogue entry; `generators.site.citations` expands the pages).
"""

from __future__ import annotations

from collections import defaultdict

from markupsafe import Markup

from ..context import ProjectContext
from ..model.catalogue import Message, Notification, Parameter
from ..model.markup import md_escape
from ..wording.catalogue import changed_by_label, message_text, parameter_range, parameter_value, quoted
from . import paths, views
from .render import render_md

PARAMETERS = "catalogues/parametres.md"
MESSAGES = "catalogues/messages.md"
NOTIFICATIONS = "catalogues/notifications.md"
PAGES = {"parameter": PARAMETERS, "message": MESSAGES, "notification": NOTIFICATIONS}
CHANNEL_LABELS = {"email": "e-mail", "push": "push", "in-app": "dans l'application", "alert": "alerte"}
KIND_LABELS = {"error": "erreur", "warning": "avertissement", "info": "information", "legal": "mention légale"}


def anchor(object_id: str) -> str:
    return views.anchor(object_id)


def cited(ctx: ProjectContext, kind: str, key: str, page: str) -> str | None:
    found = ctx.backlog.find(key)
    if kind == "parameter" and isinstance(found, Parameter):
        target = paths.rel(page, PARAMETERS) + "#" + anchor(key)
        return f"[{md_escape(parameter_value(found))}]({target})"
    if kind == "message" and isinstance(found, Message):
        target = paths.rel(page, MESSAGES) + "#" + anchor(key)
        text = quoted(message_text(found, ctx.backlog.find))
        return f"{md_escape(text)} ([{md_escape(key)}]({target}))"
    return None


def _owner_link(ctx: ProjectContext, owner: str, file: str, page: str) -> Markup:
    if owner in ctx.story_by_id:
        return views.story_link(ctx, ctx.story_by_id[owner], page)
    if owner in ctx.epic_by_id:
        return views.epic_link(ctx.epic_by_id[owner], page, with_title=False)
    if owner in ctx.screen_by_id:
        return views.screen_link(ctx.screen_by_id[owner], page)
    if owner in ctx.rule_by_id:
        return views.rule_link(ctx, owner, page)
    if file.startswith("specs/") and file.endswith(".md"):
        return views.link(file.removeprefix("specs/"), paths.rel(page, file.removeprefix("specs/")))
    return Markup(md_escape(owner))


def _citers(ctx: ProjectContext, page: str) -> dict[str, list[Markup]]:
    found: dict[str, list[Markup]] = defaultdict(list)
    for citation in ctx.backlog.objects("citation"):
        target = citation.parameter or citation.message
        if target is None:
            continue
        found[target].append(_owner_link(ctx, citation.owner, citation.file, page))
    return found


def parameters_page(ctx: ProjectContext) -> str:
    page = PARAMETERS
    citers = _citers(ctx, page)
    rows = [
        {
            "anchor": anchor(p.id),
            "parameter": p,
            "value": parameter_value(p),
            "range": parameter_range(p),
            "changed_by": changed_by_label(p.changed_by),
            "rule": views.rule_link(ctx, p.rule, page) if p.rule else "—",
            "cited": views.join(citers.get(p.id, []), "non cité"),
        }
        for p in ctx.backlog.objects("parameter")
    ]
    return render_md("catalogue_parameters.md.j2", rows=rows)


def messages_page(ctx: ProjectContext) -> str:
    page = MESSAGES
    citers = _citers(ctx, page)
    rows = [
        {
            "anchor": anchor(m.id),
            "message": m,
            "text": message_text(m, ctx.backlog.find),
            "kind": KIND_LABELS[m.kind.value],
            "screens": views.join([views.screen_link(ctx.screen_by_id[s], page) for s in m.screens]),
            "rule": views.rule_link(ctx, m.rule, page) if m.rule else "—",
            "cited": views.join(citers.get(m.id, []), "non cité"),
        }
        for m in ctx.backlog.objects("message")
    ]
    return render_md("catalogue_messages.md.j2", rows=rows)


def notifications_page(ctx: ProjectContext) -> str:
    page = NOTIFICATIONS
    rows = []
    for n in ctx.backlog.objects("notification"):
        assert isinstance(n, Notification)
        stories = [views.story_link(ctx, ctx.story_by_id[s], page) for s in n.stories if s in ctx.story_by_id]
        rows.append(
            {
                "anchor": anchor(n.id),
                "n": n,
                "channels": ", ".join(CHANNEL_LABELS[c.value] for c in n.channels),
                "variables": ", ".join(n.variables) or "—",
                "stories": views.join(stories),
                "rule": views.rule_link(ctx, n.rule, page) if n.rule else "—",
            }
        )
    return render_md("catalogue_notifications.md.j2", rows=rows)


def catalogue_pages(ctx: ProjectContext) -> list[tuple[str, str, str]]:
    """(path, title, markdown) of the catalogue pages the project has entries for."""
    pages = []
    if ctx.backlog.objects("parameter"):
        pages.append((PARAMETERS, "Paramètres", parameters_page(ctx)))
    if ctx.backlog.objects("message"):
        pages.append((MESSAGES, "Messages", messages_page(ctx)))
    if ctx.backlog.objects("notification"):
        pages.append((NOTIFICATIONS, "Notifications", notifications_page(ctx)))
    return pages
