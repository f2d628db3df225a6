"""The reports' charts, workbooks and forecast made by a forked child while the parent generates the pages
(`site/prefetch.py`): the parent reads the child's work back instead of making it again; a child that fails,
is killed or hangs leaves its work to the parent (same tree, same errors); no process is ever left behind."""

from __future__ import annotations

import io
import os
import shutil
import signal
import threading
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generators.reports import pages as report_pages
from generators.signed_cache import SignedCache
from generators.site import generate as generate_module
from generators.site import prefetch, reports_wiring
from generators.site.build import cache_root, generate_tree, prepare
from generators.site.plantuml import Renderer

WORKBOOKS = ["fanzone-backlog.xlsx", "fanzone-gantt.xlsx", "fanzone-kanban.xlsx"]
ALL_TASKS = ["backlog", "forecast", "gantt", "reports"]  # the child's (`reports_wiring.prefetch_tasks`), sorted


@pytest.fixture
def forks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Forking allowed here (other tests' idle threads, e.g. a served site, would forbid it); the children's
    pids, recorded."""
    monkeypatch.setenv("FANZONE_CACHE", str(tmp_path / "user"))
    monkeypatch.delenv(prefetch.DISABLE_ENV, raising=False)
    monkeypatch.setattr(prefetch, "fork_is_safe", lambda: True)
    pids: list[int] = []
    real_fork = os.fork

    def recording_fork() -> int:
        pid = real_fork()
        if pid:
            pids.append(pid)
        return pid

    monkeypatch.setattr(prefetch.os, "fork", recording_fork)
    return pids


def _made_here(monkeypatch: pytest.MonkeyPatch, in_child: Callable[[], Any] | None = None) -> list[str]:
    """What the makers of the workbooks and the forecast made in this process (the child's calls are not
    seen here); `in_child` runs instead of them in the child."""
    parent = os.getpid()
    calls: list[str] = []

    def spy(name: str, real: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any) -> Any:
            if os.getpid() != parent and in_child is not None:
                in_child()
            calls.append(name)
            return real(*args)

        return wrapper

    monkeypatch.setattr(report_pages, "_gantt", spy("gantt", report_pages._gantt))
    monkeypatch.setattr(report_pages, "_kanban_workbook", spy("kanban", report_pages._kanban_workbook))
    monkeypatch.setattr(reports_wiring, "_backlog", spy("backlog", reports_wiring._backlog))
    return calls


def _digests_here(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The context's inputs digested in this process (`report_pages.input_digest`)."""
    parent, names = os.getpid(), []
    real = report_pages.digest

    def spy(*values: Any) -> str:
        if os.getpid() == parent:
            names.append(type(values[0]).__name__)
        return real(*values)

    monkeypatch.setattr(report_pages, "digest", spy)
    return names


def _generate(project: Path) -> tuple[dict[str, object], dict[str, Any]]:
    config = prepare(project, project / "mkdocs.yml", cache_root(project))
    stats = generate_tree(config)
    tree = Path(config.docs_dir)
    files: dict[str, object] = {}
    for path in sorted(p for p in tree.rglob("*") if p.is_file()):
        name, data = path.relative_to(tree).as_posix(), path.read_bytes()
        if name == ".fanzone-tree.json":  # the hashes of the files, workbooks (and their save time) included
            continue
        if name.endswith(".xlsx"):  # but for their save time
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                files[name] = {n: archive.read(n) for n in archive.namelist() if n != "docProps/core.xml"}
        else:
            files[name] = data
    return files, stats


def _reaped(pid: int) -> bool:
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def _alone(project: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    """The tree generated with no child at all, from a cold store."""
    shutil.rmtree(project / ".cache" / "fanzone")
    with monkeypatch.context() as patch:
        patch.setattr(prefetch, "fork_is_safe", lambda: False)
        files, stats = _generate(project)
    assert stats["reports_child"] == [] and stats["derived_made"]
    return files


def test_the_parent_reads_back_what_the_child_made(
    site_project: Path, tmp_path: Path, forks: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    parent, done = os.getpid(), tmp_path / "child-done"
    made_here = _made_here(monkeypatch)
    real_workbook = reports_wiring.backlog_workbook

    def last_task(*args: Any) -> Any:  # the child's last task: says when it is done
        made = real_workbook(*args)
        if os.getpid() != parent:
            done.write_text("")
        return made

    monkeypatch.setattr(reports_wiring, "backlog_workbook", last_task)
    real = generate_module.declared_requirements

    def late(ctx: Any) -> Any:  # the parent reaches the downloads after the child made them all
        deadline = time.monotonic() + 60
        while not done.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        return real(ctx)

    monkeypatch.setattr(generate_module, "declared_requirements", late)
    digested_here = _digests_here(monkeypatch)
    files, stats = _generate(site_project)
    assert made_here == []  # every workbook came from the child, through the store
    assert digested_here == []  # and the digests of the inputs, which the child computed, with its reports
    assert stats["reports_child"] == ALL_TASKS and stats["reports_parent"] == []
    assert sorted(stats["derived_made"]) == sorted([*WORKBOOKS, "forecast"])  # made by this build, once each
    assert stats["derived_hits"] == 0  # what the child made this build is not counted as read back
    assert len(forks) == 1 and _reaped(forks[0])
    assert files == _alone(site_project, monkeypatch)  # the same tree as without a child


def test_the_parent_takes_the_last_task_when_it_gets_there_first(
    site_project: Path, forks: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Renderer, "rendering", lambda self: False)  # a core is idle (no PlantUML running)
    made_here = _made_here(monkeypatch, in_child=lambda: time.sleep(6))  # longer than the parent takes to get there
    files, stats = _generate(site_project)
    # the child's last two tasks, not begun while it made the Gantt workbook: made here from the last, not waited for
    assert made_here == ["kanban", "backlog"] and stats["reports_parent"] == ["reports", "backlog"]
    assert stats["reports_child"] == ["forecast", "gantt"]  # the rest came from the child
    assert sorted(stats["derived_made"]) == sorted([*WORKBOOKS, "forecast"])  # the backlog's made once
    assert len(forks) == 1 and _reaped(forks[0])
    assert files == _alone(site_project, monkeypatch)


def test_the_parent_only_waits_while_plantuml_keeps_the_cores_busy(
    site_project: Path, forks: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Renderer, "rendering", lambda self: True)
    made_here = _made_here(monkeypatch, in_child=lambda: time.sleep(1))
    _, stats = _generate(site_project)
    assert made_here == [] and stats["reports_parent"] == []  # a third process would only slow the others
    assert stats["reports_child"] == ALL_TASKS
    assert len(forks) == 1 and _reaped(forks[0])


@pytest.mark.parametrize("how", ["fails", "is killed"])
def test_the_parent_makes_what_the_child_did_not(
    site_project: Path, forks: list[int], monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    def broken() -> None:
        if how == "fails":
            raise RuntimeError("the child's workbook failed")
        os.kill(os.getpid(), signal.SIGKILL)

    made_here = _made_here(monkeypatch, in_child=broken)
    files, stats = _generate(site_project)
    assert "forecast" in stats["reports_child"] and "reports" not in stats["reports_child"]
    assert "gantt" in made_here  # then made here, the same
    assert len(forks) == 1 and _reaped(forks[0])
    assert files == _alone(site_project, monkeypatch)


def test_an_error_in_the_reports_is_raised_as_without_a_child(
    site_project: Path, forks: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any) -> bytes:
        raise RuntimeError("no Gantt today")

    monkeypatch.setattr(report_pages, "_gantt", broken)
    with pytest.raises(RuntimeError, match="no Gantt today"):
        _generate(site_project)
    assert len(forks) == 1 and _reaped(forks[0])


def test_an_interrupted_build_leaves_no_process_behind(
    site_project: Path, forks: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    parent = os.getpid()
    real_forecast = report_pages.forecast_texts

    def slow_forecast(*args: Any) -> Any:  # the child's first task: busy when the parent stops
        if os.getpid() != parent:
            time.sleep(60)
        return real_forecast(*args)

    monkeypatch.setattr(report_pages, "forecast_texts", slow_forecast)
    real = generate_module.declared_requirements

    def interrupted(ctx: Any) -> Any:
        if os.getpid() == parent:
            raise KeyboardInterrupt
        return real(ctx)

    monkeypatch.setattr(generate_module, "declared_requirements", interrupted)
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        _generate(site_project)
    assert time.monotonic() - started < 30  # the child was stopped, not waited for
    assert len(forks) == 1 and _reaped(forks[0])


def test_a_hung_child_is_stopped_and_its_work_made_here(
    site_project: Path, forks: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(prefetch, "WAIT_SECONDS", 3.0)
    made_here = _made_here(monkeypatch, in_child=lambda: time.sleep(60))
    started = time.monotonic()
    _, stats = _generate(site_project)
    assert time.monotonic() - started < 30
    assert "reports" not in stats["reports_child"] and sorted(made_here) == ["backlog", "gantt", "kanban"]
    assert len(forks) == 1 and _reaped(forks[0])


def test_no_child_in_a_process_with_other_threads(
    site_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`fanzone serve` rebuilds while its server and watcher threads run: a fork would copy their locks."""
    monkeypatch.setenv("FANZONE_CACHE", str(tmp_path / "user"))
    monkeypatch.delenv(prefetch.DISABLE_ENV, raising=False)
    safe_before = prefetch.fork_is_safe()  # False when a session fixture's server thread runs
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not prefetch.fork_is_safe()
        made_here = _made_here(monkeypatch)
        _, stats = _generate(site_project)
    finally:
        stop.set()
        thread.join()
    assert stats["reports_child"] == stats["reports_parent"] == [] and sorted(made_here) == [
        "backlog",
        "gantt",
        "kanban",
    ]
    assert prefetch.fork_is_safe() == safe_before  # the thread's end makes a fork safe again (if it was)


def _loaded(project: Path) -> Any:
    from generators.context import ProjectContext

    result = ProjectContext.load(project)
    assert result.backlog is not None and not result.errors
    return ProjectContext(project, result.backlog)


def test_the_child_fanzone_build_forks_on_loading_is_the_one_the_build_uses(
    site_project: Path, forks: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    from generators.site.early import start_reports
    from generators.site.provided import provide_context, provide_prefetch

    made_here = _made_here(monkeypatch)
    ctx = _loaded(site_project)
    child = start_reports(ctx)  # as `fanzone build` does, before MkDocs is imported
    assert child is not None and len(forks) == 1
    with child, provide_context(ctx), provide_prefetch(child):
        files, stats = _generate(site_project)
    assert len(forks) == 1 and _reaped(forks[0])  # no second child
    assert made_here == [] and stats["reports_child"] == ALL_TASKS
    assert sorted(stats["derived_made"]) == sorted([*WORKBOOKS, "forecast"])  # made once, by the child
    assert files == _alone(site_project, monkeypatch)


def test_a_child_making_another_store_is_not_used(
    site_project: Path, tmp_path: Path, forks: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    from generators.signed_cache import SignedCache
    from generators.site.prefetch import Prefetch
    from generators.site.provided import provide_context, provide_prefetch

    ctx = _loaded(site_project)
    elsewhere = SignedCache(tmp_path / "elsewhere")
    stranger = Prefetch.start(reports_wiring.prefetch_tasks(ctx, elsewhere), elsewhere)
    assert stranger is not None
    with stranger, provide_context(ctx), provide_prefetch(stranger):
        files, stats = _generate(site_project)
        assert stranger.status is None  # left to its owner
    assert len(forks) == 2 and all(_reaped(pid) for pid in forks)  # the build forked its own
    assert {"forecast", "gantt"} <= set(stats["reports_child"])  # (the last two, the parent may take)
    assert files == _alone(site_project, monkeypatch)


def test_a_build_without_planning_stops_the_early_child(site_project: Path, forks: list[int]) -> None:
    from generators.site.early import start_reports
    from generators.site.provided import provide_context, provide_prefetch

    ctx = _loaded(site_project)
    child = start_reports(ctx)  # forked before the configuration (and its `planning: false`) is read
    assert child is not None
    with child, provide_context(ctx), provide_prefetch(child):
        config = prepare(site_project, site_project / "mkdocs.yml", cache_root(site_project))
        config.plugins["fanzone"].config["planning"] = False
        stats = generate_tree(config)
        assert child.status is not None  # stopped and reaped by the build, not left making workbooks
    assert len(forks) == 1 and stats["reports_child"] == [] and stats["derived_made"] == []


def test_the_child_hands_back_its_values_and_a_broken_report_hands_back_nothing(
    tmp_path: Path, forks: list[int]
) -> None:
    store = SignedCache(tmp_path / "store")
    given: list[dict[str, str]] = []
    values = {"digest.backlog": "", "seen": ""}

    def first() -> None:
        values["digest.backlog"] = "abc"

    def second() -> None:
        values["seen"] = "2"

    handback = prefetch.Handback(lambda: dict(values), given.append)
    with prefetch.Prefetch.start({"first": first, "second": second}, store, handback) as child:
        assert child is not None and child.wait("second")
    assert given[-1] == {"digest.backlog": "abc", "seen": "2"}  # as the child had them after its last task
    assert child.done == {"first": True, "second": True}

    def broken() -> dict[str, str]:
        raise ValueError("not text")

    given.clear()
    with prefetch.Prefetch.start({"only": first}, store, prefetch.Handback(broken, given.append)) as child:
        assert child is not None and child.wait("only")
    assert child.done == {"only": True} and given == []  # the task's report came, without values
    assert all(_reaped(pid) for pid in forks)


def test_a_value_offered_never_replaces_one_the_context_computed(site_project: Path) -> None:
    from generators.cli.common import load_or_exit
    from generators.context import ProjectContext

    ctx = ProjectContext(site_project, load_or_exit(site_project, quiet_warnings=True))
    mine = report_pages.input_digest(ctx, "backlog")
    ctx.offer({f"{report_pages.DIGEST_PREFIX}backlog": "other", f"{report_pages.DIGEST_PREFIX}history": "given"})
    assert report_pages.input_digest(ctx, "backlog") == mine
    assert report_pages.input_digest(ctx, "history") == "given"
    assert ctx.derived_texts(report_pages.DIGEST_PREFIX) == {
        f"{report_pages.DIGEST_PREFIX}backlog": mine,
        f"{report_pages.DIGEST_PREFIX}history": "given",
    }


def test_plantuml_starts_before_the_build_waits_for_the_forecast(
    site_project: Path, forks: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The forecast's page is made last: the other pages' diagrams are not held up by the child's forecast."""
    (site_project / "specs" / "flux.md").write_text("# Flux\n\n```plantuml\nA -> B : paie\n```\n", encoding="utf-8")
    monkeypatch.setenv("FANZONE_PLANTUML_CACHE", str(site_project / "rendu"))  # cold: diagrams to draw
    parent, events = os.getpid(), []
    real_forecast, real_start, real_wait = report_pages.forecast_texts, Renderer.start_many, prefetch.Prefetch.wait

    def slow_forecast(*args: Any) -> Any:
        if os.getpid() != parent:
            time.sleep(2)
        return real_forecast(*args)

    def start(self: Renderer, *args: Any, **kwargs: Any) -> Any:
        events.append("plantuml")
        return real_start(self, *args, **kwargs)

    def wait(self: prefetch.Prefetch, name: str, timeout: float | None = None) -> bool:
        events.append(f"wait {name}")
        return real_wait(self, name, timeout)

    monkeypatch.setattr(report_pages, "forecast_texts", slow_forecast)
    monkeypatch.setattr(Renderer, "start_many", start)
    monkeypatch.setattr(prefetch.Prefetch, "wait", wait)
    files, stats = _generate(site_project)
    assert events.index("plantuml") < events.index(f"wait {reports_wiring.FORECAST}")
    assert stats["rendered"] >= 1 and "forecast" in stats["reports_child"]
    assert "# Prévision" in files["planning/prevision.md"].decode("utf-8")  # type: ignore[union-attr]
    assert len(forks) == 1 and _reaped(forks[0])


def test_the_child_runs_its_first_task_at_the_builds_priority_and_the_rest_lower(
    tmp_path: Path, forks: list[int]
) -> None:
    """The forecast (first) is waited for soonest: it competes on equal terms; then PlantUML goes first."""
    seen = tmp_path / "seen"
    seen.mkdir()

    def record(name: str) -> Callable[[], None]:
        return lambda: (seen / name).write_text(str(os.nice(0)), encoding="ascii")

    tasks = {name: record(name) for name in ("first", "second", "third")}
    with prefetch.Prefetch.start(tasks, SignedCache(tmp_path / "store")) as child:
        assert child is not None and child.wait("third")
    mine = os.nice(0)
    assert {name: int((seen / name).read_text()) for name in tasks} == {
        "first": mine,
        "second": min(mine + prefetch.NICENESS, 19),
        "third": min(mine + prefetch.NICENESS, 19),
    }
    assert all(_reaped(pid) for pid in forks)
