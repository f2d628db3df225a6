"""Headless Chromium through Playwright: the local browser (never downloaded), a local server for the built
site, and every request to another host refused (the dossier is printed offline)."""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..errors import FanzoneError

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ENV = "FANZONE_CHROMIUM"  # another Chromium executable
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
LOAD_TIMEOUT_MS = 600_000  # the shipped project's print page (500+ pages) loads in under a minute


class PdfError(FanzoneError):
    """The dossier could not be printed (no Chromium, no Playwright, a page that does not load)."""


def requirements() -> None:
    """The Python packages the dossier needs (the `pdf` extra), or a message naming the fix."""
    import importlib.util

    missing = [name for name in ("playwright", "pypdf") if importlib.util.find_spec(name) is None]
    if missing:
        raise PdfError(
            f"the PDF dossier needs the Python package(s) {', '.join(missing)}: "
            "pip install 'fanzone-toolkit[pdf]' (or pip install playwright pypdf)"
        )


def executable() -> Path:
    path = Path(os.environ.get(CHROMIUM_ENV) or CHROMIUM)
    if not path.is_file() or not path.stat().st_mode & 0o111 or not os.access(path, os.X_OK):
        raise PdfError(
            f"Chromium not found at {path}: the PDF is printed by headless Chromium "
            f"(install it, e.g. `apt-get install chromium`, or set {CHROMIUM_ENV} to its executable)"
        )
    return path


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """The folder served on 127.0.0.1 (a random port) for the time of the block; yields its base URL."""
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@contextmanager
def browser_page(base_url: str | None = None) -> Iterator[Any]:
    """A Chromium page; with `base_url`, requests to any other origin are aborted."""
    path = executable()
    requirements()
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    origin = urlsplit(base_url).netloc if base_url else None

    def guard(route: Any) -> None:
        url = urlsplit(route.request.url)
        if url.scheme in ("data", "blob", "about") or (origin and url.netloc == origin):
            route.continue_()
        else:
            route.abort()

    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(path), args=ARGS)
            try:
                page = browser.new_page()
                page.set_default_timeout(LOAD_TIMEOUT_MS)
                page.route("**/*", guard)
                yield page
            finally:
                browser.close()
    except PlaywrightError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise PdfError(f"Chromium ({path}) failed: {first} (check it starts: {path} --headless --version)") from None
