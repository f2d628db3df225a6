"""A warm `fanzone build`: compare with the previous build's manifest, then skip MkDocs, run it on the changed
pages only (from a copy of the previous site), or build every page (`incremental.py` decides)."""

from __future__ import annotations

import contextlib
import logging
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig

from .incremental import (
    FULL,
    INCREMENTAL,
    Decision,
    Manifest,
    decide,
    forget,
    global_key,
    input_paths,
    load_manifest,
    manifest_path,
    mark_changed,
    output_listing,
    quiet_dirty_notice,
    save_manifest,
    tree_sources,
)
from .parallel import search_entries, two_processes
from .search_parse import fast_search_index

log = logging.getLogger("mkdocs.plugins.fanzone")


class Warm:
    """One build's use of the previous build's manifest (`decide`, `run_mkdocs`, then `record`)."""

    def __init__(
        self,
        root: Path,
        final: Path,
        config: MkDocsConfig,
        warnings: list[str],
        *,
        cache: Path | None = None,
        previous: Manifest | None = None,
    ) -> None:
        """`final`: the site in place; `cache`: where the manifest is kept between builds (`fanzone serve`
        keeps it in memory: `previous`, and builds in place)."""
        self.root, self.final, self.config = root, final, config
        self.path = manifest_path(cache, final) if cache is not None else None
        self.plugin: Any = config.plugins.get("fanzone")
        self.warnings = warnings  # the build's warnings as MkDocs logs them
        self.previous = previous
        self.key: str | None = None
        self.sources: dict[str, str] = {}

    def decide(self, forced: str | None) -> Decision:
        """Call after the generation step (the tree and the navigation are final)."""
        if self.plugin is None or self.plugin.tree is None:
            return Decision(FULL, "no fanzone plugin")
        self.sources = tree_sources(Path(self.config.docs_dir))
        self.key = global_key(self.config, self.root, self.sources)
        self.plugin.build_key = self.key
        if forced:
            return Decision(FULL, f"{forced} asked for every page")
        if self.path is not None:
            self.previous = load_manifest(self.path)
        return decide(self.previous, self.key, self.sources, self.final)

    def up_to_date(self) -> list[str]:
        """Nothing to build: the previous build's warnings still hold (shown again); the diagrams' figures."""
        assert self.previous is not None
        for message in self.previous.warnings:
            print(f"{'WARNING':<8}-  {message}", file=sys.stderr)
        self.plugin.diagram_stats()
        return list(self.previous.warnings)

    def run_mkdocs(
        self,
        decision: Decision,
        work: Path,
        serve_url: str | None = None,
        later: frozenset[str] = frozenset(),
        between: Callable[[], None] | None = None,
        parallel: bool = False,
    ) -> None:
        """Build into `work` (a scratch folder, or the site itself when serving); a dirty build that finds a
        page's title changed goes on as a full build (`decision` then says so). The changed files in `later`
        are rendered in a second dirty build, after `between` ran (`fanzone serve` reloads the browsers).
        `parallel`: a full build converts the pages' Markdown in two processes (`parallel.py`). Material's search
        index is parsed by `search_parse.FastParser` (the same index)."""
        with fast_search_index():
            self._run_mkdocs(decision, work, serve_url, later, between, parallel)

    def _run_mkdocs(
        self,
        decision: Decision,
        work: Path,
        serve_url: str | None,
        later: frozenset[str],
        between: Callable[[], None] | None,
        parallel: bool,
    ) -> None:
        if decision.mode == INCREMENTAL and self.previous is not None:
            tree, seen = self.plugin.tree, len(self.warnings)
            if work != self.final:
                shutil.copytree(self.final, work, symlinks=True, dirs_exist_ok=True)  # keeps the mtimes
            changed = set(decision.changed)
            first = changed - later if changed - later else changed
            mark_changed(self.config, work, first, [path for path in self.sources if path not in first])
            self.plugin.previous_pages = dict(self.previous.pages)
            with quiet_dirty_notice():
                mkdocs_build(self.config, serve_url=serve_url, dirty=True)
                if not self.plugin.facts_changed and first != changed:
                    if between is not None:
                        between()
                    self.plugin.tree, self.plugin.previous_pages = tree, dict(self.plugin.page_facts)
                    mark_changed(self.config, work, changed - first, [])
                    mkdocs_build(self.config, serve_url=serve_url, dirty=True)
            if not self.plugin.facts_changed:
                return
            # a page's title changed: the navigation of every page shows it
            log.info(f"fanzone: the title of {', '.join(self.plugin.facts_changed)} changed: building every page")
            decision.mode, decision.reason = FULL, "a page title changed"
            del self.warnings[seen:]
            self.plugin.tree, self.plugin.previous_pages = tree, {}
        with self._two_processes(parallel):
            mkdocs_build(self.config, serve_url=serve_url)

    def _two_processes(self, enabled: bool) -> contextlib.AbstractContextManager[None]:
        """A full build's per-page work on two cores (`parallel.py`), with the state of our plugin and of the
        search plugin carried back from the other process."""
        if not enabled or self.plugin is None:
            return contextlib.nullcontext()
        search = search_entries(self.config)
        owners = [] if search is None else [search]
        return two_processes(
            self.config,
            convert_shared=self.plugin.converted_state(),
            build_shared=[*owners, (self.plugin, self.plugin.written_state())] if search is not None else None,
            local=self.plugin.converted_here,
            converted=self.plugin.sections_in_child(self.config),
        )

    def inputs(self) -> list[Path]:
        """The files and folders of the project this build read (`incremental.input_paths`)."""
        if self.plugin is None:
            return []
        root = Path(getattr(self.plugin, "root", None) or self.root)
        return input_paths(self.config, root, getattr(self.plugin, "specs_dir", None), self.sources)

    def record(self, mkdocs: bool = True) -> Manifest | None:
        """After the swap: the manifest of the site now in place (none after another engine's build)."""
        if not mkdocs or self.key is None:
            if self.path is not None:
                forget(self.path)
            return None
        manifest = Manifest(
            key=self.key,
            sources=self.sources,
            pages=self.plugin.page_facts,
            outputs=output_listing(self.final),
            warnings=list(self.warnings),
        )
        if self.path is not None:
            save_manifest(self.path, manifest)
        return manifest
