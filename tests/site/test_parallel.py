"""A full build on two cores (`generators/site/parallel.py`): a forked child converts and writes a share of the
pages; the site is the same as a build in one process, to the byte, whatever the child does (delivers, dies),
its warnings are reported once, its diagrams counted and kept, and no process is left behind. Real builds of
the sample project, in this process (the fork happens here)."""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from generators.site import parallel, print_html
from generators.site.build import SiteBuildError, build_site
from generators.site.handover import Handover
from generators.site.plugin import FanzonePlugin

PLANTUML_PAGE = """\
# Flux de paiement

Voir [la page absente](absente.md).

```plantuml
Alice -> Bob : paie le pass
```
"""
BROKEN_LINK = "absente.md"


def _site_files(site: Path) -> dict[str, bytes]:
    """Every file a reader gets, but the workbooks and archives (they carry the time they were made)."""
    return {
        str(path.relative_to(site)): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file() and path.suffix not in (".xlsx", ".zip", ".pdf")
    }


def _children() -> set[int]:
    """The processes whose parent is this one (zombies included)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == os.getpid():
            found.add(int(stat.parent.name))
    return found


@pytest.fixture
def project(site_project: Path) -> Path:
    (site_project / "specs" / "flux.md").write_text(PLANTUML_PAGE, encoding="utf-8")
    return site_project


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Two processes even for the small sample project (no minimum size), the child left every page but the
    first, and a count of the pages this process took from it (converted, written)."""
    monkeypatch.setattr(parallel, "MIN_BYTES", 0)
    monkeypatch.setenv(parallel.JOBS_ENV_VAR, "2")
    claim = parallel.Claims.claim

    def leave_all_but_the_first_page(claims: parallel.Claims, uri: str, who: int) -> int:
        if who == parallel.Claims.HERE and claims.index.get(uri, 0) > 0:
            return parallel.Claims.CHILD  # this process waits for the child's result (or does it if none comes)
        return claim(claims, uri, who)

    monkeypatch.setattr(parallel.Claims, "claim", leave_all_but_the_first_page)
    taken = {"converted": 0, "written": 0}
    convert, write = parallel._TwoProcesses._take_conversion, parallel._TwoProcesses._take_built

    def take_conversion(self: parallel._TwoProcesses, page: object, files: object) -> bool:
        got = convert(self, page, files)
        taken["converted"] += got
        return got

    def take_built(self: parallel._TwoProcesses, page: object) -> bool:
        got = write(self, page)
        taken["written"] += got
        return got

    monkeypatch.setattr(parallel._TwoProcesses, "_take_conversion", take_conversion)
    monkeypatch.setattr(parallel._TwoProcesses, "_take_built", take_built)
    return taken


def _build_alone(project: Path, monkeypatch: pytest.MonkeyPatch, **options: object) -> tuple[dict[str, bytes], object]:
    with monkeypatch.context() as alone:
        alone.setenv(parallel.JOBS_ENV_VAR, "1")
        report = build_site(project, full=True, **options)
    return _site_files(project / "site"), report


