"""PlantUML started before the diagrams are known (`plantuml_standby.py`): it draws the first batch exactly as
file mode does; a batch it cannot be trusted with (an error, a file name asked, too big) is drawn in file mode,
errors located as ever; a forked process does not keep its input open; `ahead` starts it only for a cold build
it can serve; it never outlives the build. Real PlantUML, real processes."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sitehelpers import REPO

from generators.site import jvm_archive, plantuml_run, plantuml_standby
from generators.site import plantuml as plantuml_module
from generators.site.build import build_site
from generators.site.engine import resolve_engine
from generators.site.plantuml import Diagram, Renderer, RenderError, prepare
from generators.site.plantuml_run import RenderRun
from generators.site.plantuml_standby import Standby, ahead

DIAGRAMS = [
    Diagram("Client -> API : GET /offres\nAPI --> Client : 200", "svg", "specs/flux.md", 3),
    Diagram('@startsalt\n{\n  Email | "client@fanzone.tv"\n  [Annuler] | [Payer]\n}\n@endsalt\n', "svg", "m.yaml"),
    Diagram("class Pass\nclass Offre\nPass --> Offre : donne accès", "svg", "specs/domaine.md", 8),
    Diagram("@startgantt\n[Catalogue] requires 5 days\n[Paiement] requires 3 days\n@endgantt\n", "svg", "g.md"),
    Diagram("start\n:Choisir une offre;\nif (payé ?) then (oui)\n  :Accès;\nendif\nstop", "svg", "specs/p.md", 2),
]
BAD = Diagram("A -> B\nceci n'est pas ((( du PlantUML [[[", "svg", "specs/b.md", 20)


@pytest.fixture
def renderer(tmp_path: Path, plantuml_env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> Renderer:
    """A renderer with an empty cache of its own; its engine's class archive written first (a standby needs it)."""
    monkeypatch.setattr(plantuml_module, "user_cache_dir", lambda: tmp_path / "user")
    made = Renderer(resolve_engine(REPO), tmp_path / "warm-up")
    made.render_many([Diagram("X -> Y", "svg", "x.md")])
    archive = jvm_archive.archive(made.engine)
    assert archive is None or archive.is_file()
    return Renderer(made.engine, tmp_path / "cache")


def _drawn(renderer: Renderer, diagrams: list[Diagram]) -> dict[str, bytes]:
    renderer.render_many(diagrams)
    return {diagram.code: renderer.cached(diagram.code) or b"" for diagram in diagrams}


def _standby(renderer: Renderer) -> Standby:
    standby = Standby.start(renderer.engine)
    if standby is None:
        pytest.skip("PlantUML is not a `java … -jar` engine here: no standby")
    return standby


