"""Incremental site builds: what a built site depends on, and which pages a rebuild must render again.

After every successful MkDocs build a manifest is kept beside the caches (one per site folder): a global key
(the MkDocs configuration as built with its navigation, the toolkit's code, the versions of MkDocs, Material
and the Markdown extensions, `includes/` and the snippet files pages read), the hash of every file of the
generated tree, the title and metadata of every page (MkDocs does not read the pages it skips, and the other
pages' navigation shows their titles), a listing of the built site (to see it intact) and its warnings.

The next build compares: same key, same files, site intact -> MkDocs does not run; same key, same set of
files, some changed -> MkDocs renders only those (`dirty`), from a copy of the previous site; anything
else -> a full build.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import types
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File
from pydantic import BaseModel, ValidationError

from ..inputs import TOOLKIT, toolkit_versions
from ..load.atomic import atomic_write
from .config_inputs import config_chain
from .snippet_inputs import snippet_paths
from .tree import MANIFEST as TREE_MANIFEST
from .tree import digest
from .uptodate import FULL, INCREMENTAL, UP_TO_DATE, output_listing

FORMAT = 1
PROJECT_FOLDERS = ("backlog", "mockups", "includes")  # read by every build, besides the specification
DIRTY_NOTICE = "A 'dirty' build is being performed"
SEARCH_INDEX = "search/search_index.json"


class PageFacts(BaseModel):
    """What other pages show of a page (its title in their navigation), kept for the pages MkDocs skips."""

    title: str | None = None
    meta: dict[str, Any] = {}


class Manifest(BaseModel):
    format: int = FORMAT
    key: str
    sources: dict[str, str]  # generated tree path -> SHA-256
    pages: dict[str, PageFacts]  # page source path -> facts
    outputs: dict[str, tuple[int, int]]  # built site path -> (size, mtime in ns)
    warnings: list[str] = []


@dataclass
class Decision:
    mode: str
    reason: str = ""
    changed: list[str] = field(default_factory=list)


def manifest_path(cache: Path, site_dir: Path) -> Path:
    name = hashlib.sha256(str(site_dir.resolve()).encode()).hexdigest()[:16]
    return cache / "fanzone" / "builds" / f"{name}.json"


def load_manifest(path: Path) -> Manifest | None:
    try:
        manifest = Manifest.model_validate_json(path.read_bytes())
    except (OSError, ValueError, ValidationError):
        return None
    return manifest if manifest.format == FORMAT else None


def save_manifest(path: Path, manifest: Manifest) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, manifest.model_dump_json().encode("utf-8"))


def forget(path: Path) -> None:
    """The site was built another way (another engine): the next build is a full one."""
    path.unlink(missing_ok=True)


# --- what the site depends on ---------------------------------------------------------------------------------
def _name(value: Any) -> str:
    return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', type(value).__qualname__)}"


def _plain(value: Any, depth: int = 0) -> Any:
    """A JSON-able, run-independent picture of a configuration value (objects by class, never by address)."""
    if depth > 30:
        return "..."
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, BasePlugin):
        return {"plugin": _name(type(value)), "config": _plain(dict(value.config), depth + 1)}
    if isinstance(value, types.ModuleType):  # a hook: its code
        source = getattr(value, "__file__", None)
        return {"module": value.__name__, "code": _file_digest(Path(source)) if source else None}
    if hasattr(value, "static_templates") and hasattr(value, "dirs"):  # the theme
        return {"theme": getattr(value, "name", None), "dirs": list(value.dirs), "vars": _plain(dict(value), depth + 1)}
    if isinstance(value, Mapping):
        return {str(key): _plain(item, depth + 1) for key, item in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, list | tuple):
        return [_plain(item, depth + 1) for item in value]
    if isinstance(value, set | frozenset):
        return sorted(repr(_plain(item, depth + 1)) for item in value)
    if callable(value):
        return _name(value)
    return _name(type(value))


def plain_settings(config: MkDocsConfig) -> Any:
    """What a page's HTML depends on besides its Markdown: the Markdown extensions and their settings."""
    return _plain(
        {
            "extensions": config.markdown_extensions,
            "settings": config.mdx_configs,
            "directory_urls": config.use_directory_urls,
        }
    )


