"""`fanzone report ...` and `fanzone export json|xlsx` through the real command line (subprocess)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from openpyxl import load_workbook
from reports.reportkit import HISTORY

TODAY = ["--today", "2025-04-25"]


def test_gantt_in_the_terminal_explains_slips(fanzone: Callable, mini_project: Path) -> None:
    result = fanzone("-C", str(mini_project), "report", "gantt", "--today", "2025-09-20")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Planning au 20/09/2025 (sprint courant : 12)" in out
    assert "Pourquoi M01 « Lancement bêta » :" in out
    assert "Prévu le 30/06/2025, prévision au 19/09/2025 : 81 jours de retard." in out
    assert "Les 6 sprints du plan sont finis depuis le 27/06/2025" in out
    assert "Chemin critique : E01-S02 → recette" in out  # E02-S01 is a should: it does not hold the MVP


def test_gantt_file_formats(fanzone: Callable, mini_project: Path, tmp_path: Path) -> None:
    root = ["-C", str(mini_project), "report", "gantt", *TODAY]
    assert fanzone(*root, "--format", "xlsx", "--output", str(tmp_path / "g.xlsx")).returncode == 0
    assert load_workbook(tmp_path / "g.xlsx").sheetnames[0] == "Gantt"
    assert fanzone(*root, "-f", "svg", "-o", str(tmp_path / "g.svg")).returncode == 0
    assert (tmp_path / "g.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")
    md = fanzone(*root, "--format", "md")
    assert md.returncode == 0 and "```plantuml\n@startgantt" in md.stdout and "Téléchargements" not in md.stdout
    data = json.loads(fanzone(*root, "--format", "json", "--epic", "E02").stdout)
    assert [s["id"] for s in data["stories"]] == ["E02-S01"] and [e["id"] for e in data["epics"]] == ["E02"]
    assert data["as_of"] == "2025-04-25" and data["critical_path"] == ["developpement", "recette"]


def test_kanban_terminal_and_filters(fanzone: Callable, mini_project: Path, tmp_path: Path) -> None:
    result = fanzone("-C", str(mini_project), "report", "kanban", *TODAY)
    assert result.returncode == 0, result.stderr
    assert "En cours (1 / 3)" in result.stdout and "E02-S01 Créer une offre" in result.stdout
    filtered = fanzone("-C", str(mini_project), "report", "kanban", "--sprint", "1", *TODAY)
    assert "E01-S01" in filtered.stdout and "E02-S01" not in filtered.stdout
    out = tmp_path / "k.xlsx"
    assert fanzone("-C", str(mini_project), "report", "kanban", "-f", "xlsx", "-o", str(out)).returncode == 0
    assert load_workbook(out)["Kanban"]["A2"].value == "E01 · Compte et authentification"
    board = json.loads(fanzone("-C", str(mini_project), "report", "kanban", "-f", "json", "-e", "E01").stdout)
    assert [lane["epic"] for lane in board["lanes"]] == ["E01"]
    assert board["lanes"][0]["cards"]["Terminé"][0]["id"] == "E01-S01"


def test_user_errors_exit_1_and_usage_errors_exit_2(fanzone: Callable, mini_project: Path) -> None:
    unknown = fanzone("-C", str(mini_project), "report", "gantt", "--epic", "E09")
    assert unknown.returncode == 1 and "--epic: unknown epic E09 (known: E01, E02)" in unknown.stderr
    assert "Traceback" not in unknown.stderr
    svg = fanzone("-C", str(mini_project), "report", "kanban", "--format", "svg")  # not a registered format
    assert svg.returncode == 2 and "'svg' is not one of 'terminal', 'xlsx', 'md', 'json'" in svg.stderr
    bad_date = fanzone("-C", str(mini_project), "report", "gantt", "--today", "25/04/2025")
    assert bad_date.returncode == 2 and "is not a date" in bad_date.stderr
    bad_format = fanzone("-C", str(mini_project), "report", "burndown", "--format", "pdf")
    assert bad_format.returncode == 2


def test_burndown_without_history_then_with_it(fanzone: Callable, mini_project: Path, tmp_path: Path) -> None:
    plain = fanzone("-C", str(mini_project), "report", "burndown", *TODAY)
    assert plain.returncode == 0 and "Aucun historique des statuts" in plain.stdout
    failed = fanzone("-C", str(mini_project), "report", "burndown", "-f", "xlsx", "-o", str(tmp_path / "b.xlsx"))
    assert failed.returncode == 1 and "no status history" in failed.stderr
    assert not (tmp_path / "b.xlsx").exists()

    (mini_project / "backlog" / "history.json").write_text(json.dumps(HISTORY), encoding="utf-8")
    shown = fanzone("-C", str(mini_project), "report", "burndown", *TODAY)
    assert shown.returncode == 0, shown.stderr
    assert "Sprint 2 : burndown (7 points)" in shown.stdout and "E01-S02" in shown.stdout
    written = fanzone(
        "-C", str(mini_project), "report", "burndown", "-f", "xlsx", "-o", str(tmp_path / "b.xlsx"), *TODAY
    )
    assert written.returncode == 0, written.stderr
    assert f"wrote {tmp_path / 'b.xlsx'}" in written.stderr
    wb = load_workbook(tmp_path / "b.xlsx")
    assert wb.sheetnames == ["Périmètre", "Release", "Sprints", "Flux cumulé", "Temps de cycle", "Débit", "Âge du WIP"]
    assert wb["Release"].max_row == 26  # 1 to 25 April, plus the header
    svg = tmp_path / "s1.svg"
    assert (
        fanzone("-C", str(mini_project), "report", "burndown", "-f", "svg", "-s", "1", "-o", str(svg)).returncode == 0
    )
    assert "<svg" in svg.read_text(encoding="utf-8")
    data = json.loads(fanzone("-C", str(mini_project), "report", "burndown", "-f", "json", *TODAY).stdout)
    assert data["percentiles"] == {"50": 7.0, "85": 7.0, "95": 7.0}
    assert data["sprints"][0]["remaining"][-1] == 0
    late = fanzone("-C", str(mini_project), "report", "burndown", "-f", "svg", "-s", "5", *TODAY)
    assert late.returncode == 1 and "sprint 5 has not started" in late.stderr


def test_export_json_carries_the_schedule(fanzone: Callable, mini_project: Path) -> None:
    project = mini_project / "backlog" / "project.yaml"
    project.write_text(
        project.read_text(encoding="utf-8").replace("calendar:", "as_of: 2025-04-25\ncalendar:"), encoding="utf-8"
    )
    result = fanzone("-C", str(mini_project), "export", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    e01 = data["epics"][0]
    assert (e01["start"], e01["end"]) == ("2025-04-07", "2025-05-02")
    story = e01["stories"][1]
    assert {k: story[k] for k in ("sprint", "start", "end", "status_category")} == {
        "sprint": 2,
        "start": "2025-04-22",
        "end": "2025-05-02",
        "status_category": "in_progress",
    }
    sprint2 = data["sprints"][1]
    assert {k: sprint2[k] for k in ("number", "start", "end", "capacity", "committed", "overcommitted")} == {
        "number": 2,
        "start": "2025-04-22",
        "end": "2025-05-02",
        "capacity": 16.0,
        "committed": 7,
        "overcommitted": False,
    }
    assert data["milestones"] == [
        {
            "id": "M01",
            "name": "Lancement bêta",
            "planned": "2025-06-30",
            "forecast": "2025-06-30",  # ready on 2 May: a milestone keeps its date, never earlier
            "slips": False,
            "slip_days": 0,
            "ready": "2025-05-02",
            "driver": "E01",
            "critical": False,
            "reasons": [
                "Dans les temps : tout ce dont il dépend est prêt le 02/05/2025 (en dernier : l'épopée E01 "
                "« Compte et authentification »), 59 jours avant la date prévue ; la date prévue est conservée."
            ],
        }
    ]
    assert data["scope"]["release"]["points"] == 10 and data["scope"]["release"]["percent_done"] == 30
    assert data["critical_path"] == ["developpement", "recette"] and data["as_of"] == "2025-04-25"


def test_export_xlsx(fanzone: Callable, mini_project: Path, tmp_path: Path) -> None:
    target = tmp_path / "backlog.xlsx"
    result = fanzone("-C", str(mini_project), "export", "xlsx", "--output", str(target))
    assert result.returncode == 0, result.stderr
    assert load_workbook(target).sheetnames == ["Synthèse", "E01 Compte et authentification", "E02 Offres et tarifs"]
