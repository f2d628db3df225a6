"""The forecast's charts as SVG, French labels: a histogram of completion dates with the 50/85/95 % markers,
and a burn-up fan (work done so far, then the percentile bands up to the release scope).

Hand-written SVG: text and axes use `currentColor` (readable in the site's light and dark palettes when
inlined); markers are told apart by their dash pattern and their label, not by colour alone. Text from the
backlog never reaches these charts (only dates and numbers).
"""

from __future__ import annotations

import datetime as dt

from ..model.markup import html_text
from ..plan.forecast import PERCENTILES, Forecast
from ..wording import date_short, day_month
from . import forecast_words as words

WIDTH, HEIGHT = 760, 300
LEFT, RIGHT, TOP, BOTTOM = 56, 20, 36, 56
DASHES = {50: "2 3", 85: "8 4", 95: "12 3 2 3"}
STYLE = (
    "<style>.fz-fc text{font:13px sans-serif;fill:currentColor}.fz-fc .axis{stroke:currentColor;stroke-width:1}"
    ".fz-fc .grid{stroke:currentColor;stroke-opacity:.15}.fz-fc .bar{fill:#3b82c4}.fz-fc .done{stroke:#2e7d32;"
    "stroke-width:2.5;fill:none}.fz-fc .band{fill:#3b82c4;fill-opacity:.22}.fz-fc .mark{stroke:currentColor;"
    "stroke-width:1.5;fill:none}.fz-fc .scope{stroke:currentColor;stroke-dasharray:4 4;fill:none}</style>"
)


def _open(title: str, height: int = HEIGHT) -> list[str]:
    return [
        f'<svg class="fz-fc" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'role="img" aria-label="{html_text(title)}">',
        f"<title>{html_text(title)}</title>",
        STYLE,
        f'<text x="{LEFT}" y="20" font-weight="bold">{html_text(title)}</text>',
    ]


def _x_scale(first: dt.date, last: dt.date):  # type: ignore[no-untyped-def]
    span = max((last - first).days, 1)
    inner = WIDTH - LEFT - RIGHT
    return lambda day: LEFT + inner * (day - first).days / span


