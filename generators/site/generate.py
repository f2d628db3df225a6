"""The generation step: every page of the site written into a build folder before any site engine runs.

The tree (`.cache/fanzone/docs/` by default, never specs/) holds a copy of specs/ (business-rule headings given
their ids, the spec index moved to `specifications.md`, diagrams inlined), every generated page, the print page,
the reports' charts and workbooks, and the site's CSS. Diagrams are inline SVG (rendered in one PlantUML run for
all that the cache lacks). Unchanged files are not rewritten (`tree.write_tree`). MkDocs (through the fanzone
plugin, which only points `docs_dir` here and sets the navigation) and Zensical (no plugin at all) build it.

Pages come from producers: functions taking the `ProjectContext` and returning `GeneratedPage`s. A new kind of
page is one more entry in `PRODUCERS` (or in the `extra` producers the plugin wires in from other generators).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..context import ProjectContext
from ..model.markup import md_escape
from ..outputs import site_downloads
from . import paths
from .anchors import row_anchors
from .assets import static_files
from .catalogues import catalogue_pages
from .citations import expand_page
from .fences import diagrams_in
from .handover import split_work
from .idlinks import IdIndex, with_id_map
from .inline_svg import inline_diagrams
from .nav import NavItem, build_nav
from .pages_api import api_pages
from .pages_backlog import Download, GeneratedPage, LatePage, backlog_pages, dashboard
from .pages_changes import approvals_line, changes_page, compared_line, with_badges
from .pages_domain import domain_pages
from .pages_personas import backlog_personas, enrich_spec_personas
from .pages_platforms import platforms_page
from .pages_screens import screen_pages
from .pages_sequences import sequence_pages
from .parallel import MIN_BYTES, workers
from .plantuml import Diagram, Renderer, RenderError
from .plantuml_run import RenderRun
from .prefetch import NICENESS, fork_is_safe
from .prerender import Settings
from .prerender_blocks import convert
from .print_page import PRINT_PAGE, Slugify, Source, chosen, print_page
from .render import render_md
from .spec_tree import OutsideLinks, declared_requirements, spec_files, spec_page
from .tree import TreeStats, write_tree

# A producer gets the project context and the site engine's `use_directory_urls` (links inside drawings and
# raw HTML are written as the browser resolves them, so they depend on it).
Producer = Callable[[ProjectContext, bool], list[GeneratedPage]]
# downloads and charts: each file's bytes, or what makes them, called when the tree is written (the pages
# that list the files are generated meanwhile)
Assets = Callable[[ProjectContext], Mapping[str, bytes | Callable[[], bytes]]]


def _same_urls(produce: Callable[[ProjectContext], list[GeneratedPage]]) -> Producer:
    """A producer whose pages hold only Markdown links (the site engine resolves them)."""
    return lambda ctx, use_directory_urls: produce(ctx)


# The site's own pages, in navigation order; other generators' pages come through `Inputs.extra`.
def _catalogue_pages(ctx: ProjectContext) -> list[GeneratedPage]:
    return [GeneratedPage(path, title, markdown) for path, title, markdown in catalogue_pages(ctx)]


def _platform_pages(ctx: ProjectContext) -> list[GeneratedPage]:
    return [platforms_page(ctx)]


_BACKLOG = _same_urls(backlog_pages)
PRODUCERS: tuple[Producer, ...] = (
    _BACKLOG,
    _same_urls(backlog_personas),  # only when the specification has no Personas page
    screen_pages,
    _same_urls(api_pages),
    _same_urls(domain_pages),
    _same_urls(sequence_pages),
    _same_urls(_catalogue_pages),
    _same_urls(_platform_pages),
)
# made once PlantUML is started on the other pages' diagrams: the most work, seldom a diagram (any of theirs is
# rendered in a second run); the pages keep the order of `PRODUCERS`
LATE_PRODUCERS: tuple[Producer, ...] = (_BACKLOG,)
DOWNLOAD_TYPES = {".xlsx": "Excel", ".csv": "CSV", ".pdf": "PDF", ".json": "JSON", ".ods": "OpenDocument"}


class GenerateError(Exception):
    """The tree could not be generated (a diagram error, a file in the way, a link outside the project)."""


@dataclass
class Inputs:
    root: Path
    specs_dir: Path | None  # the project's spec pages (None: none)
    tree: Path  # the build folder
    renderer: Renderer
    diagram_options: dict[str, Any] = field(default_factory=dict)  # the plantuml extension's options
    spec_order: tuple[str, ...] | list[str] = ()
    extra: tuple[Producer, ...] = ()  # pages of other generators (the Planning tab), after the site's own
    assets: tuple[Assets, ...] = ()  # downloads and charts of other generators
    slugify: Slugify | None = None
    headline: Callable[[ProjectContext], str | None] | None = None  # the forecast's sentence on the dashboard
    versions: dict[str, Any] | None = None  # the Changements page's data (generators.versions), or None
    use_directory_urls: bool = False  # the site engine's setting (False: pages are files, the site opens from disk)
    prerender: Settings | None = None  # generated pages' tables and link lists written as HTML (`prerender.py`)


@dataclass
class GeneratedTree:
    tree: Path
    nav: list[NavItem]
    pages: dict[str, GeneratedPage]
    spec_pages: list[str]
    files: TreeStats
    stats: dict[str, Any]
    sources: dict[str, list[str]] = field(default_factory=dict)  # project file -> the pages generated from it
    planning: list[GeneratedPage] = field(default_factory=list)  # the Planning tab's pages (the navigation's end)


def _title(markdown: str, fallback: str) -> str:
    for line in markdown.split("\n"):
        if line.startswith("# "):
            return re.sub(r"\s*\{[^}]*\}\s*$", "", line[2:]).strip() or fallback
    return fallback


def generate(ctx: ProjectContext, inputs: Inputs) -> GeneratedTree:
    """Write the tree; raises `GenerateError` (with located messages) when it cannot."""
    started = time.perf_counter()
    try:
        raw_specs = spec_files(inputs.specs_dir, inputs.root)
    except OutsideLinks as exc:
        raise GenerateError("the site was not built:\n" + "\n".join(exc.problems)) from None
    markdown: dict[str, str] = {}
    files: dict[str, bytes] = {}
    notes: list[str] = []
    spec_pages: list[str] = []
    for path, data in raw_specs.items():
        if path.endswith(".md"):
            dest, text, found = spec_page(path, data.decode("utf-8", errors="replace"))
            notes += [f"specs/{path}: {note}" for note in found]
            markdown[dest] = text
            spec_pages.append(dest)
        else:
            files[path] = data
    declared = declared_requirements(ctx)
    for page, ids in declared.items():
        if page in markdown:
            markdown[page] = row_anchors(markdown[page], ids)
    origins = {dest: f"specs/{path}" for path, dest in ((p, paths.spec_page(p)) for p in raw_specs)}
    made_from = _spec_sources(inputs, [path for path in raw_specs if path.endswith(".md")])

    made: list[list[GeneratedPage]] = [[] for _ in PRODUCERS]
    for number, producer in enumerate(PRODUCERS):
        if producer not in LATE_PRODUCERS:
            made[number] = producer(ctx, inputs.use_directory_urls)
    reports_started = time.perf_counter()
    planning: list[GeneratedPage] = []
    for extra in inputs.extra:
        planning += extra(ctx, inputs.use_directory_urls)
    reports_seconds = time.perf_counter() - reports_started
    changes = changes_page(inputs.versions, ctx, inputs.use_directory_urls) if inputs.versions is not None else None
    for screen in ctx.backlog.screens:
        location = ctx.backlog.location(screen.id)
        origins[paths.screen_page(screen.id)] = location.file if location else screen.id

    # every page but the backlog's, those listing the downloads and the late ones is final: its diagrams render
    # (PlantUML started, not waited for) while the rest are made; their diagrams, if any, are rendered after
    finished = dict(markdown)
    for page in [*(page for group in made for page in group), *planning, *([changes] if changes else [])]:
        if not isinstance(page, LatePage):
            finished[page.path] = page.markdown
    if paths.SPEC_PERSONAS in spec_pages and paths.personas_page(ctx.root) == paths.SPEC_PERSONAS:
        finished[paths.SPEC_PERSONAS] = enrich_spec_personas(ctx, finished[paths.SPEC_PERSONAS])
    for path in list(finished):
        finished[path] = finish_page(finished[path], path, ctx, inputs)
    diagrams_started = time.perf_counter()
    with _start_diagrams(finished, origins, set(spec_pages), inputs) as early:
        started_seconds = time.perf_counter() - diagrams_started
        for number, producer in enumerate(PRODUCERS):
            if producer in LATE_PRODUCERS:
                made[number] = producer(ctx, inputs.use_directory_urls)
        late_started = time.perf_counter()
        planning = [page.made() if isinstance(page, LatePage) else page for page in planning]
        reports_seconds += time.perf_counter() - late_started
        pages = [page for group in made for page in group]
        site_pages = len(pages)
        assets_started = time.perf_counter()
        assets: dict[str, bytes | Callable[[], bytes]] = {}
        for produce in inputs.assets:
            assets.update(produce(ctx))
        reports_seconds += time.perf_counter() - assets_started
        downloads = _downloads(assets, planning)
        pages += planning
        forecast = inputs.headline(ctx) if inputs.headline else None
        home = dashboard(ctx, ctx.today, downloads, paths.page_url(PRINT_PAGE, inputs.use_directory_urls), forecast)
        if inputs.versions is not None and changes is not None:
            pages.append(changes)
            planning.append(changes)
            summary = approvals_line(inputs.versions)
            home = GeneratedPage(
                home.path, home.title, f"{home.markdown}\n{md_escape(compared_line(inputs.versions))}\n\n{summary}\n"
            )
        pages.insert(0, home)
        _refuse_collisions(inputs, list(raw_specs), [*(page.path for page in pages), *assets])
        for page in pages:  # after the spec pages, in this order
            markdown[page.path] = page.markdown
        for path, text in markdown.items():
            markdown[path] = finished[path] if path in finished else finish_page(text, path, ctx, inputs)
        for page_path, source in page_sources(ctx).items():
            made_from.setdefault(source, []).append(page_path)

        generated = {page.path: page for page in pages}
        spec_order = [paths.spec_page(p) for p in inputs.spec_order]
        nav = build_nav(ctx, spec_pages, spec_order, generated, planning)

        # the pages without diagrams are made final while PlantUML renders the others' (on two cores when big)
        every_page = frozenset([*markdown, PRINT_PAGE])
        final_started = time.perf_counter()
        ready = [path for path, text in markdown.items() if not _has_diagrams(text)]
        ctx.derived("id_index", lambda: IdIndex.of(ctx))  # made once, before a fork
        big = sum(len(markdown[path]) for path in ready) >= MIN_BYTES and workers() > 1 and fork_is_safe()
        final = split_work(
            ready,
            lambda path: final_page(markdown[path], path, ctx, inputs, every_page, path in generated),
            fork=big,
            niceness=NICENESS,  # PlantUML, waited for next, goes first
        )
        final_seconds = time.perf_counter() - final_started
        diagrams_started = time.perf_counter()
        rendered = _inline_all(markdown, origins, set(spec_pages), inputs, early)
    diagrams_seconds = time.perf_counter() - diagrams_started + started_seconds

    print_started = time.perf_counter()
    order = [path for path in _flatten(nav) if chosen(path)]
    titles = {page.path: page.title for page in pages}
    sources = [Source(p, titles.get(p) or _title(markdown[p], p), markdown[p]) for p in order if p in markdown]
    markdown[PRINT_PAGE] = print_page(sources, slugify=inputs.slugify, use_directory_urls=inputs.use_directory_urls)
    print_seconds = time.perf_counter() - print_started
    final_started = time.perf_counter()
    for path, text in markdown.items():  # last, once the print page is made from the pages' own Markdown
        if path not in final:
            final[path] = final_page(text, path, ctx, inputs, every_page, path in generated)
        markdown[path] = final[path]
    final_seconds += time.perf_counter() - final_started
    files.update({path: text.encode("utf-8") for path, text in markdown.items()})
    assets_started = time.perf_counter()
    files.update({path: data if isinstance(data, bytes) else data() for path, data in assets.items()})
    reports_seconds += time.perf_counter() - assets_started
    files.update(static_files())
    written = write_tree(inputs.tree, files)
    stats = {
        "generated_pages": len(pages) + 1,
        "site_pages": site_pages,
        "spec_pages": len(spec_pages),
        "reports_seconds": reports_seconds,
        "diagrams": rendered[0],
        "rendered": rendered[1],
        "prerender_seconds": diagrams_seconds,
        "print_seconds": print_seconds,
        "html_blocks_seconds": final_seconds,
        "written": len(written.written),
        "kept": written.kept,
        "removed": len(written.removed),
        "generate_seconds": time.perf_counter() - started,
        "notes": notes,
    }
    return GeneratedTree(inputs.tree, nav, generated, spec_pages, written, stats, made_from, planning)


def finish_page(markdown: str, path: str, ctx: ProjectContext, inputs: Inputs) -> str:
    """A page's badges (changed since the baseline) and citations, before its diagrams are inlined."""
    if inputs.versions is not None:
        markdown = with_badges(markdown, path, inputs.versions)
    return expand_page(markdown, path, ctx)  # {{ param.x }} / {{ msg.X }} -> linked values


