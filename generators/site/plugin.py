"""The `fanzone` MkDocs plugin: points MkDocs at the generated tree and runs the generation step when
`fanzone build` has not (a plain `mkdocs build` or `mkdocs serve`).

With `reports_wiring.py`, the only module of `generators.site` that wires in other generators (the reports'
planning pages and downloads, the exports' backlog workbook). Nothing generated is written into specs/: the
generation step (`generate.py`) writes the tree under `.cache/fanzone/docs/`, and the plugin sets `docs_dir`
and the nav.

The project context (backlog, schedule, history, indexes) is built once per build: `fanzone build` hands
over the one it built (`provide_context`); a plain `mkdocs build` or each rebuild of `mkdocs serve` loads
its own in `on_pre_build`.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from contextlib import nullcontext
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files

from ..context import ProjectContext
from ..errors import FanzoneError
from ..signed_cache import SignedCache
from . import assets as site_assets
from . import provided
from .cachedir import DERIVED_DIR
from .default_config import protect_theme_values
from .engine import EngineNotFound, resolve_engine
from .generate import GeneratedTree, GenerateError, Inputs, generate
from .glossary import fold_abbreviations
from .incremental import PageFacts, facts_of, merge_search, plain_settings, previous_search_entries
from .jinja_cache import compiled_templates
from .nav import DEFAULT_SPEC_ORDER
from .pages_backlog import GeneratedPage, LatePage
from .partial import regenerate
from .plantuml import CACHE_ENV_VAR, DEFAULT_CACHE, Renderer, prune
from .plantuml_standby import remember_count
from .plugin_state import TwoProcessState
from .prefetch import Prefetch, wait_for
from .prerender import Settings
from .prerender import site_settings as prerender_settings
from .print_html import PrintAssembly, last
from .print_page import PRINT_PAGE
from .reports_wiring import (
    FORECAST,
    asset_task,
    digests_handback,
    forecast_headline,
    planning_pages,
    prefetch_tasks,
    report_asset_makers,
)

log = logging.getLogger("mkdocs.plugins.fanzone")

EXTENSION = "generators.site.plantuml_ext"
IDLINKS = "generators.site.idlinks"
DIAGRAM_BLOCKS = "generators.site.diagram_blocks"
BUILD_DIR = ".cache/fanzone/docs"


class FanzoneConfig(Config):
    plantuml = opt.Optional(opt.Type(str))  # jar (…/plantuml.jar) or command; env FANZONE_PLANTUML wins
    cache_dir = opt.Type(str, default=DEFAULT_CACHE)
    build_dir = opt.Type(str, default=BUILD_DIR)  # the generated tree MkDocs builds (relative to the root)
    spec_nav = opt.ListOfItems(opt.Type(str), default=list(DEFAULT_SPEC_ORDER))
    planning = opt.Type(bool, default=True)  # embed the reports' planning pages when generators.reports exists
    root = opt.Optional(opt.Type(str))  # project root (backlog/, mockups/); default: the folder of mkdocs.yml


class FanzonePlugin(TwoProcessState, BasePlugin[FanzoneConfig]):
    def __init__(self) -> None:
        self.root = Path.cwd()
        self.renderer: Renderer | None = None
        self.context: ProjectContext | None = None
        self.specs_dir: Path | None = None
        self.tree: GeneratedTree | None = None
        self.generated: dict[str, GeneratedPage] = {}
        self.stats: dict[str, Any] = {}
        self._configured: int | None = None
        # incremental builds (`incremental.py`): the facts of pages a dirty build skips, those of this build
        self.previous_pages: dict[str, PageFacts] = {}
        self.page_facts: dict[str, PageFacts] = {}
        self.facts_changed: list[str] = []
        self.rendered: set[str] = set()
        self._files: Files | None = None
        self.printing: PrintAssembly | None = None
        self.build_key: str | None = None  # the build's global key (`Warm.decide`): a print section's too
        self.prerender: Settings | None = None  # the settings the tree's HTML blocks were written with

    # --- configuration ----------------------------------------------------------------------------
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self._configured == id(config):  # `fanzone build` ran it before the generation step
            return config
        self._configured = id(config)
        config_dir = Path(config.config_file_path).resolve().parent
        self.root = (config_dir / self.config.root).resolve() if self.config.root else config_dir
        if self.renderer is None:
            try:
                engine = resolve_engine(self.root, self.config.plantuml)
            except EngineNotFound as exc:
                raise PluginError(f"fanzone: {exc}") from None
            cache_dir = Path(os.environ.get(CACHE_ENV_VAR) or self.root / self.config.cache_dir)
            self.renderer = Renderer(engine, cache_dir)
            ahead = provided.standby()
            if ahead is not None and ahead.engine == engine:  # the JVM `fanzone build` started for this engine
                self.renderer.standby = ahead
        if EXTENSION not in config.markdown_extensions:
            config.markdown_extensions.append(EXTENSION)
        ext_config = config.mdx_configs.setdefault(EXTENSION, {})
        ext_config.setdefault("format", "svg_inline")
        ext_config["renderer"] = self.renderer
        if IDLINKS not in config.markdown_extensions:  # reads the id map the generation step puts in each page
            config.markdown_extensions.append(IDLINKS)
        if DIAGRAM_BLOCKS not in config.markdown_extensions:  # the generated SVG blocks, set aside whole
            config.markdown_extensions.append(DIAGRAM_BLOCKS)
        protect_theme_values(config)
        fold_abbreviations(config.markdown_extensions, config.mdx_configs, self.root)
        site_assets.configure(config)
        # MkDocs builds the generated tree; specs/ is only read (by the generation step)
        tree = (self.root / self.config.build_dir).resolve()
        if Path(config.docs_dir).resolve() != tree:
            self.specs_dir = Path(config.docs_dir).resolve()
            config.docs_dir = str(tree)
        return config

    def generate(self, config: MkDocsConfig) -> GeneratedTree:
        """The generation step (`fanzone build` calls it before MkDocs runs; else `on_pre_build` does)."""
        started = time.perf_counter()
        ctx = self._context()
        assert self.renderer is not None
        self.renderer.stats.reset()
        # the reports' charts and workbooks and the forecast are made by a forked child meanwhile (`prefetch.py`):
        # the caller's, forked as soon as the project was loaded (`early.py`), when it makes this build's
        folder = Path(config.docs_dir).parent / DERIVED_DIR  # charts and workbooks, by their inputs
        child = provided.prefetch()
        if child is not None and not self.config.planning:
            child.close()  # this build shows no planning: nothing of the child's is needed
            child = None
        if child is not None and (child.store.folder.resolve() != folder.resolve() or provided.context() is not ctx):
            child = None  # another build's (the caller closes it)
        store = child.store if child is not None else SignedCache(folder)
        try:  # the workbooks show the baseline's dates (a user error when the baseline asked for is unknown)
            if self.config.planning:
                ctx.baseline_plan  # noqa: B018
        except FanzoneError as exc:
            raise PluginError(f"fanzone: {exc}") from None
        if child is None:
            child = Prefetch.start(
                prefetch_tasks(ctx, store) if self.config.planning else {}, store, digests_handback(ctx)
            )
        with child or nullcontext(), self.renderer.version_ahead():  # PlantUML's version asked meanwhile too
            inputs = self._inputs(config, ctx, store, child)
            load_seconds = time.perf_counter() - started
            try:
                self.tree = generate(ctx, inputs)
            except GenerateError as exc:
                raise PluginError(f"fanzone: {exc}") from None
        for note in self.tree.stats.get("notes", []):
            log.info(f"fanzone: {note}")
        self.generated = self.tree.pages
        store.prune()
        self.stats = {"load_seconds": load_seconds, **self.tree.stats, "derived_hits": store.hits}
        self.stats["derived_made"] = list(store.made)  # the charts and workbooks made (not read back) this build
        self.stats["reports_child"] = sorted(name for name, ok in child.done.items() if ok) if child else []
        self.stats["reports_parent"] = list(child.taken) if child else []  # the child's tasks the parent took
        self.stats["reports_wait_seconds"] = child.waited if child else 0.0
        return self.tree

    def _inputs(
        self, config: MkDocsConfig, ctx: ProjectContext, store: SignedCache, child: Prefetch | None = None
    ) -> Inputs:
        """The generation step's inputs; what `child` makes into the store is waited for, then read back."""
        assert self.renderer is not None
        renderer = self.renderer
        toc = config.mdx_configs.get("toc", {})

        def cached_assets(ctx: ProjectContext) -> dict[str, Callable[[], bytes]]:
            makers = report_asset_makers(ctx, store)  # the files' names now, their bytes when the tree is written

            def after_child(task: str, make: Callable[[], bytes]) -> Callable[[], bytes]:
                def read() -> bytes:
                    if child is not None:  # the pages are done: make the child's last tasks here, unless begun
                        if not renderer.rendering():  # (a third process would only slow the other two)
                            child.take_remaining()
                        wait_for(child, task)
                    return make()

                return read

            return {path: after_child(asset_task(path), make) for path, make in makers.items()}

        def cached_planning(ctx: ProjectContext, use_directory_urls: bool) -> list[GeneratedPage]:
            def after_forecast(make: Callable[[], str]) -> Callable[[], str]:
                return lambda: (wait_for(child, FORECAST), make())[1]

            return [  # the forecast's page is made last (`LatePage`): the child makes the forecast meanwhile
                LatePage(page.path, page.title, "", after_forecast(page.make)) if isinstance(page, LatePage) else page
                for page in planning_pages(ctx, use_directory_urls, store)
            ]

        def cached_headline(ctx: ProjectContext) -> str | None:
            wait_for(child, FORECAST)
            return forecast_headline(ctx, store)

        return Inputs(
            root=self.root,
            specs_dir=self.specs_dir,
            tree=Path(config.docs_dir),
            renderer=self.renderer,
            diagram_options={k: v for k, v in config.mdx_configs.get(EXTENSION, {}).items() if k != "renderer"},
            spec_order=self.config.spec_nav,
            extra=(cached_planning,) if self.config.planning else (),
            assets=((cached_assets,) if self.config.planning else ()) + (provided.pdf_placeholder,),
            headline=cached_headline if self.config.planning else None,
            versions=self._versions(ctx) if self.config.planning else None,
            slugify=toc.get("slugify") if callable(toc.get("slugify")) else None,
            use_directory_urls=config.use_directory_urls,
            prerender=self._prerender(config),
        )

    def _prerender(self, config: MkDocsConfig) -> Settings | None:
        """How the big generated pages' HTML blocks are written (`prerender.py`), kept to check the URLs."""
        self.prerender = prerender_settings(config)
        return self.prerender

    def regenerate(self, config: MkDocsConfig, previous: GeneratedTree, files: set[str]) -> dict[str, str] | None:
        """The pages generated from `files`, alone, from the project as it is now (`partial.regenerate`); None
        when they cannot be made alone or the backlog is invalid (the whole generation step reports it)."""
        try:
            ctx = self._context()
        except PluginError:
            return None
        store = SignedCache(Path(config.docs_dir).parent / DERIVED_DIR)
        try:
            return regenerate(ctx, self._inputs(config, ctx, store), previous, files)
        except GenerateError:
            return None

    def _versions(self, ctx: ProjectContext) -> dict[str, Any] | None:
        """The Changements page's data from generators.versions (None outside git or with no baseline)."""
        from ..kinds import KINDS
        from ..versions.published import site_versions

        data = provided.versions() or site_versions(ctx.backlog, KINDS)
        dossiers = provided.baseline_pdfs()
        if data is not None and dossiers:
            data = {**data, "dossiers": [{"name": name, "path": path} for name, (path, _) in dossiers.items()]}
        return data

    def _context(self) -> ProjectContext:
        """The build's project context: the one `fanzone build` provides, else load and check the backlog
        before anything is written (a broken backlog stops the build)."""
        given = provided.context()
        if given is not None and given.root.resolve() == self.root.resolve():
            self.context = given
            return given
        result = ProjectContext.load(self.root)
        if result.errors or result.backlog is None:
            lines = "\n".join(str(finding) for finding in result.errors)
            raise PluginError(f"fanzone: the backlog is invalid ({len(result.errors)} error(s)):\n{lines}")
        if result.warnings:
            log.info(f"fanzone: {len(result.warnings)} backlog warning(s); run `fanzone validate` to see them")
        self.context = ProjectContext(self.root, result.backlog)
        return self.context

    def on_pre_build(self, config: MkDocsConfig) -> None:
        stale = self.prerender is not None and self.prerender.use_directory_urls != config.use_directory_urls
        if self.tree is None or self.tree.tree != Path(config.docs_dir) or stale:  # stale: URLs changed since
            self.generate(config)
        assert self.tree is not None
        config.nav = self.tree.nav

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        for folder in ("backlog", "mockups", "includes"):
            if (self.root / folder).is_dir():
                server.watch(str(self.root / folder))
        if self.specs_dir is not None and self.specs_dir.is_dir():
            server.watch(str(self.specs_dir))
        return server

    def on_env(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        """A dirty build did not read the pages it skips: give them the title (and metadata) they had, which
        the navigation of the pages it renders shows. The theme's templates are compiled once per process."""
        if env.bytecode_cache is None:
            env.bytecode_cache = compiled_templates(env)
        self._files, self.rendered = files, set()
        for file in files.documentation_pages():
            page = file.page
            facts = self.previous_pages.get(file.src_uri)
            if page is not None and page.markdown is None and facts is not None:
                page.title = facts.title  # type: ignore[method-assign]
                page.meta = dict(facts.meta)
        return env

    # --- the print page, from the pages' HTML (`print_html.py`) --------------------------------------------
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        # a page's HTML depends on more than its Markdown (snippets, includes, the toolkit): a section is reused
        # only by a build of the same global key, never one another site folder's build (or serve) left there
        settings = {"markdown": plain_settings(config), "build": self.build_key}
        store = SignedCache(Path(config.docs_dir).parent / DERIVED_DIR)
        self.printing = PrintAssembly(store, files, settings, config.use_directory_urls)
        return last(files)

    def on_page_markdown(self, markdown: str, page: Any, config: MkDocsConfig, files: Files) -> str:
        if page.file.src_uri == PRINT_PAGE and self.printing is not None:
            return self.printing.strip(markdown)
        return markdown

    def on_page_content(self, html: str, page: Any, config: MkDocsConfig, files: Files) -> str:
        if self.printing is None:
            return html
        if page.file.src_uri == PRINT_PAGE:
            if page.present_anchor_ids is not None:  # MkDocs saw the placeholders only
                page.present_anchor_ids |= self.printing.anchors
            return self.printing.fill(html)
        self.printing.keep(page.file.src_uri, html)
        return html

    def on_page_context(self, context: Any, page: Any, config: MkDocsConfig, nav: Any) -> Any:
        self.rendered.add(page.file.src_uri)
        return context

    @event_priority(50)  # before the search plugin writes its index
    def on_post_build(self, config: MkDocsConfig) -> None:
        self.tree = None  # the next build (a `mkdocs serve` rebuild) generates again
        self._page_facts()
        self._merge_search(config)
        self.diagram_stats()

    def _page_facts(self) -> None:
        self.page_facts, self.facts_changed = {}, []
        for file in self._files.documentation_pages() if self._files is not None else []:
            before = self.previous_pages.get(file.src_uri)
            if file.src_uri not in self.rendered or file.page is None:
                if before is not None:
                    self.page_facts[file.src_uri] = before
                continue
            facts = facts_of(file.page.title, file.page.meta)
            self.page_facts[file.src_uri] = facts
            if before is not None and before != facts:
                self.facts_changed.append(file.src_uri)

    def _merge_search(self, config: MkDocsConfig) -> None:
        """In a dirty build the search plugin indexes only the pages rendered: keep the others' entries."""
        pages = [(f.url, f.src_uri in self.rendered) for f in self._files.documentation_pages()] if self._files else []
        if all(rendered for _url, rendered in pages):
            return
        search = config.plugins.get("material/search") or config.plugins.get("search")
        index = getattr(search, "search_index", None)
        entries = getattr(index, "entries", None)
        if not isinstance(entries, list):
            return
        previous = previous_search_entries(Path(config.site_dir))
        if previous is None:
            log.warning("fanzone: no previous search index to complete: run a full build (`fanzone build --full`)")
            return
        entries[:] = merge_search(entries, previous, pages)

    def diagram_stats(self) -> None:
        """The diagrams' figures of this build (also when MkDocs does not run: the site was up to date)."""
        if self.renderer is None:
            return
        stats = self.renderer.stats
        pruned = prune(self.renderer.cache_dir, stats.requested)
        remember_count(self.root, len(stats.requested))  # the next cold build's guess (`plantuml_standby.ahead`)
        self.stats.update(
            pruned=pruned,
            diagrams_requested=len(stats.requested),
            rendered_total=stats.rendered,
            batches=stats.batches,
            render_seconds=stats.render_seconds,
            rendered_ahead=stats.ahead,
        )
        ahead = f", {stats.ahead} by the PlantUML started ahead" if stats.ahead else ""
        log.info(
            f"fanzone: {self.stats.get('generated_pages', 0)} generated pages, "
            f"{len(stats.requested)} diagrams ({stats.rendered} rendered in {stats.batches} PlantUML run(s){ahead}, "
            f"{stats.render_seconds:.2f} s; the rest from {self.renderer.cache_dir})"
        )
