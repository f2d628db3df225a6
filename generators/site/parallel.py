"""A full MkDocs build on two cores: a forked child does a share of the per-page work, then this process takes
its results as if it had done that work itself.

Why: the per-page work is most of a full build (Python-Markdown 4 of 10 s at 1,000 stories, 100 of 200 s at
10,000; the templates and the search index 1 and 40 s), one page after the other on one core.

Two phases of `mkdocs build`, each with its own child (`handover.py`). This process does the pages in
MkDocs' order, the child from the last page backwards; each page goes to whichever claims it first
(`Claims`), so they meet where their work balances whatever each page costs:

1. Converting the Markdown. The child converts its pages exactly as MkDocs would (the same events before,
   the same Markdown instance per page) and hands back, per page, the HTML, the table of contents, the title
   the page's heading gives, its anchors, its links to other pages' anchors, the log records the conversion
   emitted (re-emitted here: warnings, `--strict` and their echo are unchanged) and what `convert_shared`
   counted (the diagram renderer's figures). Everything else still happens here, for every page, in order:
   reading the source, `on_page_markdown`, `on_page_content`. The pages whose Markdown depends on what this
   process did before them (`local`: the print page) are always converted here. A `converted` callback runs in
   the child on each page it converted (the fanzone plugin cuts the page's section of the print page there).
2. Writing the pages (the theme's templates, the search plugin's entries). Only when every plugin that
   handles the page events is one whose state comes back (`build_shared`: Material's search index entries,
   the fanzone plugin's list of rendered pages); otherwise this phase runs here alone. The child writes its
   pages' HTML files into the site folder itself.

Nothing depends on the child: a page it did not deliver (it failed, or was killed), or whose Markdown here
differs from the one it converted (compared by hash), is done here. The child never runs another event and
leaves after its last page. `FANZONE_JOBS=1` turns it off.

Unlike `prefetch.py` (which runs the reports' own code), this forks even with other threads running (a test's
local server): the child only converts and writes pages, takes no lock but the import and logging locks
(re-initialised in a forked child by Python), prints nothing and talks to the parent with `os.write`.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import mkdocs.commands.build as mkdocs_build_module
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from .handover import Claims, Handover

__all__ = ["Claims", "Shared", "search_entries", "two_processes", "workers"]

JOBS_ENV_VAR = "FANZONE_JOBS"  # "1": every page done in this process
MIN_BYTES = 256 * 1024  # below this much Markdown (or HTML), a second process costs more than it saves
PAGE_EVENTS = ("page_context", "post_page")  # the events of phase 2
TEMPLATE_BYTES = 16 * 1024  # the theme's templates cost about as much as indexing this much HTML


@dataclass
class Shared:
    """State kept across pages, carried back from a child: `take()` (in the child, after each page) returns
    what changed since its last call; `give(change)` adds it here."""

    take: Callable[[], Any]
    give: Callable[[Any], None]
    start: Callable[[], None] | None = None  # in the child, at the fork (default: `take()`, result dropped)

    def begin(self) -> None:
        if self.start is not None:
            self.start()
        else:
            self.take()


@dataclass
class _Converted:
    markdown_hash: str
    content: str
    toc: Any
    title: str | None
    anchors: set[str] | None
    links_to_anchors: dict[str, dict[str, str]] | None
    records: list[logging.LogRecord]
    shared: list[Any]


@dataclass
class _Built:
    records: list[logging.LogRecord]
    shared: list[Any]


def workers() -> int:
    """How many processes may work on pages: the CPUs this process may use, unless FANZONE_JOBS says fewer."""
    try:
        available = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        available = os.cpu_count() or 1
    wanted = os.environ.get(JOBS_ENV_VAR, "").strip()
    if wanted.isdigit() and int(wanted) >= 1:
        available = min(available, int(wanted))
    return available if hasattr(os, "fork") else 1


def source_size(file: File) -> int:
    try:
        return os.path.getsize(file.abs_src_path) if file.abs_src_path else 0
    except OSError:
        return 0


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        record.msg, record.args = record.getMessage(), None  # plain text: picklable, formatted as it was
        record.exc_info, record.exc_text, record.stack_info = None, None, None
        self.records.append(record)


@contextlib.contextmanager
def _captured() -> Iterator[_Capture]:
    capture = _Capture()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(capture)
    try:
        yield capture
    finally:
        logger.removeHandler(capture)


def _replay(records: list[logging.LogRecord]) -> None:
    for record in records:
        logging.getLogger(record.name).handle(record)


def _hash(markdown: str | None) -> str:
    return hashlib.sha256((markdown or "").encode("utf-8", "surrogatepass")).hexdigest()


def _leave(*_: Any, **__: Any) -> None:
    Handover.leave(0)


@dataclass
class _Phase:
    """One phase's child and the claims it shares with this process."""

    shared: list[Shared]
    handover: Handover | None = None
    claims: Claims | None = None
    decided: bool = False

    def start(self, config: MkDocsConfig, files: Sequence[File], work: Callable[[File], None]) -> None:
        """Fork the child: it claims `files` from the last backwards and runs `work` on each, until it meets
        a page this process claimed; then it leaves (it never returns from here)."""
        self.decided = True
        self.claims = Claims([file.src_uri for file in files])
        handover = Handover()
        if not handover.fork():
            self.claims = None
            return
        self.handover = handover
        if not handover.in_child:
            return
        _quiet_child(config)
        for shared in self.shared:
            shared.begin()  # what was counted before the fork is the parent's already
        try:
            for file in reversed(files):
                if self.claims.claim(file.src_uri, Claims.CHILD) != Claims.CHILD:
                    break
                work(file)
        except BaseException:  # the parent does what the child did not give, and reports errors as MkDocs would
            Handover.leave(1)
        Handover.leave(0)

    @property
    def in_child(self) -> bool:
        return self.handover is not None and self.handover.in_child

    def child_does(self, page: Page) -> bool:
        """Claim `page` for this process; True when the child claimed it first."""
        return self.claims is not None and self.claims.claim(page.file.src_uri, Claims.HERE) == Claims.CHILD

    def close(self) -> None:
        if self.handover is not None:
            self.handover.close()
            self.handover = None
        self.claims = None