def test_two_processes_build_the_same_site(
    project: Path, counted: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    alone, alone_report = _build_alone(project, monkeypatch)
    before = _children()
    report = build_site(project, full=True)
    assert counted["converted"] > 10 and counted["written"] > 10  # the child did most pages, in both phases
    assert _site_files(project / "site") == alone
    assert report.warnings == alone_report.warnings
    assert sum(BROKEN_LINK in warning for warning in report.warnings) == 1  # the child's warning, once
    assert report.stats["diagrams_requested"] == alone_report.stats["diagrams_requested"] >= 1
    assert _children() <= before  # the children were reaped


def test_the_diagram_a_child_drew_stays_in_the_cache(project: Path, counted: dict[str, int]) -> None:
    cache = Path(os.environ["FANZONE_PLANTUML_CACHE"])
    build_site(project, full=True)
    assert counted["converted"] > 0
    kept = {path.name for path in cache.rglob("*.svg")}
    build_site(project, full=True)  # prunes what the build did not ask for
    assert {path.name for path in cache.rglob("*.svg")} == kept


def test_a_child_that_dies_changes_nothing(
    project: Path, counted: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    alone, _ = _build_alone(project, monkeypatch)
    gave = Handover.give

    def give_once_then_die(self: Handover, name: str, result: object) -> None:
        gave(self, name, result)
        Handover.leave(3)  # in the child: it ends after its first page, in either phase

    monkeypatch.setattr(Handover, "give", give_once_then_die)
    before = _children()
    build_site(project, full=True)
    assert counted["converted"] == 1 and counted["written"] == 1  # one page each, the rest done here
    assert _site_files(project / "site") == alone
    assert _children() <= before


def test_strict_mode_fails_on_a_warning_the_child_found(project: Path, counted: dict[str, int]) -> None:
    with pytest.raises(SiteBuildError, match="1 warnings in strict mode"):
        build_site(project, strict=True)


def test_a_plugin_whose_state_is_unknown_keeps_the_pages_in_one_process(project: Path, counted: dict[str, int]) -> None:
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - offline", "  - offline\n  - tags"), "utf-8")
    build_site(project, full=True)
    assert counted["converted"] > 0  # the Markdown: every plugin event still runs here
    assert counted["written"] == 0  # the tags plugin collects pages while they are written


def test_each_page_goes_to_the_first_process_that_claims_it() -> None:
    claims = parallel.Claims(["a.md", "b.md", "c.md"])
    assert claims.claim("c.md", parallel.Claims.CHILD) == parallel.Claims.CHILD
    assert claims.claim("a.md", parallel.Claims.HERE) == parallel.Claims.HERE
    assert claims.claim("c.md", parallel.Claims.HERE) == parallel.Claims.CHILD  # the child's already
    assert claims.claim("a.md", parallel.Claims.CHILD) == parallel.Claims.HERE  # the child stops here
    assert claims.claim("print.md", parallel.Claims.HERE) == parallel.Claims.FREE  # not shared: done here


def test_jobs_variable_limits_the_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(parallel.JOBS_ENV_VAR, "1")
    assert parallel.workers() == 1
    monkeypatch.setenv(parallel.JOBS_ENV_VAR, "64")
    assert 1 <= parallel.workers() <= (os.cpu_count() or 1)


def test_what_a_child_counted_is_added_to_the_diagram_figures() -> None:
    from generators.site.plantuml import RenderStats

    here = RenderStats({"a"}, rendered=1, batches=1, render_seconds=0.5)
    before = here.copy()
    child = here.copy()  # as a fork sees it
    child.requested.add("b")
    child.rendered += 2
    here.add(child.since(before))
    assert here == RenderStats({"a", "b"}, rendered=3, batches=1, render_seconds=0.5)


def test_the_child_cuts_the_print_sections_of_the_pages_it_converts(
    project: Path, counted: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    alone, _ = _build_alone(project, monkeypatch)
    here = os.getpid()
    cut_here: list[str] = []
    section = print_html._section

    def counted_section(html: str, path: str, *args: Any) -> str:
        if os.getpid() == here:
            cut_here.append(path)
        return section(html, path, *args)

    monkeypatch.setattr(print_html, "_section", counted_section)
    build_site(project, full=True)
    assert counted["converted"] > 10
    assert len(cut_here) <= 1  # the first page's, converted here; the child cut all the others'
    assert _site_files(project / "site") == alone  # the same print page


def test_sections_are_cut_in_the_child_only_when_no_other_handler_sees_the_html_first() -> None:
    plugin = FanzonePlugin()

    def config(*handlers: object) -> Any:
        return SimpleNamespace(plugins=SimpleNamespace(events={"page_content": list(handlers)}))

    def other(html: str, **_: object) -> str:
        return html.replace("a", "b")

    assert plugin.sections_in_child(config(plugin.on_page_content)) is not None
    assert plugin.sections_in_child(config(plugin.on_page_content, other)) is not None
    assert plugin.sections_in_child(config(other, plugin.on_page_content)) is None
    assert plugin.sections_in_child(config()) is None
