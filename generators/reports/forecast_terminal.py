"""The forecast in the terminal (Rich): headline, warnings, the percentile table, the inputs."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..escape.terminal import terminal
from ..plan.baseline import BaselinePlan
from ..plan.forecast import PERCENTILES, Forecast
from ..wording import date_short
from . import forecast_words as words
from .gantt_rows import baseline_sentence


def forecast_renderable(forecast: Forecast, baseline: BaselinePlan | None = None) -> RenderableType:
    table = Table(title=f"Prévision au {date_short(forecast.today)} (Monte-Carlo)", title_justify="left")
    table.add_column("Objet")
    table.add_column("Reste", justify="right")
    for percent in PERCENTILES:
        table.add_column(words.percent_label(percent), justify="right")
    table.add_column("Date prévue", justify="right")
    for header in words.baseline_headers(baseline):
        table.add_column(terminal(header), justify="right")
    for outlook in [forecast.release, *forecast.milestones]:
        dates = [outlook.note, "—", "—"] if outlook.note else [words.when(outlook.dates[p]) for p in PERCENTILES]
        planned = date_short(outlook.planned) if outlook.planned else "—"
        table.add_row(
            terminal(outlook.label),
            terminal(words.unit_word(forecast, outlook.remaining)),
            *map(terminal, dates),
            planned,
            *map(terminal, words.baseline_cells(outlook, baseline)),
        )
    parts: list[RenderableType] = [Text(words.headline(forecast) + ".", style="bold")]
    parts += [terminal(f"⚠ {warning}", "bold yellow") for warning in words.warnings(forecast)]
    parts.append(table)
    if baseline is not None:
        parts.append(terminal(baseline_sentence(baseline)))
    by = words.by_sentence(forecast)
    if by:
        parts.append(terminal(by))
    parts.append(Text("Données utilisées :", style="bold"))
    parts += [terminal(f"- {line}") for line in words.inputs(forecast)]
    return Group(*parts)
