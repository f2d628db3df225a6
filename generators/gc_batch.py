"""Python's cycle collector tuned for one batch run (a site build): objects alive at the start are frozen (never
scanned again) and young collections run every 50,000 allocations instead of 700. A build allocates millions of
short-lived objects that reference counting frees; the collector scanning them was ~6 % of a cold build at 1,000
stories (0.36 s of 5.8 s, 460 collections). Memory stays bounded: cycles are still collected, later.

At the interpreter's exit, the collector's last passes go over every object still alive, to no end (the process
is leaving): `skip_final_collection` freezes them first (measured: a cold build at 1,000 stories ended ~0.3 s
sooner, 0.35 -> 0.06 s from the command's end to the process's)."""

from __future__ import annotations

import atexit
import contextlib
import gc
from collections.abc import Iterator

THRESHOLDS = (50_000, 50, 50)


@contextlib.contextmanager
def batch_collection() -> Iterator[None]:
    """Within this block, the collector as above; as it was after (the frozen objects unfrozen)."""
    before = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(*THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()


_SKIPPING: list[bool] = []


def skip_final_collection() -> None:
    """Freeze every object at the exit (once per process; registered early, this exit handler runs after those
    registered later: it is the last)."""
    if not _SKIPPING:
        _SKIPPING.append(True)
        atexit.register(gc.freeze)
