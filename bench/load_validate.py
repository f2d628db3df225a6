"""Benchmark: load + validate a synthetic backlog of N stories (default 10,000 in 100 epics).

Usage: .venv/bin/python bench/load_validate.py [--stories N] [--repeat K]
Prints the best and median wall time of `load_backlog` over K runs and the peak RSS of the process.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import generate

from generators.load import load_backlog


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--stories", type=int, default=10_000)
    parser.add_argument("--epics", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = generate(Path(tmp) / "synthetic", args.stories, args.epics)
        size = sum(p.stat().st_size for p in root.rglob("*.yaml"))
        lines = sum(p.read_text(encoding="utf-8").count("\n") for p in root.rglob("*.yaml"))
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            result = load_backlog(root)
            times.append(time.perf_counter() - start)
            if not result.ok:
                for finding in result.errors[:10]:
                    print(finding)
                raise SystemExit("synthetic backlog did not validate")
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        assert result.backlog is not None
        print(
            f"stories={len(result.backlog.stories)} epics={len(result.backlog.epics)} "
            f"screens={len(result.backlog.screens)} yaml={size / 1e6:.1f} MB / {lines:,} lines"
        )
        print(
            f"load+validate: best {min(times):.3f} s, median {statistics.median(times):.3f} s "
            f"over {args.repeat} runs; peak RSS {peak_mb:.0f} MB"
        )


if __name__ == "__main__":
    main()
