"""`fanzone serve`'s first pass: the pages generated from the files just saved, rendered and shown first.

The watched files' signatures (size, mtime) are compared with those the last good build read. When every
changed file makes pages of its own (a spec page, an epic file's page, a mockup file's screen page) and those
pages can be made alone without changing the navigation (`partial.py`), they are generated from the project as
it is now and MkDocs renders only them (a dirty build, the other pages' titles from the last manifest). The
whole build follows (`serve.py`): it renders what else changed (indexes, traceability, the printable page) and
finds the first pass's pages already up to date. Anything else (a file added or removed, mkdocs.yml,
includes/, an invalid backlog, a changed title) has no first pass.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig

from .generate import GeneratedTree
from .incremental import Manifest, mark_changed, output_listing, quiet_dirty_notice
from .tree import digest, update_tree

log = logging.getLogger("mkdocs.plugins.fanzone")

Stamp = tuple[int, int]  # size, mtime in ns


def stamps(root: Path, watched: Iterable[Path]) -> dict[str, Stamp]:
    """Every watched file (folders walked, hidden names skipped) -> its signature; named relative to the
    project root when inside it."""
    out: dict[str, Stamp] = {}
    real_root = root.resolve()

    def add(path: Path) -> None:
        try:
            info = path.stat()
        except OSError:
            return
        try:
            name = path.resolve().relative_to(real_root).as_posix()
        except ValueError:
            name = str(path.resolve())
        out[name] = (info.st_size, info.st_mtime_ns)

    for item in watched:
        if item.is_file():
            add(item)
            continue
        for folder, dirs, names in os.walk(item):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(names):
                if not name.startswith("."):
                    add(Path(folder) / name)
    return out


def changed_files(before: dict[str, Stamp], after: dict[str, Stamp]) -> set[str] | None:
    """The files changed in place, or None when files were added or removed."""
    if set(before) != set(after):
        return None
    return {name for name, stamp in after.items() if before[name] != stamp}


@dataclass
class Served:
    """What the last good build left: its configuration (whose plugin generated the tree), the tree, the
    manifest of the site in place, and the watched files' signatures as that build read them."""

    config: MkDocsConfig
    tree: GeneratedTree
    manifest: Manifest
    stamps: dict[str, Stamp]


def first_pass(
    served: Served, now: dict[str, Stamp], site: Path, serve_url: str | None, warnings: list[str]
) -> tuple[Manifest, list[str]] | None:
    """Render the pages generated from the files changed since `served` into `site`; the manifest of the site
    then and the pages rendered, or None when there is no first pass (the whole build does everything)."""
    changed = changed_files(served.stamps, now)
    plugin = served.config.plugins.get("fanzone")
    if not changed or plugin is None:
        return None
    markdown = plugin.regenerate(served.config, served.tree, changed)
    if markdown is None:
        return None
    data = {path: text.encode("utf-8") for path, text in markdown.items()}
    update_tree(served.tree.tree, data)
    sources = {**served.manifest.sources, **{path: digest(content) for path, content in data.items()}}
    pages = sorted(path for path in data if sources[path] != served.manifest.sources.get(path))
    if not pages:
        return None
    seen = len(warnings)
    mark_changed(served.config, site, pages, [path for path in sources if path not in pages])
    plugin.tree, plugin.previous_pages = served.tree, dict(served.manifest.pages)
    with quiet_dirty_notice():
        mkdocs_build(served.config, serve_url=serve_url, dirty=True)
    if plugin.facts_changed or len(warnings) > seen:  # other pages show its title, or a warning to report
        del warnings[seen:]  # the whole build reports them
        return None
    manifest = Manifest(
        key=served.manifest.key,
        sources=sources,
        pages=plugin.page_facts,
        outputs=output_listing(site),
        warnings=list(served.manifest.warnings),
    )
    return manifest, pages
