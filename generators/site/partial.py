"""The pages generated from a few project files, alone, exactly as the whole generation step makes them.

`fanzone serve` renders these first when the files are saved (`firstpass.py`); the whole step follows. Only
pages that can be made alone are: a spec page (from its file), an epic's page, a screen's page. Anything that
would change the navigation (a page title, an epic or a screen added or moved) is refused (`None`): the
navigation is on every page, so only a full generation may change it.
"""

from __future__ import annotations

from ..context import ProjectContext
from . import paths
from .anchors import row_anchors
from .generate import (
    GeneratedTree,
    Inputs,
    _inline_all,
    final_page,
    finish_page,
    page_sources,
)
from .nav import build_nav
from .pages_backlog import GeneratedPage, epic_page
from .pages_personas import enrich_spec_personas
from .pages_screens import screen_page
from .spec_tree import declared_requirements, spec_page


def pages_of(previous: GeneratedTree, files: set[str]) -> list[str] | None:
    """The tree pages generated from `files` (project paths), or None when one of them made no page."""
    pages: set[str] = set()
    for name in files:
        made = previous.sources.get(name)
        if not made:
            return None
        pages.update(made)
    return sorted(pages)


def _alone(ctx: ProjectContext, path: str, use_directory_urls: bool) -> tuple[GeneratedPage, str] | None:
    """The page made alone, and the origin the whole step gives its diagrams in messages."""
    for epic in ctx.backlog.epics:
        if paths.epic_page(epic.id) == path:
            return epic_page(ctx, epic), path
    for screen in ctx.backlog.screens:
        if paths.screen_page(screen.id) == path:
            location = ctx.backlog.location(screen.id)
            return screen_page(ctx, screen, use_directory_urls), location.file if location else screen.id
    return None


def _spec_markdown(ctx: ProjectContext, inputs: Inputs, source: str, page: str) -> tuple[str, str] | None:
    """The spec page's Markdown before its badges and diagrams, and its origin for messages (`specs/...`)."""
    path = inputs.root / source
    if inputs.specs_dir is None or path.is_symlink() or not path.resolve().is_relative_to(inputs.specs_dir.resolve()):
        return None  # a link: the whole step checks where it leads (never outside the project)
    data = path.read_bytes()
    relative = path.resolve().relative_to(inputs.specs_dir.resolve()).as_posix()
    dest, text, _notes = spec_page(relative, data.decode("utf-8", errors="replace"))
    if dest != page:
        return None
    text = row_anchors(text, declared_requirements(ctx).get(page, set()))
    if page == paths.SPEC_PERSONAS and paths.personas_page(ctx.root) == paths.SPEC_PERSONAS:
        text = enrich_spec_personas(ctx, text)
    return text, f"specs/{relative}"


def regenerate(ctx: ProjectContext, inputs: Inputs, previous: GeneratedTree, files: set[str]) -> dict[str, str] | None:
    """Tree page -> its Markdown for the pages generated from `files`, or None when they cannot be made alone
    (a file that makes no page, a page that left, a changed title or navigation). Raises `GenerateError`."""
    wanted = pages_of(previous, files)
    if wanted is None:
        return None
    source_of = {page: source for source, pages in previous.sources.items() for page in pages}
    now = page_sources(ctx)
    markdown: dict[str, str] = {}
    origins: dict[str, str] = {}
    made: dict[str, GeneratedPage] = {}
    for path in wanted:
        if path in previous.spec_pages:
            spec = _spec_markdown(ctx, inputs, source_of[path], path)
            if spec is None:
                return None
            markdown[path], origins[path] = spec
            continue
        alone = _alone(ctx, path, inputs.use_directory_urls)
        before = previous.pages.get(path)
        if alone is None or before is None or alone[0].title != before.title or now.get(path) != source_of[path]:
            return None  # gone, renamed (the navigation shows the title) or moved to another file
        made[path], markdown[path], origins[path] = alone[0], alone[0].markdown, alone[1]
    spec_order = [paths.spec_page(p) for p in inputs.spec_order]
    nav = build_nav(ctx, previous.spec_pages, spec_order, {**previous.pages, **made}, previous.planning)
    if nav != previous.nav:
        return None
    for path in markdown:
        markdown[path] = finish_page(markdown[path], path, ctx, inputs)
    _inline_all(markdown, origins, set(previous.spec_pages), inputs)
    every_page = frozenset([*previous.pages, *previous.spec_pages, *markdown])
    return {
        path: final_page(text, path, ctx, inputs, every_page, path not in previous.spec_pages)
        for path, text in markdown.items()
    }
