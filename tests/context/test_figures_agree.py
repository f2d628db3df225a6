"""One scope, one set of figures: the shipped site's dashboard, Planning, Kanban and Burndown pages, the terminal
reports, the workbooks and `fanzone export json` show the same release points, stories, percent done, remaining
work and won't-have, and won't-have is never counted in progress.

The expected figures are computed here from the YAML alone (not with `plan.scope`), so the test fails when any
view counts another scope (today's bug: Home 448 points / 29 % with won't-have, Burndown 419, Gantt 32 %).
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from shippedbuild import ShippedBuild
from typer.testing import CliRunner

from generators.load import load_backlog

SITE_ROWS = {  # row label -> (points field, stories field)
    "Version (must, should, could)": ("points", "stories"),
    "Terminé": ("points_done", None),
    "Avancement": ("percent", None),
    "Reste à faire": ("remaining_points", "remaining_stories"),
    "Won't have (hors version)": ("wont_points", "wont_stories"),
}
SHEET_LABELS = {
    "Points (must, should, could)": "points",
    "Stories": "stories",
    "Stories de la version": "stories",
    "Points terminés": "points_done",
    "Avancement (%)": "percent",
    "Reste à faire (points)": "remaining_points",
    "Reste à faire (stories)": "remaining_stories",
    "Hors version, won't have (points)": "wont_points",
    "Hors version, won't have (stories)": "wont_stories",
    "Won't have (points)": "wont_points",
    "Won't have (stories)": "wont_stories",
}
DASHBOARD_LABELS = {
    "user stories de la version": "stories",
    "points (must, should, could)": "points",
    "des points terminés": "percent",
    "points restant à faire": "remaining_points",
    "points hors version (won't have)": "wont_points",
}
SENTENCE = re.compile(
    r"Périmètre de la version \(must, should, could\) : (?P<points>\d+) points en (?P<stories>\d+) stories, "
    r"(?P<percent>\d+) % terminés, reste (?P<remaining_points>\d+) points \((?P<remaining_stories>\d+) stories\)\..*?"
    r"Hors version \(won't have, non compté dans l'avancement\) : (?P<wont_points>\d+) points, "
    r"(?P<wont_stories>\d+) stories\."
)


def _number(value: object) -> int:
    digits = re.sub(r"\D", "", str(value))
    assert digits, f"no number in {value!r}"
    return int(digits)


def _text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


@pytest.fixture(scope="module")
def expected(shipped_build: ShippedBuild) -> dict[str, int]:
    """The figures, from the YAML and the status categories only."""
    backlog = load_backlog(shipped_build.root).backlog
    assert backlog is not None
    release = [s for s in backlog.stories if s.priority.value != "wont"]
    wont = [s for s in backlog.stories if s.priority.value == "wont"]
    done = [s for s in release if backlog.category(s).value == "done"]
    points, points_done = sum(s.points for s in release), sum(s.points for s in done)
    assert wont, "the shipped backlog has won't-have stories: the test checks they stay apart"
    return {
        "points": points,
        "stories": len(release),
        "points_done": points_done,
        "percent": round(100 * points_done / points),
        "remaining_points": points - points_done,
        "remaining_stories": len(release) - len(done),
        "wont_points": sum(s.points for s in wont),
        "wont_stories": len(wont),
    }


def _scope_table(page: Path) -> dict[str, int]:
    """The scope table of a built page (headers Périmètre, Points, Stories)."""
    source = page.read_text(encoding="utf-8")
    for table in re.findall(r"<table>.*?</table>", source, flags=re.S):
        heads = [_text(h) for h in re.findall(r"<th[^>]*>(.*?)</th>", table, flags=re.S)]
        if heads != ["Périmètre", "Points", "Stories"]:
            continue
        found: dict[str, int] = {}
        for row in re.findall(r"<tr>(.*?)</tr>", table, flags=re.S):
            cells = [_text(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)]
            if cells and cells[0] in SITE_ROWS:
                for field, value in zip(SITE_ROWS[cells[0]], cells[1:], strict=True):
                    if field is not None:
                        found[field] = _number(value)
        return found
    raise AssertionError(f"no scope table in {page}")


def _dashboard(site: Path) -> dict[str, int]:
    source = (site / "index.html").read_text(encoding="utf-8")
    pairs = re.findall(r'fz-kpi-value">([^<]*)</span><span class="fz-kpi-label">([^<]*)<', source)
    found = {
        DASHBOARD_LABELS[_text(label)]: _number(value) for value, label in pairs if _text(label) in DASHBOARD_LABELS
    }
    assert set(found) == set(DASHBOARD_LABELS.values()), pairs
    return found


def _sheet(workbook: Path, title: str) -> dict[str, int]:
    sheet = load_workbook(workbook, read_only=True)[title]
    found: dict[str, int] = {}
    for row in sheet.iter_rows(values_only=True):
        cells = [c for c in row if c is not None]
        if len(cells) == 2 and isinstance(cells[0], str) and cells[0] in SHEET_LABELS:
            found.setdefault(SHEET_LABELS[cells[0]], _number(cells[1]))
    assert found, f"no figures in {workbook.name}/{title}"
    return found


def _run(build: ShippedBuild, monkeypatch: pytest.MonkeyPatch, *args: str) -> str:
    """A command in the shipped project; the build's call counts (checked by test_shipped_build) are kept."""
    import generators.cli as cli

    saved = dict(build.calls)
    monkeypatch.chdir(build.root)
    try:
        result = CliRunner().invoke(cli.app, list(args))
    finally:
        build.calls.clear()
        build.calls.update(saved)
    assert result.exit_code == 0, result.output
    return result.output


