"""Benchmark: scheduling and reports on a synthetic backlog of N stories (default 10,000 in 100 epics).

Usage: .venv/bin/python bench/plan_reports.py [--stories N] [--repeat K] [--commits C]
Times (best and median of K runs):
- `schedule()` with the synthetic plan (velocity 400, 125 sprints) and with velocity 40 (about 950 sprints,
  10 % of the open stories pinned), both with random dependencies on earlier stories;
- the Gantt workbook (every story, week columns), the Kanban workbook and the whole-backlog workbook;
- the status history rebuilt from C git commits (2,000 stories in 20 epic files), then the flow metrics.
Targets: schedule < 1 s, Gantt and Kanban xlsx < 5 s each.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import generate

from generators.exports.workbook import backlog_workbook
from generators.load import load_backlog
from generators.load.git_history import history_from_git
from generators.model import Backlog
from generators.plan import schedule
from generators.reports.flow import flow_report
from generators.reports.gantt_xlsx import gantt_workbook
from generators.reports.kanban import build_board
from generators.reports.kanban_xlsx import kanban_workbook
from generators.reports.xlsx_kit import to_bytes

TODAY = dt.date(2025, 9, 1)


def timed(label: str, repeat: int, work: Callable[[], object]) -> object:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    print(f"{label:<58} best {min(times):6.3f} s   median {statistics.median(times):6.3f} s")
    return result


def load(root: Path) -> Backlog:
    result = load_backlog(root)
    if not result.ok or result.backlog is None:
        raise SystemExit("synthetic backlog did not validate")
    return result.backlog


def git(root: Path, *args: str, when: str | None = None) -> None:
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1"}
    if when:
        env |= {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    subprocess.run(
        ["git", "-c", "user.name=Bench", "-c", "user.email=bench@example.org", *args],
        cwd=root,
        env=env,
        check=True,
        capture_output=True,
    )


def git_history_case(tmp: Path, commits: int, repeat: int) -> None:
    root = generate(tmp / "history", 2_000, 20)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "initial", when="2025-03-17T09:00:00+01:00")
    rng = random.Random(3)
    files = sorted((root / "backlog" / "epics").glob("*.yaml"))
    moves = {"status: Terminé": "status: À faire", "status: À faire": "status: En cours"}
    moves["status: En cours"] = "status: Terminé"  # a rotation, so every commit changes some statuses
    started = time.perf_counter()
    for number in range(commits):
        for path in rng.sample(files, 2):
            text = path.read_text(encoding="utf-8")
            for old, new in moves.items():
                text = text.replace(old, new, 2 if "Terminé" in old else 4)
            path.write_text(text, encoding="utf-8")
        when = dt.datetime(2025, 3, 18, 9) + dt.timedelta(hours=12 * number)
        git(root, "commit", "-q", "-a", "-m", f"commit {number}", when=when.isoformat() + "+01:00")
    print(f"(made a repository of {commits + 1} commits in {time.perf_counter() - started:.1f} s)")
    history = timed(
        f"status history from git ({commits + 1} commits, 20 files)", repeat, lambda: history_from_git(root)
    )
    assert history is not None
    changes = sum(len(v) for v in history.stories.values())  # type: ignore[union-attr]
    print(f"  {len(history.stories)} stories, {changes} transitions")  # type: ignore[union-attr]
    backlog = load(root)
    plan = schedule(backlog, dt.date(2025, 9, 1))
    timed(
        "flow metrics (CFD, burndowns, cycle time...) on that history",
        repeat,
        lambda: flow_report(backlog, history, plan),
    )  # type: ignore[arg-type]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--stories", type=int, default=10_000)
    parser.add_argument("--epics", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--commits", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        backlog = load(generate(Path(tmp) / "synthetic", args.stories, args.epics))
        deps = sum(len(s.depends_on) for s in backlog.stories)
        print(f"stories={len(backlog.stories)} epics={len(backlog.epics)} dependencies={deps}")

        plan = timed("schedule (velocity 400, synthetic plan)", args.repeat, lambda: schedule(backlog, TODAY))
        heavy = load(Path(tmp) / "synthetic")
        heavy.project.velocity = 40
        rng = random.Random(11)
        for story in heavy.stories:
            if heavy.category(story).value != "done" and rng.random() < 0.1:
                story.sprint = rng.randint(1, heavy.project.sprints.count)
        heavy_plan = timed("schedule (velocity 40, 10 % pinned)", args.repeat, lambda: schedule(heavy, TODAY))
        print(
            f"  {len(heavy_plan.sprints)} sprints, {sum(s.overcommitted for s in heavy_plan.sprints)} overcommitted, "  # type: ignore[union-attr]
            f"critical path of {len(heavy_plan.critical_path)} items"  # type: ignore[union-attr]
        )
        timed("Gantt xlsx (every story, week columns)", args.repeat, lambda: to_bytes(gantt_workbook(backlog, plan)))  # type: ignore[arg-type]
        timed(
            "Kanban xlsx (board + cards)",
            args.repeat,
            lambda: to_bytes(kanban_workbook(build_board(backlog, plan))),  # type: ignore[arg-type]
        )
        timed(
            "backlog xlsx (summary + one sheet per epic)",
            args.repeat,
            lambda: to_bytes(backlog_workbook(backlog, plan)),
        )  # type: ignore[arg-type]
        git_history_case(Path(tmp), args.commits, args.repeat)


if __name__ == "__main__":
    main()
