"""One Personas page: the specification's (`specs/personas.md`), each persona's section followed by the
backlog's data about it (role, quote, goals, frustrations, devices, the stories written for it).

Without such a spec page, the backlog's data makes a page of its own (`backlog/personas.md`). A persona the
spec page does not describe (no heading naming its id) gets a section at the end of the page.
"""

from __future__ import annotations

import re

from markupsafe import Markup

from ..context import ProjectContext
from ..model import Persona
from ..model.markup import html_text
from ..wording import quotation
from . import paths, views
from .pages_backlog import GeneratedPage
from .render import render_md

SPEC_PERSONAS = paths.SPEC_PERSONAS
BACKLOG_PERSONAS = paths.PERSONAS
_HEADING = re.compile(r"^(#{1,2})\s+(.*?)\s*$")
_ATTRS = re.compile(r"\s*\{[^}]*\}\s*$")


def _data(ctx: ProjectContext, persona: Persona, page: str) -> dict[str, object]:
    stories = ctx.stories_by_persona.get(persona.id, [])
    return {
        "persona": persona,
        "anchor": views.anchor(persona.id),
        "id": Markup(f"<code>{html_text(persona.id)}</code>"),
        "quote": quotation(persona.quote) if persona.quote.strip() else "",
        "stories": [views.story_link(ctx, s, page, with_title=True) for s in stories],
        "points": sum(s.points for s in stories),
    }


def backlog_personas(ctx: ProjectContext) -> list[GeneratedPage]:
    """The backlog's own Personas page, only when the specification has none."""
    if paths.personas_page(ctx.root) != BACKLOG_PERSONAS:
        return []
    page = BACKLOG_PERSONAS
    personas = [_data(ctx, persona, page) for persona in ctx.backlog.personas]
    return [GeneratedPage(page, "Personas", render_md("personas.md.j2", personas=personas))]


def enrich_spec_personas(ctx: ProjectContext, text: str, page: str = SPEC_PERSONAS) -> str:
    """The spec page with each persona's heading given its id as anchor and the backlog's data appended to
    its section; personas it does not describe get a section at the end."""
    lines = text.split("\n")
    sections: dict[str, int] = {}  # persona id -> index of its heading line
    fence = False
    for number, line in enumerate(lines):
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
        match = None if fence else _HEADING.match(line)
        if match is None or len(match.group(1)) != 2:
            continue
        for persona in ctx.backlog.personas:
            if persona.id not in sections and re.search(rf"(?<![\w-]){re.escape(persona.id)}(?![\w-])", line):
                sections[persona.id] = number
                if not _ATTRS.search(line):
                    lines[number] = f"{line} {{: #{views.anchor(persona.id)} }}"
                break
    ends = _section_ends(lines, sorted(sections.values()))
    inserts: dict[int, str] = {}
    for persona in ctx.backlog.personas:
        if persona.id in sections:
            block = render_md("persona_backlog.md.j2", p=_data(ctx, persona, page), heading=False)
            inserts[ends[sections[persona.id]]] = block
    out: list[str] = []
    for number, line in enumerate(lines):
        if number in inserts:
            out += ["", inserts[number].rstrip(), ""]
        out.append(line)
    if len(lines) in inserts:
        out += ["", inserts[len(lines)].rstrip(), ""]
    for persona in ctx.backlog.personas:
        if persona.id not in sections:
            out += ["", render_md("persona_backlog.md.j2", p=_data(ctx, persona, page), heading=True).rstrip(), ""]
    return "\n".join(out)


def _section_ends(lines: list[str], starts: list[int]) -> dict[int, int]:
    """For each heading line, the index of the next level-1 or level-2 heading (or the end)."""
    ends: dict[int, int] = {}
    fence = False
    boundaries: list[int] = []
    for number, line in enumerate(lines):
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
        match = None if fence else _HEADING.match(line)
        if match is not None and len(match.group(1)) <= 2:
            boundaries.append(number)
    for start in starts:
        ends[start] = next((b for b in boundaries if b > start), len(lines))
    return ends
