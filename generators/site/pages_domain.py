"""Generated pages of the domain model ("Modèle de données"): an index, a page per domain file with its class
diagram, a page per entity, per enum and per state machine (state diagram and transitions table)."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from ..context import ProjectContext
from ..model.domain import DomainEnum, DomainFile, Entity, StateMachine
from . import paths, views
from .diagram_fence import fence
from .domain_diagrams import class_diagram, state_diagram
from .pages_backlog import GeneratedPage
from .render import render_md

CARDINALITY = {
    "one-to-one": "1 — 1",
    "one-to-many": "1 — plusieurs",
    "many-to-one": "plusieurs — 1",
    "many-to-many": "plusieurs — plusieurs",
}


def _enums(ctx: ProjectContext) -> dict[str, DomainEnum]:
    return ctx.derived("domain_enums", lambda: {e.id: e for e in ctx.backlog.objects("enum")})


def _known(ctx: ProjectContext) -> set[str]:
    return ctx.derived(
        "domain_objects",
        lambda: {o.id for kind in ("entity", "enum", "state_machine") for o in ctx.backlog.objects(kind)},
    )


def object_link(ctx: ProjectContext, object_id: str, page: str, text: str | None = None) -> Markup:
    if object_id not in _known(ctx):
        return Markup(f"`{object_id}`") if object_id.isalnum() else views.link(object_id, "#")
    return views.link(text or object_id, paths.rel(page, paths.domain_object_page(object_id)))


def _stories(ctx: ProjectContext, ids: list[str], page: str) -> list[Markup]:
    return [views.story_link(ctx, ctx.story_by_id[s], page, with_title=True) for s in ids if s in ctx.story_by_id]


def machines_of(ctx: ProjectContext, enum_id: str) -> list[StateMachine]:
    return [m for m in ctx.backlog.objects("state_machine") if m.enum == enum_id]


def entities_of_story(ctx: ProjectContext) -> dict[str, list[Entity]]:
    def compute() -> dict[str, list[Entity]]:
        out: dict[str, list[Entity]] = {}
        for entity in ctx.backlog.objects("entity"):
            for story in entity.stories:
                out.setdefault(story, []).append(entity)
        return out

    return ctx.derived("entities_of_story", compute)


def entity_page(ctx: ProjectContext, entity: Entity, domain: DomainFile) -> GeneratedPage:
    page = paths.domain_object_page(entity.id)
    enums = _enums(ctx)
    fields = [
        {
            "name": Markup(f"`{f.name}`"),
            "type": object_link(ctx, f.type, page) if not f.is_scalar else f.type,
            "required": f.required,
            "description": f.description,
        }
        for f in entity.fields
    ]
    relations = [
        {
            "name": Markup(f"`{r.name}`"),
            "target": object_link(ctx, r.target, page),
            "cardinality": CARDINALITY[r.cardinality.value],
        }
        for r in entity.relations
    ]
    used = [t for t in dict.fromkeys(entity.types_used) if t in enums]
    machines = [m for t in used for m in machines_of(ctx, t)]
    markdown = render_md(
        "domain_entity.md.j2",
        entity=entity,
        domain=views.link(domain.title, paths.rel(page, paths.domain_page(domain.id))),
        fields=fields,
        relations=relations,
        enums=[object_link(ctx, t, page, f"{t} — {enums[t].title}") for t in used],
        machines=[object_link(ctx, m.id, page, m.title) for m in machines],
        stories=_stories(ctx, entity.stories, page),
        rules=[views.rule_link(ctx, r, page, with_title=True) for r in entity.rules],
    )
    return GeneratedPage(page, f"{entity.id} — {entity.title}", markdown)


def enum_page(ctx: ProjectContext, enum: DomainEnum, domain: DomainFile) -> GeneratedPage:
    page = paths.domain_object_page(enum.id)
    users = [e for e in ctx.backlog.objects("entity") if enum.id in e.types_used]
    schemas = [
        s.file
        for s in ctx.backlog.objects("service")
        if isinstance(((s.data.get("components") or {}).get("schemas") or {}).get(enum.id), dict)
    ]
    markdown = render_md(
        "domain_enum.md.j2",
        enum=enum,
        domain=views.link(domain.title, paths.rel(page, paths.domain_page(domain.id))),
        users=[object_link(ctx, e.id, page, f"{e.id} — {e.title}") for e in users],
        machines=[object_link(ctx, m.id, page, m.title) for m in machines_of(ctx, enum.id)],
        schemas=schemas,
    )
    return GeneratedPage(page, f"{enum.id} — {enum.title}", markdown)


def machine_page(ctx: ProjectContext, machine: StateMachine, domain: DomainFile) -> GeneratedPage:
    page = paths.domain_object_page(machine.id)
    enum = _enums(ctx).get(machine.enum)
    meanings = {v.value: v.meaning for v in enum.values} if enum is not None else {}
    transitions = [
        {
            "number": index,
            "from": Markup(f"`{t.from_}`"),
            "to": Markup(f"`{t.to}`"),
            "trigger": t.trigger,
            "guard": t.guard or "—",
            "actor": t.actor or "—",
            "rule": views.rule_link(ctx, t.rule, page, with_title=False) if t.rule else "—",
        }
        for index, t in enumerate(machine.transitions, start=1)
    ]
    states = [
        {
            "value": Markup(f"`{value}`"),
            "meaning": meaning,
            "role": "initial" if value in machine.initials else "final" if value in machine.final else "",
        }
        for value, meaning in meanings.items()
    ]
    markdown = render_md(
        "domain_machine.md.j2",
        machine=machine,
        domain=views.link(domain.title, paths.rel(page, paths.domain_page(domain.id))),
        enum=object_link(ctx, machine.enum, page),
        diagram=fence(state_diagram(machine, enum), "fz_states", f"Machine à états {machine.id}"),
        states=states,
        transitions=transitions,
    )
    return GeneratedPage(page, machine.title, markdown)


def domain_page(ctx: ProjectContext, domain: DomainFile) -> GeneratedPage:
    page = paths.domain_page(domain.id)
    markdown = render_md(
        "domain_file.md.j2",
        domain=domain,
        diagram=fence(class_diagram(domain, _enums(ctx)), "fz_classes", f"Diagramme de classes {domain.id}"),
        entities=[(object_link(ctx, e.id, page), e.title, e.description) for e in domain.entities],
        enums=[(object_link(ctx, e.id, page), e.title, len(e.values)) for e in domain.enums],
        machines=[
            (object_link(ctx, m.id, page, m.title), object_link(ctx, m.enum, page)) for m in domain.state_machines
        ],
    )
    return GeneratedPage(page, domain.title, markdown)


def domain_index(ctx: ProjectContext, domains: list[DomainFile]) -> GeneratedPage:
    page = paths.DOMAIN_INDEX
    rows: list[dict[str, Any]] = [
        {
            "link": views.link(d.title, paths.rel(page, paths.domain_page(d.id))),
            "entities": views.join([object_link(ctx, e.id, page) for e in d.entities]),
            "enums": views.join([object_link(ctx, e.id, page) for e in d.enums]),
            "machines": views.join([object_link(ctx, m.id, page, m.title) for m in d.state_machines]),
        }
        for d in domains
    ]
    return GeneratedPage(page, "Modèle de données", render_md("domain_index.md.j2", rows=rows))


def domain_pages(ctx: ProjectContext) -> list[GeneratedPage]:
    domains = list(ctx.backlog.objects("domain"))
    if not domains:
        return []
    pages = [domain_index(ctx, domains)]
    for domain in domains:
        pages.append(domain_page(ctx, domain))
        pages += [entity_page(ctx, e, domain) for e in domain.entities]
        pages += [enum_page(ctx, e, domain) for e in domain.enums]
        pages += [machine_page(ctx, m, domain) for m in domain.state_machines]
    return pages
