"""Diagrams cited in a page: `{{ seq.ID }}`, `{{ sm.ID }}`, `{{ entity.ID }}`.

Alone on its line, a citation embeds the diagram (the same PlantUML source as its own page, so the same cached
SVG) with a caption linking to that page; inside a sentence, it is a link. The sources come from the loaded
model only: a sequence's text was checked by the loader (no preprocessor directive), the state and class
diagrams are built from identifiers and neutralised labels (`domain_diagrams`).
"""

from __future__ import annotations

from ..context import ProjectContext
from ..model.domain import DomainFile, Entity, StateMachine
from ..model.sequence import Sequence
from . import paths, views
from .diagram_fence import fence
from .domain_diagrams import class_diagram, state_diagram

KIND_LABELS = {"sequence": "Diagramme de séquence", "state_machine": "Diagramme d'états", "entity": "Entité"}


def _object(ctx: ProjectContext, kind: str, key: str) -> Sequence | StateMachine | Entity | None:
    found = ctx.backlog.find(key)
    wanted = {"sequence": Sequence, "state_machine": StateMachine, "entity": Entity}.get(kind)
    return found if wanted is not None and isinstance(found, wanted) else None


def _target(kind: str, key: str) -> str:
    return paths.sequence_page(key) if kind == "sequence" else paths.domain_object_page(key)


def diagram_link(ctx: ProjectContext, kind: str, key: str, page: str) -> str | None:
    """`[SEQ-PLAY-01 — Obtenir un jeton de lecture](…)`, or None for an unknown id (left as written)."""
    found = _object(ctx, kind, key)
    if found is None:
        return None
    return str(views.link(f"{found.id} — {found.title}", paths.rel(page, _target(kind, key))))


def diagram_source(ctx: ProjectContext, found: Sequence | StateMachine | Entity) -> tuple[str, str]:
    """(PlantUML source, CSS class) of a cited object's diagram."""
    if isinstance(found, Sequence):
        return found.source, "fz_sequence"
    enums = {e.id: e for e in ctx.backlog.objects("enum")}
    if isinstance(found, StateMachine):
        return state_diagram(found, enums.get(found.enum)), "fz_states"
    alone = DomainFile.model_construct(id="entity", title=found.title, entities=[found], enums=[], state_machines=[])
    return class_diagram(alone, enums), "fz_classes"


def embed(ctx: ProjectContext, kind: str, key: str, page: str) -> str | None:
    """The diagram as a PlantUML fence (rendered inline by the generation step) and a caption with its link."""
    found = _object(ctx, kind, key)
    if found is None:
        return None
    source, css = diagram_source(ctx, found)
    alt = f"{KIND_LABELS[kind]} {found.id}"
    caption = views.link(f"{KIND_LABELS[kind]} {found.id} — {found.title}", paths.rel(page, _target(kind, key)))
    return f"\n{fence(source, css, alt)}\n\n*{caption}*\n"
