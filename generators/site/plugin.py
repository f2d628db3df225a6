"""The `fanzone` MkDocs plugin: adds the pages generated from backlog/ and mockups/ at build time.

The only module of `generators.site` that wires in other generators (the reports' planning pages and
downloads, the exports' backlog workbook).
Nothing generated is written into specs/: pages are `File.generated` in `on_files`.

The project context (backlog, schedule, history, indexes) is built once per build: `fanzone build` hands
over the one it built (`provide_context`); a plain `mkdocs build` or each rebuild of `mkdocs serve` loads
its own in `on_pre_build`.
"""

from __future__ import annotations

import importlib
import logging
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from importlib import resources
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from ..context import ProjectContext
from ..model import Backlog
from ..model.markup import md_escape
from ..outputs import site_downloads
from . import paths
from .anchors import rule_heading_ids
from .catalogues import catalogue_pages, expand_page
from .default_config import protect_theme_values
from .engine import EngineNotFound, resolve_engine
from .fences import diagrams_in
from .nav import DEFAULT_SPEC_ORDER, build_nav
from .pages_api import api_pages
from .pages_backlog import Download, GeneratedPage, backlog_pages, dashboard
from .pages_changes import changes_page, compared_line, with_badges
from .pages_domain import domain_pages
from .pages_platforms import platforms_page
from .pages_screens import screen_pages
from .pages_sequences import sequence_pages
from .plantuml import Renderer, RenderError, prune
from .plantuml_ext import DEFAULT_CACHE
from .render import render_md

log = logging.getLogger("mkdocs.plugins.fanzone")

EXTENSION = "generators.site.plantuml_ext"
CACHE_ENV_VAR = "FANZONE_PLANTUML_CACHE"  # shared render cache (CI cache, tests), instead of <root>/.cache/plantuml
PRINT_PAGE = "print_page.md"  # mkdocs-print-site-plugin's page (print_page_basename)
_PROVIDED: ContextVar[ProjectContext | None] = ContextVar("fanzone_context", default=None)


@contextmanager
def provide_context(context: ProjectContext) -> Iterator[None]:
    """Within this block, a build of the same project root uses `context` instead of loading the backlog."""
    token = _PROVIDED.set(context)
    try:
        yield
    finally:
        _PROVIDED.reset(token)


class FanzoneConfig(Config):
    plantuml = opt.Optional(opt.Type(str))  # jar (…/plantuml.jar) or command; env FANZONE_PLANTUML wins
    cache_dir = opt.Type(str, default=DEFAULT_CACHE)
    spec_nav = opt.ListOfItems(opt.Type(str), default=list(DEFAULT_SPEC_ORDER))
    planning = opt.Type(bool, default=True)  # embed the reports' planning pages when generators.reports exists
    root = opt.Optional(opt.Type(str))  # project root (backlog/, mockups/); default: the folder of mkdocs.yml


