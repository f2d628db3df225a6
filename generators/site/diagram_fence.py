"""The PlantUML fence of a generated diagram (rendered inline by the generation step)."""

from __future__ import annotations

from markupsafe import Markup


def fence(code: str, css: str, alt: str) -> Markup:
    """A plantuml fence for plantuml-markdown (inline SVG); `alt` is built from ids only."""
    return Markup(f'```plantuml classes="uml {css}" alt="{alt}"\n{code.rstrip()}\n```')
