"""The other generators' part of the site, wired in here and in `plugin.py` only: the reports' Planning tab
(pages, charts, workbooks, the forecast's sentence) and the exports' backlog workbook. Each download is kept in
the build's `SignedCache` under the hash of its own inputs; the plugin has a forked child make them while the
pages are generated (`prefetch.py`), then calls these same functions, which read them back.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from functools import partial
from typing import Any

from ..context import ProjectContext
from ..signed_cache import SignedCache, library_version
from .pages_backlog import GeneratedPage, LatePage
from .prefetch import Handback

log = logging.getLogger("mkdocs.plugins.fanzone")

BACKLOG_WORKBOOK = "fanzone-backlog.xlsx"
BACKLOG_ASSET = f"downloads/{BACKLOG_WORKBOOK}"  # its path in the site


def planning_pages(
    ctx: ProjectContext, use_directory_urls: bool, store: SignedCache | None = None
) -> list[GeneratedPage]:
    """The Planning tab from generators.reports, when that package is installed."""
    module = _reports_module()
    if module is None:
        return []
    pages = module.site_pages(ctx, use_directory_urls, store)
    return [
        GeneratedPage(page.path, page.title, page.markdown)
        if page.later is None
        else LatePage(page.path, page.title, "", page.later)
        for page in pages
    ]


def forecast_headline(ctx: ProjectContext, store: SignedCache | None = None) -> str | None:
    """The forecast's sentence for the dashboard (from generators.reports), when that package is installed."""
    module = _reports_module()
    return None if module is None else module.forecast_headline(ctx, store)


def report_assets(ctx: ProjectContext, store: SignedCache | None = None) -> dict[str, bytes]:
    """Charts and workbooks of generators.reports, and the backlog workbook of generators.exports; each kept in
    `store` under the hash of its own inputs (made again only when they change)."""
    return {path: make() for path, make in report_asset_makers(ctx, store).items()}


def report_asset_makers(ctx: ProjectContext, store: SignedCache | None = None) -> dict[str, Callable[[], bytes]]:
    """`report_assets`' paths, each with what makes (or reads back) its bytes when called."""
    module = _reports_module()
    if module is None:
        return {}
    makers = dict(module.site_asset_makers(ctx, store))
    makers[BACKLOG_ASSET] = lambda: backlog_workbook(ctx, store) or b""
    return makers


def backlog_workbook(ctx: ProjectContext, store: SignedCache | None = None) -> bytes | None:
    """The whole backlog as a workbook (generators.exports), kept in `store` by its inputs like the reports'
    (None without generators.reports: no Planning tab, no downloads)."""
    module = _reports_module()
    if module is None:
        return None
    inputs = [module.input_digest(ctx, name) for name in ("backlog", "schedule", "baseline_plan")]
    return bytes(module.cached(store, BACKLOG_WORKBOOK, [library_version("openpyxl"), *inputs], partial(_backlog, ctx)))


def _backlog(ctx: ProjectContext) -> bytes:
    # the whole backlog as a workbook comes from the exports generator (generators never import each other)
    from ..exports.workbook import backlog_workbook_bytes

    return backlog_workbook_bytes(ctx)


def _reports_module() -> Any:
    try:
        return importlib.import_module("generators.reports.pages")
    except ModuleNotFoundError as exc:
        if exc.name not in ("generators.reports", "generators.reports.pages"):
            raise  # a real missing dependency inside the reports package: do not hide it
        log.info("fanzone: generators.reports.pages not available; no Planning tab")
        return None


# the forked child's tasks (`prefetch.py`), in its order: the forecast (the forecast's page waits for it), the
# Gantt workbook, the backlog workbook, the other charts and workbooks of the reports (the cheapest: the parent,
# once the pages are done, takes from the end what the child has not begun, `plugin.py`)
FORECAST, GANTT, BACKLOG, REPORTS = "forecast", "gantt", "backlog", "reports"


def prefetch_tasks(ctx: ProjectContext, store: SignedCache) -> dict[str, Callable[[], object]]:
    """What the reports' child makes into `store`, in the order the generation step needs it."""
    return {
        FORECAST: partial(forecast_headline, ctx, store),
        GANTT: partial(_planning_assets, ctx, store, gantt=True),
        BACKLOG: partial(backlog_workbook, ctx, store),
        REPORTS: partial(_planning_assets, ctx, store, gantt=False),
    }


def digests_handback(ctx: ProjectContext) -> Handback | None:
    """The digests of the context's inputs (`input_digest`: backlog, history, schedule, baseline), which the
    child computes for its cache keys, handed to this process, which needs the same keys."""
    module = _reports_module()
    if module is None:
        return None
    return Handback(lambda: ctx.derived_texts(module.DIGEST_PREFIX), ctx.offer)


def asset_task(path: str) -> str:
    """The child's task that makes the asset at `path` (`report_asset_makers`)."""
    module = _reports_module()
    if path == BACKLOG_ASSET:
        return BACKLOG
    return GANTT if module is not None and path == module.GANTT_WORKBOOK else REPORTS


def _planning_assets(ctx: ProjectContext, store: SignedCache, *, gantt: bool) -> None:
    """The Gantt workbook alone, or the reports' other charts and workbooks, made into `store`."""
    module = _reports_module()
    if module is None:
        return
    for path, make in module.site_asset_makers(ctx, store).items():
        if (path == module.GANTT_WORKBOOK) == gantt:
            make()
