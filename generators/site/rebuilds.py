"""The builds of one `fanzone serve`: the first build, then one per change of the watched files.

A rebuild has two passes. The first (`firstpass.py`) renders the pages generated from the files just saved
(an epic's page for its epic file, a screen's page, a spec page) and shows them: the browsers reload. The second
is the whole warm build (`warm.py`): every page generated again, the other changed pages rendered (indexes,
traceability, the printable page last), the browsers reloaded again; it reuses the project the first pass
loaded (a file saved since then starts another rebuild). The site it leaves is the one a full build makes.
A failed build replaces the site by one page listing the errors (`serve.error_page`).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from contextlib import nullcontext
from pathlib import Path
from typing import Any

from ..context import ProjectContext
from .build import SiteBuildError, check_links, generate_tree, prepare
from .firstpass import Served, Stamp, first_pass, stamps
from .incremental import UP_TO_DATE, Manifest
from .jinja_cache import list_theme_once
from .print_page import PRINT_PAGE
from .provided import provide_context
from .warm import Warm

log = logging.getLogger("mkdocs.plugins.fanzone")


class Rebuilds:
    """Call it with the first build's configuration, then with nothing for each rebuild (MkDocs' `builder`).

    `show` makes the pages built so far visible (reloads the browsers); `hold` starts a new version of the site
    (requests wait until the next `show`); `failed` puts the error page in place."""

    def __init__(
        self,
        root: Path,
        config_file: Path,
        cache: Path,
        options: dict[str, Any],
        logs: Any,
        *,
        show: Callable[[], None],
        hold: Callable[[], None],
        failed: Callable[[str], None],
    ) -> None:
        self.root, self.config_file, self.cache, self.options, self.logs = root, config_file, cache, options, logs
        self.site = Path(options["site_dir"])
        self.strict = bool(options.get("strict"))
        self.show, self.hold, self.failed = show, hold, failed
        self.serve_url: str | None = None
        self.watched: list[Path] = []
        self.built: Manifest | None = None  # the site being served, as the last good build left it
        self.served: Served | None = None  # what the next rebuild's first pass starts from
        self.shown_after = 0.0  # seconds from MkDocs' start until the pages were shown (the last rebuild)
        self.first_pages: list[str] = []  # the pages the last rebuild's first pass rendered
        self.context: ProjectContext | None = None  # the project the first pass loaded (the whole build reuses it)

    def configure(self, config: Any) -> None:
        """The first build's configuration: the serve URL and the files watched (as `on_serve` watches them)."""
        list_theme_once(config.theme)
        self.serve_url = config.site_url
        plugin = config.plugins.get("fanzone")
        specs = Path(getattr(plugin, "specs_dir", None) or config.docs_dir)
        self.watched = [specs, *(self.root / name for name in ("backlog", "mockups", "includes"))]
        self.watched += [Path(config.config_file_path)] if config.config_file_path else []

    def __call__(self, current: Any = None) -> None:
        log.info("Building documentation...")
        seen = len(self.logs.errors)
        del self.logs.warnings[:]  # a build's manifest keeps its own warnings
        now = stamps(self.root, self.watched)
        self.first_pages, self.context = [], None
        try:
            shown = current is None and self._first(now)
            if current is None:
                current = prepare(self.root, self.config_file, self.cache, **self.options)
                current.site_url = self.serve_url
                list_theme_once(current.theme)
            self._whole(current, now, shown)
        except Exception as exc:  # any failure becomes the page, never a stuck server
            self.built = self.served = None  # the error page replaced the site: the next build renders every page
            errors = "\n".join(self.logs.errors[seen:]) or str(exc)
            if isinstance(exc, SiteBuildError):
                log.error(str(exc))
            self.failed(errors)

    def _first(self, now: dict[str, Stamp]) -> bool:
        """The first pass: the pages of the saved files, shown at once; True when there was one."""
        if self.served is None:
            return False
        begun = time.perf_counter()
        try:
            done = first_pass(self.served, now, self.site, self.serve_url, self.logs.warnings)
        except Exception as exc:  # the whole build that follows reports it
            log.debug(f"fanzone: no first pass: {exc!r}")
            return False
        if done is None:
            return False
        self.built, self.first_pages = done
        self.context = getattr(self.served.config.plugins.get("fanzone"), "context", None)
        self.show()
        log.info(f"fanzone: first pass ({', '.join(self.first_pages)}) shown after {time.perf_counter() - begun:.2f} s")
        return True

    def _whole(self, config: Any, now: dict[str, Stamp], shown: bool) -> None:
        """The whole warm build; after the first build, only the pages whose Markdown changed are rendered."""
        check_links(self.root, config)
        with provide_context(self.context) if self.context is not None else nullcontext():
            generate_tree(config)
        plugin = config.plugins.get("fanzone")
        tree = plugin.tree if plugin is not None else None
        warm = Warm(self.root, self.site, config, self.logs.warnings, previous=self.built)
        decision = warm.decide("--strict" if self.strict else None)
        started = time.perf_counter()
        self.shown_after = 0.0

        def show() -> None:
            self.show()
            self.shown_after = time.perf_counter() - started

        if decision.mode != UP_TO_DATE:  # the printable page (every page in one) once the others are shown
            if shown:  # the first pass's pages are visible: requests wait again while pages are written
                self.hold()
            warm.run_mkdocs(decision, self.site, self.serve_url, frozenset({PRINT_PAGE}), show)
        total = time.perf_counter() - started
        log.info(
            f"fanzone: {decision.mode} ({decision.reason}), MkDocs {total:.2f} s "
            f"(pages shown after {self.shown_after or total:.2f} s)"
        )
        self.built = warm.record()
        self.served = Served(config, tree, self.built, now) if self.built is not None and tree is not None else None