def _terminal(build: ShippedBuild, monkeypatch: pytest.MonkeyPatch, *args: str) -> dict[str, int]:
    output = _run(build, monkeypatch, *args)
    match = SENTENCE.search(" ".join(output.split()))
    assert match, output[:2000]
    return {key: int(value) for key, value in match.groupdict().items()}


def test_every_view_shows_the_same_figures(
    shipped_build: ShippedBuild, expected: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert shipped_build.exit_code == 0, shipped_build.output
    site, root = shipped_build.site, shipped_build.root
    views: dict[str, dict[str, int]] = {
        "dashboard": _dashboard(site),
        "planning": _scope_table(site / "planning" / "index.html"),
        "kanban": _scope_table(site / "planning" / "kanban.html"),
        "burndown": _scope_table(site / "planning" / "burndown.html"),
        "gantt.xlsx": _sheet(site / "downloads" / "fanzone-gantt.xlsx", "Périmètre"),
        "kanban.xlsx": _sheet(site / "downloads" / "fanzone-kanban.xlsx", "Périmètre"),
        "backlog.xlsx": _sheet(site / "downloads" / "fanzone-backlog.xlsx", "Synthèse"),
        "report gantt": _terminal(shipped_build, monkeypatch, "report", "gantt"),
        "report kanban": _terminal(shipped_build, monkeypatch, "report", "kanban"),
        "report burndown": _terminal(shipped_build, monkeypatch, "report", "burndown"),
    }
    target = root / "figures.json"
    _run(shipped_build, monkeypatch, "export", "json", "--output", str(target))
    scope = json.loads(target.read_text(encoding="utf-8"))["scope"]
    release = scope["release"]
    views["export json"] = {
        "points": release["points"],
        "stories": release["stories"],
        "points_done": release["points_done"],
        "percent": release["percent_done"],
        "remaining_points": release["remaining_points"],
        "remaining_stories": release["remaining_stories"],
        "wont_points": scope["wont"]["points"],
        "wont_stories": scope["wont"]["stories"],
    }
    wrong = {
        view: {key: (value, expected[key]) for key, value in figures.items() if value != expected[key]}
        for view, figures in views.items()
    }
    assert {view: diff for view, diff in wrong.items() if diff} == {}


def test_the_gantt_shows_the_release_percent_and_draws_unstarted_work_empty(
    shipped_build: ShippedBuild, expected: dict[str, int]
) -> None:
    """The development phase's percent is the release's; a 0 % bar has no done part (checked in the SVG)."""
    backlog = load_backlog(shipped_build.root).backlog
    assert backlog is not None
    development = next(p for p in backlog.project.phases if p.sprints)
    page = (shipped_build.site / "planning" / "index.html").read_text(encoding="utf-8")
    gantt = [svg for svg in re.findall(r"<svg.*?</svg>", page, flags=re.S) if "Légende" in html.unescape(svg)]
    assert len(gantt) == 1, "one Gantt chart with its legend on the Planning page"
    texts = [_text(t) for t in re.findall(r"<text[^>]*>(.*?)</text>", gantt[0], flags=re.S)]
    assert f"{development.name} ({expected['percent']} %)" in texts
    assert "Début" in texts and "Fin" in texts, "French column headers (PlantUML `language fr`)"
    assert "Légende" in texts
