"""The forecast as Markdown: the site's « Prévision » page and `fanzone report forecast --format md`."""

from __future__ import annotations

from ..model.markup import md_cell, md_escape
from ..plan.baseline import BaselinePlan
from ..plan.forecast import PERCENTILES, Forecast, Outlook
from ..wording import date_short
from . import forecast_words as words
from .forecast_svg import fan_svg, histogram_svg
from .gantt_rows import baseline_sentence


def _row(outlook: Outlook, forecast: Forecast, baseline: BaselinePlan | None) -> str:
    cells = [md_cell(outlook.label), md_cell(words.unit_word(forecast, outlook.remaining))]
    if outlook.note:
        cells += [md_cell(outlook.note), "—", "—"]
    else:
        cells += [words.when(outlook.dates[p]) for p in PERCENTILES]
    cells.append(date_short(outlook.planned) if outlook.planned else "—")
    cells += [md_cell(cell) for cell in words.baseline_cells(outlook, baseline)]
    return "| " + " | ".join(cells) + " |"


def _block(svg: str) -> str:
    """An inline SVG as one raw HTML block (inside a div, on lines without blanks, Markdown leaves it alone)."""
    return '<div class="fz-chart">' + svg.replace("\n", "") + "</div>"


def forecast_markdown(forecast: Forecast, charts: bool = True, baseline: BaselinePlan | None = None) -> str:
    """The page: headline, warnings, the percentile table, how much by a date, the charts, the inputs."""
    out = ["# Prévision", "", f"**{md_escape(words.headline(forecast))}.**", ""]
    for warning in words.warnings(forecast):
        out += ['!!! warning "Attention"', "", f"    {md_escape(warning)}", ""]
    headers = ["Objet", "Reste à faire", *(words.percent_label(p) for p in PERCENTILES), "Date prévue"]
    headers += [md_cell(header) for header in words.baseline_headers(baseline)]
    out += [
        f"Dates de fin probables au {date_short(forecast.today)} (simulation de Monte-Carlo) :",
        "",
        "| " + " | ".join(headers) + " |",
        "|" + "---|" * len(headers),
        _row(forecast.release, forecast, baseline),
        *(_row(m, forecast, baseline) for m in forecast.milestones),
        "",
    ]
    if baseline is not None:
        out += [md_escape(baseline_sentence(baseline)), ""]
    by = words.by_sentence(forecast)
    if by:
        out += [md_escape(by), ""]
    if charts:
        out += ["## Répartition des dates de fin", "", _block(histogram_svg(forecast)), ""]
        out += ["## Burn-up et éventail de prévision", "", _block(fan_svg(forecast)), ""]
    out += ["## Données utilisées", ""]
    out += [f"- {md_escape(line)}" for line in words.inputs(forecast)]
    return "\n".join(out) + "\n"