class FanzonePlugin(BasePlugin[FanzoneConfig]):
    def __init__(self) -> None:
        self.root = Path.cwd()
        self.renderer: Renderer | None = None
        self.context: ProjectContext | None = None
        self.generated: dict[str, GeneratedPage] = {}
        self.origins: dict[str, str] = {}
        self.versions: dict[str, Any] | None = None
        self.stats: dict[str, Any] = {}

    # --- configuration ----------------------------------------------------------------------------
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        config_dir = Path(config.config_file_path).resolve().parent
        self.root = (config_dir / self.config.root).resolve() if self.config.root else config_dir
        try:
            engine = resolve_engine(self.root, self.config.plantuml)
        except EngineNotFound as exc:
            raise PluginError(f"fanzone: {exc}") from None
        cache_dir = Path(os.environ.get(CACHE_ENV_VAR) or self.root / self.config.cache_dir)
        self.renderer = Renderer(engine, cache_dir)
        if EXTENSION not in config.markdown_extensions:
            config.markdown_extensions.append(EXTENSION)
        ext_config = config.mdx_configs.setdefault(EXTENSION, {})
        ext_config.setdefault("format", "svg_inline")
        ext_config["renderer"] = self.renderer
        for css in (paths.ASSETS_CSS, paths.ASSETS_KANBAN_CSS):
            if css not in config.extra_css:
                config.extra_css.append(css)
        if paths.ASSETS_KANBAN_JS not in config.extra_javascript:
            config.extra_javascript.append(paths.ASSETS_KANBAN_JS)
        protect_theme_values(config)
        return config

    def on_pre_build(self, config: MkDocsConfig) -> None:
        """The build's project context: the one `fanzone build` provides, else load and check the backlog
        before anything is written (a broken backlog stops the build)."""
        started = time.perf_counter()
        provided = _PROVIDED.get()
        if provided is not None and provided.root.resolve() == self.root.resolve():
            self.context = provided
        else:
            result = ProjectContext.load(self.root)
            if result.errors or result.backlog is None:
                lines = "\n".join(str(finding) for finding in result.errors)
                raise PluginError(f"fanzone: the backlog is invalid ({len(result.errors)} error(s)):\n{lines}")
            if result.warnings:
                log.info(f"fanzone: {len(result.warnings)} backlog warning(s); run `fanzone validate` to see them")
            self.context = ProjectContext(self.root, result.backlog)
        assert self.renderer is not None
        self.renderer.stats.reset()
        self.stats = {"load_seconds": time.perf_counter() - started}

    # --- pages ------------------------------------------------------------------------------------
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.context is not None and self.renderer is not None
        ctx = self.context
        backlog = ctx.backlog
        started = time.perf_counter()
        spec_pages = [f.src_uri for f in files.documentation_pages()]
        reports_started = time.perf_counter()
        planning, assets, forecast = self._reports(ctx, config) if self.config.planning else ([], {}, None)
        reports_seconds = time.perf_counter() - reports_started
        # the files the outputs registry offers for download, those this build produced, in registry order
        downloads = [Download(d.label, d.path) for d in site_downloads() if d.path in assets]
        linked = any(Path(d.path).name in page.markdown for page in planning for d in downloads)
        if downloads and not linked and not any(page.path == paths.DOWNLOADS for page in planning):
            links = [(d.label, paths.rel(paths.DOWNLOADS, d.path)) for d in downloads]
            markdown = render_md("downloads.md.j2", links=links)
            planning.append(GeneratedPage(paths.DOWNLOADS, "Téléchargements", markdown))
        print_url = paths.page_url(PRINT_PAGE, config.use_directory_urls)
        pages = [dashboard(ctx, ctx.today, downloads, print_url, forecast), *backlog_pages(ctx)]
        pages += screen_pages(ctx, config.use_directory_urls)
        pages += [*api_pages(ctx), *domain_pages(ctx), *sequence_pages(ctx)]
        pages += [GeneratedPage(path, title, markdown) for path, title, markdown in catalogue_pages(ctx)]
        pages.append(platforms_page(ctx))
        pages += planning
        self.versions = self._versions(backlog)
        if self.versions is not None:
            changes = changes_page(self.versions)
            pages.append(changes)
            planning.append(changes)
            home = pages[0]
            pages[0] = GeneratedPage(
                home.path, home.title, f"{home.markdown}\n{md_escape(compared_line(self.versions))}\n"
            )
        self.generated = {page.path: page for page in pages}
        self.origins = {paths.screen_page(s.id): _origin(backlog, s.id) for s in backlog.screens}

        paths.refuse_spec_collisions(files, [*self.generated, *assets], config)
        index = files.get_file_from_path("index.md")
        if index is not None:  # the dashboard is the home page; the spec's own index moves under /specifications/
            _move(index, paths.SPEC_INDEX_DEST)
        for page in pages:
            self._add(files, config, page.path, page.markdown)
        _move(files.get_file_from_path(paths.HOME), "index.html")
        for path, data in assets.items():
            self._add(files, config, path, data)
        for path, name in ((paths.ASSETS_CSS, "fanzone.css"), (paths.ASSETS_KANBAN_CSS, "kanban.css")):
            self._add(
                files, config, path, resources.files("generators").joinpath(f"templates/site/{name}").read_bytes()
            )
        script = resources.files("generators").joinpath("templates/site/kanban.js").read_bytes()
        self._add(files, config, paths.ASSETS_KANBAN_JS, script)

        config.nav = build_nav(ctx, spec_pages, self.config.spec_nav, self.generated, planning)
        self.stats.update(
            generated_pages=len(pages),
            spec_pages=len(spec_pages),
            reports_seconds=reports_seconds,
            pages_seconds=time.perf_counter() - started - reports_seconds,
        )
        self._prerender(files, config)
        return files

    def _add(self, files: Files, config: MkDocsConfig, path: str, content: str | bytes) -> None:
        existing = files.get_file_from_path(path)
        if existing is not None:
            where = "specs/" + path if existing.generated_by is None else f"{existing.generated_by}: {path}"
            raise PluginError(f"fanzone: {where} is in the way of a generated page or file of the same path")
        files.append(File.generated(config, path, content=content))

    def _versions(self, backlog: Backlog) -> dict[str, Any] | None:
        """The Changements page's data from generators.versions (None outside git or with no baseline)."""
        if not self.config.planning:
            return None
        from ..kinds import KINDS
        from ..versions.published import site_versions

        return site_versions(backlog, KINDS)

    def _reports(
        self, ctx: ProjectContext, config: MkDocsConfig | None = None
    ) -> tuple[list[GeneratedPage], dict[str, bytes], str | None]:
        """Planning pages, downloadable files and the forecast's sentence for the dashboard, from
        generators.reports when that package is installed."""
        try:
            report_pages = importlib.import_module("generators.reports.pages")
        except ModuleNotFoundError as exc:
            if exc.name not in ("generators.reports", "generators.reports.pages"):
                raise  # a real missing dependency inside the reports package: do not hide it
            log.info("fanzone: generators.reports.pages not available; no Planning tab")
            return [], {}, None
        pages = [
            GeneratedPage(page.path, page.title, page.markdown)
            for page in report_pages.site_pages(ctx, config.use_directory_urls if config is not None else True)
        ]
        assets = dict(report_pages.site_assets(ctx))
        # the whole backlog as a workbook comes from the exports generator (generators never import each other)
        from ..exports.workbook import backlog_workbook_bytes

        assets["downloads/fanzone-backlog.xlsx"] = backlog_workbook_bytes(ctx)
        return pages, assets, report_pages.forecast_headline(ctx)

    def _prerender(self, files: Files, config: MkDocsConfig) -> None:
        """Render every diagram missing from the cache in one PlantUML run, before pages are converted."""
        assert self.renderer is not None
        started = time.perf_counter()
        default_format = str(config.mdx_configs.get(EXTENSION, {}).get("format", "svg_inline"))
        diagrams = []
        for file in files.documentation_pages():
            try:
                text = file.content_string
            except (OSError, UnicodeDecodeError):
                continue  # MkDocs reports unreadable pages itself
            generated = file.generated_by is not None
            diagrams += diagrams_in(text, default_format, self._origin_of(file, config), located=not generated)
        try:
            rendered = self.renderer.render_many(diagrams)
        except RenderError as exc:
            raise PluginError(f"fanzone: PlantUML render failed:\n{exc}") from None
        self.stats.update(
            diagrams=len({(d.code, d.fmt) for d in diagrams}),
            rendered=rendered,
            prerender_seconds=time.perf_counter() - started,
        )

    # --- per page ---------------------------------------------------------------------------------
    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        assert self.renderer is not None
        self.renderer.current_origin = self._origin_of(page.file, config)
        if self.versions is not None:
            markdown = with_badges(markdown, page.file.src_uri, self.versions)
        if self.context is not None:  # {{ param.x }} / {{ msg.X }} -> linked values, in every page
            markdown = expand_page(markdown, page.file.src_uri, self.context)
        if page.file.generated_by is not None:
            return markdown
        markdown, notes = rule_heading_ids(markdown)
        for note in notes:
            log.info(f"fanzone: {page.file.src_uri}: {note}")
        return markdown

    def _origin_of(self, file: File, config: MkDocsConfig) -> str:
        """What to name in an error about this page: its file in specs/, or what it was generated from."""
        if file.generated_by is None:
            docs = Path(config.docs_dir).resolve()
            try:
                return (docs / file.src_uri).relative_to(self.root).as_posix()
            except ValueError:
                return file.src_uri
        return self.origins.get(file.src_uri, f"{file.src_uri} (generated by {file.generated_by})")

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        for folder in ("backlog", "mockups", "includes"):
            if (self.root / folder).is_dir():
                server.watch(str(self.root / folder))
        return server

    def on_post_build(self, config: MkDocsConfig) -> None:
        if self.renderer is None:
            return
        stats = self.renderer.stats
        pruned = prune(self.renderer.cache_dir, stats.requested)
        self.stats.update(
            pruned=pruned,
            diagrams_requested=len(stats.requested),
            rendered_total=stats.rendered,
            batches=stats.batches,
            render_seconds=stats.render_seconds,
        )
        log.info(
            f"fanzone: {self.stats.get('generated_pages', 0)} generated pages, "
            f"{len(stats.requested)} diagrams ({stats.rendered} rendered in {stats.batches} PlantUML run(s), "
            f"{stats.render_seconds:.2f} s; the rest from {self.renderer.cache_dir})"
        )


def _move(file: File | None, dest_uri: str) -> None:
    """Serve a page at another address (MkDocs caches the derived URL and paths: drop them)."""
    if file is None:
        return
    file.dest_uri = dest_uri
    for cached in ("url", "abs_dest_path"):
        file.__dict__.pop(cached, None)


def _origin(backlog: Any, screen_id: str) -> str:
    location = backlog.location(screen_id)
    return location.file if location else screen_id