def _file_digest(path: Path) -> str | None:
    try:
        return digest(path.read_bytes())
    except OSError:
        return None


def _folder_digest(folder: Path, suffixes: tuple[str, ...] | None = None) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    if not folder.is_dir():
        return out
    for base, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__" and not d.startswith("."))
        for name in sorted(names):
            if suffixes is None or name.endswith(suffixes):
                path = Path(base) / name
                out[path.relative_to(folder).as_posix()] = _file_digest(path)
    return out


def _snippet_files(config: MkDocsConfig, tree: Path, sources: Iterable[str]) -> dict[str, str | None]:
    found = snippet_paths(config, tree, sources)
    return {name: next(filter(None, map(_file_digest, places)), None) for name, places in found.items()}


def hook_files(config: MkDocsConfig) -> list[Path]:
    """Each hook's file and the Python files beside it: MkDocs puts a hook's folder on the import path while it
    loads it, so a hook imports its helpers from there."""
    out: set[Path] = set()
    for hook in (config.get("hooks") or {}).values():
        source = getattr(hook, "__file__", None)
        if source:
            out.add(Path(source).resolve())
            with contextlib.suppress(OSError):
                out.update(path.resolve() for path in Path(source).parent.glob("*.py"))
    return sorted(out)


def input_paths(config: MkDocsConfig, root: Path, specs: Path | None, sources: Iterable[str]) -> list[Path]:
    """The files and folders a build reads from the project (what `generators.inputs` fingerprints): the
    backlog, mockups, includes, the specification, the configuration, the theme's overrides, hooks, snippets."""
    paths = [root / name for name in PROJECT_FOLDERS]
    paths.append(specs or Path(config.docs_dir))
    paths.append(root / "mkdocs.yml")  # or its absence (the default configuration is made from the backlog)
    paths.extend(config_chain(root / "mkdocs.yml"))  # and the files it inherits from
    custom = getattr(config.theme, "custom_dir", None)
    if custom:
        paths.append(Path(custom))
    paths.extend(hook_files(config))
    for places in snippet_paths(config, Path(config.docs_dir), sources).values():
        paths.extend(places)
    unique: dict[str, Path] = {str(path.resolve()): path.resolve() for path in paths}
    return [unique[key] for key in sorted(unique)]


def global_key(config: MkDocsConfig, root: Path, sources: Iterable[str]) -> str:
    """The hash of everything every page's HTML depends on besides its own Markdown."""
    settings = {key: value for key, value in config.items() if key != "site_dir"}
    custom = getattr(config.theme, "custom_dir", None)
    parts = {
        "config": _plain(settings),
        "config_file": _file_digest(Path(config.config_file_path)) if config.config_file_path else None,
        "versions": toolkit_versions(),
        "toolkit": _folder_digest(TOOLKIT, (".py", ".j2", ".css", ".js", ".html")),
        "includes": _folder_digest(root / "includes"),
        "theme": _folder_digest(Path(custom)) if custom else {},
        "snippets": _snippet_files(config, Path(config.docs_dir), sources),
        "hooks": {str(path): _file_digest(path) for path in hook_files(config)},
    }
    return digest(json.dumps(parts, sort_keys=True, default=str).encode("utf-8"))