def histogram_svg(forecast: Forecast) -> str:
    title = "Répartition des dates de fin du périmètre (tirages par semaine)"
    bins = forecast.weekly_histogram()
    out = _open(title)
    if not bins:
        out.append(f'<text x="{LEFT}" y="{HEIGHT // 2}">{html_text(words.headline(forecast))}</text></svg>')
        return "\n".join(out)
    first, last = bins[0][0], bins[-1][0] + dt.timedelta(days=7)
    x = _x_scale(first, last)
    top = max(count for _, count in bins)
    base = HEIGHT - BOTTOM
    scale = (base - TOP - 20) / top
    out.append(f'<line class="axis" x1="{LEFT}" y1="{base}" x2="{WIDTH - RIGHT}" y2="{base}"/>')
    out.append(f'<line class="axis" x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{base}"/>')
    out.append(f'<text x="{LEFT - 6}" y="{TOP + 20}" text-anchor="end">{top}</text>')
    out.append(f'<text x="{LEFT - 6}" y="{TOP + 2}" text-anchor="end">tirages</text>')
    out.append(f'<text x="{LEFT - 6}" y="{base}" text-anchor="end">0</text>')
    for monday, count in bins:
        left, right = x(monday) + 1, x(monday + dt.timedelta(days=7)) - 1
        height = count * scale
        out.append(
            f'<rect class="bar" x="{left:.1f}" y="{base - height:.1f}" width="{max(right - left, 1):.1f}" '
            f'height="{height:.1f}"><title>semaine du {date_short(monday)} : {count} tirages</title></rect>'
        )
    step = max(1, len(bins) // 8)
    for monday, _ in bins[::step]:
        out.append(f'<text x="{x(monday):.1f}" y="{base + 16}">{day_month(monday)}</text>')
    _markers(out, forecast, x, TOP + 20, base)
    out.append("</svg>")
    return "\n".join(out)


def _markers(out: list[str], forecast: Forecast, x, top: float, base: float) -> None:  # type: ignore[no-untyped-def]
    for percent in PERCENTILES:
        day = forecast.release.dates[percent]
        if day is None:
            continue
        px = x(day)
        out.append(
            f'<line class="mark" x1="{px:.1f}" y1="{top}" x2="{px:.1f}" y2="{base}" '
            f'stroke-dasharray="{DASHES[percent]}"><title>{html_text(_label(forecast, percent))}</title></line>'
        )
    _legend(out, [(percent, _label(forecast, percent)) for percent in PERCENTILES], base + 36)


def _label(forecast: Forecast, percent: int) -> str:
    day = forecast.release.dates[percent]
    return f"{words.percent_label(percent)} : {date_short(day) if day else words.when(None)}"


def _legend(out: list[str], items: list[tuple[int | None, str]], y: float) -> None:
    """Line samples with their label, in one row: dashes for the percentiles, a solid line for the work done."""
    x = LEFT
    for percent, label in items:
        css, dash = ("done", "") if percent is None else ("mark", f' stroke-dasharray="{DASHES[percent]}"')
        out.append(f'<line class="{css}" x1="{x}" y1="{y - 4}" x2="{x + 28}" y2="{y - 4}"{dash}/>')
        out.append(f'<text x="{x + 34}" y="{y}">{html_text(label)}</text>')
        x += 46 + 7 * len(label)


def fan_svg(forecast: Forecast) -> str:
    unit = "stories" if forecast.unit == "stories" else "points"
    title = f"Burn-up : {unit} terminées, puis atteintes par au moins 50, 85 et 95 % des tirages"
    out = _open(title)
    done = [(day, value) for day, value in forecast.done_so_far if day <= forecast.today]
    fan = forecast.fan
    if not done and not fan:
        out.append(f'<text x="{LEFT}" y="{HEIGHT // 2}">{html_text(words.headline(forecast))}</text></svg>')
        return "\n".join(out)
    first = done[0][0] if done else forecast.today
    last = fan[-1][0] if fan else forecast.today + dt.timedelta(days=7)
    x = _x_scale(first, last)
    base = HEIGHT - BOTTOM
    top_value = max(forecast.scope, 1)

    def y(value: float) -> float:
        return base - (base - TOP - 20) * value / top_value

    out.append(f'<line class="axis" x1="{LEFT}" y1="{base}" x2="{WIDTH - RIGHT}" y2="{base}"/>')
    out.append(f'<line class="axis" x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{base}"/>')
    scope_y = f"{y(forecast.scope):.1f}"
    out.append(f'<line class="scope" x1="{LEFT}" y1="{scope_y}" x2="{WIDTH - RIGHT}" y2="{scope_y}"/>')
    out.append(f'<text x="{LEFT + 4}" y="{y(forecast.scope) - 4:.1f}">périmètre : {forecast.scope} {unit}</text>')
    out.append(f'<text x="{LEFT - 6}" y="{base}" text-anchor="end">0</text>')
    out.append(f'<text x="{LEFT - 6}" y="{y(forecast.scope) + 4:.1f}" text-anchor="end">{forecast.scope}</text>')
    if fan:
        upper = " ".join(f"{x(day):.1f},{y(values[50]):.1f}" for day, values in fan)
        lower = " ".join(f"{x(day):.1f},{y(values[95]):.1f}" for day, values in reversed(fan))
        out.append(f'<polygon class="band" points="{upper} {lower}"><title>entre 50 et 95 %</title></polygon>')
        for percent in PERCENTILES:
            points = " ".join(f"{x(day):.1f},{y(values[percent]):.1f}" for day, values in fan)
            out.append(f'<polyline class="mark" points="{points}" stroke-dasharray="{DASHES[percent]}"/>')
    legend: list[tuple[int | None, str]] = [(None, "terminé")]
    legend += [(p, f"{words.percent_label(p)} des tirages") for p in PERCENTILES] if fan else []
    if done:
        points = " ".join(f"{x(day):.1f},{y(value):.1f}" for day, value in done)
        out.append(
            f'<polyline class="done" points="{x(first):.1f},{y(0):.1f} {points}"><title>terminé</title></polyline>'
        )
    today_x = x(forecast.today)
    out.append(f'<line class="grid" x1="{today_x:.1f}" y1="{TOP}" x2="{today_x:.1f}" y2="{base}"/>')
    status = f"statut : {date_short(forecast.today)}"
    out.append(f'<text x="{today_x + 4:.1f}" y="{TOP + 12}">{status}</text>')
    _legend(out, legend, base + 36)
    for tick in _month_ticks(first, last):
        out.append(f'<text x="{x(tick):.1f}" y="{base + 16}">{day_month(tick)}</text>')
    out.append("</svg>")
    return "\n".join(out)


def _month_ticks(first: dt.date, last: dt.date) -> list[dt.date]:
    ticks, day = [], first.replace(day=1)
    while day <= last:
        if day >= first:
            ticks.append(day)
        day = (day + dt.timedelta(days=32)).replace(day=1)
    return ticks


def forecast_svg(forecast: Forecast) -> bytes:
    """Both charts in one standalone SVG file (`--format svg`)."""
    charts = [histogram_svg(forecast), fan_svg(forecast)]
    body = "".join(
        chart.replace('width="100%"', f'y="{i * HEIGHT}" width="{WIDTH}" height="{HEIGHT}"', 1)
        for i, chart in enumerate(charts)
    )
    document = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT * 2}" width="{WIDTH}" '
        f'height="{HEIGHT * 2}" style="color:#1a1a1a;background:#ffffff">{body}</svg>\n'
    )
    return document.encode("utf-8")
