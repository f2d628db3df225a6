"""The site's own static files: stylesheet, script (sortable and filterable tables, wireframe lightbox,
`file://` search), the vendored Web Worker shim, and the accent-folding patch of the French search.

All are served from the built site: nothing is fetched from another host, at build time or in the browser.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from . import paths

# Material's search worker imports the language support from here (`importScripts`): the folding
# pipeline is appended to it, so it runs in the worker before the index is built.
SEARCH_LANGUAGE = "assets/javascripts/lunr/min/lunr.fr.min.js"
_TEMPLATES = "templates/site"


def _read(name: str) -> bytes:
    return resources.files("generators").joinpath(f"{_TEMPLATES}/{name}").read_bytes()


def configure(config: MkDocsConfig) -> None:
    """Register the stylesheet, the script and the `file://` Worker shim (before Material's `offline`
    plugin looks for one: it would otherwise add an external copy)."""
    for css in (paths.ASSETS_CSS, paths.ASSETS_KANBAN_CSS):
        if css not in config.extra_css:
            config.extra_css.append(css)
    for script in (paths.ASSETS_KANBAN_JS, paths.ASSETS_JS):
        if script not in [str(known) for known in config.extra_javascript]:
            config.extra_javascript.append(script)
    polyfills = config.extra.setdefault("polyfills", [])
    if paths.ASSETS_SHIM not in polyfills:
        polyfills.insert(0, paths.ASSETS_SHIM)


def add(files: Files, config: MkDocsConfig, add_file: Callable[[Files, MkDocsConfig, str, bytes], None]) -> None:
    """Add the site's files (through the plugin's `add_file`, which refuses collisions) and patch the
    theme's French search language so that accents are folded at indexing and at query time."""
    add_file(files, config, paths.ASSETS_CSS, _read("fanzone.css"))
    add_file(files, config, paths.ASSETS_KANBAN_CSS, _read("kanban.css"))
    add_file(files, config, paths.ASSETS_KANBAN_JS, _read("kanban.js"))
    add_file(files, config, paths.ASSETS_JS, _read("fanzone.js"))
    add_file(files, config, paths.ASSETS_SHIM, _read("vendor/iframe-worker-shim.js"))
    language = files.get_file_from_path(SEARCH_LANGUAGE)
    if language is None:  # another theme or language: the search stays as the theme makes it
        return
    with open(language.abs_src_path or "", "rb") as source:
        patched = source.read() + b"\n" + _read("search-fold.js")
    files.remove(language)
    files.append(File.generated(config, SEARCH_LANGUAGE, content=patched))
