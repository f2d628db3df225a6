"""Python's cycle collector tuned for one batch run (a site build): objects alive at the start are frozen (never
scanned again) and young collections run every 50,000 allocations instead of 700. A build allocates millions of
short-lived objects that reference counting frees; the collector scanning them was ~6 % of a cold build at 1,000
stories (0.36 s of 5.8 s, 460 collections). Memory stays bounded: cycles are still collected, later."""

from __future__ import annotations

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
