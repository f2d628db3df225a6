"""`fanzone report forecast` through the real command line: formats, determinism, warnings, exit codes."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

from generators.wording import number

TODAY = ["--today", "2025-04-25"]


def _report(fanzone: Callable, project: Path, *args: str):  # type: ignore[no-untyped-def]
    return fanzone("-C", str(project), "report", "forecast", *TODAY, "--trials", "2000", *args)


def test_terminal_explains_and_warns_on_a_short_history(fanzone: Callable, history_project: Path) -> None:
    result = _report(fanzone, history_project)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "de chances de terminer le périmètre MVP d'ici le" in out
    assert "⚠ Historique trop court : 1 story terminée sur la fenêtre de 8 semaines" in out
    assert f"{number(2000)} tirages avec la graine 20250704" in out  # French digit grouping (Babel)


def test_json_is_deterministic_and_ordered(fanzone: Callable, history_project: Path) -> None:
    first = _report(fanzone, history_project, "--format", "json", "--by", "2025-06-30")
    again = _report(fanzone, history_project, "--format", "json", "--by", "2025-06-30")
    assert first.returncode == 0, first.stderr
    assert first.stdout == again.stdout
    document = json.loads(first.stdout)
    dates = [document["release"]["dates"][p] for p in ("50", "85", "95")]
    assert all(dates) and dates == sorted(dates) and dates[0] > "2025-04-25"
    assert document["inputs"]["completed_in_window"] == 1 and document["inputs"]["remaining"] == 2
    assert document["inputs"]["trials"] == 2000 and document["inputs"]["window_weeks"] == 8
    assert document["by"]["date"] == "2025-06-30"
    other = json.loads(_report(fanzone, history_project, "--format", "json", "--seed", "1").stdout)
    assert other["inputs"]["seed"] == 1


def test_svg_and_markdown_files(fanzone: Callable, history_project: Path, tmp_path: Path) -> None:
    target = tmp_path / "prevision.svg"
    result = _report(fanzone, history_project, "-f", "svg", "-o", str(target))
    assert result.returncode == 0, result.stderr
    root = ET.fromstring(target.read_bytes())
    assert "Répartition des dates de fin" in "".join(root.itertext())
    md = _report(fanzone, history_project, "-f", "md", "--points")
    assert md.returncode == 0 and md.stdout.startswith("# Prévision") and "points terminés" in md.stdout


def test_without_history_there_is_no_date_and_it_says_why(fanzone: Callable, mini_project: Path) -> None:
    result = _report(fanzone, mini_project)
    assert result.returncode == 0, result.stderr
    assert "Pas de date de fin probable pour le périmètre MVP" in result.stdout
    assert "Aucun travail terminé sur la fenêtre" in result.stdout


def test_user_and_usage_errors(fanzone: Callable, history_project: Path) -> None:
    bad_date = _report(fanzone, history_project, "--by", "30/06/2025")
    assert bad_date.returncode == 2 and "is not a date" in bad_date.stderr
    few = _report(fanzone, history_project, "--trials", "5")
    assert few.returncode == 2
    (history_project / "backlog" / "history.json").write_text("{not json", encoding="utf-8")
    broken = _report(fanzone, history_project)
    assert broken.returncode == 1 and "history.json" in broken.stderr
    assert "Traceback" not in broken.stderr
