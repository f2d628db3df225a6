"""Generated pages of the API contracts: an index with the documents to download, a page per service and a
page per operation, rendered statically from the OpenAPI documents (no JavaScript viewer)."""

from __future__ import annotations

from markupsafe import Markup

from ..context import ProjectContext
from ..model.api import ApiDocument, Operation
from ..model.markup import md_escape
from . import openapi_view, paths, views
from .pages_backlog import GeneratedPage
from .render import render_md

METHOD_ORDER = {method: index for index, method in enumerate(("get", "post", "put", "patch", "delete"))}


def services(ctx: ProjectContext) -> list[ApiDocument]:
    return list(ctx.backlog.objects("service"))


def operations_of(ctx: ProjectContext, service_id: str) -> list[Operation]:
    return [op for op in ctx.backlog.objects("operation") if op.service == service_id]


def document_file(service: ApiDocument) -> str:
    """Where the document is published as it is (MkDocs copies `specs/api/x.yaml` to `api/x.yaml`)."""
    return "api/" + service.file.rsplit("/", 1)[-1]


def operation_link(op: Operation, from_page: str, *, with_label: bool = False) -> Markup:
    text = f"{op.id} — {op.method.upper()} {op.path}" if with_label else op.id
    return views.link(text, paths.rel(from_page, paths.operation_page(op.service, op.id)))


def method_badge(method: str) -> Markup:
    return Markup(f'<span class="fz-badge fz-method fz-method-{method}">{method.upper()}</span>')


def _code_block(text: str, language: str = "json") -> Markup:
    """A ```` fence (never taken for a diagram); JSON text has no line starting with a backtick."""
    return Markup(f"````{language}\n{text}\n````")


def _stories(ctx: ProjectContext, ids: list[str], page: str) -> list[Markup]:
    return [views.story_link(ctx, ctx.story_by_id[s], page, with_title=True) for s in ids if s in ctx.story_by_id]


def operation_page(ctx: ProjectContext, service: ApiDocument, op: Operation) -> GeneratedPage:
    page = paths.operation_page(service.id, op.id)
    document = service.data
    path_item = op.spec.get("path_item") or {}
    operation = op.spec.get("operation") or {}
    request = operation.get("requestBody")
    sequences = [s for s in ctx.backlog.objects("sequence") if op.id in s.operations]
    markdown = render_md(
        "api_operation.md.j2",
        op=op,
        method=method_badge(op.method),
        service_link=views.link(service.title, paths.rel(page, paths.service_page(service.id))),
        parameters=openapi_view.parameters(document, path_item, operation),
        request=openapi_view.bodies(document, request) if request is not None else [],
        request_required=bool(isinstance(request, dict) and request.get("required")),
        responses=openapi_view.responses(document, operation),
        security=openapi_view.security(document, operation),
        stories=_stories(ctx, op.stories, page),
        rules=[views.rule_link(ctx, r, page, with_title=True) for r in op.rules],
        sequences=[views.link(f"{s.id} — {s.title}", paths.rel(page, paths.sequence_page(s.id))) for s in sequences],
        code=_code_block,
        download=paths.rel(page, document_file(service)),
    )
    return GeneratedPage(page, f"{op.method.upper()} — {op.summary}" if op.summary else op.label, markdown)


def service_page(ctx: ProjectContext, service: ApiDocument) -> GeneratedPage:
    page = paths.service_page(service.id)
    ops = sorted(operations_of(ctx, service.id), key=lambda o: (o.webhook, o.path, METHOD_ORDER.get(o.method, 9)))
    servers = [
        {"url": str(s.get("url", "")), "description": str(s.get("description") or "")}
        for s in service.data.get("servers") or []
        if isinstance(s, dict)
    ]
    rows = [
        {
            "method": method_badge(op.method),
            "path": Markup(f"`{op.path}`") if "`" not in op.path else md_escape(op.path),
            "link": operation_link(op, page),
            "summary": op.summary,
            "stories": views.join(
                [views.story_link(ctx, ctx.story_by_id[s], page) for s in op.stories if s in ctx.story_by_id]
            ),
        }
        for op in ops
    ]
    markdown = render_md(
        "api_service.md.j2",
        service=service,
        servers=servers,
        schemes=openapi_view.schemes(service.data),
        rows=[r for r, op in zip(rows, ops, strict=True) if not op.webhook],
        webhooks=[r for r, op in zip(rows, ops, strict=True) if op.webhook],
        download=paths.rel(page, document_file(service)),
        file_name=document_file(service).rsplit("/", 1)[-1],
    )
    return GeneratedPage(page, service.title, markdown)


def api_index(ctx: ProjectContext) -> GeneratedPage:
    page = paths.API_INDEX
    items = [
        {
            "link": views.link(s.title, paths.rel(page, paths.service_page(s.id))),
            "version": s.version,
            "operations": len(operations_of(ctx, s.id)),
            "download": views.link(document_file(s).rsplit("/", 1)[-1], paths.rel(page, document_file(s))),
        }
        for s in services(ctx)
    ]
    return GeneratedPage(page, "Contrats d'API", render_md("api_index.md.j2", services=items))


def api_pages(ctx: ProjectContext) -> list[GeneratedPage]:
    if not services(ctx):
        return []
    pages = [api_index(ctx)]
    for service in services(ctx):
        pages.append(service_page(ctx, service))
        pages += [operation_page(ctx, service, op) for op in operations_of(ctx, service.id)]
    return pages
