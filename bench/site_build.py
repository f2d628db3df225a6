"""Site build benchmark: cold build, warm rebuild, one-screen edit, per-diagram cost, pages and diagrams.

Copies the project's content (backlog/, specs/, mockups/, includes/, mkdocs.yml) to a temporary folder and
builds it with `generators.site.build.build_site` (what `fanzone build` runs):
  - cold: empty PlantUML cache, every diagram rendered (in one batched PlantUML run);
  - warm: same content again, every diagram read from the cache (no JVM started);
  - one screen edited: one wireframe (and the flow map it appears in) rendered again;
  - per diagram: the batched cold render time divided by the number of diagrams, against one JVM per
    diagram (what plantuml-markdown does without our cache), measured on a sample of the same diagrams.

    .venv/bin/python bench/site_build.py [--runs 3] [--sample 6] [--write-readme]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from project_copy import copy_project  # noqa: E402

from generators.site.build import build_site  # noqa: E402
from generators.site.engine import DEFAULT_JAR, PLANTUML_VERSION, resolve_engine  # noqa: E402
from generators.site.plantuml import Renderer, prepare  # noqa: E402

README = REPO / "bench" / "README.md"
SECTION = "## Site build"


def timed_build(project: Path, site: Path) -> tuple[float, dict]:
    started = time.perf_counter()
    report = build_site(project, site_dir=site)
    return time.perf_counter() - started, report.stats


def sample_diagrams(project: Path, count: int) -> list[str]:
    """Wireframes and flow maps of the project, as the plugin generates them."""
    from generators.load import load_backlog
    from generators.site.fences import diagrams_in
    from generators.site.pages_screens import screen_pages

    backlog = load_backlog(project).backlog
    assert backlog is not None
    codes = [d.code for page in screen_pages(backlog, True) for d in diagrams_in(page.markdown, "svg", page.path)]
    step = max(len(codes) // max(count, 1), 1)
    return codes[::step][:count]


def one_jvm_per_diagram(codes: list[str]) -> float:
    """Mean seconds per diagram when each one starts its own PlantUML process, as plantuml-markdown does."""
    engine = resolve_engine(REPO)
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        for index, code in enumerate(codes):
            text, _ = prepare(code)
            path = Path(tmp) / f"d{index}.puml"
            path.write_text(text, encoding="utf-8")
            started = time.perf_counter()
            subprocess.run(
                [*engine.command, "-tsvg", "-charset", "UTF-8", "-o", tmp, str(path)], capture_output=True, check=False
            )
            times.append(time.perf_counter() - started)
    return statistics.mean(times) if times else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="warm rebuilds to time (best and median reported)")
    parser.add_argument("--sample", type=int, default=6, help="diagrams rendered one JVM each, for comparison")
    parser.add_argument("--write-readme", action="store_true", help=f"rewrite '{SECTION}' in bench/README.md")
    args = parser.parse_args()

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    jar = REPO / DEFAULT_JAR
    if jar.is_file() and not os.environ.get("FANZONE_PLANTUML"):
        os.environ["FANZONE_PLANTUML"] = str(jar)
    with tempfile.TemporaryDirectory(prefix="fanzone-bench-site-") as tmp:
        work = Path(tmp)
        project = copy_project(work / "project")
        cache = work / "cache" / "plantuml"
        os.environ["FANZONE_PLANTUML_CACHE"] = str(cache)
        engine = resolve_engine(REPO)
        version = Renderer(engine, cache).version()

        cold_seconds, cold = timed_build(project, work / "site")
        warm_times = []
        warm: dict = {}
        for _ in range(args.runs):
            seconds, warm = timed_build(project, work / "site")
            warm_times.append(seconds)

        component = re.compile(r"^(\s*(?:- )?(?:label|text): )([^{}\[\],#\n>|'\"]+)$", re.M)
        screens = sorted((project / "mockups").rglob("*.yaml"))
        edited = next(path for path in screens if component.search(path.read_text(encoding="utf-8")))
        text = edited.read_text(encoding="utf-8")
        changed = re.sub(r"^title: (.*)$", r"title: \1 (modifié)", text, count=1, flags=re.M)
        edited.write_text(component.sub(r"\1\2 modifié", changed, count=1), encoding="utf-8")
        edit_seconds, edit = timed_build(project, work / "site")
        edited.write_text(text, encoding="utf-8")

        codes = sample_diagrams(project, args.sample)
        single, sampled = one_jvm_per_diagram(codes), len(codes)

    diagrams = cold.get("diagrams_requested", 0)
    rendered = cold.get("rendered_total", 0)
    batch_seconds = cold.get("render_seconds", 0.0)
    pages = cold.get("generated_pages", 0) + cold.get("spec_pages", 0)
    rows = {
        "PlantUML": f"{version} ({engine.origin}), {os.cpu_count()} CPU",
        "pages": f"{pages} ({cold.get('spec_pages', 0)} from specs/, {cold.get('generated_pages', 0)} generated)",
        "diagrams": f"{diagrams} (wireframes, flow maps, Gantt)",
        "cold build": f"{cold_seconds:.1f} s, {rendered} diagrams rendered in {cold.get('batches', 0)} PlantUML "
        f"run(s) taking {batch_seconds:.1f} s",
        "warm rebuild": f"best {min(warm_times):.1f} s, median {statistics.median(warm_times):.1f} s "
        f"({warm.get('rendered_total', 0)} diagrams rendered, {warm.get('batches', 0)} PlantUML run)",
        "one screen edited": f"{edit_seconds:.1f} s ({edit.get('rendered_total', 0)} diagrams rendered: "
        f"the wireframe of {edited.stem} and its area's flow map)",
        "warm rebuild, by part": f"backlog load {warm.get('load_seconds', 0):.2f} s, generated pages "
        f"{warm.get('pages_seconds', 0):.2f} s, reports' planning pages and workbooks "
        f"{warm.get('reports_seconds', 0):.2f} s, diagram cache look-up {warm.get('prerender_seconds', 0):.2f} s; "
        "the rest is MkDocs (Markdown, theme, search index, print page)",
        "per diagram, batched (cold)": f"{batch_seconds / rendered * 1000:.0f} ms" if rendered else "n/a",
        "per diagram, one JVM each": f"{single * 1000:.0f} ms (mean of {sampled}; plantuml-markdown without cache)",
        "per diagram, warm": "0 ms rendering (SVG read from .cache/plantuml, keyed by SHA-256 of version + text)",
    }
    width = max(len(key) for key in rows)
    for key, value in rows.items():
        print(f"{key:<{width}}  {value}")
    if args.write_readme:
        write_readme(rows)


def write_readme(rows: dict[str, str]) -> None:
    table = "\n".join(["| measure | result |", "|---|---|", *(f"| {k} | {v} |" for k, v in rows.items())])
    body = f"""{SECTION} (`bench/site_build.py`)

Builds a copy of the shipped content (`backlog/`, `specs/`, `mockups/`, `includes/`) with `fanzone build`'s
code path (validate, MkDocs, the fanzone plugin, the reports' planning pages, print page), with an empty
PlantUML cache (cold), then again unchanged (warm), then after editing one wireframe. PlantUML
{PLANTUML_VERSION} runs once per build for every diagram missing from the cache (`-nbthread auto`).

{table}

Where a warm rebuild goes (profiled): Markdown conversion of the pages, the reports' charts and workbooks
(matplotlib, openpyxl), the print page and the search index; no PlantUML process is started.
"""
    text = README.read_text(encoding="utf-8") if README.is_file() else "# Benchmarks\n"
    pattern = re.compile(rf"^{re.escape(SECTION)}\b.*?(?=^## |\Z)", re.S | re.M)
    text = pattern.sub(body + "\n", text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + body
    README.write_text(text, encoding="utf-8")
    print(f"wrote {README.relative_to(REPO)}")


if __name__ == "__main__":
    main()
