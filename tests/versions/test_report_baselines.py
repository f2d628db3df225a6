"""`--baseline` in the reports: the SVG Gantt draws the baseline's dates and the slip (the workbook's figures),
the forecast shows each milestone's baseline date and slip, the last baseline is the default, kanban and
burndown do not take the option, and an unknown baseline is a clear error that writes nothing."""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from versionrepo import commit_all, fz

from generators.context import ProjectContext
from generators.load import load_backlog
from generators.plan.baseline import BaselinePlan, Slip
from generators.reports.charts import gantt_svg
from generators.reports.forecast_site import forecast_page
from generators.reports.gantt_rows import GanttRow

SVG = "{http://www.w3.org/2000/svg}"


def _svg(path: Path) -> ET.Element:
    parser = ET.XMLParser(target=ET.TreeBuilder(insert_comments=True))  # matplotlib writes each text as a comment
    return ET.fromstring(path.read_bytes(), parser=parser)


def _group(root: ET.Element, gid: str) -> ET.Element | None:
    return next((g for g in root.iter(f"{SVG}g") if g.get("id") == gid), None)


def _texts(group: ET.Element) -> list[str]:
    return [str(node.text).strip() for node in group.iter() if node.tag is ET.Comment]


def _x_span(group: ET.Element) -> tuple[float, float]:
    """Left and right x of a bar (matplotlib draws a rectangle as one path `M x y L x y ... z`)."""
    path = next(group.iter(f"{SVG}path"))
    xs = [float(x) for x, _ in re.findall(r"(-?[0-9.]+) (-?[0-9.]+)", path.get("d", ""))]
    return min(xs), max(xs)


def _workbook_rows(root: Path, *args: str) -> dict[str, dict[str, object]]:
    target = root / "gantt.xlsx"
    done = fz(root, "report", "gantt", "--format", "xlsx", "--output", str(target), *args)
    assert done.returncode == 0, done.stderr
    rows = list(load_workbook(target)["Données"].iter_rows(values_only=True))
    header = rows[0]
    return {str(row[1]): dict(zip(header, row, strict=True)) for row in rows[1:]}


def _day(value: object) -> dt.date:
    assert isinstance(value, dt.datetime)
    return value.date()


def test_the_svg_gantt_draws_the_baseline_dates_of_the_workbook_and_the_slip(planned_repo: Path) -> None:
    target = planned_repo / "gantt.svg"
    done = fz(planned_repo, "report", "gantt", "--format", "svg", "--output", str(target))
    assert done.returncode == 0, done.stderr
    svg = _svg(target)
    book = _workbook_rows(planned_repo)
    for epic in ("E01", "E02"):
        row = book[epic]
        start, end = _day(row["Début"]), _day(row["Fin prévisionnelle"])
        then_start, then_end = _day(row["Début en v1.0"]), _day(row["Fin en v1.0"])
        bar, baseline = _group(svg, f"bar-{epic}"), _group(svg, f"baseline-{epic}")
        assert bar is not None and baseline is not None, epic
        left, right = _x_span(bar)
        per_day = (right - left) / ((end - start).days + 1)
        then_left, then_right = _x_span(baseline)
        # the grey bar spans the baseline's dates on the same time axis as the forecast's bar
        assert then_left == pytest.approx(left + (then_start - start).days * per_day, abs=0.05)
        assert then_right == pytest.approx(left + ((then_end - start).days + 1) * per_day, abs=0.05)
        slip = _group(svg, f"slip-{epic}")
        assert slip is not None
        days = row["Écart depuis v1.0 (jours ouvrés)"]
        assert _texts(slip) == [f"+{days} j ouvrés" if days else "0 j ouvré"]
    assert book["E02"]["Écart depuis v1.0 (jours ouvrés)"] == 8  # the re-estimated epic slipped
    assert _group(svg, "baseline-M01") is not None
    everything = [text for group in svg.iter(f"{SVG}g") for text in _texts(group)]
    assert "référence v1.0 (écart en jours ouvrés)" in everything
    assert "Planning prévisionnel et référence v1.0" in everything


def test_without_a_baseline_the_svg_gantt_has_none(spec_repo: Path) -> None:
    target = spec_repo / "gantt.svg"
    assert fz(spec_repo, "report", "gantt", "--format", "svg", "--output", str(target)).returncode == 0
    ids = {g.get("id") or "" for g in _svg(target).iter(f"{SVG}g")}
    assert "bar-E01" in ids
    assert not [i for i in ids if i.startswith(("baseline-", "slip-"))]


