"""Start-up time of the command line: median (min-max) of repeated runs, interleaved.

    .venv/bin/python bench/startup.py [--runs 10] [--compare OTHER/.venv/bin/fanzone]

`--compare` also times another installation (e.g. the main branch's) interleaved with this one, so that
both see the same machine load.

Targets (issue 10): `fanzone --help` <= 0.25 s, `fanzone validate` on the shipped project <= 0.5 s.
`python -c pass` is shown for comparison (the interpreter's own start-up on this machine). `validate` answers
from its last outcome when no input changed; "validate, file saved" touches backlog/project.yaml before each
run (its modification time changes, not its content), so that the project is loaded and checked each time.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TARGETS = {"fanzone --help": 0.25, "fanzone validate": 0.5}


def _fanzone() -> list[str]:
    script = Path(sys.executable).parent / "fanzone"
    return [str(script)] if script.exists() else [shutil.which("fanzone") or "fanzone"]


def commands(other: str | None = None) -> dict[str, list[str]]:
    cmds = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "fanzone --help": [*_fanzone(), "--help"],
        "fanzone validate": [*_fanzone(), "validate"],
        "validate, file saved": [*_fanzone(), "validate"],
    }
    if other:
        cmds |= {"other --help": [other, "--help"], "other validate": [other, "validate"]}
    return cmds


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


SAVED = REPO / "backlog" / "project.yaml"  # touched before the "file saved" runs


def run_once(argv: list[str], touch: bool = False) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one run (`touch`: the project file saved just before)."""
    if touch:
        SAVED.touch()
    cpu = _children_cpu()
    started = time.perf_counter()
    done = subprocess.run(argv, cwd=REPO, capture_output=True, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({done.returncode}):\n{done.stderr.decode(errors='replace')}")
    return elapsed, _children_cpu() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--compare", metavar="FANZONE", help="another fanzone executable to time alongside")
    args = parser.parse_args()
    runs = args.runs
    cmds = commands(args.compare)
    for argv in cmds.values():  # warm the file cache and the bytecode
        run_once(argv)
    times: dict[str, list[float]] = {name: [] for name in cmds}
    cpu: dict[str, list[float]] = {name: [] for name in cmds}
    for _ in range(runs):
        for name, argv in cmds.items():
            elapsed, used = run_once(argv, touch=name.endswith("file saved"))
            times[name].append(elapsed)
            cpu[name].append(used)
    print(f"{'command':<22} {'median':>8} {'min':>8} {'max':>8} {'CPU':>8}  target (wall)")
    for name, values in times.items():
        target = TARGETS.get(name)
        verdict = (
            ""
            if target is None
            else f"<= {target:.2f} s " + ("ok" if statistics.median(values) <= target else "MISSED")
        )
        median_cpu = statistics.median(cpu[name])
        print(
            f"{name:<22} {statistics.median(values):8.3f} {min(values):8.3f} {max(values):8.3f} {median_cpu:8.3f}  "
            f"{verdict}"
        )


if __name__ == "__main__":
    main()
