"""The forecast of a project context, computed once per build or command, and its site page.

`forecast_of(ctx)` is the one place the site's forecast is computed (default window, trials and seed; the
schedule's status date; the release's planned end); `forecast_headline(ctx)` is the dashboard's sentence
("85 % de chances de terminer le périmètre MVP d'ici le …"): any page that quotes the forecast calls it.
"""

from __future__ import annotations

from ..context import ProjectContext
from ..plan.forecast import Forecast, forecast
from ..plan.scope import release_end
from ..wording import date_long
from . import forecast_words as words
from .forecast_md import forecast_markdown

PAGE = "planning/prevision.md"


def forecast_of(ctx: ProjectContext) -> Forecast:
    return ctx.derived("reports.forecast", lambda: _compute(ctx))


def _compute(ctx: ProjectContext) -> Forecast:
    history, findings = ctx.history
    plan = ctx.schedule
    planned = plan.planned_sprints[-1].end if plan.planned_sprints else None
    result = forecast(ctx.backlog, None if findings else history, plan.today, planned_end=planned)
    if findings:
        result.problems.append("L'historique des statuts est illisible : " + "; ".join(str(f) for f in findings))
    return result


def forecast_headline(ctx: ProjectContext) -> str:
    """The dashboard's one sentence about the forecast (computed once per context), set beside the plan's own
    date for the same scope so that a reader sees at once whether the planned velocity is borne out."""
    result = forecast_of(ctx)
    sentence = words.headline(result)
    end = release_end(ctx.schedule.stories.values())
    if result.release.remaining and end is not None:
        sentence += (
            f", au débit mesuré sur les {result.window_weeks} dernières semaines ; le planning, à "
            f"{ctx.schedule.velocity} points par sprint, termine ce périmètre le {date_long(end)}"
        )
    return sentence


def forecast_page(ctx: ProjectContext) -> str:
    """The « Prévision » page; with a baseline, each milestone's date in it and the plan's slip since (two more
    columns: the page gives the table the table of contents' width)."""
    baseline = ctx.baseline_plan
    wide = "---\nhide:\n  - toc\n---\n\n" if baseline is not None else ""
    return wide + forecast_markdown(forecast_of(ctx), baseline=baseline)
