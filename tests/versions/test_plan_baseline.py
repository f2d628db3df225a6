"""The baseline in the plan: the baseline's schedule from git objects, the slip since it in working days per epic
and milestone, the same figure in every view; no baseline changes nothing; a bad baseline is a clear error."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from rich.console import Console
from versionrepo import commit_all, fz, git

from generators.context import ProjectContext
from generators.exports.workbook import backlog_workbook_bytes
from generators.load import load_backlog
from generators.load.git_objects import VersionError
from generators.reports.gantt_puml import gantt_plantuml
from generators.reports.gantt_term import gantt_renderable
from generators.reports.gantt_xlsx import gantt_workbook
from generators.reports.planning_md import planning_markdown


def _context(root: Path, baseline: str | None = None) -> ProjectContext:
    backlog = load_backlog(root).backlog
    assert backlog is not None
    return ProjectContext(root, backlog, baseline=baseline)


def test_slip_since_the_baseline_in_working_days(planned_repo: Path) -> None:
    ctx = _context(planned_repo)
    plan = ctx.baseline_plan
    assert plan is not None and plan.name == "v1.0" and plan.status_date == dt.date(2025, 4, 7)
    e02 = plan.epics["E02"]
    assert (e02.start, e02.end) == (dt.date(2025, 4, 7), dt.date(2025, 4, 18))  # the baseline's dates
    assert ctx.schedule.epics["E02"].end == dt.date(2025, 5, 2)  # the forecast now
    # 14 calendar days later, but Easter Monday (21/04) and 1 May are public holidays: 8 working days
    assert e02.days == 8
    assert plan.epics["E01"].days == 0
    assert plan.milestones["M01"].days == 0 and plan.end.days == 0


def test_every_view_shows_the_same_slip(planned_repo: Path) -> None:
    ctx = _context(planned_repo)
    plan = ctx.baseline_plan
    page = planning_markdown(ctx.backlog, ctx.schedule, baseline=plan)
    assert "| Dates en v1.0 | Écart depuis v1.0 |" in page
    assert "E02 · Offres et tarifs | 22/04/2025 | 02/05/2025 | 07/04/2025 → 18/04/2025 | +8 j ouvrés |" in page
    assert "jours ouvrés" in page  # the unit is said once, in French
    puml = gantt_plantuml(ctx.backlog, ctx.schedule, baseline=plan)
    assert "[E02 en v1.0 (écart +8 j ouvrés)] as [B2] starts 2025-04-07 and ends 2025-04-18" in puml
    console = Console(file=io.StringIO(), width=220, color_system=None)
    console.print(gantt_renderable(ctx.backlog, ctx.schedule, baseline=plan))
    terminal = console.file.getvalue()
    assert "Écart depuis v1.0" in terminal and "+8 j ouvrés" in terminal
    buffer = io.BytesIO()
    gantt_workbook(ctx.backlog, ctx.schedule, baseline=plan).save(buffer)
    book = load_workbook(io.BytesIO(buffer.getvalue()))
    data = list(book["Données"].iter_rows(values_only=True))
    header = data[0]
    slip_column = header.index("Écart depuis v1.0 (jours ouvrés)")
    assert next(row for row in data if row[1] == "E02")[slip_column] == 8
    gantt = [row[1] for row in book["Gantt"].iter_rows(values_only=True)]
    assert "    E02 en v1.0 (écart +8 j ouvrés)" in gantt
    summary = list(load_workbook(io.BytesIO(backlog_workbook_bytes(ctx)))["Synthèse"].iter_rows(values_only=True))
    header = next(row for row in summary if row[0] == "Épopée")
    e02 = next(row for row in summary if row[0] == "E02")
    assert e02[header.index("Écart depuis v1.0 (jours ouvrés)")] == 8


def test_the_command_line_report_shows_the_slip(planned_repo: Path) -> None:
    done = fz(planned_repo, "report", "gantt")
    assert done.returncode == 0, done.stderr
    assert "+8 j ouvrés" in done.stdout and "Référence : la version v1.0" in done.stdout
    document = json.loads(fz(planned_repo, "report", "gantt", "--format", "json").stdout)
    assert document["baseline"]["epics"]["E02"] == {
        "start": "2025-04-07",
        "end": "2025-04-18",
        "slip_working_days": 8,
        "new": False,
    }


def test_without_a_baseline_nothing_changes(spec_repo: Path, tmp_path: Path) -> None:
    ctx = _context(spec_repo)  # a git repository without any baseline tag
    assert ctx.baseline_plan is None
    page = planning_markdown(ctx.backlog, ctx.schedule, baseline=ctx.baseline_plan)
    assert page == planning_markdown(ctx.backlog, ctx.schedule)
    assert "Écart depuis" not in page and "Référence" not in page
    git_less = tmp_path / "copy"
    git_less.mkdir()
    for path in spec_repo.rglob("*"):
        if ".git" not in path.parts and path.is_file():
            (git_less / path.relative_to(spec_repo)).parent.mkdir(parents=True, exist_ok=True)
            (git_less / path.relative_to(spec_repo)).write_bytes(path.read_bytes())
    assert _context(git_less).baseline_plan is None  # not a git repository at all


def test_the_baseline_schedule_is_cached_by_commit(planned_repo: Path) -> None:
    first = _context(planned_repo).baseline_plan
    cached = list((planned_repo / ".git" / "fanzone" / "plan").glob("*.json"))
    assert len(cached) == 1
    assert json.loads(cached[0].read_text(encoding="utf-8"))["epics"]["E02"] == ["2025-04-07", "2025-04-18"]
    assert _context(planned_repo).baseline_plan == first
    cached[0].write_text("{not json", encoding="utf-8")  # a damaged cache is recomputed, not trusted
    assert _context(planned_repo).baseline_plan == first


def test_an_unknown_baseline_is_a_clear_error(planned_repo: Path) -> None:
    with pytest.raises(VersionError, match=r"unknown baseline 'v9' \(baselines: v1.0"):
        _ = _context(planned_repo, baseline="v9").baseline_plan
    done = fz(planned_repo, "report", "gantt", "--baseline", "v9")
    assert done.returncode == 1 and "unknown baseline 'v9'" in done.stderr and "Traceback" not in done.stderr
    named = fz(planned_repo, "report", "gantt", "--format", "md", "--baseline", "v1.0")
    assert named.returncode == 0 and "| Dates en v1.0 | Écart depuis v1.0 |" in named.stdout


def test_a_baseline_whose_project_is_invalid_is_a_clear_error(spec_repo: Path) -> None:
    project = spec_repo / "backlog/project.yaml"
    good = project.read_text(encoding="utf-8")
    project.write_text(good.replace("velocity: 20", "velocity: vingt"), encoding="utf-8")
    commit_all(spec_repo, "broken")
    git(spec_repo, "tag", "-a", "spec/v0.9", "-m", "broken")  # a tag made by hand: nothing validated it
    project.write_text(good, encoding="utf-8")
    commit_all(spec_repo, "fixed")
    done = fz(spec_repo, "report", "gantt")
    assert done.returncode == 1
    assert "baseline v0.9: the backlog of that version does not validate" in done.stderr
    assert "backlog/project.yaml" in done.stderr and "fanzone-baseline-" not in done.stderr
    assert "Traceback" not in done.stderr
    assert not (spec_repo / ".git" / "fanzone" / "plan").exists()  # nothing cached for a bad baseline
