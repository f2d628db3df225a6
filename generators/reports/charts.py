"""Charts as SVG bytes (matplotlib, Agg backend, glyphs drawn as paths: no font files or hosts needed).

Figures are built with the object API (no pyplot global state) and saved without a date, with a fixed
hash salt, so the same data gives the same SVG.
"""

from __future__ import annotations

import datetime as dt
import io
import unicodedata

import matplotlib

matplotlib.use("Agg")

from matplotlib import dates as mdates
from matplotlib import rc_context
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter

from ..plan import Schedule
from ..plan.baseline import BaselinePlan
from ..wording import day_month, number
from .chart_views import ChartView
from .flow import FlowReport, SprintBurndown
from .gantt_rows import GanttRow, slip_text

# User text (titles, sprint names, statuses) is shown as written: `text.parse_math` off, or `$…$` would be drawn as
# mathematics (or crash the report on an unbalanced `$`); no TeX either. Every Text is created inside this context.
STYLE = {"svg.hashsalt": "fanzone", "svg.fonttype": "path", "font.size": 9, "axes.titlesize": 11}
STYLE |= {"text.parse_math": False, "text.usetex": False}
CATEGORY_COLOURS = {"todo": "#bfbfbf", "in_progress": "#5b9bd5", "done": "#70ad47"}
TODAY = "#d62728"
BASELINE = "#a6a6a6"  # the baseline's bars: thin and grey, under the forecast
BASELINE_TEXT = "#595959"
BAR = 0.7  # a Gantt bar's height (rows are 1 apart); with a baseline the bar rises to leave room under it
BAR_RAISE, BASELINE_DROP, BASELINE_BAR = 0.1, 0.33, 0.14


def _shown(text: str) -> str:
    """Text drawn in a chart: control and unassigned characters become U+FFFD (matplotlib copies every text into
    an XML comment of the SVG, where a control character makes the file unreadable)."""
    return "".join("\ufffd" if unicodedata.category(ch)[0] == "C" else ch for ch in text)


def _svg(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    with rc_context(STYLE):
        fig.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches="tight")
    return buffer.getvalue()


def _figure(width: float = 8.0, height: float = 3.6) -> Figure:
    with rc_context(STYLE):
        return Figure(figsize=(width, height), layout="constrained")


def _dates_axis(ax) -> None:  # type: ignore[no-untyped-def]
    ax.xaxis.set_major_formatter(FuncFormatter(lambda value, _: day_month(mdates.num2date(value).date())))
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(maxticks=10))
    ax.grid(True, alpha=0.3)


def draw(view: ChartView) -> bytes:
    """The SVG of one chart of the Planning tab, from its view alone (`chart_views`)."""
    if view.sprint is not None:
        return sprint_burndown_svg(view.sprint)
    assert view.report is not None
    if view.name == "burnup":
        return _burnup(view.report, view.end)
    drawers = {"cfd": cfd_svg, "cycle-time": cycle_time_svg, "throughput": throughput_svg, "ageing-wip": ageing_svg}
    return drawers[view.name](view.report)


def burnup_svg(report: FlowReport, plan: Schedule) -> bytes:
    return _burnup(report, plan.end)


def _burnup(report: FlowReport, end: dt.date | None) -> bytes:
    fig = _figure()
    with rc_context(STYLE):
        ax = fig.add_subplot()
        ax.plot(report.days, report.scope, label="Périmètre (points)", color="#7f7f7f", linestyle="--")
        ax.plot(report.days, report.done, label="Terminé (points)", color=CATEGORY_COLOURS["done"], linewidth=2)
        ax.plot(report.days, report.remaining, label="Reste à faire", color="#ed7d31")
        if report.ideal:
            xs, ys = zip(*report.ideal, strict=True)
            ax.plot(xs, ys, label="Burndown idéal (plan)", color="#a5a5a5", linestyle=":")
        if end is not None:
            ax.axvline(end, color="#7030a0", linestyle="-.", linewidth=1, label="Fin prévue (prévision)")
        ax.axvline(report.today, color=TODAY, linewidth=1, label="Aujourd'hui")
        ax.set_title("Release : burnup et burndown")
        ax.set_ylabel("points")
        ax.legend(loc="upper left", fontsize=7)
        _dates_axis(ax)
    return _svg(fig)


