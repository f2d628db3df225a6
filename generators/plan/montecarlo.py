"""The Monte Carlo core: seeded, vectorised trials over a daily throughput sample (numpy). Pure.

Days that cannot finish the work (the gap divided by the largest daily value) are drawn in one block per
trial, their sum drawn exactly from the multinomial distribution of the sample's values; the last few days
are drawn one by one. Several thresholds are reached along the same simulated paths, so a smaller amount
of work is never forecast later than a larger one.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

DEFAULT_TRIALS = 10_000
DEFAULT_SEED = 20_250_704
MAX_WORKING_DAYS = 5_200  # about 20 years: beyond it a trial counts as "not finished"
_SKIP_MIN_DAYS = 8  # below this many skippable days, trials are drawn day by day
_STEP_DAYS = 64


def simulate(
    sample: Iterable[int],
    thresholds: Iterable[int],
    trials: int = DEFAULT_TRIALS,
    seed: int = DEFAULT_SEED,
    max_days: int = MAX_WORKING_DAYS,
) -> dict[int, np.ndarray]:
    """Working days each trial needs to complete each amount of work (day 1 = the first working day after the
    status date; 0 when there is nothing to do; `max_days + 1` when not finished within `max_days`)."""
    values = np.asarray(list(sample), dtype=np.int64)
    wanted = sorted({max(int(t), 0) for t in thresholds})
    rng = np.random.default_rng(seed)
    out: dict[int, np.ndarray] = {}
    never = max_days + 1
    if values.size == 0 or values.min() < 0:
        raise ValueError("the throughput sample must be non-empty and non-negative")
    total = np.zeros(trials, dtype=np.int64)
    elapsed = np.zeros(trials, dtype=np.int64)
    distinct, counts = np.unique(values, return_counts=True)
    probabilities = counts / counts.sum()
    biggest = int(distinct[-1])
    for threshold in wanted:
        if threshold == 0:
            out[threshold] = np.zeros(trials, dtype=np.int64)
            continue
        if biggest == 0:
            out[threshold] = np.full(trials, never, dtype=np.int64)
            continue
        _skip(rng, distinct, probabilities, biggest, threshold, total, elapsed, max_days)
        _step(rng, values, threshold, total, elapsed, max_days)
        out[threshold] = np.where(total >= threshold, elapsed, never)
    return out


def _skip(rng, distinct, probabilities, biggest, threshold, total, elapsed, max_days) -> None:  # type: ignore[no-untyped-def]
    """Draw, per trial, the days that cannot reach `threshold` (gap // biggest daily value) as one block."""
    for _ in range(400):
        safe = np.minimum((threshold - total - 1) // biggest, max_days - elapsed)
        safe = np.where(safe >= _SKIP_MIN_DAYS, safe, 0)
        if not safe.any():
            return
        drawn = rng.multinomial(safe, probabilities)
        total += drawn @ distinct
        elapsed += safe


def _step(rng, values, threshold, total, elapsed, max_days) -> None:  # type: ignore[no-untyped-def]
    """Draw the last days one by one until each trial reaches `threshold` (or the horizon)."""
    active = np.flatnonzero((total < threshold) & (elapsed < max_days))
    while active.size:
        picks = values[rng.integers(0, values.size, size=(active.size, _STEP_DAYS))]
        running = np.cumsum(picks, axis=1) + total[active, None]
        room = np.minimum(max_days - elapsed[active], _STEP_DAYS)  # days each trial may still draw
        reached = running >= threshold
        reached &= np.arange(_STEP_DAYS)[None, :] < room[:, None]
        hit = reached.any(axis=1)
        used = np.where(hit, reached.argmax(axis=1) + 1, room)
        total[active] = running[np.arange(active.size), used - 1]
        elapsed[active] += used
        active = active[(total[active] < threshold) & (elapsed[active] < max_days)]


def quantities_by(
    sample: Iterable[int], days: int, trials: int = DEFAULT_TRIALS, seed: int = DEFAULT_SEED
) -> np.ndarray:
    """Work completed by each trial over `days` working days (exact multinomial draw of the day counts)."""
    values = np.asarray(list(sample), dtype=np.int64)
    if days <= 0 or values.size == 0:
        return np.zeros(trials, dtype=np.int64)
    distinct, counts = np.unique(values, return_counts=True)
    drawn = np.random.default_rng(seed).multinomial(days, counts / counts.sum(), size=trials)
    return drawn @ distinct


def day_percentile(days: np.ndarray, percent: int) -> int:
    """The smallest number of days within which `percent` % of the trials had finished."""
    return int(np.quantile(days, percent / 100, method="inverted_cdf"))


def quantity_percentile(quantities: np.ndarray, percent: int) -> int:
    """The largest amount that `percent` % of the trials completed at least."""
    return int(np.quantile(quantities, 1 - percent / 100, method="inverted_cdf"))
