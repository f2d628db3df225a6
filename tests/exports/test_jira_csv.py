"""`fanzone export csv`: hostile titles neutralised, and the warning past what Jira's importer takes in one file."""

from __future__ import annotations

import copy
import csv
import io
import os
import shutil
import stat
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from loadhelpers import edit

from generators.cli.export_outputs import CSV_IMPORT_ROWS
from generators.escape.csv import FORMULA_PREFIXES, csv_field
from generators.exports.jira_csv import csv_rows, csv_text
from generators.load import load_backlog
from generators.model import Backlog
from generators.model.jira_text import summary

E01 = "backlog/epics/E01-compte.yaml"


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def test_hostile_titles_are_neutralised_in_the_importer_file(mini_project: Path, fanzone) -> None:  # type: ignore[no-untyped-def]
    edit(mini_project / E01, "title: Compte et authentification", 'title: \'=HYPERLINK("http://x","y")\'')
    edit(mini_project / E01, "title: Créer un compte", "title: '@SUM(1)'")
    target = mini_project / "import.csv"
    done = fanzone("-C", str(mini_project), "export", "csv", "-o", str(target))
    assert done.returncode == 0, done.stderr
    summaries = [row[2] for row in _rows(target.read_text(encoding="utf-8"))[1:]]
    assert '\'=HYPERLINK("http://x","y")' in summaries and "'@SUM(1)" in summaries
    assert not [s for s in summaries if s[:1] in "=+-@\t\r"]
    assert "warning" not in done.stderr


def _big_epic(epic: str, count: int) -> str:
    lines = [f"id: {epic}", "title: Épopée volumineuse", "area: front-office", "priority: could"]
    lines += ["description: Beaucoup de stories.", "stories:"]
    for number in range(1, count + 1):
        lines += [
            f"  - id: {epic}-S{number:03d}",
            f"    title: Story numéro {number}",
            "    as_a: P-fan",
            "    i_want: une fonction",
            "    so_that: je puisse l'utiliser",
            "    acceptance:",
            "      - {given: un contexte, when: une action, then: un résultat}",
            "    points: 1",
            "    priority: could",
            "    status: À faire",
        ]
    return "\n".join(lines) + "\n"


def test_warns_past_the_rows_jira_imports_in_one_file(mini_project: Path, fanzone) -> None:  # type: ignore[no-untyped-def]
    existing = 2 + 3  # the mini project's epics and stories
    stories = CSV_IMPORT_ROWS - existing - 1  # with the two new epics: one row more than the importer takes
    half = stories // 2  # story numbers have three digits at most
    epics = mini_project / "backlog" / "epics"
    (epics / "E03-volume.yaml").write_text(_big_epic("E03", half), encoding="utf-8")
    (epics / "E04-volume.yaml").write_text(_big_epic("E04", stories - half), encoding="utf-8")
    target = mini_project / "import.csv"
    done = fanzone("-C", str(mini_project), "export", "csv", "-o", str(target))
    assert done.returncode == 0, done.stderr
    assert len(_rows(target.read_text(encoding="utf-8"))) == CSV_IMPORT_ROWS + 2  # header + one row too many
    assert f"{CSV_IMPORT_ROWS + 1} issues" in done.stderr and "import by epic" in done.stderr


def test_exported_files_follow_the_umask(mini_project: Path, fanzone) -> None:  # type: ignore[no-untyped-def]
    previous = os.umask(0o027)
    try:
        for fmt in ("csv", "xlsx"):
            target = mini_project / f"out.{fmt}"
            done = fanzone("-C", str(mini_project), "export", fmt, "-o", str(target))
            assert done.returncode == 0, done.stderr
            assert stat.S_IMODE(target.stat().st_mode) == 0o640, fmt  # not mkstemp's 0600
    finally:
        os.umask(previous)


RUNS: list[float] = []
TEXT = st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from("=+-@\t\r\n\",'"), min_size=1, max_size=40)


@pytest.fixture(scope="module")
def mini_backlog(tmp_path_factory: pytest.TempPathFactory) -> Backlog:
    target = tmp_path_factory.mktemp("csv") / "project"
    shutil.copytree(Path(__file__).resolve().parents[1] / "fixtures" / "mini", target)
    backlog = load_backlog(target).backlog
    assert backlog is not None
    return backlog


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=TEXT, want=TEXT)
def test_any_title_reads_back_neutralised(mini_backlog: Backlog, title: str, want: str) -> None:
    started = time.perf_counter()
    backlog = copy.deepcopy(mini_backlog)
    backlog.epics[0].__dict__["title"] = title  # unvalidated, as text from Jira can be
    backlog.epics[0].stories[0].__dict__["title"] = want
    back = _rows(csv_text(backlog))
    assert back == [[csv_field(field) for field in line] for line in csv_rows(backlog)]
    summaries = [line[2] for line in back[1:]]
    assert csv_field(summary(title)) in summaries and csv_field(summary(want)) in summaries
    assert not [field for line in back for field in line if field.startswith(FORMULA_PREFIXES)]
    RUNS.append(time.perf_counter() - started)


def test_zz_report_property_runs() -> None:
    if RUNS:
        print(f"\njira csv property: {len(RUNS)} examples, {sum(RUNS):.2f} s")
