"""Markdown extension: plantuml-markdown's fences and `svg_inline` output, rendered by our cached `Renderer`.

plantuml-markdown runs one JVM per diagram and only logs render errors; this subclass takes the SVG from
the fanzone cache (filled in one batch by the MkDocs plugin before pages are converted) and makes a render
error fail the build. Listed in mkdocs.yml as `generators.site.plantuml_ext`; the plugin hands it the
renderer through the `renderer` option.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from plantuml_markdown.plantuml_markdown import PlantUMLMarkdownExtension, PlantUMLPreprocessor

from ..signed_cache import library_version
from .engine import EngineNotFound, resolve_engine
from .plantuml import DEFAULT_CACHE, Renderer, RenderError
from .svg_safety import checker_version

WIREFRAME_SCALE = 1.4
SCROLL_WIDTH = 1000
FENCE_RE = PlantUMLPreprocessor.FENCED_BLOCK_RE
BLOCK_RE = PlantUMLPreprocessor.BLOCK_RE


def requested_format(img_format: str | None) -> str:
    """plantuml-markdown's mapping from the block's `format` to PlantUML's output type."""
    if img_format in ("svg", "svg_object", "svg_inline"):
        return "svg"
    if img_format == "txt":
        return "txt"
    return "png"


_NEVER = re.compile(r"\A(?!)")  # fails at once (anchored at the start of the text)


def possible(text: str) -> tuple[bool, bool, bool]:
    """Whether a diagram fence, a `::uml::` block and a ````-fenced code block can occur in `text`: each of the
    three expressions takes ~0.1 s to scan a 1 MB page, and they run once per diagram on the rest of the page."""
    fence = "uml" in text and ("```" in text or "~~~" in text)
    return fence, "::uml::" in text, "````" in text or "~~~~" in text


class CachedPlantUMLPreprocessor(PlantUMLPreprocessor):
    def _replace_block(self, text: str) -> tuple[str, int]:
        """plantuml-markdown's, without the scans that cannot match (same result)."""
        fence, block, code = possible(text)
        if not fence and not block:
            return text, len(text)
        self.BLOCK_RE = BLOCK_RE if block else _NEVER
        self.FENCED_CODE_RE = PlantUMLPreprocessor.FENCED_CODE_RE if code else _NEVER
        return super()._replace_block(text)

    def _render_diagram(self, code: str, requested_format: str) -> tuple[bytes | None, str | None]:
        renderer: Renderer | None = self.config.get("renderer")
        if renderer is None:
            renderer = _default_renderer()
        origin = str(self.config.get("origin") or renderer.current_origin or "")
        try:
            return renderer.render(code, requested_format, origin=origin), None
        except RenderError as exc:
            raise PluginError(str(exc)) from None

    def _inline_svg_image(self, diagram: bytes, options: dict[str, str | None]) -> str:
        """Inline SVG at its natural width (CSS shrinks it to the column when wider), one element per line.

        plantuml-markdown sets `width="100%"`, which blows a small diagram up; wireframes (class `fz_wireframe`)
        are drawn 1.4 times their natural size, for legibility; other diagrams wider than the column scroll."""
        renderer = self.config.get("renderer") or _default_renderer()
        store = renderer.store
        inputs = [library_version("plantuml-markdown"), checker_version(), hashlib.sha256(diagram).hexdigest()]
        inputs += [json.dumps([sorted(options.items()), bool(self.config["remove_inline_svg_size"])])]
        key = store.key("svg-fragment", *inputs)
        fragment = store.get(key)
        if fragment is not None:
            return self.md.htmlStash.store(fragment.decode("utf-8"))
        placeholder = self._fragment(diagram, options)  # ElementTree re-serialises the SVG: kept in the store
        store.put(key, str(self.md.htmlStash.rawHtmlBlocks[-1]).encode("utf-8"))
        return placeholder

    def _fragment(self, diagram: bytes, options: dict[str, str | None]) -> str:
        placeholder = super()._inline_svg_image(diagram, options)
        classes = (options.get("classes") or "").split()
        factor = WIREFRAME_SCALE if "fz_wireframe" in classes else 1.0
        stash = self.md.htmlStash.rawHtmlBlocks
        stash[-1] = break_lines(natural_width(stash[-1], factor))
        if classes == ["uml"] and svg_width(stash[-1]) > SCROLL_WIDTH:
            # wide charts (a Gantt) keep their size and scroll sideways rather than shrink to illegible
            stash[-1] = f'<div class="fz-scroll">{stash[-1]}</div>'
        return placeholder


def svg_width(svg: str) -> float:
    match = re.search(r'(?<![\w-])width="([0-9.]+)"', svg[: svg.find(">")])
    return float(match.group(1)) if match else 0.0


def natural_width(svg: str, factor: float = 1.0) -> str:
    """Give the root <svg> the width of its viewBox (times `factor`) instead of 100%."""
    head_end = svg.find(">")
    head = svg[:head_end]
    box = re.search(r'viewBox="[-0-9.]+ [-0-9.]+ ([0-9.]+) [0-9.]+"', head)
    if box is None:
        return svg
    width = f'width="{float(box.group(1)) * factor:.0f}"'
    head, count = re.subn(r'(?<![\w-])width="[^"]*"', width, head, count=1)
    if not count:
        head += " " + width
    head = re.sub(r'(?<![\w-])height="[^"]*"', "", head)
    return head + svg[head_end:]


# Start tags, and the end tags of containers: never the end of <text> (a newline there would be text).
_ELEMENT_START = re.compile(
    r"<(?=(?:a|g|rect|text|path|line|polygon|polyline|ellipse|circle|image|defs)[\s>/]|/(?:a|g)>)"
)


def break_lines(svg: str) -> str:
    """One element per line: PlantUML writes the SVG on one line, and line-based regular expressions
    (mkdocs-print-site's anchor fixing) become quadratic on a single line of 100 kB."""
    return _ELEMENT_START.sub("\n<", svg)


class CachedPlantUMLExtension(PlantUMLMarkdownExtension):
    def __init__(self, **kwargs: Any) -> None:
        renderer = kwargs.pop("renderer", None)
        origin = kwargs.pop("origin", "")
        super().__init__(**kwargs)
        # Set directly: Markdown's setConfig would turn an object option with a None default into a bool.
        self.config["renderer"] = [renderer, "fanzone Renderer (set by the fanzone MkDocs plugin)"]
        self.config["origin"] = [origin, "Name of the source, for error messages"]

    def extendMarkdown(self, md: Any) -> None:
        md.registerExtension(self)
        processor = CachedPlantUMLPreprocessor(md)
        processor.config = self.getConfigs()
        md.preprocessors.register(processor, "plantuml", int(processor.config["priority"]))


_DEFAULT: Renderer | None = None


def _default_renderer() -> Renderer:
    """Without the plugin: the project in the current folder, its pinned jar or `plantuml`, its cache."""
    global _DEFAULT
    if _DEFAULT is None:
        root = Path.cwd()
        try:
            _DEFAULT = Renderer(resolve_engine(root), root / DEFAULT_CACHE)
        except EngineNotFound as exc:
            raise PluginError(str(exc)) from None
    return _DEFAULT


def makeExtension(**kwargs: Any) -> CachedPlantUMLExtension:
    return CachedPlantUMLExtension(**kwargs)
