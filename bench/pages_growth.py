"""Epic pages + traceability page generation time at 1k and 10k synthetic stories (growth ratio).

    .venv/bin/python bench/pages_growth.py [--sizes 1000 10000]

Linear generation grows ~10x from 1k to 10k stories; a quadratic scan grows far more.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import generate

from generators.context import ProjectContext
from generators.load import load_backlog
from generators.site.pages_backlog import epic_page, traceability_page


def measure(stories: int) -> float:
    with tempfile.TemporaryDirectory() as folder:
        root = generate(Path(folder) / "project", stories=stories, epics=20)
        backlog = load_backlog(root).backlog
        assert backlog is not None
        started = time.process_time()
        ctx = ProjectContext(root, backlog)  # the indexes are built inside the timed part
        for epic in backlog.epics:
            epic_page(ctx, epic)
        traceability_page(ctx)
        return time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000])
    sizes = parser.parse_args().sizes
    times = {n: measure(n) for n in sizes}
    for n, seconds in times.items():
        print(f"{n:>7} stories: epic pages + traceability {seconds:6.2f} s (CPU)")
    first = sizes[0]
    for n in sizes[1:]:
        print(f"growth {first} -> {n}: {times[n] / times[first]:.1f}x for {n / first:.0f}x the stories")


if __name__ == "__main__":
    main()
