"""Page generation benchmark: the generation step alone (every page, diagram, chart and workbook written into
`.cache/fanzone/docs`), without the site engine, each run in a fresh process as `fanzone build` runs it.

Copies the shipped content to a temporary folder, then times, interleaved `--runs` times: a warm generation
(nothing changed), and a generation after editing one story (its title). CPU time (user + system of the child
process) is the figure to compare on a shared machine; wall time is shown beside it.

    .venv/bin/python bench/generate_pages.py [--runs 5] [--profile] [--compare /work/main]

`--compare CHECKOUT` times another checkout of the toolkit (its `.venv/bin/python` and code) on its own copy of
the same content, interleaved with this one, so that both see the same machine load.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from project_copy import copy_project

REPO = Path(__file__).resolve().parent.parent
_TITLE = re.compile(r"^(    title: )(.+)$", re.M)


def child(project: Path, profile: bool, code: Path) -> None:
    """One generation step (what `fanzone build` runs before the engine); prints its figures as JSON."""
    sys.path.insert(0, str(code))
    started = time.perf_counter()
    from generators.site.build import cache_root, generate_tree, prepare

    cache = cache_root(project)
    config = prepare(project, project / "mkdocs.yml", cache)
    if profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        stats = profiler.runcall(generate_tree, config)
        pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(40)
    else:
        stats = generate_tree(config)
    keep = ("generated_pages", "rendered", "written", "kept", "reports_seconds", "prerender_seconds")
    figures = {key: stats.get(key) for key in keep} | {"seconds": time.perf_counter() - started}
    figures["heavy"] = sorted(m for m in ("matplotlib", "openpyxl", "numpy") if m in sys.modules)
    figures["made"] = stats.get("derived_made")
    print(json.dumps(figures))


def run(project: Path, profile: bool = False, code: Path = REPO) -> tuple[float, float, dict]:
    """(wall, CPU, figures) of one generation in a fresh process, with the toolkit of checkout `code`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    python = code / ".venv" / "bin" / "python"
    argv = [str(python), __file__, "--child", str(project), "--code", str(code)] + (["--profile"] if profile else [])
    done = subprocess.run(argv, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"generation failed:\n{done.stderr[-3000:]}")
    if profile:
        print(done.stderr)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, json.loads(done.stdout.strip().splitlines()[-1])


def _summary(values: list[float]) -> str:
    return f"{statistics.median(values):5.2f} s ({min(values):.2f}-{max(values):.2f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", action="store_true", help="print a cProfile of one warm generation")
    parser.add_argument("--compare", type=Path, metavar="CHECKOUT", help="another checkout to time alongside")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--code", type=Path, default=REPO, help=argparse.SUPPRESS)
    args = parser.parse_args()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    if args.child:
        child(args.child, args.profile, args.code)
        return
    checkouts = {"this": REPO} | ({"other": args.compare.resolve()} if args.compare else {})
    times: dict[str, tuple[list[float], list[float]]] = {}
    figures: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="fanzone-bench-generate-") as tmp:
        os.environ.setdefault("FANZONE_PLANTUML_CACHE", str(REPO / ".cache" / "plantuml"))
        os.environ["FANZONE_CACHE"] = str(Path(tmp) / "user-cache")
        projects = {name: copy_project(Path(tmp) / name) for name in checkouts}
        for name, code in checkouts.items():
            _, cold_cpu, cold = run(projects[name], code=code)
            print(f"{name}: cold (empty caches but PlantUML's): CPU {cold_cpu:.2f} s, {cold}")
            run(projects[name], code=code)
        epics = {name: sorted((project / "backlog" / "epics").glob("*.yaml"))[0] for name, project in projects.items()}
        original = next(iter(epics.values())).read_text(encoding="utf-8")
        for index in range(args.runs):
            for name, code in checkouts.items():
                for measure in ("warm", "one story edited"):
                    if measure != "warm":
                        edited = _TITLE.sub(rf"\g<1>\g<2> (v{index})", original, count=1)
                        epics[name].write_text(edited, encoding="utf-8")
                    wall, cpu, figures[f"{name} {measure}"] = run(projects[name], code=code)
                    walls, cpus = times.setdefault(f"{name} {measure}", ([], []))
                    walls.append(wall)
                    cpus.append(cpu)
        if args.profile:
            run(projects["this"], profile=True)
    print(f"{'measure':<24} {'CPU median (min-max)':<24} {'wall median (min-max)':<24} figures")
    for name, (walls, cpus) in times.items():
        print(f"{name:<24} {_summary(cpus):<24} {_summary(walls):<24} {figures[name]}")


if __name__ == "__main__":
    main()