def tree_sources(tree: Path) -> dict[str, str]:
    """Every file of the generated tree -> its SHA-256 (from the tree's own hash list when it is current)."""
    try:
        known = json.loads((tree / TREE_MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        known = {}
    out: dict[str, str] = {}
    for base, dirs, names in os.walk(tree):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            if name.startswith("."):
                continue
            path = Path(base) / name
            rel = path.relative_to(tree).as_posix()
            entry = known.get(rel) if isinstance(known, dict) else None
            if isinstance(entry, list) and len(entry) == 2 and entry[1] == path.stat().st_size:
                out[rel] = str(entry[0])
            else:
                out[rel] = _file_digest(path) or ""
    return out


# --- what the next build does ----------------------------------------------------------------------------------
def decide(previous: Manifest | None, key: str, sources: dict[str, str], site: Path) -> Decision:
    """Up to date, incremental (the changed tree files), or full (with the reason)."""
    if previous is None:
        return Decision(FULL, "no previous build")
    if previous.key != key:
        return Decision(FULL, "the configuration, navigation, includes or toolkit changed")
    if set(previous.sources) != set(sources):
        return Decision(FULL, "files were added or removed")
    if previous.outputs != output_listing(site):
        return Decision(FULL, "the built site was changed or is missing")
    changed = sorted(path for path, sha in sources.items() if previous.sources[path] != sha)
    if not changed:
        return Decision(UP_TO_DATE)
    if previous.warnings:
        return Decision(FULL, "the previous build had warnings")
    return Decision(INCREMENTAL, f"{len(changed)} file(s) changed", changed)


def mark_changed(config: MkDocsConfig, site: Path, changed: Iterable[str], unchanged: Iterable[str]) -> None:
    """Make MkDocs' dirty build (it compares mtimes) render exactly the changed files: their outputs are made
    older than anything (kept, so that a site being served never lacks a page), and an unchanged file's output
    no older than its source."""
    tree, urls = str(config.docs_dir), bool(config.use_directory_urls)
    for src in changed:
        dest = site / File(src, tree, str(site), urls).dest_uri
        with contextlib.suppress(OSError):
            os.utime(dest, ns=(dest.stat().st_atime_ns, 0))
    for src in unchanged:
        dest = site / File(src, tree, str(site), urls).dest_uri
        with contextlib.suppress(OSError):
            source_mtime = os.stat(Path(tree) / src).st_mtime_ns
            info = dest.stat()
            if info.st_mtime_ns < source_mtime:
                os.utime(dest, ns=(info.st_atime_ns, source_mtime))


class DirtyNotice(logging.Filter):
    """MkDocs warns that a dirty build may leave the navigation stale: ours renders every page it affects."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(DIRTY_NOTICE)


@contextlib.contextmanager
def quiet_dirty_notice() -> Any:
    logger, notice = logging.getLogger("mkdocs.commands.build"), DirtyNotice()
    logger.addFilter(notice)
    try:
        yield
    finally:
        logger.removeFilter(notice)


# --- the search index of a dirty build -------------------------------------------------------------------------
def _page_of(location: str) -> str:
    return location.split("#", 1)[0]


def merge_search(entries: list[dict[str, Any]], previous: list[dict[str, Any]], pages: list[tuple[str, bool]]) -> list:
    """The index a full build would write: for each page (URL, rendered this time?) in build order, its new
    entries when it was rendered, else its entries of the previous index."""
    new: dict[str, list[dict[str, Any]]] = {}
    old: dict[str, list[dict[str, Any]]] = {}
    for entry in entries:
        new.setdefault(_page_of(str(entry.get("location", ""))), []).append(entry)
    for entry in previous:
        old.setdefault(_page_of(str(entry.get("location", ""))), []).append(entry)
    merged: list[dict[str, Any]] = []
    for url, rendered in pages:
        merged += new.pop(url, []) if rendered else old.get(url, [])
    for rest in new.values():  # entries of no page (another plugin's): kept, after the pages
        merged += rest
    return merged


def previous_search_entries(site: Path) -> list[dict[str, Any]] | None:
    try:
        data = json.loads((site / SEARCH_INDEX).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    docs = data.get("docs") if isinstance(data, dict) else None
    return docs if isinstance(docs, list) else None


def facts_of(title: Any, meta: Mapping[str, Any]) -> PageFacts:
    return PageFacts(title=None if title is None else str(title), meta=json.loads(json.dumps(dict(meta), default=str)))