def sprint_burndown_svg(burndown: SprintBurndown) -> bytes:
    fig = _figure(6.0, 3.0)
    with rc_context(STYLE):
        ax = fig.add_subplot()
        ax.plot(burndown.days, burndown.ideal, color="#a5a5a5", linestyle=":", label="Idéal")
        ax.step(burndown.days, burndown.remaining, where="post", color="#ed7d31", linewidth=2, label="Reste à faire")
        ax.set_ylim(bottom=0, top=max(burndown.total, 1) * 1.1)
        ax.set_title(f"{burndown.name} : burndown ({burndown.total} points)")
        ax.set_ylabel("points")
        ax.legend(loc="upper right", fontsize=7)
        _dates_axis(ax)
    return _svg(fig)


def cfd_svg(report: FlowReport) -> bytes:
    fig = _figure()
    with rc_context(STYLE):
        ax = fig.add_subplot()
        names = list(reversed(report.statuses))  # done at the bottom
        palette = {"todo": ["#d9d9d9", "#bfbfbf", "#a6a6a6"], "in_progress": ["#9dc3e6", "#5b9bd5", "#2e75b6"]}
        palette["done"] = ["#a9d08e", "#70ad47", "#548235"]
        used: dict[str, int] = {}
        colours = []
        for name in names:
            category = report.categories.get(name, "todo")
            shades = palette[category]
            colours.append(shades[used.get(category, 0) % len(shades)])
            used[category] = used.get(category, 0) + 1
        ax.stackplot(report.days, *[report.cfd[n] for n in names], labels=names, colors=colours)
        ax.axvline(report.today, color=TODAY, linewidth=1)
        ax.set_title("Diagramme de flux cumulé (stories par statut)")
        ax.set_ylabel("stories")
        handles, labels = ax.get_legend_handles_labels()
        ax.legend(handles[::-1], labels[::-1], loc="upper left", fontsize=7)
        _dates_axis(ax)
    return _svg(fig)


def cycle_time_svg(report: FlowReport) -> bytes:
    fig = _figure()
    with rc_context(STYLE):
        ax = fig.add_subplot()
        xs = [c.finished.date() for c in report.cycle_times]
        ys = [c.days for c in report.cycle_times]
        ax.scatter(xs, ys, s=14, color="#5b9bd5", alpha=0.8, label="Story terminée")
        styles = {50: ":", 85: "--", 95: "-."}
        for rank, value in report.percentiles.items():
            ax.axhline(value, color="#7f7f7f", linestyle=styles.get(rank, "--"), linewidth=1)
            ax.annotate(
                f"{rank}e centile : {number(value)} j",
                (0.01, value),
                xycoords=("axes fraction", "data"),
                fontsize=7,
                va="bottom",
            )
        ax.set_title("Temps de cycle (en cours → terminé)")
        ax.set_ylabel("jours")
        ax.set_ylim(bottom=0)
        _dates_axis(ax)
    return _svg(fig)


def throughput_svg(report: FlowReport) -> bytes:
    fig = _figure(8.0, 3.0)
    with rc_context(STYLE):
        ax = fig.add_subplot()
        weeks = [w for w, _, _ in report.throughput]
        counts = [c for _, c, _ in report.throughput]
        ax.bar(weeks, counts, width=5, color=CATEGORY_COLOURS["done"], align="edge")
        ax.set_title("Débit : stories terminées par semaine")
        ax.set_ylabel("stories")
        ax.yaxis.get_major_locator().set_params(integer=True)
        _dates_axis(ax)
    return _svg(fig)


def ageing_svg(report: FlowReport) -> bytes:
    fig = _figure(8.0, 3.4)
    with rc_context(STYLE):
        ax = fig.add_subplot()
        columns = [s for s in report.statuses if report.categories.get(s) == "in_progress"] or ["—"]
        for rank, value in report.percentiles.items():
            ax.axhline(value, color="#bfbfbf", linestyle="--", linewidth=1)
            ax.annotate(
                f"{rank}e centile du temps de cycle",
                (0.99, value),
                xycoords=("axes fraction", "data"),
                fontsize=7,
                ha="right",
                va="bottom",
                color="#7f7f7f",
            )
        for a in report.ageing:
            x = columns.index(a.status)
            late = report.percentiles and a.age > report.percentiles.get(85, 0)
            ax.scatter([x], [a.age], s=24, color="#c00000" if late else "#5b9bd5")
            ax.annotate(a.story, (x, a.age), fontsize=6, xytext=(4, 0), textcoords="offset points")
        ax.set_xticks(range(len(columns)), columns)
        ax.set_xlim(-0.5, len(columns) - 0.5)
        ax.set_ylim(bottom=0)
        ax.set_title("Âge du travail en cours (jours depuis le passage en cours)")
        ax.set_ylabel("jours")
        ax.grid(True, axis="y", alpha=0.3)
    return _svg(fig)