def _file_runs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The PlantUML runs started in file mode (with how many diagrams)."""
    runs: list[int] = []
    start = RenderRun._start_files

    def spy(self: RenderRun, batch: object) -> None:
        runs.append(len(batch.texts))  # type: ignore[attr-defined]
        start(self, batch)  # type: ignore[arg-type]

    monkeypatch.setattr(RenderRun, "_start_files", spy)
    return runs


def test_the_standby_draws_what_file_mode_draws(
    renderer: Renderer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    by_files = _drawn(Renderer(renderer.engine, tmp_path / "files"), DIAGRAMS)
    file_runs = _file_runs(monkeypatch)
    with _standby(renderer) as standby:
        renderer.standby = standby
        assert _drawn(renderer, DIAGRAMS) == by_files
        assert standby.sent == len(DIAGRAMS) and renderer.standby is None  # it took the batch, once
        assert file_runs == []  # and its outputs were used
    assert renderer.stats.rendered == len(DIAGRAMS) and standby.process.returncode == 0
    assert not standby.folder.exists()


def test_an_error_in_the_batch_is_located_by_file_mode(
    renderer: Renderer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(RenderError) as by_files:
        Renderer(renderer.engine, tmp_path / "files").render_many([DIAGRAMS[0], BAD])
    file_runs = _file_runs(monkeypatch)
    with _standby(renderer) as standby:
        renderer.standby = standby
        with pytest.raises(RenderError) as caught:
            renderer.render_many([DIAGRAMS[0], BAD])
        assert standby.sent == 2 and file_runs == [2]  # it was sent the batch, failed; drawn again from files
    assert str(caught.value) == str(by_files.value)
    assert [(e.origin, e.line) for e in caught.value.errors] == [("specs/b.md", 2)]
    assert renderer.cached(DIAGRAMS[0].code) is not None  # the good diagram is cached all the same


def test_a_batch_asking_for_its_file_name_or_too_big_goes_to_file_mode(renderer: Renderer) -> None:
    named = Diagram("A -> B : %filename()", "svg", "specs/n.md")
    with _standby(renderer) as standby:
        assert not standby.accepts([prepare(named.code)[0]], "svg")
        assert not standby.accepts(["@startuml\nA -> B\n@enduml\n" * (standby.capacity // 20)], "svg")
        assert not standby.accepts([prepare(DIAGRAMS[0].code)[0]], "png")  # it draws SVG
        renderer.standby = standby
        renderer.render_many([named])
        assert standby.sent is None and renderer.standby is standby  # left for a batch it can draw
    assert standby.process.returncode == -signal.SIGKILL  # never used: stopped on leaving
    assert standby.process.stdin is not None and standby.process.stdin.closed and not standby.folder.exists()
    assert renderer.cached(named.code) is not None


def test_a_forked_process_does_not_keep_plantuml_waiting(renderer: Renderer) -> None:
    with _standby(renderer) as standby:
        child = os.fork()
        if child == 0:  # holds every descriptor it inherited, but the standby's input, for 30 s
            time.sleep(30)
            os._exit(0)
        try:
            started = time.monotonic()
            assert standby.send([prepare(d.code)[0] for d in DIAGRAMS[:2]])
            outputs = standby.results(timeout=25)
            assert outputs is not None and len(outputs) == 2
            assert time.monotonic() - started < 25  # PlantUML saw the end of its input without the child
        finally:
            os.kill(child, signal.SIGKILL)
            os.waitpid(child, 0)


def test_ahead_starts_plantuml_only_for_a_cold_build_it_can_serve(
    tmp_path: Path, plantuml_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FANZONE_CACHE", str(tmp_path / "user"))  # the class archive and the counts, the test's own
    root = tmp_path / "project"
    root.mkdir()
    cache = root / "rendu"
    monkeypatch.setenv("FANZONE_PLANTUML_CACHE", str(cache))
    engine = resolve_engine(root)
    if jvm_archive.archive(engine) is None:
        pytest.skip("PlantUML is not a `java … -jar` engine here: no standby")
    Renderer(engine, tmp_path / "archive").render_many([Diagram("P -> Q", "svg", "p.md")])  # the class archive
    assert ahead(root) is None  # never built here: how many diagrams it has is not known
    for unfit in (0, plantuml_standby.MOST_DIAGRAMS + 1):  # none to draw; more than file mode draws faster
        plantuml_standby.remember_count(root, unfit)
        assert ahead(root) is None
    plantuml_standby.remember_count(root, 5)
    with ahead(root) as standby:  # an empty cache: every diagram is to be drawn
        assert standby is not None and standby.engine == engine
    (cache / "ab").mkdir(parents=True)  # a cache holding rendered diagrams: a warm build
    assert ahead(root) is None
    monkeypatch.delenv("FANZONE_PLANTUML_CACHE")
    (root / "mkdocs.yml").write_text("plugins:\n  - fanzone:\n      cache_dir: autre/cache\n", encoding="utf-8")
    with ahead(root) as standby:  # the cache mkdocs.yml names, empty
        assert standby is not None
    (root / "autre" / "cache" / "cd").mkdir(parents=True)
    assert ahead(root) is None
    (root / "mkdocs.yml").write_text("x:\n  cache_dir: a\ny:\n  cache_dir: b\n", encoding="utf-8")
    assert ahead(root) is None  # which one the plugin reads is not certain: not started
    monkeypatch.setattr(plantuml_standby.os, "sched_getaffinity", lambda pid: {0})
    (root / "mkdocs.yml").unlink()
    assert ahead(root) is None  # one core: nothing idle to start it on


def test_no_standby_before_the_class_archive_exists(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The file-mode run writes the archive (the JVM prints its notes on standard output meanwhile)."""
    monkeypatch.setattr(jvm_archive, "user_cache_dir", lambda: tmp_path / "user")
    engine = resolve_engine(REPO)
    if jvm_archive.archive(engine) is None:
        pytest.skip("PlantUML is not a `java … -jar` engine here: no archive")
    assert Standby.start(engine) is None


def _site(site: Path) -> dict[str, bytes]:
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in site.rglob("*")
        if path.is_file() and path.suffix != ".xlsx"  # (a workbook holds its save time)
    }


def _standbys_running() -> list[str]:
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            text = cmdline.read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
        except OSError:
            continue
        if "-pipedelimitor FANZONE-END-" in text:
            found.append(text)
    return found


def test_a_cold_fanzone_build_draws_with_plantuml_started_ahead(
    renderer: Renderer, site_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if jvm_archive.archive(renderer.engine) is None:
        pytest.skip("PlantUML is not a `java … -jar` engine here: no standby")
    monkeypatch.setenv("FANZONE_CACHE", str(tmp_path / "user"))  # the class archive and the counts, the test's own
    monkeypatch.setenv("FANZONE_PLANTUML_CACHE", str(tmp_path / "first"))
    report = build_site(site_project, full=True)  # in this process: no PlantUML started ahead
    without = _site(site_project / "site")
    assert plantuml_standby.remembered_count(site_project) == report.stats["diagrams_requested"] >= 1
    env = {**os.environ, "FANZONE_PLANTUML_CACHE": str(tmp_path / "cold"), "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "generators", "-C", str(site_project), "build", "-v"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    drawn = re.search(r"\((\d+) rendered in \d+ PlantUML run\(s\), (\d+) by the PlantUML started ahead", done.stderr)
    assert drawn is not None and int(drawn.group(2)) >= 1, done.stderr
    assert _site(site_project / "site") == without
    assert _standbys_running() == []


def test_a_batch_bigger_than_expected_goes_to_file_mode(renderer: Renderer, monkeypatch: pytest.MonkeyPatch) -> None:
    many = [Diagram(f"Client{i} -> API : GET /{i}", "svg", f"specs/p{i}.md") for i in range(4)]
    monkeypatch.setattr(plantuml_run, "MOST_DIAGRAMS", 3)
    file_runs = _file_runs(monkeypatch)
    with _standby(renderer) as standby:
        renderer.standby = standby
        renderer.render_many(many)
        assert renderer.standby is None and standby.sent is None  # stopped, not sent anything
        assert standby.process.returncode == -signal.SIGKILL
    assert file_runs == [4] and all(renderer.cached(d.code) for d in many)
