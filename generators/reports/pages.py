"""The Planning tab of the site: pages (Markdown) and assets (SVG charts, Excel downloads).

Called by the MkDocs plugin (`generators/site/plugin.py`), the one place that wires the site and the
reports together, with the build's project context: the schedule, the status history, the Kanban board
and the flow report are computed once per context, whichever of `site_pages` and `site_assets` asks first.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from ..context import ProjectContext
from ..signed_cache import SignedCache, digest, library_version
from ..wording import date_short
from .chart_views import ChartView, chart_names, chart_views
from .flow import FlowReport, flow_report
from .flow_views import NO_HISTORY, flow_markdown
from .kanban import Board, build_board
from .kanban_site import kanban_page
from .planning_md import planning_markdown
from .scope_views import scope_markdown

__all__ = ["SitePage", "forecast_headline", "site_asset_makers", "site_assets", "site_pages"]

CHART_DIR = "planning/charts"
DOWNLOADS = "downloads"


@dataclass
class SitePage:
    path: str  # relative to the docs folder, e.g. "planning/index.md"
    title: str
    markdown: str
    # a page whose Markdown is made last (it waits for work done meanwhile, the forecast): `markdown` is then
    # empty (its diagrams, if any, are rendered in a second PlantUML run)
    later: Callable[[], str] | None = None

    def text(self) -> str:
        """The page's Markdown, made now if it is made `later`."""
        return self.later() if self.later is not None else self.markdown


def _board(ctx: ProjectContext) -> Board:
    return ctx.derived("reports.board", lambda: build_board(ctx.backlog, ctx.schedule))


def _flow(ctx: ProjectContext) -> tuple[FlowReport | None, str | None]:
    """The flow report, or None with a French message (no history, or an unreadable history file)."""
    return ctx.derived("reports.flow", lambda: _compute_flow(ctx))


def _compute_flow(ctx: ProjectContext) -> tuple[FlowReport | None, str | None]:
    history, findings = ctx.history
    if findings:
        return None, "L'historique des statuts est illisible : " + "; ".join(str(f) for f in findings)
    if history is None:
        return None, None
    plan = ctx.schedule
    report = flow_report(ctx.backlog, history, plan)
    if len(report.without_history) == len(ctx.stories):
        return None, (
            f"L'historique des statuts ({history.source}) ne contient aucun changement de statut "
            f"au {date_short(plan.today)} ou avant : pas encore de courbes à cette date de statut."
        )
    return report, None


def _kanban(ctx: ProjectContext, use_directory_urls: bool) -> str:
    """The Kanban page with the release scope's figures after its introduction (the same table on every page)."""
    page = kanban_page(_board(ctx), ctx.schedule.today, use_directory_urls)
    table = "\n".join(scope_markdown(ctx.schedule)) + "\n"
    title = page.find("# Kanban\n\n")
    if title < 0:
        return page + "\n" + table
    end = page.find("\n\n", title + len("# Kanban\n\n"))
    end = len(page) if end < 0 else end + 2
    return page[:end] + table + "\n" + page[end:]


def _flow_page(ctx: ProjectContext) -> str:
    out = ["# Burndown et flux", "", *scope_markdown(ctx.schedule)]
    report, problem = _flow(ctx)
    if report is None:
        out += [problem or NO_HISTORY, ""]
        return "\n".join(out)
    charts_map = {key: f"charts/{key}.svg" for key in chart_names(report)}
    out.append(flow_markdown(report, ctx.schedule, charts_map))
    return "\n".join(out)


def forecast_texts(ctx: ProjectContext, store: SignedCache | None = None) -> tuple[str, str]:
    """The forecast's page and the dashboard's sentence about it (`forecast_site`), kept in `store` under the hash
    of what they read (backlog, status history, schedule, baseline): numpy runs only when they change."""

    def make() -> bytes:
        from .forecast_site import forecast_headline, forecast_page  # numpy

        return json.dumps([forecast_page(ctx), forecast_headline(ctx)], ensure_ascii=False).encode("utf-8")

    def texts() -> tuple[str, str]:
        parts = [library_version("numpy"), ctx.today.isoformat()]
        parts += [input_digest(ctx, name) for name in ("backlog", "history", "schedule", "baseline_plan")]
        page, headline = json.loads(cached(store, "forecast", parts, make).decode("utf-8"))
        return page, headline

    return ctx.derived("reports.forecast_texts", texts)