def _quiet_child(config: MkDocsConfig) -> None:
    """A child sends its log records to the parent (never prints them), runs no `on_page_content` (the parent
    runs it on the HTML it takes over) and never goes past the pages."""
    for name in ("mkdocs", ""):
        logger = logging.getLogger(name)
        for handler in list(logger.handlers):
            logger.removeHandler(handler)
    logging.getLogger("mkdocs").propagate = False
    config.plugins.on_page_content = lambda html, **_: html  # type: ignore[method-assign]
    config.plugins.on_env = _leave  # type: ignore[method-assign]
    config.plugins.on_post_build = _leave  # type: ignore[method-assign]


class _TwoProcesses:
    def __init__(
        self,
        config: MkDocsConfig,
        weight: Callable[[File], int],
        local: Callable[[File], bool],
        convert_shared: list[Shared],
        build_shared: list[tuple[object, Shared]] | None,
        converted: Callable[[Page], None] | None = None,
    ) -> None:
        self.config, self.weight, self.local, self.converted = config, weight, local, converted
        self.convert = _Phase(convert_shared)
        self.build = _Phase([shared for _, shared in build_shared or ()], decided=build_shared is None)
        self.owners = [owner for owner, _ in build_shared or ()]
        self.render, self.populate, self.build_page = (
            Page.render,
            mkdocs_build_module._populate_page,
            mkdocs_build_module._build_page,
        )

    # --- phase 1 -------------------------------------------------------------------------------------
    def populate_page(self, page: Page, config: MkDocsConfig, files: Files, dirty: bool = False) -> None:
        phase = self.convert
        if not phase.decided:
            phase.decided = True
            pages = [file for file in files.documentation_pages() if not self.local(file)]
            if sum(self.weight(file) for file in pages) >= MIN_BYTES:
                phase.start(config, pages, lambda file: self._convert_in_child(file, config, files, dirty))
        self.populate(page, config, files, dirty)

    def _convert_in_child(self, file: File, config: MkDocsConfig, files: Files, dirty: bool) -> None:
        if file.page is None and file.inclusion.is_not_in_nav():
            Page(None, file, config)  # as MkDocs does for a page outside the navigation
        if file.page is not None:
            self.populate(file.page, config, files, dirty)  # reads it, runs its events, converts it (below)

    def render_page(self, page: Page, config: MkDocsConfig, files: Files) -> None:
        phase = self.convert
        if phase.in_child:
            assert phase.handover is not None
            with _captured() as capture:
                self.render(page, config, files)
                if self.converted is not None:
                    self.converted(page)
            links = page.links_to_anchors
            converted = _Converted(
                markdown_hash=_hash(page.markdown),
                content=page.content or "",
                toc=page.toc,
                title=page._title_from_render,
                anchors=page.present_anchor_ids,
                links_to_anchors=None if links is None else {to.src_uri: dict(by) for to, by in links.items()},
                records=capture.records,
                shared=[shared.take() for shared in phase.shared],
            )
            phase.handover.give(page.file.src_uri, converted)
            return
        if phase.child_does(page) and self._take_conversion(page, files):
            return
        self.render(page, config, files)

    def _take_conversion(self, page: Page, files: Files) -> bool:
        assert self.convert.handover is not None
        converted = self.convert.handover.take(page.file.src_uri)
        if not isinstance(converted, _Converted) or converted.markdown_hash != _hash(page.markdown):
            return False
        page.content, page.toc = converted.content, converted.toc
        page._title_from_render = converted.title
        page.present_anchor_ids = converted.anchors
        if converted.links_to_anchors is not None:
            page.links_to_anchors = {
                target: links
                for uri, links in converted.links_to_anchors.items()
                if (target := files.get_file_from_path(uri)) is not None
            }
        _replay(converted.records)
        for shared, change in zip(self.convert.shared, converted.shared, strict=True):
            shared.give(change)
        return True

    # --- phase 2 -------------------------------------------------------------------------------------
    def write_page(self, page: Page, config: MkDocsConfig, doc_files: Sequence[File], *args: Any, **kw: Any) -> None:
        """MkDocs' `_build_page(page, config, doc_files, nav, env, dirty, excluded=…)`."""
        phase = self.build
        if not phase.decided:
            phase.decided = True
            self.convert.close()  # its child has left (or is of no use any more)
            pages = [file for file in doc_files if file.page is not None]
            if _covered(config, self.owners) and sum(_html_size(file) for file in pages) >= MIN_BYTES:
                phase.start(config, pages, lambda file: self._write_in_child(file, config, doc_files, args))
        if not (phase.child_does(page) and self._take_built(page)):
            self.build_page(page, config, doc_files, *args, **kw)

    def _write_in_child(self, file: File, config: MkDocsConfig, doc_files: Sequence[File], args: tuple) -> None:
        assert self.build.handover is not None and file.page is not None
        with _captured() as capture:
            self.build_page(file.page, config, doc_files, *args, excluded=file.inclusion.is_excluded())
        built = _Built(capture.records, [shared.take() for shared in self.build.shared])
        self.build.handover.give(file.src_uri, built)

    def _take_built(self, page: Page) -> bool:
        assert self.build.handover is not None
        built = self.build.handover.take(page.file.src_uri)
        if not isinstance(built, _Built):
            return False
        _replay(built.records)
        for shared, change in zip(self.build.shared, built.shared, strict=True):
            shared.give(change)
        return True

    def close(self) -> None:
        self.convert.close()
        self.build.close()


