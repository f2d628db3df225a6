"""Growth of each build step with the number of stories (1k, 10k, 50k by default): any step whose time grows more
than 1.3 times faster than its input is a defect (quadratic somewhere). Also the peak memory of `fanzone validate`.

Steps (CPU seconds of this process, so that other work on the machine matters less): load (read + validate),
schedule, pages (every generated page of the site), reports (planning pages, charts, workbooks), print page,
mkdocs (building the generated tree; only up to `--mkdocs-max` stories, it is the slowest).

    .venv/bin/python bench/growth.py [--sizes 1000 10000 50000] [--mkdocs-max 10000]
"""

from __future__ import annotations

import argparse
import itertools
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from synth import generate  # noqa: E402

LIMIT = 1.3  # a step may grow at most this much faster than its input
MEMORY_LIMIT_MIB = 500
STEPS = ("load", "schedule", "pages", "reports", "print page", "mkdocs")


def _cpu(action) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    started = time.process_time()
    result = action()
    return time.process_time() - started, result


def measure(stories: int, with_mkdocs: bool, folder: Path) -> dict[str, float]:
    from generators.context import ProjectContext
    from generators.load import load_backlog
    from generators.site import reports_wiring as plugin
    from generators.site.pages_backlog import LatePage, backlog_pages
    from generators.site.pages_screens import screen_pages
    from generators.site.print_page import Source, print_page

    root = generate(folder / f"p{stories}", stories=stories, epics=max(20, stories // 100))
    times: dict[str, float] = {}
    times["load"], result = _cpu(lambda: load_backlog(root))
    assert result.backlog is not None and not result.errors, result.errors[:3]  # type: ignore[attr-defined]
    ctx = ProjectContext(root, result.backlog)  # type: ignore[attr-defined]
    times["schedule"], _ = _cpu(lambda: ctx.schedule)
    times["pages"], pages = _cpu(lambda: [*backlog_pages(ctx), *screen_pages(ctx)])
    times["reports"], _ = _cpu(
        lambda: (
            [page.made() if isinstance(page, LatePage) else page for page in plugin.planning_pages(ctx, False)],
            plugin.report_assets(ctx),
        )
    )
    sources = [Source(p.path, p.title, p.markdown) for p in pages]  # type: ignore[attr-defined]
    times["print page"], _ = _cpu(lambda: print_page(sources))
    if with_mkdocs:
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "generators", "build"], cwd=root, env=env, check=True, capture_output=True
        )
        times["mkdocs"] = time.perf_counter() - started  # wall time (a child process), whole `fanzone build`
    return times


def peak_validate_mib(stories: int, folder: Path) -> float:
    root = generate(folder / f"v{stories}", stories=stories)
    script = (
        "import resource, sys; from generators.cli import main; sys.argv=['fanzone','validate'];\n"
        "try: main()\nexcept SystemExit: pass\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=root, capture_output=True, text=True, check=False)
    return int(done.stdout.strip().splitlines()[-1]) / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 50000])
    parser.add_argument("--mkdocs-max", type=int, default=10000)
    parser.add_argument("--memory", type=int, default=50000, help="stories for the validate memory check (0: skip)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        results = {n: measure(n, n <= args.mkdocs_max, folder) for n in args.sizes}
        print("| step | " + " | ".join(f"{n:,} stories" for n in args.sizes) + " | growth vs input | verdict |")
        print("|---|" + "---|" * (len(args.sizes) + 2))
        defects = 0
        for step in STEPS:
            sizes = [n for n in args.sizes if step in results[n]]
            cells = [f"{results[n][step]:.2f} s" if step in results[n] else "—" for n in args.sizes]
            growth = [(results[b][step] / max(results[a][step], 1e-3)) / (b / a) for a, b in itertools.pairwise(sizes)]
            worst = max(growth, default=0.0)
            verdict = "—" if not growth else ("linear" if worst <= LIMIT else "DEFECT: grows faster than input")
            defects += worst > LIMIT
            shown = ", ".join(f"{g:.2f}x" for g in growth) or "—"
            print(f"| {step} | " + " | ".join(cells) + f" | {shown} | {verdict} |")
        if args.memory:
            mib = peak_validate_mib(args.memory, folder)
            verdict = "meets" if mib <= MEMORY_LIMIT_MIB else "DEFECT"
            limit = f"{verdict} ≤ {MEMORY_LIMIT_MIB}"
            print(f"\npeak RSS, `fanzone validate` on {args.memory:,} stories: {mib:.0f} MiB ({limit})")
            defects += mib > MEMORY_LIMIT_MIB
    print(f"\n{maxrss_note()}")
    return 1 if defects else 0


def maxrss_note() -> str:
    used = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return f"(growth = time ratio divided by input ratio; > {LIMIT} is a defect; this process peaked at {used:.0f} MiB)"


if __name__ == "__main__":
    sys.exit(main())
