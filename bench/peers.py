"""The toolkit side by side with its peers, interleaved runs, ratios (issue 10's table).

Doorstop 3.2 and sphinx-needs 9.1 are installed into their own virtual environments under `.cache/bench/`
(once); their data is written by this script from the same synthetic backlog (`bench/synth.py`): one item / need
per story, linked to its epic and to the stories it depends on.

  validate 10k   `fanzone validate` vs `doorstop` (validates the tree), wall time including start-up; a file is
                 saved before each of our runs, so that the project is loaded and checked (not answered from
                 the last outcome, which `validate` shows again when no input changed)
  cold 1k        `fanzone build` (empty caches, diagrams rendered) vs `sphinx-build` (fresh output), 20 epic
                 pages + a needtable
  warm 1k        the same again, nothing changed, vs sphinx-build's incremental rebuild (ours answers from the
                 inputs' fingerprint: no load, no page generated, MkDocs not imported)
  cold 10k       `fanzone build` at 10,000 stories: ratio to the 1k cold build, and seconds
  shipped warm   `fanzone build` of the shipped project, warm, vs plain `mkdocs build` of exactly the same
                 generated tree (same Markdown, same inline SVG; no plugin)

    .venv/bin/python bench/peers.py [--runs 5] [--only validate cold warm cold10k shipped] [--quick]

`--quick` (a few minutes): 3 runs, validate at 1,000 stories, builds at 300 stories, no 10k build. Doorstop runs
with `--no-reformat` (otherwise it rewrites and `git add`s every item file: a validation then costs a process per
item); its YAML reader is pure Python, so Doorstop at 10,000 items takes minutes a run on this machine.
Each row also gives the ratio of CPU time (children's user + system), less sensitive to other work on the machine.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from synth import generate  # noqa: E402

BENCH = REPO / ".cache" / "bench"
PEERS = {"doorstop": "doorstop==3.2", "sphinx-needs": "sphinx-needs==9.1.0"}
TARGETS = {"validate": 0.15, "cold": 0.7, "warm": 1.5, "cold10k": 12.0, "shipped": 1.2}
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def peer_venv(name: str) -> Path:
    venv = BENCH / name
    if not (venv / ".installed").is_file():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", PEERS[name]], check=True)
        (venv / ".installed").touch()
    return venv / "bin"


class Timed(float):
    """Wall seconds of one run, with the CPU seconds its processes used (children's user + system)."""

    cpu: float = 0.0


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def wall(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> Timed:
    cpu = _children_cpu()
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env or ENV, capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):  # validate exits 1 on warnings-as-errors only with --strict
        raise SystemExit(f"{' '.join(command)} failed in {cwd}:\n{done.stderr[-2000:]}")
    timed = Timed(time.perf_counter() - started)
    timed.cpu = _children_cpu() - cpu
    return timed


def stories_of(root: Path) -> list[dict]:
    from generators.load import load_backlog

    backlog = load_backlog(root).backlog
    assert backlog is not None
    return [
        {"id": s.id, "epic": e.id, "title": s.title, "text": f"{s.i_want}, {s.so_that}", "deps": list(s.depends_on)}
        for e in backlog.epics
        for s in e.stories
    ]


def doorstop_tree(root: Path, stories: list[dict]) -> Path:
    """One Doorstop document of epics and one of stories (parent: epics); links = epic + dependencies."""
    import yaml

    tree = root / "doorstop"
    uid = {s["id"]: f"US{n:05d}" for n, s in enumerate(stories, 1)}
    epics = {e: f"EP{n:03d}" for n, e in enumerate(dict.fromkeys(s["epic"] for s in stories), 1)}
    for folder, prefix, parent in (("epics", "EP", None), ("stories", "US", "EP")):
        (tree / folder).mkdir(parents=True)
        settings = {"settings": {"digits": 5 if prefix == "US" else 3, "prefix": prefix, "sep": ""}}
        if parent:
            settings["settings"]["parent"] = parent
        (tree / folder / ".doorstop.yml").write_text(yaml.safe_dump(settings), encoding="utf-8")
    item = {
        "active": True,
        "derived": False,
        "header": "",
        "level": 1.0,
        "normative": True,
        "ref": "",
        "reviewed": None,
    }
    for n, (epic, code) in enumerate(epics.items(), 1):
        data = {**item, "level": f"1.{n}", "links": [], "text": epic}
        (tree / "epics" / f"{code}.yml").write_text(yaml.safe_dump(data), "utf-8")
    for n, story in enumerate(stories, 1):
        links = [{epics[story["epic"]]: None}, *({uid[d]: None} for d in story["deps"] if d in uid)]
        data = {**item, "level": f"1.{n}", "links": links, "text": f"{story['title']}: {story['text']}"}
        (tree / "stories" / f"{uid[story['id']]}.yml").write_text(yaml.safe_dump(data), encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(tree)], check=True)
    return tree