def final_page(
    markdown: str, path: str, ctx: ProjectContext, inputs: Inputs, pages: Collection[str], generated: bool
) -> str:
    """A page's Markdown as written into the tree, its diagrams inlined: every generated page's blocks written as
    HTML (`prerender_blocks.py`; `pages`, every page of the site, for their links) and every known id it mentions
    with its link from that page (the id map the extension reads). The print page's Markdown (for engines that
    do not assemble it from the pages' HTML) is made from the pages' own, before this step: it has neither."""
    if path == PRINT_PAGE:
        return markdown
    index = ctx.derived("id_index", lambda: IdIndex.of(ctx))
    if inputs.prerender is not None and generated:
        markdown = convert(markdown, path, inputs.prerender, index, pages)
    return with_id_map(markdown, path, index)


def _has_diagrams(markdown: str) -> bool:
    """Whether `_inline_all` may change the page (the same test)."""
    return "plantuml" in markdown or "@start" in markdown


def page_sources(ctx: ProjectContext) -> dict[str, str]:
    """Generated page -> the project file it is generated from (what `fanzone serve` renders first when that
    file is saved): an epic's page from its epic file, a screen's page from its mockup file."""
    out: dict[str, str] = {}
    for objects, page_of in ((ctx.backlog.epics, paths.epic_page), (ctx.backlog.screens, paths.screen_page)):
        for item in objects:
            location = ctx.backlog.location(item.id)
            if location is not None:
                out[page_of(item.id)] = location.file
    return out


