"""Markdown extension: plantuml-markdown's fences and `svg_inline` output, rendered by our cached `Renderer`.

plantuml-markdown runs one JVM per diagram and only logs render errors; this subclass takes the SVG from
the fanzone cache (filled in one batch by the MkDocs plugin before pages are converted) and makes a render
error fail the build. Listed in mkdocs.yml as `generators.site.plantuml_ext`; the plugin hands it the
renderer through the `renderer` option.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from plantuml_markdown.plantuml_markdown import PlantUMLMarkdownExtension, PlantUMLPreprocessor

from .engine import EngineNotFound, resolve_engine
from .plantuml import Renderer, RenderError

DEFAULT_CACHE = ".cache/plantuml"
WIREFRAME_SCALE = 1.4
FENCE_RE = PlantUMLPreprocessor.FENCED_BLOCK_RE
BLOCK_RE = PlantUMLPreprocessor.BLOCK_RE


def requested_format(img_format: str | None) -> str:
    """plantuml-markdown's mapping from the block's `format` to PlantUML's output type."""
    if img_format in ("svg", "svg_object", "svg_inline"):
        return "svg"
    if img_format == "txt":
        return "txt"
    return "png"


class CachedPlantUMLPreprocessor(PlantUMLPreprocessor):
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
        """Wireframes (class `fz_wireframe`) are drawn larger than PlantUML's natural size, for legibility."""
        if "fz_wireframe" in (options.get("classes") or "").split():
            diagram = scale_svg(diagram, WIREFRAME_SCALE)
        return super()._inline_svg_image(diagram, options)


def scale_svg(diagram: bytes, factor: float) -> bytes:
    """Multiply the root element's width and height attributes (the viewBox keeps the drawing)."""
    head_end = diagram.find(b">", diagram.find(b"<svg"))
    if head_end < 0:
        return diagram
    head = diagram[:head_end].decode("utf-8")

    def scaled(match: re.Match[str]) -> str:
        return f'{match.group(1)}="{float(match.group(2)) * factor:.0f}px"'

    head = re.sub(r'(?<![\w-])(width|height)="([0-9.]+)px"', scaled, head)
    return head.encode("utf-8") + diagram[head_end:]


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