def gantt_svg(rows: list[GanttRow], today: dt.date, baseline: BaselinePlan | None = None) -> bytes:
    """The Gantt as SVG; with a baseline, a thin grey bar of each epic's baseline dates under its bar (a hollow
    grey diamond for a milestone) and the slip since the baseline (`slip_text`, the words of every view).

    Bars and baseline marks are groups whose id names the row (`bar-E02`, `baseline-E02`, `slip-E02`)."""
    dated = [r for r in rows if r.dated]
    height = max(2.5, 0.28 * len(dated) + 1.2)
    fig = _figure(10.0, min(height, 200.0))
    colours = {"phase": "#9dc3e6", "epic": "#a9d08e", "story": "#c6e0b4"}
    with rc_context(STYLE):
        ax = fig.add_subplot()
        for y, row in enumerate(dated):
            assert row.start is not None and row.end is not None
            if row.kind == "milestone":
                ax.scatter([row.end], [y], marker="D", color="#c00000" if row.slips else "#ffc000", zorder=3)
                if row.planned and row.planned != row.end:
                    ax.scatter([row.planned], [y], marker="D", facecolors="none", edgecolors="#7f6000", zorder=3)
            else:
                start = mdates.date2num(row.start)
                width = mdates.date2num(row.end) - start + 1
                colour = "#f8cbad" if row.critical else colours[row.kind]
                bar_y = y - BAR_RAISE if baseline is not None else y  # room under the bar for the baseline's
                bars = ax.barh(bar_y, width, left=start, color=colour, edgecolor="#595959", linewidth=0.5, height=BAR)
                bars.patches[0].set_gid(f"bar-{row.id}")
                if row.percent:
                    ax.barh(bar_y, width * row.percent / 100, left=start, color="#595959", height=0.25)
            if baseline is not None:
                _baseline_mark(ax, y, row)
        ax.set_yticks(range(len(dated)), [_shown(f"{r.id} · {r.name}"[:48]) for r in dated], fontsize=7)
        ax.invert_yaxis()
        ax.axvline(mdates.date2num(today), color=TODAY, linewidth=1)
        name = _shown(baseline.name) if baseline is not None else ""
        ax.set_title("Planning prévisionnel" + (f" et référence {name}" if baseline is not None else ""))
        if baseline is not None:  # under the chart: it hides no bar
            handles = [
                Patch(facecolor=colours["epic"], edgecolor="#595959", linewidth=0.5, label="Prévision"),
                Patch(facecolor=BASELINE, label=f"référence {name} (écart en jours ouvrés)"),
            ]
            fig.legend(handles=handles, loc="outside lower center", ncols=2, fontsize=7, frameon=False)
        ax.xaxis_date()
        _dates_axis(ax)
    return _svg(fig)


def _baseline_mark(ax, y: int, row: GanttRow) -> None:  # type: ignore[no-untyped-def]
    """The baseline's dates of one epic or milestone under its forecast, and the slip label after it."""
    then = row.baseline
    if then is None or row.kind not in ("epic", "milestone") or (then.days is None and not then.new):
        return
    assert row.end is not None
    if not then.new and then.start is not None and then.end is not None:
        if row.kind == "milestone":
            mark = ax.scatter([then.end], [y], marker="D", facecolors="none", edgecolors=BASELINE, zorder=2)
        else:
            start = mdates.date2num(then.start)
            width = mdates.date2num(then.end) - start + 1
            [mark] = ax.barh(y + BASELINE_DROP, width, left=start, height=BASELINE_BAR, color=BASELINE).patches
        mark.set_gid(f"baseline-{row.id}")
    last = max(d for d in (row.end, then.end) if d is not None)
    label = ax.annotate(
        slip_text(then),
        (mdates.date2num(last) + 1, y),
        xytext=(4, 0),
        textcoords="offset points",
        fontsize=6,
        va="center",
        color=BASELINE_TEXT,
    )
    label.set_gid(f"slip-{row.id}")