def sphinx_project(root: Path, stories: list[dict]) -> Path:
    """20 pages (one per epic) of `story` needs, linked like the backlog, and an index with a needtable."""
    src = root / "sphinx" / "src"
    src.mkdir(parents=True)
    (src / "conf.py").write_text(
        "extensions = ['sphinx_needs']\nproject = 'bench'\n"
        "needs_types = [dict(directive='story', title='Story', prefix='S_', color='#BFD8D2', style='node')]\n",
        encoding="utf-8",
    )
    epics: dict[str, list[dict]] = {}
    for story in stories:
        epics.setdefault(story["epic"], []).append(story)
    toc = "\n".join(f"   {epic}" for epic in epics)
    (src / "index.rst").write_text(f"Backlog\n=======\n\n.. toctree::\n\n{toc}\n\n.. needtable::\n", "utf-8")
    for epic, members in epics.items():
        out = [epic, "=" * len(epic), ""]
        for story in members:
            out += [f".. story:: {story['title']}", f"   :id: {story['id'].replace('-', '_')}"]
            if story["deps"]:
                out.append(f"   :links: {', '.join(d.replace('-', '_') for d in story['deps'])}")
            out += ["", f"   {story['text']}", ""]
        (src / f"{epic}.rst").write_text("\n".join(out), encoding="utf-8")
    return src


def interleaved(runs: int, a: Callable[[], float], b: Callable[[], float]) -> tuple[list[float], list[float]]:
    """`runs` pairs, the order alternating (a b, b a, …) so that load on the machine hits both alike."""
    first, second = [], []
    for run in range(runs):
        if run % 2:
            second.append(b())
            first.append(a())
        else:
            first.append(a())
            second.append(b())
    return first, second


def summary(name: str, ours: list[float], theirs: list[float], target: float, label: str) -> str:
    ratios = [x / y for x, y in zip(ours, theirs, strict=True)]
    median = statistics.median(ratios)
    verdict = "meets" if median <= target else "misses"
    cpu = [getattr(x, "cpu", 0.0) / max(getattr(y, "cpu", 0.0), 1e-3) for x, y in zip(ours, theirs, strict=True)]
    cpu_cell = f"{statistics.median(cpu):.2f}x" if all(isinstance(t, Timed) for t in (*ours, *theirs)) else "—"
    return (
        f"| {name} | {median:.2f}x (min–max {min(ratios):.2f}–{max(ratios):.2f}) | {cpu_cell} | ≤ {target}x | "
        f"{verdict} | ours {statistics.median(ours):.2f} s, {label} {statistics.median(theirs):.2f} s "
        f"(n={len(ratios)}) |"
    )


class Rows(list[str]):
    """The table's rows, each printed as soon as it is measured (a long run still shows what it finished)."""

    def __init__(self) -> None:
        super().__init__()
        print("| measure | wall ratio (median, min–max) | CPU ratio (median) | target | verdict | times (median) |")
        print("|---|---|---|---|---|---|", flush=True)

    def append(self, row: str) -> None:
        super().append(row)
        print(row, flush=True)


def fanzone(*args: str) -> list[str]:
    return [sys.executable, "-m", "generators", *args]


def cold_build(root: Path) -> float:
    shutil.rmtree(root / ".cache", ignore_errors=True)
    shutil.rmtree(root / "site", ignore_errors=True)
    return wall(fanzone("build"), root, {**ENV, "FANZONE_PLANTUML_CACHE": str(root / ".cache" / "plantuml")})


