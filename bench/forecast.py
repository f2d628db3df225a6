"""Benchmark of the Monte Carlo forecast: 10,000 trials over 10,000 remaining stories (goal: < 1 s).

Times `simulate` (the vectorised trials) on a 40-day throughput sample averaging about 4 stories a day,
then the whole `forecast` of the shipped project (history reading excluded).
Usage: .venv/bin/python bench/forecast.py [--trials N] [--remaining N] [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import numpy as np

from generators.load import load_backlog
from generators.load.git_history import read_status_history
from generators.plan import today_for
from generators.plan.forecast import DEFAULT_TRIALS, PERCENTILES, day_percentile, forecast, simulate

ROOT = Path(__file__).resolve().parent.parent
GOAL_SECONDS = 1.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--trials", type=int, default=DEFAULT_TRIALS)
    parser.add_argument("--remaining", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    sample = np.random.default_rng(3).poisson(4, 40).tolist()
    times, runs = [], {}
    for _ in range(args.repeat):
        started = time.perf_counter()
        runs = simulate(sample, [args.remaining], args.trials)
        times.append(time.perf_counter() - started)
    days = [day_percentile(runs[args.remaining], p) for p in PERCENTILES]
    verdict = "ok" if min(times) < GOAL_SECONDS else "TOO SLOW"
    print(
        f"simulate: {args.trials:,} trials x {args.remaining:,} stories (mean {statistics.mean(sample):.2f}/day): "
        f"best {min(times):.3f} s, median {statistics.median(times):.3f} s (goal < {GOAL_SECONDS} s: {verdict}); "
        f"50/85/95 % in {days} working days"
    )
    result = load_backlog(ROOT)
    assert result.backlog is not None
    history, _ = read_status_history(ROOT)
    today = today_for(result.backlog.project, None)
    started = time.perf_counter()
    shipped = forecast(result.backlog, history, today)
    elapsed = time.perf_counter() - started
    dates = ", ".join(f"{p} %: {shipped.release.dates[p]}" for p in PERCENTILES)
    print(f"shipped project forecast ({shipped.release.remaining} stories left, {elapsed:.3f} s): {dates}")


if __name__ == "__main__":
    main()
