"""`fanzone serve`: MkDocs' live-reload server, with a build that never leaves the browser waiting.

MkDocs' own `serve` keeps every request waiting while a rebuild fails ("the server will appear stuck until
build errors are resolved"). Here a failed build (an invalid backlog, a diagram error, a link outside the
project) replaces the site by one page listing the located errors; the browser still reloads when the files
change, and the next good build brings the site back. After a save, the pages of the saved files are shown
first, the rest of the site follows (`rebuilds.py`).
"""

from __future__ import annotations

import html
import logging
import shutil
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.livereload import LiveReloadServer, _serve_url, _timestamp

from .build import _config_file, cache_root, mkdocs_logging, prepare
from .rebuilds import Rebuilds

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
        config.plugins.on_startup(command="serve", dirty=False)
        host, port = config.dev_addr
        mount_path = urlsplit(config.site_url or "/").path
        config.site_url = _serve_url(host, port, mount_path)

        builds = Rebuilds(
            root,
            config_file,
            cache,
            options,
            logs,
            show=lambda: reload_browsers(),
            hold=lambda: new_epoch(),
            failed=lambda errors: error_page(site_dir, errors),
        )
        builds.configure(config)
        server = LiveReloadServer(
            builder=builds, host=host, port=port, root=str(site_dir), mount_path=mount_path, polling_interval=POLL
        )

        def new_epoch() -> None:
            """A new version of the site starts: requests wait until `reload_browsers` shows it."""
            condition = getattr(server, "_epoch_cond", None)
            if condition is None or not hasattr(server, "_wanted_epoch"):  # another MkDocs: no waiting
                return
            with condition:
                server._wanted_epoch = _timestamp()

        def reload_browsers() -> None:
            """Show the pages rendered so far (what MkDocs' server does after the builder returns)."""
            condition = getattr(server, "_epoch_cond", None)
            if condition is None or not hasattr(server, "_wanted_epoch"):
                return
            with condition:
                server._visible_epoch = server._wanted_epoch
                condition.notify_all()

        def error_handler(code: int) -> bytes | None:
            page = site_dir / "404.html"
            if code == 404 and page.is_file():
                return server._inject_js_into_html(page.read_bytes(), server._visible_epoch)
            return None

        server.error_handler = error_handler
        try:
            builds(config)
            # the specification, not the generated tree (the plugin's on_serve watches the rest)
            server.watch(str(getattr(config.plugins.get("fanzone"), "specs_dir", None) or config.docs_dir))
            if config.config_file_path:
                server.watch(config.config_file_path)
            server = config.plugins.on_serve(server, config=config, builder=builds)
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
