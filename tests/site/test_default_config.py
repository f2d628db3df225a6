"""A project of the user's own, without mkdocs.yml (and even without specs/), still builds a full site."""

from __future__ import annotations

import shutil
from pathlib import Path

from fanzone_cli import run_fanzone


def test_build_without_mkdocs_yml(mini_project: Path) -> None:
    assert not (mini_project / "mkdocs.yml").exists()
    result = run_fanzone("--root", str(mini_project), "build")
    assert result.returncode == 0, result.stderr
    site = mini_project / "site"
    assert (site / "index.html").is_file()
    screen = (site / "maquettes" / "FO-connexion" / "index.html").read_text(encoding="utf-8")
    assert "<svg" in screen and "Syntax Error" not in screen
    assert "BR-ACC-01" in (site / "backlog" / "E01" / "index.html").read_text(encoding="utf-8")
    assert not (mini_project / "specs" / "backlog").exists(), "nothing generated is written into specs/"


def test_build_without_specs_folder(mini_project: Path) -> None:
    shutil.rmtree(mini_project / "specs")
    epic = mini_project / "backlog/epics/E01-compte.yaml"
    epic.write_text(epic.read_text(encoding="utf-8").replace("    rules: [BR-ACC-01]\n", ""), encoding="utf-8")
    result = run_fanzone("build", cwd=mini_project)
    assert result.returncode == 0, result.stderr
    assert (mini_project / "site" / "backlog" / "E02" / "index.html").is_file()
