"""Replace the PlantUML fences of a page by their inline SVG, so that the generated tree needs no plugin and no
Markdown extension of ours: MkDocs and Zensical convert the same Markdown with the same raw HTML.

The SVG is produced by the same preprocessor the `generators.site.plantuml_ext` extension runs (same options,
same cache), then written as a raw HTML block (`<div class="fz-diagram">…</div>`, blank lines around it).
A fence indented inside a block (an admonition, a tab) stays a fence: the extension renders it from the cache.
"""

from __future__ import annotations

import re
from typing import Any

import markdown

from .plantuml import Renderer
from .plantuml_ext import CachedPlantUMLExtension

_PLACEHOLDER = re.compile(r"^\x02wzxhzdk:([0-9]+)\x03$")


def inline_diagrams(text: str, renderer: Renderer, options: dict[str, Any], origin: str) -> str:
    """The page with every top-level diagram fence replaced by a raw HTML block holding its SVG."""
    if "plantuml" not in text and "uml" not in text:
        return text
    extension = CachedPlantUMLExtension(**{k: v for k, v in options.items() if k != "renderer"}, renderer=renderer)
    md = markdown.Markdown(extensions=[extension])
    processor = md.preprocessors["plantuml"]
    renderer.current_origin = origin
    lines = processor.run(text.split("\n"))
    stash = md.htmlStash.rawHtmlBlocks
    if not stash:
        return text
    out: list[str] = []
    for line in lines:
        match = _PLACEHOLDER.match(line)
        if match is None:
            if "\x02wzxhzdk:" in line:  # an indented diagram: leave the page's own fence to the extension
                return text
            out.append(line)
            continue
        html = str(stash[int(match.group(1))])
        out += ["", '<div class="fz-diagram">', html, "</div>", ""]
    return "\n".join(out)
