"""PlantUML started ahead of need: its version asked while the pages are generated, the diagrams' run started
as soon as their sources are known and collected when the SVGs are inlined; never a process or a scratch folder
left behind when the build stops in between."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
from sitehelpers import REPO

from generators.site import jvm_archive
from generators.site import plantuml as plantuml_module
from generators.site import plugin as plugin_module
from generators.site.build import cache_root, generate_tree, prepare
from generators.site.engine import Engine, resolve_engine
from generators.site.plantuml import Diagram, Renderer, RenderError
from generators.site.plantuml_run import RenderRun

BAD = Diagram("@startuml\nA -> B\nceci n'est pas ((( du PlantUML [[[\n@enduml\n", "svg", "specs/b.md", 20)


SALT_DIAGRAM = "@startsalt\n{\n  Archive | [OK]\n}\n@endsalt\n"


def _diagram(i: int) -> Diagram:
    return Diagram(f"@startuml\nAhead{i} -> B{i}\n@enduml\n", "svg", f"page{i}.md")


@pytest.fixture
def renderer(tmp_path: Path, plantuml_env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> Renderer:
    # the version line remembered in a user cache of the test's own (the JVM archive stays the user's)
    monkeypatch.setattr(plantuml_module, "user_cache_dir", lambda: tmp_path / "user")
    return Renderer(resolve_engine(REPO), tmp_path / "cache")


def test_the_version_asked_ahead_is_the_one_asked_directly(renderer: Renderer, tmp_path: Path) -> None:
    with renderer.version_ahead():
        asking = renderer._asking
        assert asking is not None  # running in the background
        ahead = renderer.version()
        assert asking.returncode is not None
    for memo in renderer._memos():
        memo.unlink()
    assert Renderer(renderer.engine, tmp_path / "other").version() == ahead  # asked directly
    with renderer.version_ahead():  # remembered now: nothing asked
        assert renderer._asking is None


def test_a_version_asked_ahead_and_not_needed_is_stopped(renderer: Renderer) -> None:
    with renderer.version_ahead():
        asking = renderer._asking
    assert asking is not None and asking.returncode == -signal.SIGKILL  # stopped and reaped on leaving
    assert renderer._asking is None and not any(memo.exists() for memo in renderer._memos())


def test_the_version_is_remembered_for_every_project_of_the_user(renderer: Renderer, tmp_path: Path) -> None:
    first = renderer.version()
    project_memo, user_memo = renderer._memos()
    assert project_memo.read_text() == user_memo.read_text() == first
    other = Renderer(renderer.engine, tmp_path / "another-project")  # a cold build of another project
    with other.version_ahead():
        assert other._asking is None  # no JVM started to ask it
        assert other.version() == first


def test_a_damaged_remembered_version_is_asked_again(renderer: Renderer, tmp_path: Path) -> None:
    first = renderer.version()
    for memo in renderer._memos():
        memo.write_bytes(b"\xff\xfe not a version\n\x00")
    again = Renderer(renderer.engine, tmp_path / "cache")
    with again.version_ahead():
        assert again._asking is not None
        assert again.version() == first
    assert all(memo.read_text() == first for memo in again._memos())


def test_a_started_run_is_collected_then_only_the_rest_renders(renderer: Renderer) -> None:
    first, second = [_diagram(1), _diagram(2)], [_diagram(3)]
    with renderer.start_many(first) as run:
        assert run.count == 2 and renderer.stats.batches == 0 and renderer.rendering()  # running, not waited for
        assert renderer.render_many([*first, *second], run) == 3
        assert not renderer.rendering()
    assert renderer.stats.batches == 2 and all(renderer.cached(d.code) for d in [*first, *second])


def test_errors_of_the_started_run_and_of_the_rest_are_reported_together(renderer: Renderer) -> None:
    late = Diagram(BAD.code.replace("A ->", "C ->"), "svg", "specs/c.md", 5)
    with renderer.start_many([BAD, _diagram(4)]) as run, pytest.raises(RenderError) as caught:
        renderer.render_many([BAD, _diagram(4), late], run)
    assert [error.origin for error in caught.value.errors] == ["specs/b.md", "specs/c.md"]  # b.md's run once
    assert renderer.stats.batches == 2 and renderer.cached(_diagram(4).code) is not None


def test_leaving_a_run_unfinished_stops_it(renderer: Renderer) -> None:
    with renderer.start_many([_diagram(5)]) as run:
        batch = run._batches[0]
        assert batch.process is not None and batch.tmp.is_dir()
    assert batch.process.returncode == -signal.SIGKILL and not batch.tmp.exists()
    assert renderer.cached(_diagram(5).code) is None


def _events(monkeypatch: pytest.MonkeyPatch) -> tuple[list[str], list[Any]]:
    """What the generation step did, in order: PlantUML started (with how many diagrams), the downloads listed
    (the forked child makes them meanwhile), PlantUML collected, the downloads read; and the PlantUML processes
    started."""
    events: list[str] = []
    batches: list[Any] = []
    start, finish, assets = Renderer.start_many, RenderRun.finish, plugin_module.report_asset_makers

    def spy_start(self: Renderer, *args: Any, **kwargs: Any) -> RenderRun:
        run = start(self, *args, **kwargs)
        batches.extend(run._batches)
        events.append(f"start {run.count}")
        return run

    def spy_finish(self: RenderRun) -> Any:
        events.append("finish")
        return finish(self)

    def spy_assets(*args: Any) -> Any:
        events.append("assets")

        def reading(make: Any) -> Any:
            def read() -> Any:
                if "read" not in events:
                    events.append("read")
                return make()

            return read

        return {path: reading(make) for path, make in assets(*args).items()}

    monkeypatch.setattr(Renderer, "start_many", spy_start)
    monkeypatch.setattr(RenderRun, "finish", spy_finish)
    monkeypatch.setattr(plugin_module, "report_asset_makers", spy_assets)
    return events, batches


def _generate(project: Path) -> tuple[dict[str, Any], Renderer]:
    config = prepare(project, project / "mkdocs.yml", cache_root(project))
    return generate_tree(config), config.plugins["fanzone"].renderer


def test_the_diagrams_render_while_the_downloads_are_made(
    site_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FANZONE_PLANTUML_CACHE", str(tmp_path / "cold"))  # every diagram rendered
    events, _ = _events(monkeypatch)
    stats, used = _generate(site_project)
    assert events[:3] == [f"start {stats['rendered']}", "assets", "finish"] and stats["rendered"] > 0
    # the pages listing the downloads had nothing more to render; the files are read when the tree is written
    assert events[3:] == ["start 0", "finish", "read"]
    assert used.stats.batches == 1 and used.stats.rendered == stats["rendered"]  # one PlantUML run, as before


def test_a_build_stopped_while_plantuml_runs_leaves_nothing_behind(
    site_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FANZONE_PLANTUML_CACHE", str(tmp_path / "cold"))
    _, batches = _events(monkeypatch)

    def interrupted(*args: Any) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr(plugin_module, "report_asset_makers", interrupted)
    with pytest.raises(KeyboardInterrupt):
        _generate(site_project)
    assert batches, "no PlantUML run started"
    assert all(batch.process is not None and batch.process.returncode == -signal.SIGKILL for batch in batches)
    assert not any(batch.tmp.exists() for batch in batches)
    processes = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True, check=True).stdout
    assert not any(str(batch.tmp) in processes for batch in batches)


def test_a_diagram_error_is_reported_as_before(renderer: Renderer, monkeypatch: pytest.MonkeyPatch) -> None:
    """The run started early fails the same way as the one run when the SVGs are needed."""
    monkeypatch.setattr(plantuml_module, "TIMEOUT_SECONDS", 600)
    with pytest.raises(RenderError) as early, renderer.start_many([BAD]) as run:
        renderer.render_many([BAD], run)
    with pytest.raises(RenderError) as late:
        Renderer(renderer.engine, renderer.cache_dir).render_many([BAD])
    assert str(early.value) == str(late.value)


# --- the JVM's class archive (`jvm_archive.py`) ------------------------------------------------------------
@pytest.fixture
def user_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("FANZONE_CACHE", str(tmp_path / "user"))
    monkeypatch.delenv(jvm_archive.DISABLE_ENV, raising=False)
    return tmp_path / "user"


def test_the_first_run_writes_the_jvm_archive_the_next_ones_map_it(renderer: Renderer, user_cache: Path) -> None:
    path = jvm_archive.archive(renderer.engine)
    if path is None:
        pytest.skip("PlantUML runs through a wrapper command here, not java -jar")
    assert jvm_archive.command(renderer.engine, create=False) == (list(renderer.engine.command), None)
    first = renderer.render(SALT_DIAGRAM)
    assert path.is_file() and not list(path.parent.glob("*.tmp"))  # put in place, no scratch left
    program, scratch = jvm_archive.command(renderer.engine, create=True)
    assert f"-XX:SharedArchiveFile={path}" in program and scratch is None
    again = Renderer(renderer.engine, renderer.cache_dir.with_name("other-cache"))
    assert again.render(SALT_DIAGRAM) == first  # the same SVG, from a JVM with the archive mapped
    path.chmod(0o600)
    path.write_bytes(b"not an archive")  # another JDK's, or damaged: the JVM ignores it
    third = Renderer(renderer.engine, renderer.cache_dir.with_name("third-cache"))
    assert third.render(SALT_DIAGRAM) == first and third.version() == again.version()


def test_a_stopped_run_leaves_no_archive_behind(renderer: Renderer, user_cache: Path) -> None:
    path = jvm_archive.archive(renderer.engine)
    if path is None:
        pytest.skip("PlantUML runs through a wrapper command here, not java -jar")
    with renderer.start_many([_diagram(6)]) as run:
        assert run._batches[0].archive is not None
    assert not path.exists() and not list(path.parent.glob("*"))


def test_no_archive_for_a_wrapper_command_or_when_disabled(
    renderer: Renderer, user_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wrapper = Engine(("/usr/bin/plantuml",), "test")
    assert jvm_archive.command(wrapper, create=True) == (["/usr/bin/plantuml"], None)
    java = Engine(("/usr/bin/java", "-Djava.awt.headless=true", "-jar", "/opt/plantuml.jar"), "test")
    program, scratch = jvm_archive.command(java, create=True)
    assert (
        "-XX:+IgnoreUnrecognizedVMOptions" in program
        and scratch is not None
        and program[-2:] == list(java.command[-2:])
    )
    monkeypatch.setenv(jvm_archive.DISABLE_ENV, "1")
    assert jvm_archive.command(java, create=True) == (list(java.command), None)


def test_old_archives_are_pruned_when_a_new_one_is_put_in_place(user_cache: Path) -> None:
    folder = user_cache / jvm_archive.ARCHIVE_DIR
    folder.mkdir(parents=True)
    now = time.time()
    for age in range(6):  # six archives, one a day older than the other
        old = folder / f"plantuml-{age:016x}.jsa"
        old.write_bytes(b"archive")
        os.utime(old, (now - age * 86400, now - age * 86400))
    stale, fresh = folder / "plantuml-a.jsa.11.tmp", folder / "plantuml-b.jsa.12.tmp"
    for scratch, age in ((stale, 2 * 86400), (fresh, 60)):
        scratch.write_bytes(b"half")
        os.utime(scratch, (now - age, now - age))
    written = folder / f"plantuml-{'f' * 16}.jsa.{os.getpid()}.tmp"
    written.write_bytes(b"new archive")
    jvm_archive.publish(written, True)
    left = sorted(path.name for path in folder.iterdir())
    kept = [f"plantuml-{age:016x}.jsa" for age in range(jvm_archive.KEEP - 1)]  # the newest, with the new one
    assert left == sorted([*kept, f"plantuml-{'f' * 16}.jsa", fresh.name])  # a run may still write `fresh`
    jvm_archive.publish(None, True)
    jvm_archive.publish(folder / "plantuml-c.jsa.13.tmp", False)  # nothing written: nothing pruned
    assert sorted(path.name for path in folder.iterdir()) == left
