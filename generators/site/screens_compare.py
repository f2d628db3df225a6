"""A changed screen on the Changements page: its wireframe then and now, side by side (stacked on a phone).

Both drawings go through the one Salt writer and the one PlantUML pipeline (fences replaced by cached inline
SVG before MkDocs). The screen of the older version is rebuilt from the diff's plain data with the model; a
version whose screen no longer fits today's model is shown without its drawing, with the reason.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup
from pydantic import ValidationError

from ..context import ProjectContext
from ..kinds.screen import out_of_release
from ..model import Screen
from ..model.markup import md_escape
from ..wording.catalogue import expanded_copy
from . import paths
from .salt import wireframe

SIDE_CSS = "fz-side-by-side"


def _drawing(ctx: ProjectContext | None, content: dict[str, Any], page: str, alt: str, urls: bool = True) -> str:
    try:
        screen = Screen.model_validate(content)
    except ValidationError:
        return "*Maquette non dessinable : cette version de l'écran ne suit plus le format actuel.*"
    if ctx is not None:
        screen = expanded_copy(screen, ctx.backlog)
    link = lambda target: paths.url_between(page, paths.screen_page(target), urls)  # noqa: E731
    later = (lambda component: out_of_release(component, ctx.backlog)) if ctx is not None else (lambda c: False)
    salt = wireframe(screen, link, later).salt
    return f'```plantuml classes="uml fz_wireframe" alt="{alt}"\n{salt.rstrip()}\n```'


def side_by_side(
    ctx: ProjectContext | None, screen_id: str, sides: dict[str, Any], page: str, use_directory_urls: bool = True
) -> Markup:
    """Markdown (md_in_html) with the two wireframes of a changed screen, captioned with their versions."""
    parts = [f'<div class="{SIDE_CSS}" markdown>']
    for key in ("before", "after"):
        side = sides[key]
        caption = md_escape(f"{screen_id} — {side['label']}")
        alt = f"Maquette {screen_id} ({'avant' if key == 'before' else 'après'})"
        parts += [
            '<figure class="fz-side" markdown>',
            "",
            f"**{caption}**",
            "",
            _drawing(ctx, {**side["content"], "id": screen_id}, page, alt, use_directory_urls),
            "",
            "</figure>",
        ]
    parts.append("</div>")
    return Markup("\n".join(parts))
