"""The site's own static files: stylesheet, scripts (Kanban filters; sortable and filterable tables, wireframe
lightbox, `file://` search), the vendored Web Worker shim, and the accent-folding patch of the French search.

The generation step writes them into the tree (`generate.py`); the plugin only registers them in the
configuration. All are served from the built site: nothing is fetched from another host, at build time or
in the browser.
"""

from __future__ import annotations

from importlib import resources
from importlib.util import find_spec
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from . import paths

# Material's search worker imports the language support from here (`importScripts`): the folding
# pipeline is appended to a copy of it in the generated tree, which the site engine serves instead of
# the theme's own file (files of docs_dir take precedence over the theme's).
SEARCH_LANGUAGE = "assets/javascripts/lunr/min/lunr.fr.min.js"
_TEMPLATES = "templates/site"
STATIC = {  # path in the tree -> file under generators/templates/site/
    paths.ASSETS_CSS: "fanzone.css",
    paths.ASSETS_KANBAN_CSS: "kanban.css",
    paths.ASSETS_KANBAN_JS: "kanban.js",
    paths.ASSETS_JS: "fanzone.js",
    paths.ASSETS_SHIM: "vendor/iframe-worker-shim.js",
}


def _read(name: str) -> bytes:
    return resources.files("generators").joinpath(f"{_TEMPLATES}/{name}").read_bytes()


def static_files() -> dict[str, bytes]:
    """The site's own files and, when the Material theme is installed, its French search language patched."""
    files = {path: _read(name) for path, name in STATIC.items()}
    language = _theme_file(SEARCH_LANGUAGE)
    if language is not None:
        files[SEARCH_LANGUAGE] = language.read_bytes() + b"\n" + _read("search-fold.js")
    return files


def _theme_file(path: str) -> Path | None:
    spec = find_spec("material")
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        candidate = Path(location) / "templates" / path
        if candidate.is_file():
            return candidate
    return None


def configure(config: MkDocsConfig) -> None:
    """Register the stylesheets, the scripts and the `file://` Worker shim (before Material's `offline`
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
