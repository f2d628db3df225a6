"""The reports' child forked as soon as the project is loaded, before the site engine is even imported.

`fanzone build` spends its first half second on one core (importing MkDocs and the theme, reading the
configuration, generating the first pages) while the other is idle; the forecast, charts and workbooks depend on
the project context only. `start_reports` forks the child of `prefetch.py` for them right after the load; the
build takes it (`provided.provide_prefetch`) when it makes the same store (`cachedir.derived_dir`) for the same
context, and forks its own otherwise. Light imports only: nothing of MkDocs here.
"""

from __future__ import annotations

from ..context import ProjectContext
from ..signed_cache import SignedCache
from .cachedir import derived_dir
from .prefetch import Prefetch
from .reports_wiring import digests_handback, prefetch_tasks


def start_reports(ctx: ProjectContext) -> Prefetch | None:
    """The reports' child for `ctx`, making into the store of a `fanzone build` of its root; None when it
    cannot or need not fork (`prefetch.fork_is_safe`, a store that cannot be written)."""
    try:
        store = SignedCache(derived_dir(ctx.root))
    except OSError:
        return None
    return Prefetch.start(prefetch_tasks(ctx, store), store, digests_handback(ctx))
