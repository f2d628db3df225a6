"""Citations expanded in every page of the site, in one regular-expression substitution (never a template
evaluation; fenced code is left as written):

- `{{ param.x }}` / `{{ msg.X }}`: the value or the message's text, linked to its catalogue entry (`catalogues`);
- `{{ seq.ID }}` / `{{ sm.ID }}` / `{{ entity.ID }}`: alone on its line, the diagram embedded with a caption
  linking to its page; in a sentence, a link (`embeds`);
- `{{ plan.KEY }}`: a plan figure worded in French, or a table alone on its line (`plan_citations`).
"""

from __future__ import annotations

import re

from ..context import ProjectContext
from ..model.citations import expand
from .catalogues import cited
from .embeds import diagram_link, embed
from .plan_citations import plan_value

_FENCE = re.compile(r"^(?P<fence>`{3,}|~{3,}).*?^(?P=fence)[ \t]*$", re.MULTILINE | re.DOTALL)
_MARKERS = ("{{", "&#123;&#123;", "{&#123;", "&#123;{")


def _render(ctx: ProjectContext, page: str, block: bool):  # type: ignore[no-untyped-def]
    def render(kind: str, key: str) -> str | None:
        if kind in ("parameter", "message"):
            return cited(ctx, kind, key, page)
        if kind == "plan":
            return plan_value(ctx, key, block=block)
        return embed(ctx, kind, key, page) if block else diagram_link(ctx, kind, key, page)

    return render


def _expand(text: str, page: str, ctx: ProjectContext) -> str:
    return expand(text, _render(ctx, page, False), _render(ctx, page, True))


def expand_page(markdown: str, page: str, ctx: ProjectContext) -> str:
    """The page with its citations expanded; fenced code blocks are left untouched."""
    if not any(marker in markdown for marker in _MARKERS):
        return markdown
    parts, start = [], 0
    for fence in _FENCE.finditer(markdown):
        parts.append(_expand(markdown[start : fence.start()], page, ctx))
        parts.append(fence.group(0))
        start = fence.end()
    parts.append(_expand(markdown[start:], page, ctx))
    return "".join(parts)
