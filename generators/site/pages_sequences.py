"""Generated pages of the sequence diagrams: an index and a page per diagram (rendered like the wireframes:
cached, batched, inline SVG). The loader has already refused any preprocessor directive in them."""

from __future__ import annotations

from ..context import ProjectContext
from ..model.sequence import Sequence
from . import paths, views
from .pages_backlog import GeneratedPage
from .pages_domain import fence
from .render import render_md


def sequence_page(ctx: ProjectContext, sequence: Sequence) -> GeneratedPage:
    page = paths.sequence_page(sequence.id)
    operations = {op.id: op for op in ctx.backlog.objects("operation")}
    markdown = render_md(
        "sequence.md.j2",
        sequence=sequence,
        diagram=fence(sequence.source, "fz_sequence", f"Diagramme de séquence {sequence.id}"),
        stories=[
            views.story_link(ctx, ctx.story_by_id[s], page, with_title=True)
            for s in sequence.stories
            if s in ctx.story_by_id
        ],
        rules=[views.rule_link(ctx, r, page, with_title=True) for r in sequence.rules],
        operations=[
            views.link(
                f"{operations[o].id} — {operations[o].label}",
                paths.rel(page, paths.operation_page(operations[o].service, o)),
            )
            for o in sequence.operations
            if o in operations
        ],
        source=paths.rel(page, "sequences/" + sequence.file.rsplit("/", 1)[-1]),
    )
    return GeneratedPage(page, f"{sequence.id} — {sequence.title}", markdown)


def sequence_pages(ctx: ProjectContext) -> list[GeneratedPage]:
    sequences = list(ctx.backlog.objects("sequence"))
    if not sequences:
        return []
    page = paths.SEQUENCES_INDEX
    rows = [views.link(f"{s.id} — {s.title}", paths.rel(page, paths.sequence_page(s.id))) for s in sequences]
    index = GeneratedPage(page, "Diagrammes de séquence", render_md("sequences_index.md.j2", rows=rows))
    return [index, *(sequence_page(ctx, s) for s in sequences)]