def forecast_headline(ctx: ProjectContext, store: SignedCache | None = None) -> str:
    return forecast_texts(ctx, store)[1]


def site_pages(
    ctx: ProjectContext, use_directory_urls: bool = True, store: SignedCache | None = None
) -> list[SitePage]:
    """The Planning tab: Gantt and milestones, forecast, Kanban, burndown and flow metrics (the forecast's texts
    kept in `store`, like the charts; its page made `later`)."""
    return [
        SitePage(
            "planning/index.md", "Planning", planning_markdown(ctx.backlog, ctx.schedule, baseline=ctx.baseline_plan)
        ),
        SitePage("planning/prevision.md", "Prévision", "", later=lambda: forecast_texts(ctx, store)[0]),
        SitePage("planning/kanban.md", "Kanban", _kanban(ctx, use_directory_urls)),
        SitePage("planning/burndown.md", "Burndown et flux", _flow_page(ctx)),
    ]


DIGEST_PREFIX = "digest."  # the context's derived values that are input digests


def input_digest(ctx: ProjectContext, name: str) -> str:
    """The digest of one of the context's inputs (`backlog`, `schedule`, `baseline_plan`), once per context."""
    return ctx.derived(f"{DIGEST_PREFIX}{name}", lambda: digest(getattr(ctx, name)))


def cached(store: SignedCache | None, label: str, parts: list[str], make: Callable[[], bytes]) -> bytes:
    """`make()`, or its bytes from `store` under the hash of `parts` (the inputs it is made from)."""
    if store is None:
        return make()
    return store.get_or_make(store.key(label, *parts), make, label)


def _gantt(ctx: ProjectContext) -> bytes:
    from .gantt_xlsx import gantt_workbook
    from .xlsx_kit import to_bytes

    return to_bytes(gantt_workbook(ctx.backlog, ctx.schedule, baseline=ctx.baseline_plan))


def _kanban_workbook(ctx: ProjectContext) -> bytes:
    from .kanban_xlsx import kanban_workbook
    from .xlsx_kit import to_bytes

    return to_bytes(kanban_workbook(_board(ctx), ctx.schedule))


def _draw(view: ChartView) -> bytes:
    from . import charts  # matplotlib: only when a chart is drawn

    return charts.draw(view)


def site_assets(ctx: ProjectContext, store: SignedCache | None = None) -> dict[str, bytes]:
    """SVG charts and the Gantt and Kanban workbooks, keyed by path relative to the site root.

    With a `store`, each chart and workbook is kept under the hash of its own inputs (a chart's view, a
    workbook's backlog, schedule and baseline) and made again only when they change; matplotlib and openpyxl
    are imported only then. (The backlog workbook, `downloads/fanzone-backlog.xlsx`, comes from the exports
    generator; the site plugin adds it.)
    """
    return {path: make() for path, make in site_asset_makers(ctx, store).items()}


GANTT_WORKBOOK = f"{DOWNLOADS}/fanzone-gantt.xlsx"  # the biggest of the assets: a task of its own (`prefetch.py`)


def site_asset_makers(ctx: ProjectContext, store: SignedCache | None = None) -> dict[str, Callable[[], bytes]]:
    """`site_assets`' paths, each with what makes its bytes (or reads them back from `store`) when called: the
    site knows the files it offers before any is made."""
    xlsx = library_version("openpyxl")
    plan_parts = [xlsx, input_digest(ctx, "backlog"), input_digest(ctx, "schedule")]
    gantt_parts = [*plan_parts, input_digest(ctx, "baseline_plan")]
    board = ctx.derived(f"{DIGEST_PREFIX}kanban_board", lambda: digest(_board(ctx)))
    kanban_parts = [xlsx, input_digest(ctx, "schedule"), board]
    makers: dict[str, Callable[[], bytes]] = {
        GANTT_WORKBOOK: partial(cached, store, "fanzone-gantt.xlsx", gantt_parts, partial(_gantt, ctx)),
        f"{DOWNLOADS}/fanzone-kanban.xlsx": partial(
            cached, store, "fanzone-kanban.xlsx", kanban_parts, partial(_kanban_workbook, ctx)
        ),
    }
    report, _ = _flow(ctx)
    if report is not None:
        drawing = library_version("matplotlib")
        for view in chart_views(report, ctx.schedule):
            name = f"{view.name}.svg"
            makers[f"{CHART_DIR}/{name}"] = partial(cached, store, name, [drawing, digest(view)], partial(_draw, view))
    return makers
