"""Warm `fanzone build`: MkDocs does not run when nothing changed, renders only the changed pages otherwise, and
the result is the site a full build makes (pages, navigation, search index). Real builds of the sample project;
MkDocs' build function is wrapped only to count its runs."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generators.site import warm
from generators.site.build import build_site
from generators.site.incremental import merge_search

Run = Callable[..., subprocess.CompletedProcess[str]]
E01 = "backlog/epics/E01-compte.yaml"
OLD_WANT, NEW_WANT = "créer un compte avec mon e-mail pour la VOD", "créer un compte zorglub pour la VOD"


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """The `dirty` flag of every MkDocs run of the builds in the test."""
    seen: list[bool] = []
    real = warm.mkdocs_build

    def counted(config: Any, **options: Any) -> None:
        seen.append(bool(options.get("dirty")))
        real(config, **options)

    monkeypatch.setattr(warm, "mkdocs_build", counted)
    return seen


def _snapshot(site: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.relative_to(site).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns) for p in site.rglob("*") if p.is_file()
    }


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _index(site: Path) -> list[dict[str, str]]:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def _pages(index: list[dict[str, str]]) -> set[str]:
    return {entry["location"].split("#")[0] for entry in index}


def test_unchanged_rebuild_runs_no_mkdocs_and_keeps_the_site(site_project: Path, runs: list[bool]) -> None:
    first = build_site(site_project)
    before = _snapshot(site_project / "site")
    again = build_site(site_project)
    assert runs == [False]  # the first build only
    assert again.stats["mode"] == "up to date"
    assert _snapshot(site_project / "site") == before  # same bytes, same mtimes
    for figure in ("generated_pages", "spec_pages", "diagrams_requested"):
        assert again.stats[figure] == first.stats[figure] > 0


def test_one_story_edited_renders_its_pages_only_and_equals_a_full_build(site_project: Path, runs: list[bool]) -> None:
    build_site(site_project)
    site = site_project / "site"
    before, index_before = _snapshot(site), _index(site)
    _edit(site_project / E01, OLD_WANT, NEW_WANT)
    report = build_site(site_project)
    assert runs == [False, True] and report.stats["mode"] == "incremental"
    after = _snapshot(site)
    assert "créer un compte zorglub pour la" in after["backlog/E01.html"][0].decode("utf-8")
    assert after["backlog/E02.html"] == before["backlog/E02.html"]  # not rendered again: same bytes and mtime
    assert after["maquettes/BO-offres.html"] == before["maquettes/BO-offres.html"]
    index = _index(site)
    assert _pages(index) == _pages(index_before)  # every page still searchable
    unchanged = [entry for entry in index if entry["location"].split("#")[0] == "backlog/E02.html"]
    assert unchanged and unchanged == [e for e in index_before if e["location"].split("#")[0] == "backlog/E02.html"]
    assert any("zorglub" in entry["text"] for entry in index)
    incremental = {path: data for path, (data, _mtime) in after.items()}
    build_site(site_project, full=True)
    assert runs[-1] is False
    assert {path: data for path, (data, _mtime) in _snapshot(site).items()} == incremental


def test_a_changed_title_or_configuration_is_a_full_build(site_project: Path, runs: list[bool]) -> None:
    """Known before MkDocs runs (the navigation and the configuration are in the global key): one full run."""
    build_site(site_project)
    _edit(site_project / "backlog" / "epics" / "E01-compte.yaml", "title: Compte et authentification", "title: Comptes")
    assert build_site(site_project).stats["mode"] == "full" and runs[1:] == [False]
    assert "Comptes" in (site_project / "site" / "backlog" / "E02.html").read_text(encoding="utf-8")  # its nav
    _edit(site_project / "mkdocs.yml", "site_name: Fanzone TV", "site_name: Zorglub TV")
    assert build_site(site_project).stats["mode"] == "full" and runs[1:] == [False, False]
    assert "Zorglub TV" in (site_project / "site" / "backlog" / "E02.html").read_text(encoding="utf-8")


def test_a_spec_heading_renamed_rebuilds_every_page(site_project: Path, runs: list[bool]) -> None:
    """A spec page's title comes from its heading, not from the navigation: found out by the dirty build."""
    build_site(site_project)
    _edit(site_project / "specs" / "index.md", "# Mini spécification", "# Spécification zorglub")
    report = build_site(site_project)
    assert runs[-2:] == [True, False] and report.stats["mode"] == "full"
    assert "Spécification zorglub" in (site_project / "site" / "backlog" / "E02.html").read_text(encoding="utf-8")


def test_a_removed_page_leaves_the_site_and_a_damaged_site_is_rebuilt(site_project: Path, runs: list[bool]) -> None:
    (site_project / "specs" / "annexe.md").write_text("# Annexe\n\nTexte annexe.\n", encoding="utf-8")
    build_site(site_project)
    site = site_project / "site"
    assert (site / "annexe.html").is_file()
    (site_project / "specs" / "annexe.md").unlink()
    assert build_site(site_project).stats["mode"] == "full"
    assert not (site / "annexe.html").exists()
    assert "annexe.html" not in _pages(_index(site))
    (site / "backlog" / "E02.html").unlink()  # someone damaged the published site
    assert build_site(site_project).stats["mode"] == "full"
    assert (site / "backlog" / "E02.html").is_file()


def test_full_flag_and_strict_build_every_page(site_project: Path, fanzone: Run) -> None:
    assert fanzone("build", cwd=site_project).returncode == 0
    again = fanzone("build", cwd=site_project)
    assert again.returncode == 0 and "up to date (nothing changed, MkDocs not run)" in again.stdout
    for flag in ("--full", "--clean", "--strict"):
        forced = fanzone("build", flag, cwd=site_project)
        assert forced.returncode == 0, forced.stderr
        assert forced.stdout.startswith("built ") and "only those rendered again" not in forced.stdout


def test_merge_search_keeps_the_entries_of_pages_not_rendered() -> None:
    previous = [
        {"location": "a.html", "title": "A"},
        {"location": "a.html#x", "title": "A x"},
        {"location": "b.html", "title": "B old"},
        {"location": "c.html", "title": "C"},
    ]
    new = [{"location": "b.html", "title": "B new"}, {"location": "b.html#y", "title": "B y"}]
    pages = [("a.html", False), ("b.html", True), ("c.html", False)]
    merged = merge_search(new, previous, pages)
    assert [entry["title"] for entry in merged] == ["A", "A x", "B new", "B y", "C"]
    assert merge_search([], previous, [("a.html", False)]) == previous[:2]  # a page gone from the site: gone
