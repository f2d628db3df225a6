"""A project of the user's own, without mkdocs.yml (and even without specs/), still builds a full site."""

from __future__ import annotations

import html as html_module
import re
import shutil
from pathlib import Path

import yaml
from fanzone_cli import run_fanzone

from generators.site.default_config import yaml_string


def test_build_without_mkdocs_yml(mini_project: Path) -> None:
    assert not (mini_project / "mkdocs.yml").exists()
    result = run_fanzone("--root", str(mini_project), "build")
    assert result.returncode == 0, result.stderr
    site = mini_project / "site"
    assert (site / "index.html").is_file()
    screen = (site / "maquettes" / "FO-connexion.html").read_text(encoding="utf-8")
    assert "<svg" in screen and "Syntax Error" not in screen
    assert "BR-ACC-01" in (site / "backlog" / "E01.html").read_text(encoding="utf-8")
    assert not (mini_project / "specs" / "backlog").exists(), "nothing generated is written into specs/"


def test_build_without_specs_folder(mini_project: Path) -> None:
    shutil.rmtree(mini_project / "specs")
    epic = mini_project / "backlog/epics/E01-compte.yaml"
    epic.write_text(epic.read_text(encoding="utf-8").replace("    rules: [BR-ACC-01]\n", ""), encoding="utf-8")
    result = run_fanzone("build", cwd=mini_project)
    assert result.returncode == 0, result.stderr
    assert (mini_project / "site" / "backlog" / "E02.html").is_file()


HOSTILE_NAME = "<script>alert(1)</script>{{ 7*7 }} & \"quotes\" 'single' !!python/object/apply:os.system"


def test_project_values_reach_the_pages_as_text(mini_project: Path) -> None:
    """A project name with HTML, Jinja and a YAML tag: shown literally on every page, never run."""
    project_yaml = mini_project / "backlog" / "project.yaml"
    text = project_yaml.read_text(encoding="utf-8")
    name_line = next(line for line in text.splitlines() if line.startswith("name:"))
    text = text.replace(name_line, f"name: {yaml_string(HOSTILE_NAME)}")
    project_yaml.write_text(text, encoding="utf-8")
    result = run_fanzone("--root", str(mini_project), "build")
    assert result.returncode == 0, result.stderr
    pages = sorted((mini_project / "site").rglob("*.html"))
    assert pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "<script>alert(1)" not in html, page
        assert "49 &amp;" not in html and "49 & " not in html, page  # the Jinja-like text was not evaluated
    home = (mini_project / "site" / "index.html").read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", home, re.DOTALL)
    assert title is not None and HOSTILE_NAME in html_module.unescape(title.group(1))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;{{ 7*7 }}" in home  # in the header, escaped once
    assert "&amp;lt;" not in home  # and not twice where the theme escapes it itself
    assert 'aria-label="&lt;script&gt;' in home or 'aria-label="&lt;script&gt;' in home


def test_yaml_string_loads_back_as_the_same_text() -> None:
    for value in (HOSTILE_NAME, "a\nb: c", "*alias", "%TAG !x", "😀 \\ \x85 \u2028 ' \"", "- [x]", "null", "123"):
        assert yaml.safe_load(f"k: {yaml_string(value)}") == {"k": value}