def _spec_sources(inputs: Inputs, spec_paths: list[str]) -> dict[str, list[str]]:
    """Spec file (relative to the project root) -> its page in the tree."""
    if inputs.specs_dir is None:
        return {}
    try:
        base = inputs.specs_dir.resolve().relative_to(inputs.root.resolve())
    except ValueError:  # a specification outside the project is not watched
        return {}
    return {(base / path).as_posix(): [paths.spec_page(path)] for path in spec_paths}


def _refuse_collisions(inputs: Inputs, specs: list[str], generated: list[str]) -> None:
    """A spec file whose URL a generated page (or the dashboard, or the moved spec index) takes is an error."""
    urls = inputs.use_directory_urls
    outputs = [(src, paths.output_path(src, urls)) for src in specs]
    name = inputs.specs_dir.name if inputs.specs_dir else "specs"
    errors = paths.spec_collisions(outputs, [*generated, *static_files(), PRINT_PAGE], urls, name)
    if errors:
        raise GenerateError("spec files collide with generated pages:\n" + "\n".join(errors))


def _downloads(assets: Collection[str], planning: list[GeneratedPage]) -> list[Download]:
    """The downloadable files; a downloads page when no planning page links them already."""
    # the files the outputs registry offers for download, those this build produced, in registry order
    downloads = [Download(d.label, d.path) for d in site_downloads() if d.path in assets]
    linked = any(Path(d.path).name in page.markdown for page in planning for d in downloads)
    if downloads and not linked and not any(page.path == paths.DOWNLOADS for page in planning):
        links = [(d.label, paths.rel(paths.DOWNLOADS, d.path)) for d in downloads]
        planning.append(GeneratedPage(paths.DOWNLOADS, "Téléchargements", render_md("downloads.md.j2", links=links)))
    return downloads


