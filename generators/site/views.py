"""Small Markdown snippets shared by the page templates: links, badges, labels. Each returns `Markup`, with
every YAML value escaped by `md_escape`; URLs are built only from IDs (which match strict patterns)."""

from __future__ import annotations

from urllib.parse import quote

from markupsafe import Markup

from ..context import ProjectContext
from ..model import Epic, Persona, Screen, Story
from ..model.markup import html_text, md_escape
from ..wording import persona_label, priority_label, story_sentence
from . import paths


def nav_title(text: str) -> str:
    """A title for the navigation and the browser tab: MkDocs templates print it without escaping and
    Jinja's `striptags` unescapes entities, so angle brackets are replaced and the rest HTML-escaped."""
    text = " ".join(str(text).split()).replace("<", "‹").replace(">", "›")
    return text.replace("&", "&amp;").replace('"', "&quot;")


def anchor(object_id: str) -> Markup:
    """The HTML id of an object's heading: its ID in lower case (IDs match strict patterns)."""
    return Markup(object_id.lower())


def link(text: str, target: str) -> Markup:
    return Markup(f"[{md_escape(text)}]({target})")


def id_link(object_id: str, title: str | None, target: str) -> Markup:
    """A link labelled by an object's ID (never broken across lines) and, when given, its title."""
    label = f'<span class="fz-id">{html_text(object_id)}</span>'
    if title:
        label += " " + md_escape(f"— {title}")
    return Markup(f"[{label}]({target})")


def epic_link(epic: Epic, from_page: str, *, with_title: bool = True) -> Markup:
    return id_link(epic.id, epic.title if with_title else None, paths.rel(from_page, paths.epic_page(epic.id)))


def story_link(ctx: ProjectContext, story: Story, from_page: str, *, with_title: bool = False) -> Markup:
    epic = ctx.epic_of[story.id]
    target = paths.rel(from_page, paths.epic_page(epic.id)) + "#" + anchor(story.id)
    return id_link(story.id, story.title if with_title else None, target)


def screen_link(screen: Screen, from_page: str, *, with_title: bool = False) -> Markup:
    return id_link(screen.id, screen.title if with_title else None, paths.rel(from_page, paths.screen_page(screen.id)))


def persona_link(persona: Persona, from_page: str, personas_page: str = paths.PERSONAS) -> Markup:
    return link(persona_label(persona), paths.rel(from_page, personas_page) + "#" + anchor(persona.id))


def rule_link(ctx: ProjectContext, rule_id: str, from_page: str, *, with_title: bool = False) -> Markup:
    rule = ctx.rule_by_id.get(rule_id)
    if rule is None:
        return Markup(md_escape(rule_id))
    title = rule.title if with_title and rule.title != rule.id else None
    return id_link(rule.id, title, paths.rel(from_page, paths.spec_page(rule.page)) + "#" + rule.anchor)


def jira_link(ctx: ProjectContext, key: str | None) -> Markup:
    if not key:
        return Markup("")
    url = ctx.backlog.project.jira.url
    if url is None:
        return Markup(md_escape(key))
    base = str(url).rstrip("/")
    target = quote(f"{base}/browse/{key}", safe=":/?#@!$&'*+,;=%")
    return Markup(f"[{md_escape(key)}]({target})")


def status_badge(ctx: ProjectContext, story: Story) -> Markup:
    category = ctx.category(story).value
    return Markup(f'<span class="fz-badge fz-{category}">{md_escape(story.status)}</span>')


def priority_badge(priority: str) -> Markup:
    label = priority_label(priority)
    return Markup(f'<span class="fz-badge fz-prio fz-prio-{priority}">{md_escape(label)}</span>')


def progress_bar(done: float, total: float) -> Markup:
    percent = round(100 * done / total) if total else 0
    return Markup(
        f'<span class="fz-progress"><span class="fz-bar" role="progressbar" aria-label="Avancement" aria-valuemin="0" '
        f'aria-valuemax="100" aria-valuenow="{percent}"><span style="width: {percent}%"></span></span> '
        f"{percent}\u00a0%</span>"
    )


def join(items: list[Markup], empty: str = "—") -> Markup:
    return Markup(", ".join(str(item) for item in items)) if items else Markup(md_escape(empty))


def user_story(ctx: ProjectContext, story: Story, from_page: str) -> Markup:
    """The user-story sentence (`wording.story_sentence`) with its lead words in bold and the persona linked."""
    persona = ctx.persona_by_id.get(story.as_a)
    sentence = story_sentence(story, persona)
    who = (
        persona_link(persona, from_page, paths.personas_page(ctx.root))
        if persona is not None
        else md_escape(sentence.persona)
    )
    connector = html_text(sentence.connector.strip())
    gap = "" if sentence.connector.endswith("'") else " "
    return Markup(
        f"<strong>{sentence.lead}</strong> {who}, <strong>{sentence.want}</strong> {md_escape(sentence.i_want)} "
        f"<strong>{connector}</strong>{gap}{md_escape(sentence.so_that)}."
    )


def operation_links(ctx: ProjectContext, operation_ids: list[str], from_page: str) -> list[Markup]:
    """Links to the API operation pages (`createStorage — POST /storages`)."""
    known = ctx.derived("operation_by_id", lambda: {op.id: op for op in ctx.backlog.objects("operation")})
    return [
        link(
            f"{known[o].id} — {known[o].method.upper()} {known[o].path}",
            paths.rel(from_page, paths.operation_page(known[o].service, o)),
        )
        for o in operation_ids
        if o in known
    ]


def entity_links(ctx: ProjectContext, story_id: str, from_page: str) -> list[Markup]:
    """Links to the entities of the domain model that cite the story."""

    def compute() -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for entity in ctx.backlog.objects("entity"):
            for story in entity.stories:
                out.setdefault(story, []).append(entity.id)
        return out

    by_story = ctx.derived("entities_by_story", compute)
    return [link(e, paths.rel(from_page, paths.domain_object_page(e))) for e in by_story.get(story_id, [])]
