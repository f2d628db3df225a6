"""`fanzone serve`: MkDocs' live-reload server, with a build that never leaves the browser waiting.

MkDocs' own `serve` keeps every request waiting while a rebuild fails ("the server will appear stuck until
build errors are resolved"). Here a failed build (an invalid backlog, a diagram error, a link outside the
project) replaces the site by one page listing the located errors; the browser still reloads when the files
change, and the next good build brings the site back.
"""

from __future__ import annotations

import html
import logging
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.livereload import LiveReloadServer, _serve_url, _timestamp

from .build import SiteBuildError, _config_file, cache_root, check_links, generate_tree, mkdocs_logging, prepare
from .firstpass import Served, Stamp, first_pass, stamps
from .incremental import UP_TO_DATE, Manifest
from .jinja_cache import list_theme_once
from .print_page import PRINT_PAGE
from .warm import Warm

log = logging.getLogger("mkdocs.plugins.fanzone")
POLL = 0.2  # seconds between two looks at the watched files (MkDocs: 0.5): a save is seen sooner

ERROR_PAGE = """<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Le site n'a pas pu être construit</title></head>
<body><h1>Le site n'a pas pu être construit</h1>
<p>Corrigez les erreurs ci-dessous : la page se recharge toute seule dès que les fichiers changent.</p>
<pre>{errors}</pre>
</body></html>
"""


def error_page(site_dir: Path, errors: str) -> None:
    """Replace the served site by the error page (as every page: index and 404), the text HTML-escaped."""
    for child in site_dir.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child, ignore_errors=True)
        else:
            child.unlink(missing_ok=True)
    page = ERROR_PAGE.format(errors=html.escape(errors))
    for name in ("index.html", "404.html"):
        (site_dir / name).write_text(page, encoding="utf-8")


def serve_site(root: Path, *, dev_addr: str | None = None, open_browser: bool = False, strict: bool = False) -> None:
    """Serve the site with live reload; the fanzone plugin also watches backlog/, mockups/ and includes/."""
    cache = cache_root(root)
    config_file = _config_file(root, cache)
    site_dir = Path(tempfile.mkdtemp(prefix="mkdocs_"))
    options: dict[str, Any] = {"strict": strict, "site_dir": str(site_dir)}
    if dev_addr:
        options["dev_addr"] = dev_addr
    with mkdocs_logging(verbose=True, echo_errors=True) as logs:
        config = prepare(root, config_file, cache, **options)
        list_theme_once(config.theme)
        config.plugins.on_startup(command="serve", dirty=False)
        host, port = config.dev_addr
        mount_path = urlsplit(config.site_url or "/").path
        config.site_url = serve_url = _serve_url(host, port, mount_path)

        built: list[Manifest | None] = [None]  # the site being served, as the last good build left it
        served: list[Served | None] = [None]  # what the first pass of the next rebuild starts from
        started = [0.0, 0.0]  # when MkDocs started, and how long until the browsers were reloaded
        plugin = config.plugins.get("fanzone")
        specs = Path(getattr(plugin, "specs_dir", None) or config.docs_dir)
        watched = [specs, *(root / name for name in ("backlog", "mockups", "includes"))]
        watched += [Path(config.config_file_path)] if config.config_file_path else []

        def first(now: dict[str, Stamp]) -> bool:
            """The first pass (`firstpass.py`): the pages of the saved files, shown at once; True when done."""
            begun = time.perf_counter()
            try:
                done = first_pass(served[0], now, site_dir, serve_url, logs.warnings) if served[0] else None
            except Exception as exc:  # the whole build that follows reports it
                log.debug(f"fanzone: no first pass: {exc!r}")
                done = None
            if done is None:
                return False
            built[0], pages = done
            reload_browsers()
            log.info(f"fanzone: first pass ({', '.join(pages)}) shown after {time.perf_counter() - begun:.2f} s")
            return True

        def builder(current: Any = None) -> None:
            log.info("Building documentation...")
            seen = len(logs.errors)
            del logs.warnings[:]  # a build's manifest keeps its own warnings
            now = stamps(root, watched)
            try:
                shown = current is None and first(now)
                if current is None:
                    current = prepare(root, config_file, cache, **options)
                    current.site_url = serve_url
                    list_theme_once(current.theme)
                check_links(root, current)
                generate_tree(current)
                tree = current.plugins.get("fanzone").tree if current.plugins.get("fanzone") else None
                # after the first build, only the pages whose generated Markdown changed are rendered again
                warm = Warm(root, site_dir, current, logs.warnings, previous=built[0])
                decision = warm.decide("--strict" if strict else None)
                started[:] = [time.perf_counter(), 0.0]
                if decision.mode != UP_TO_DATE:  # the printable page (every page in one) once the others are shown
                    if shown:  # the first pass's pages were shown: requests wait again while pages are written
                        new_epoch()
                    warm.run_mkdocs(decision, site_dir, serve_url, frozenset({PRINT_PAGE}), reload_browsers)
                total = time.perf_counter() - started[0]
                log.info(
                    f"fanzone: {decision.mode} ({decision.reason}), MkDocs {total:.2f} s "
                    f"(pages shown after {started[1] or total:.2f} s)"
                )
                built[0] = warm.record()
                served[0] = Served(current, tree, built[0], now) if built[0] is not None and tree else None
            except Exception as exc:  # any failure becomes the page, never a stuck server
                built[0] = served[0] = None  # the error page replaced the site: the next build renders every page
                errors = "\n".join(logs.errors[seen:]) or str(exc)
                if isinstance(exc, SiteBuildError):
                    log.error(str(exc))
                error_page(site_dir, errors)

        server = LiveReloadServer(
            builder=builder, host=host, port=port, root=str(site_dir), mount_path=mount_path, polling_interval=POLL
        )

        def new_epoch() -> None:
            """A new version of the site starts: requests wait until `reload_browsers` shows it."""
            with server._epoch_cond:
                server._wanted_epoch = _timestamp()

        def reload_browsers() -> None:
            """Show the pages rendered so far (what MkDocs' server does after the builder returns)."""
            condition = getattr(server, "_epoch_cond", None)
            if condition is None or not hasattr(server, "_wanted_epoch"):
                return
            with condition:
                server._visible_epoch = server._wanted_epoch
                condition.notify_all()
            started[1] = time.perf_counter() - started[0]

        def error_handler(code: int) -> bytes | None:
            page = site_dir / "404.html"
            if code == 404 and page.is_file():
                return server._inject_js_into_html(page.read_bytes(), server._visible_epoch)
            return None

        server.error_handler = error_handler
        try:
            builder(config)
            # the specification, not the generated tree (the plugin's on_serve watches the rest)
            server.watch(str(getattr(config.plugins.get("fanzone"), "specs_dir", None) or config.docs_dir))
            if config.config_file_path:
                server.watch(config.config_file_path)
            server = config.plugins.on_serve(server, config=config, builder=builder)
            for item in config.watch:
                server.watch(item)
            try:
                server.serve(open_in_browser=open_browser)
            except KeyboardInterrupt:
                log.info("Shutting down...")
            finally:
                server.shutdown()
        finally:
            config.plugins.on_shutdown()
            shutil.rmtree(site_dir, ignore_errors=True)