def _html_size(file: File) -> int:
    """A page's expected cost in phase 2: the search plugin parses its HTML, unless the page is left out of
    the search (then only the templates run: a small fixed cost)."""
    page = file.page
    if page is None:
        return 0
    search = page.meta.get("search") if isinstance(page.meta, dict) else None
    if isinstance(search, dict) and search.get("exclude"):
        return TEMPLATE_BYTES
    return len(page.content or "") + TEMPLATE_BYTES


def _covered(config: MkDocsConfig, owners: list[object]) -> bool:
    """Phase 2 runs in two processes only when every handler of its events belongs to a plugin whose state
    comes back (`build_shared`): another plugin's would be lost with the child."""
    for event in PAGE_EVENTS:
        for handler in config.plugins.events.get(event, []):
            if not any(getattr(handler, "__self__", None) is owner for owner in owners):
                return False
    return True


def search_entries(config: MkDocsConfig) -> tuple[object, Shared] | None:
    """Material's search index entries (added per page in `on_page_context`) as shared state, with their
    plugin; None without a search plugin, or when it is not Material's (its state is then not known)."""
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    if plugin is None or not type(plugin).__module__.startswith("material.plugins.search"):
        return None
    seen = [0]

    def entries() -> list[Any]:
        return plugin.search_index.entries  # looked up each time: `on_config` makes a new index per build

    def take() -> list[Any]:
        new = entries()[seen[0] :]
        seen[0] = len(entries())
        return new

    def start() -> None:
        seen[0] = len(entries())

    return plugin, Shared(take, lambda new: entries().extend(new), start)


@contextlib.contextmanager
def two_processes(
    config: MkDocsConfig,
    *,
    convert_shared: list[Shared] | None = None,
    build_shared: list[tuple[object, Shared]] | None = None,
    weight: Callable[[File], int] = source_size,
    local: Callable[[File], bool] = lambda _: False,
    converted: Callable[[Page], None] | None = None,
    enabled: bool = True,
) -> Iterator[None]:
    """Around one full `mkdocs build` (see the module's doc). `weight`: a page's expected conversion cost (its
    source's size); `local`: pages always converted here; `build_shared`: the plugins handling the page events,
    each with its state (None, or a plugin missing: phase 2 stays in one process); `converted`: called in the
    child on each page it converted, its HTML as it comes out of the conversion (what it changes in shared state
    comes back with the page)."""
    if not enabled or workers() < 2:
        yield
        return
    work = _TwoProcesses(config, weight, local, list(convert_shared or ()), build_shared, converted)

    def render(page: Page, config: MkDocsConfig, files: Files) -> None:
        work.render_page(page, config, files)

    Page.render = render  # type: ignore[method-assign]
    mkdocs_build_module._populate_page = work.populate_page
    mkdocs_build_module._build_page = work.write_page
    try:
        yield
    finally:
        Page.render = work.render  # type: ignore[method-assign]
        mkdocs_build_module._populate_page = work.populate
        mkdocs_build_module._build_page = work.build_page
        work.close()
