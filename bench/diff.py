"""Benchmark: `fanzone diff` between a baseline and the working tree of a 10,000-story project.

Usage: .venv/bin/python bench/diff.py [--stories N] [--repeat K]
Makes the synthetic project (bench/synth.py) in a git repository, tags it as baseline v1.0, edits 1 % of the
stories (points and a criterion, in every epic file), then times the whole diff: reading the baseline from git
objects, loading the working tree, the semantic diff of every kind and the re-estimation summary.
Three measures, CPU time (the machine is shared: wall times vary with the others' load):
- cold, fetched baseline: the tag came from elsewhere (no snapshot of it in .git/fanzone/versions) and the
  parsed-YAML cache is empty (a private $FANZONE_CACHE): both sides are read and parsed;
- cold, after `baseline create` (which keeps the new baseline's snapshot): the working tree is parsed;
- warm: what a user gets once a command has read these files. Target: warm under 2 s.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import generate

from generators.cli.version_cmds import compare
from generators.versions.baselines import create

TARGET_SECONDS = 2.0
ENV = {
    "GIT_AUTHOR_NAME": "Bench",
    "GIT_AUTHOR_EMAIL": "b@x",
    "GIT_COMMITTER_NAME": "Bench",
    "GIT_COMMITTER_EMAIL": "b@x",
}


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env={**os.environ, **ENV})


def _edit(root: Path, every: int) -> int:
    edited = 0
    for path in sorted((root / "backlog" / "epics").glob("*.yaml")):
        lines = path.read_text(encoding="utf-8").split("\n")
        for index, line in enumerate(lines):
            if line.startswith("    points: ") and edited % every == 0 and index % every == 0:
                lines[index] = "    points: 13"
            if line.strip().startswith("then:") and index % (every * 7) == 0:
                lines[index] = line + " (modifié)"
                edited += 1
        path.write_text("\n".join(lines), encoding="utf-8")
        edited += 1
    return edited


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--stories", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    os.environ.update(ENV)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["FANZONE_CACHE"] = str(Path(tmp) / "cache")
        root = generate(Path(tmp) / "synthetic", args.stories)
        _git(root, "init", "-q", "-b", "main")
        _git(root, "add", "-A")
        _git(root, "commit", "-q", "-m", "v1")
        start_cpu = time.process_time()
        create(root, "spec/", "v1.0", "bench")
        create_cpu = time.process_time() - start_cpu
        _edit(root, 100)

        def run() -> tuple[float, float, dict, dict]:
            start, start_cpu = time.perf_counter(), time.process_time()
            document, summary = compare(root, None, None)
            return time.perf_counter() - start, time.process_time() - start_cpu, document, summary

        wall, cold_cpu, _, _ = run()
        print(f"cold, after `baseline create` ({create_cpu:.2f} s CPU): {wall:.2f} s, CPU {cold_cpu:.2f} s")
        shutil.rmtree(root / ".git" / "fanzone", ignore_errors=True)  # as if the tag had been fetched
        shutil.rmtree(os.environ["FANZONE_CACHE"], ignore_errors=True)
        wall, fetched_cpu, _, _ = run()
        print(f"cold, fetched baseline (nothing cached): {wall:.2f} s, CPU {fetched_cpu:.2f} s")
        times, cpu = [], []
        for _ in range(args.repeat):
            wall, used, document, summary = run()
            times.append(wall)
            cpu.append(used)
        changed = document["totals"]["changed"]
        warm, warm_cpu = times, cpu
        best, median = min(warm), statistics.median(warm)
        print(f"{args.stories} stories, {changed} objects changed, {summary['totals']['reestimate']} to re-estimate")
        print(
            f"warm: best {best:.2f} s, median {median:.2f} s, CPU {min(warm_cpu):.2f} s (target < {TARGET_SECONDS} s)"
        )
        sys.exit(0 if min(warm_cpu) < TARGET_SECONDS else 1)


if __name__ == "__main__":
    main()