def _diagrams(markdown: dict[str, str], origins: dict[str, str], located: set[str], inputs: Inputs) -> list[Diagram]:
    default_format = str(inputs.diagram_options.get("format", "svg_inline"))
    diagrams = []
    for path, text in markdown.items():
        if _has_diagrams(text):
            origin = origins.get(path, path)
            diagrams += diagrams_in(text, default_format, origin, located=path in located)
    return diagrams


def _start_diagrams(markdown: dict[str, str], origins: dict[str, str], located: set[str], inputs: Inputs) -> RenderRun:
    """PlantUML started on what the cache lacks of these pages' diagrams (`_inline_all` collects it). A problem
    here (PlantUML cannot run) is left to `_inline_all`, which meets it again and reports it in its turn."""
    try:
        return inputs.renderer.start_many(_diagrams(markdown, origins, located, inputs))
    except RenderError:
        return RenderRun(inputs.renderer)


def _inline_all(
    markdown: dict[str, str],
    origins: dict[str, str],
    located: set[str],
    inputs: Inputs,
    started: RenderRun | None = None,
) -> tuple[int, int]:
    """Render what the cache lacks in one PlantUML run (or collect the run `started` and render what it did not
    have), then put each diagram's SVG in its page."""
    diagrams = _diagrams(markdown, origins, located, inputs)
    try:
        rendered = inputs.renderer.render_many(diagrams, started)
        for path, text in markdown.items():
            if _has_diagrams(text):
                markdown[path] = inline_diagrams(text, inputs.renderer, inputs.diagram_options, origins.get(path, path))
    except RenderError as exc:
        raise GenerateError(f"PlantUML render failed:\n{exc}") from None
    return len({(d.code, d.fmt) for d in diagrams}), rendered


def _flatten(nav: Iterable[NavItem]) -> list[str]:
    out: list[str] = []
    for item in nav:
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict):
            for value in item.values():
                out += _flatten(value) if isinstance(value, list) else [value] if isinstance(value, str) else []
    return out
