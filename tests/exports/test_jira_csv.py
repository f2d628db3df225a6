"""`fanzone export csv`: hostile titles neutralised, and the warning past what Jira's importer takes in one file."""

from __future__ import annotations

import csv
import io
import os
import stat
from pathlib import Path

from loadhelpers import edit

from generators.cli.core import CSV_IMPORT_ROWS

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
