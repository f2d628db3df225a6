"""`fanzone export csv`: a file for Jira's CSV importer, epics first, offline (no `jira`, no network)."""

from __future__ import annotations

import csv
import io
import subprocess
import sys

from conftest import REPO


def test_csv_for_the_jira_importer(project, jira):
    result = jira(project, "export", "csv")
    assert result.code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    header = rows[0]
    assert header[:7] == ["Issue ID", "Issue Type", "Summary", "Description", "Parent", "Story Points", "Priority"]
    assert set(header[7:]) == {"Labels"}  # one label a column: the importer's way to get several values
    table = [dict(zip(header[:7], row[:7], strict=True)) | {"Labels": [v for v in row[7:] if v]} for row in rows[1:]]
    assert [r["Issue Type"] for r in table] == ["Epic", "Epic", "Story", "Story", "Story"]  # epics before stories
    ids = {r["Summary"]: r["Issue ID"] for r in table}
    assert len(set(ids.values())) == 5
    story = next(r for r in table if r["Summary"] == "Créer une offre")
    assert story["Parent"] == ids["Offres et tarifs"]
    assert (story["Story Points"], story["Priority"]) == ("5", "High")
    assert sorted(story["Labels"]) == ["fz:E02-S01", "fz:backlog"]  # a later push adopts the imported issues
    assert "h3. Critères d'acceptation" in story["Description"]
    assert "*Étant donné* je suis administrateur, *quand* je crée une offre à 9,99 €" in story["Description"]
    assert all(r["Parent"] == "" for r in table if r["Issue Type"] == "Epic")


def test_csv_export_needs_neither_jira_nor_network(project, tmp_path):
    target = tmp_path / "import.csv"
    code = (
        "import sys\n"
        "from generators.cli import app\n"
        "try:\n"
        "    app(['-C', sys.argv[1], 'export', 'csv', '-o', sys.argv[2]])\n"
        "except SystemExit as exc:\n"
        "    assert not exc.code, exc.code\n"
        "print('jira' in sys.modules, 'requests' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(project), str(target)], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False False"
    assert target.read_text(encoding="utf-8").startswith("Issue ID,Issue Type,Summary")
