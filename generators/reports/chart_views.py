"""What each chart of the Planning tab draws, without drawing it (no matplotlib here).

A `ChartView` holds exactly the data one chart reads: a `FlowReport` with only that chart's fields filled in
(the others left empty), or the one sprint of a sprint burndown. `charts.draw(view)` draws it from nothing
else, so the digest of a view is the key of its SVG in the cache: an edit re-renders only the charts whose
data changed, and a warm build with nothing changed does not import matplotlib.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..plan import Schedule
from .flow import FlowReport, SprintBurndown

# chart -> the report's fields it draws (the status date is always there: the "today" line)
FIELDS: dict[str, tuple[str, ...]] = {
    "burnup": ("days", "scope", "done", "ideal"),
    "cfd": ("days", "statuses", "categories", "cfd"),
    "cycle-time": ("cycle_times", "percentiles"),
    "throughput": ("throughput",),
    "ageing-wip": ("statuses", "categories", "percentiles", "ageing"),
}


@dataclass(frozen=True)
class ChartView:
    name: str  # the chart's file name without `.svg`
    report: FlowReport | None  # only the fields this chart draws (None for a sprint burndown)
    sprint: SprintBurndown | None = None
    end: dt.date | None = None  # the forecast end of the release (the burnup's line)


def sprint_chart(sprint: SprintBurndown) -> str:
    return f"sprint-{sprint.number}"


def chart_names(report: FlowReport) -> list[str]:
    """Every chart of the flow report, in page order."""
    return [*FIELDS, *(sprint_chart(sprint) for sprint in report.sprints)]


def chart_views(report: FlowReport, plan: Schedule) -> list[ChartView]:
    views = []
    for name, fields in FIELDS.items():
        part = FlowReport(report.today, "", **{field: getattr(report, field) for field in fields})
        views.append(ChartView(name, part, end=plan.end if name == "burnup" else None))
    views += [ChartView(sprint_chart(sprint), None, sprint=sprint) for sprint in report.sprints]
    return views