def warm_build(root: Path) -> float:
    return wall(fanzone("build"), root, {**ENV, "FANZONE_PLANTUML_CACHE": str(root / ".cache" / "plantuml")})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", nargs="+", default=list(TARGETS))
    parser.add_argument("--quick", action="store_true", help="3 runs, 1,000 / 300 stories, no 10k build")
    parser.add_argument("--validate-stories", type=int, default=10_000)
    parser.add_argument("--build-stories", type=int, default=1_000)
    args = parser.parse_args()
    if args.quick:
        args.runs, args.validate_stories, args.build_stories = 3, 1_000, 300
        args.only = [name for name in args.only if name != "cold10k"]
    rows = Rows()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if "validate" in args.only:
            n = args.validate_stories
            root = generate(work / "validate", stories=n)
            tree = doorstop_tree(root, stories_of(root))
            doorstop = [str(peer_venv("doorstop") / "doorstop"), "--no-reformat"]

            def validate() -> float:  # a file saved first: the project is loaded and checked (no remembered outcome)
                (root / "backlog" / "project.yaml").touch()
                return wall(fanzone("validate"), root)

            ours, theirs = interleaved(args.runs, validate, lambda: wall(doorstop, tree))
            rows.append(summary(f"validate {n:,} vs Doorstop", ours, theirs, TARGETS["validate"], "Doorstop"))
        cold_1k: list[float] = []
        if {"cold", "warm", "cold10k"} & set(args.only):
            root = generate(work / "build", stories=args.build_stories, epics=20, screens=20)
            src = sphinx_project(root, stories_of(root))
            sphinx = peer_venv("sphinx-needs") / "sphinx-build"
            out = src.parent / "out"

            def sphinx_cold() -> float:
                shutil.rmtree(out, ignore_errors=True)
                return wall([str(sphinx), "-q", "-b", "html", str(src), str(out)], src.parent)

            cold_1k, theirs = interleaved(args.runs, lambda: cold_build(root), sphinx_cold)
            size = f"{args.build_stories:,}"
            rows.append(summary(f"cold build {size} vs sphinx-needs", cold_1k, theirs, TARGETS["cold"], "sphinx-needs"))
            if "warm" in args.only:
                ours, theirs = interleaved(
                    args.runs,
                    lambda: warm_build(root),
                    lambda: wall([str(sphinx), "-q", "-b", "html", str(src), str(out)], src.parent),
                )
                rows.append(
                    summary(f"warm rebuild {size} vs sphinx-needs", ours, theirs, TARGETS["warm"], "sphinx-needs")
                )
        if "cold10k" in args.only and cold_1k:
            root = generate(work / "b10k", stories=10 * args.build_stories, epics=100, screens=20)
            ours = [cold_build(root) for _ in range(max(1, args.runs // 2))]
            base = [statistics.median(cold_1k)] * len(ours)
            rows.append(summary("cold build 10k vs 1k", ours, base, TARGETS["cold10k"], "1k build"))
            rows.append(
                f"| cold build 10k, seconds | {statistics.median(ours):.1f} s | — | ≤ 60 s | "
                f"{'meets' if statistics.median(ours) <= 60 else 'misses'} | |"
            )
        if "shipped" in args.only:
            rows.append(shipped(work, args.runs))
    return 0


def shipped(work: Path, runs: int) -> str:
    """`fanzone build` warm vs plain `mkdocs build` of the same generated tree (no plugin)."""
    from generators.site.build import cache_root, generate_tree, prepare
    from generators.site.zensical import zensical_config

    root = work / "shipped"
    root.mkdir()
    for name in ("backlog", "specs", "mockups", "includes", "mkdocs.yml"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, root / name)
    warm_build(root)  # fills the caches and the tree
    config_file = root / "mkdocs.yml"
    config = prepare(root, config_file, cache_root(root))
    generate_tree(config)
    plain = root / ".cache" / "plain-mkdocs.yml"
    plain.write_text(zensical_config(config_file, config, root / "plain-site"), encoding="utf-8")
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(plain)]
    ours, theirs = interleaved(runs, lambda: warm_build(root), lambda: wall(mkdocs, root))
    return summary("shipped warm rebuild vs plain mkdocs", ours, theirs, TARGETS["shipped"], "plain mkdocs")


if __name__ == "__main__":
    sys.exit(main())
