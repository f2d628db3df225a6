"""Burndown and flow workbook: one sheet per series, with native Excel charts over the numbers."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.chart import AreaChart, BarChart, LineChart, Reference, ScatterChart, Series
from openpyxl.utils import get_column_letter

from ..plan import Schedule
from .flow import FlowReport
from .scope_views import scope_sheet
from .xlsx_kit import append, cell, header_row, print_setup, widths


def _line_chart(title: str, y_title: str) -> LineChart:
    chart = LineChart()
    chart.title = title
    chart.y_axis.title = y_title
    chart.x_axis.number_format = "dd/mm"
    chart.height, chart.width = 9, 22
    return chart


def _release(wb: Workbook, report: FlowReport) -> None:
    ws = wb.create_sheet("Release")
    print_setup(ws)
    ws.freeze_panes = "A2"
    widths(ws, [12, 14, 14, 16])
    append(ws, header_row(ws, ["Date", "Périmètre", "Terminé", "Reste à faire"]))
    for i, day in enumerate(report.days):
        append(ws, [cell(ws, day), report.scope[i], report.done[i], report.remaining[i]])
    if report.days:
        chart = _line_chart("Release : burnup et burndown", "points")
        rows = len(report.days) + 1
        chart.add_data(Reference(ws, min_col=2, max_col=4, min_row=1, max_row=rows), titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=rows))
        ws.add_chart(chart, "F2")


def _sprints(wb: Workbook, report: FlowReport) -> None:
    ws = wb.create_sheet("Sprints")
    print_setup(ws)
    ws.freeze_panes = "A2"
    widths(ws, [12, 12, 16, 12])
    append(ws, header_row(ws, ["Sprint", "Jour", "Reste à faire", "Idéal"]))
    row = 1
    for sprint in report.sprints:
        first = row + 1
        for day, left, ideal in zip(sprint.days, sprint.remaining, sprint.ideal, strict=True):
            append(ws, [sprint.name, cell(ws, day), left, ideal])
            row += 1
        chart = _line_chart(f"{sprint.name} : burndown", "points")
        chart.add_data(Reference(ws, min_col=3, max_col=4, min_row=first, max_row=row), titles_from_data=False)
        chart.set_categories(Reference(ws, min_col=2, min_row=first, max_row=row))
        chart.height, chart.width = 7, 14
        ws.add_chart(chart, f"F{first}")
        if len(sprint.days) < 14:  # leave room for the chart before the next sprint's rows
            for _ in range(14 - len(sprint.days)):
                append(ws, [])
                row += 1


def _cfd(wb: Workbook, report: FlowReport) -> None:
    ws = wb.create_sheet("Flux cumulé")
    print_setup(ws)
    ws.freeze_panes = "A2"
    widths(ws, [12] + [12] * len(report.statuses))
    append(ws, header_row(ws, ["Date", *report.statuses]))
    for i, day in enumerate(report.days):
        append(ws, [cell(ws, day), *[report.cfd[s][i] for s in report.statuses]])
    if report.days and report.statuses:
        chart = AreaChart()
        chart.grouping = "stacked"
        chart.title = "Diagramme de flux cumulé"
        chart.height, chart.width = 9, 22
        rows = len(report.days) + 1
        chart.add_data(
            Reference(ws, min_col=2, max_col=1 + len(report.statuses), min_row=1, max_row=rows), titles_from_data=True
        )
        chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=rows))
        ws.add_chart(chart, f"{get_column_letter(len(report.statuses) + 3)}2")


def _cycle(wb: Workbook, report: FlowReport) -> None:
    ws = wb.create_sheet("Temps de cycle")
    print_setup(ws)
    ws.freeze_panes = "A2"
    widths(ws, [12, 14, 14, 10, 4, 12, 10])
    append(ws, header_row(ws, ["Story", "En cours le", "Terminée le", "Jours", "", "Centile", "Jours"]))
    percentiles = list(report.percentiles.items())
    for i, c in enumerate(report.cycle_times):
        row = [c.story, cell(ws, c.started.date()), cell(ws, c.finished.date()), c.days]
        if i < len(percentiles):
            row += [None, f"{percentiles[i][0]}e", percentiles[i][1]]
        append(ws, row)
    if report.cycle_times:
        chart = ScatterChart()
        chart.title = "Temps de cycle"
        chart.style = 13
        chart.y_axis.title = "jours"
        chart.x_axis.number_format = "dd/mm"
        rows = len(report.cycle_times) + 1
        days = Reference(ws, min_col=4, min_row=2, max_row=rows)
        series = Series(days, Reference(ws, min_col=3, min_row=2, max_row=rows))
        series.marker.symbol = "circle"
        series.graphicalProperties.line.noFill = True
        chart.series.append(series)
        chart.height, chart.width = 9, 18
        ws.add_chart(chart, "I2")


def _throughput(wb: Workbook, report: FlowReport) -> None:
    ws = wb.create_sheet("Débit")
    print_setup(ws)
    ws.freeze_panes = "A2"
    widths(ws, [12, 18, 10])
    append(ws, header_row(ws, ["Semaine du", "Stories terminées", "Points"]))
    for week, count, points in report.throughput:
        append(ws, [cell(ws, week), count, points])
    if report.throughput:
        chart = BarChart()
        chart.title = "Stories terminées par semaine"
        chart.height, chart.width = 9, 18
        rows = len(report.throughput) + 1
        chart.add_data(Reference(ws, min_col=2, min_row=1, max_row=rows), titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=rows))
        ws.add_chart(chart, "E2")


def _ageing(wb: Workbook, report: FlowReport) -> None:
    ws = wb.create_sheet("Âge du WIP")
    print_setup(ws)
    ws.freeze_panes = "A2"
    widths(ws, [12, 16, 16, 12, 22])
    append(ws, header_row(ws, ["Story", "Statut", "En cours depuis", "Âge (jours)", "Au-delà du 85e centile"]))
    p85 = report.percentiles.get(85)
    for a in report.ageing:
        append(ws, [a.story, a.status, cell(ws, a.started), a.age, "oui" if p85 is not None and a.age > p85 else "non"])


def burndown_workbook(report: FlowReport, plan: Schedule | None = None) -> Workbook:
    """One sheet per series; with `plan`, the release scope's figures first (`Périmètre`)."""
    wb = Workbook(write_only=True)
    if plan is not None:
        scope_sheet(wb, plan)
    _release(wb, report)
    _sprints(wb, report)
    _cfd(wb, report)
    _cycle(wb, report)
    _throughput(wb, report)
    _ageing(wb, report)
    return wb