def test_the_last_baseline_is_the_default_and_baseline_names_another(planned_repo: Path) -> None:
    commit_all(planned_repo, "E02-S01 re-estimated")
    assert fz(planned_repo, "baseline", "create", "v2.0").returncode == 0
    assert _workbook_rows(planned_repo)["E02"]["Écart depuis v2.0 (jours ouvrés)"] == 0
    assert _workbook_rows(planned_repo, "--baseline", "v1.0")["E02"]["Écart depuis v1.0 (jours ouvrés)"] == 8
    target = planned_repo / "gantt.svg"
    done = fz(planned_repo, "report", "gantt", "-f", "svg", "-o", str(target), "--baseline", "v1.0")
    assert done.returncode == 0, done.stderr
    slip = _group(_svg(target), "slip-E02")
    assert slip is not None and _texts(slip) == ["+8 j ouvrés"]


def test_the_forecast_shows_each_milestones_baseline_date_and_the_plans_slip(planned_repo: Path) -> None:
    gantt = json.loads(fz(planned_repo, "report", "gantt", "--format", "json").stdout)["baseline"]
    done = fz(planned_repo, "report", "forecast", "--format", "json", "--baseline", "v1.0")
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    [m01] = document["milestones"]
    then = gantt["milestones"]["M01"]
    assert m01["baseline"] == {"date": then["end"], "slip_working_days": then["slip_working_days"], "new": False}
    assert m01["baseline"]["date"] == "2025-06-30"
    assert document["baseline"]["name"] == "v1.0" and "baseline" not in document["release"]
    page = fz(planned_repo, "report", "forecast", "--format", "md").stdout  # the last baseline by default
    assert "| Prévision en v1.0 | Écart depuis v1.0 (plan) |" in page
    assert re.search(r"\| M01 Lancement bêta \|.*\| 30/06/2025 \| 30/06/2025 \| 0 j ouvré \|", page)
    assert "Référence : la version v1.0" in page
    terminal = fz(planned_repo, "report", "forecast")
    assert terminal.returncode == 0 and "Prévision en v1.0" in terminal.stdout


def test_the_sites_forecast_page_shows_the_baseline(planned_repo: Path) -> None:
    backlog = load_backlog(planned_repo).backlog
    assert backlog is not None
    page = forecast_page(ProjectContext(planned_repo, backlog))
    assert "| Prévision en v1.0 | Écart depuis v1.0 (plan) |" in page


def test_the_forecast_without_a_baseline_has_no_baseline_columns(spec_repo: Path) -> None:
    document = json.loads(fz(spec_repo, "report", "forecast", "--format", "json").stdout)
    assert document["baseline"] is None and "baseline" not in document["milestones"][0]
    assert "Prévision en" not in fz(spec_repo, "report", "forecast", "--format", "md").stdout


@pytest.mark.parametrize(
    "args",
    [
        ("gantt", "--format", "svg"),
        ("gantt", "--format", "xlsx"),
        ("gantt", "--format", "md"),
        ("forecast", "--format", "json"),
        ("forecast", "--format", "md"),
    ],
)
def test_an_unknown_baseline_writes_nothing(planned_repo: Path, args: tuple[str, ...]) -> None:
    target = planned_repo / "out.file"
    done = fz(planned_repo, "report", *args, "--output", str(target), "--baseline", "v9")
    assert done.returncode == 1
    assert "unknown baseline 'v9' (baselines: v1.0" in done.stderr and "Traceback" not in done.stderr
    assert not target.exists() and done.stdout == ""


@pytest.mark.parametrize("report", ["kanban", "burndown"])
def test_reports_without_dates_to_compare_do_not_take_baseline(planned_repo: Path, report: str) -> None:
    done = fz(planned_repo, "report", report, "--baseline", "v1.0")
    assert done.returncode == 2 and "No such option: --baseline" in done.stderr
    assert fz(planned_repo, "report", report).returncode == 0


def test_the_forecast_charts_refuse_a_named_baseline(planned_repo: Path) -> None:
    target = planned_repo / "forecast.svg"
    done = fz(planned_repo, "report", "forecast", "--format", "svg", "-o", str(target), "--baseline", "v1.0")
    assert done.returncode == 1 and "--format terminal, md or json" in done.stderr
    assert not target.exists()


@settings(max_examples=5, deadline=None)
@given(name=st.text(min_size=1, max_size=30).map(lambda text: text + "\x1f"))
def test_any_baseline_name_even_with_control_characters_draws_in_a_well_formed_svg(name: str) -> None:
    day = dt.date(2025, 4, 7)
    slip = Slip(day, day + dt.timedelta(days=11), 3)
    plan = BaselinePlan(name, day, day, slip, {"E01": slip}, {})
    rows = [GanttRow("epic", "E01", "Compte", day, day + dt.timedelta(days=14), baseline=slip)]
    svg = ET.fromstring(gantt_svg(rows, day, plan))  # no `$…$` mathematics, no markup: it parses
    assert _group(svg, "baseline-E01") is not None and _group(svg, "slip-E01") is not None
