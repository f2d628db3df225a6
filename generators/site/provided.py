"""What a caller of the site build provides to the fanzone plugin for one build (context variables): the
project context it already loaded, the PDF dossiers to list in the downloads, a baseline's changes, the reports'
child and the PlantUML process it started ahead."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..context import ProjectContext
    from .plantuml_standby import Standby
    from .prefetch import Prefetch

_PROVIDED: ContextVar[ProjectContext | None] = ContextVar("fanzone_context", default=None)
_PDF_DOWNLOAD: ContextVar[str | None] = ContextVar("fanzone_pdf_download", default=None)
_BASELINE_PDFS: ContextVar[dict[str, tuple[str, bytes]] | None] = ContextVar("fanzone_baseline_pdfs", default=None)
_VERSIONS: ContextVar[dict[str, Any] | None] = ContextVar("fanzone_versions", default=None)
_PREFETCH: ContextVar[Prefetch | None] = ContextVar("fanzone_prefetch", default=None)
_STANDBY: ContextVar[Standby | None] = ContextVar("fanzone_standby", default=None)


@contextmanager
def provide_context(context: ProjectContext) -> Iterator[None]:
    """Within this block, a build of the same project root uses `context` instead of loading the backlog."""
    token = _PROVIDED.set(context)
    try:
        yield
    finally:
        _PROVIDED.reset(token)


@contextmanager
def provide_pdf(path: str) -> Iterator[None]:
    """Within this block, the build lists the PDF dossier at `path` in its downloads; the caller prints the
    dossier into the built folder (`build_site(finish=...)`) before the site is put in place."""
    token = _PDF_DOWNLOAD.set(path)
    try:
        yield
    finally:
        _PDF_DOWNLOAD.reset(token)


@contextmanager
def provide_baseline_pdfs(dossiers: dict[str, tuple[str, bytes]]) -> Iterator[None]:
    """Within this block, the build offers each baseline's dossier (name -> (site path, PDF bytes)), linked
    from the Changements page."""
    token = _BASELINE_PDFS.set(dossiers)
    try:
        yield
    finally:
        _BASELINE_PDFS.reset(token)


@contextmanager
def provide_versions(data: dict[str, Any]) -> Iterator[None]:
    """Within this block, the Changements page shows `data` (a baseline's own dossier: the changes since the
    baseline before it) instead of the working tree's changes since the last baseline."""
    token = _VERSIONS.set(data)
    try:
        yield
    finally:
        _VERSIONS.reset(token)


def pdf_placeholder(ctx: ProjectContext) -> dict[str, bytes]:
    path = _PDF_DOWNLOAD.get()
    baselines = {site_path: data for site_path, data in (_BASELINE_PDFS.get() or {}).values()}
    return {path: b"", **baselines} if path else baselines


def context() -> ProjectContext | None:
    return _PROVIDED.get()


def versions() -> dict[str, Any] | None:
    return _VERSIONS.get()


def baseline_pdfs() -> dict[str, tuple[str, bytes]] | None:
    return _BASELINE_PDFS.get()


@contextmanager
def provide_prefetch(child: Prefetch | None) -> Iterator[None]:
    """Within this block, the build takes the reports from `child`, forked by the caller as soon as the project
    was loaded (`early.start_reports`), instead of forking its own."""
    token = _PREFETCH.set(child)
    try:
        yield
    finally:
        _PREFETCH.reset(token)


def prefetch() -> Prefetch | None:
    return _PREFETCH.get()


@contextmanager
def provide_standby(standby: Standby | None) -> Iterator[None]:
    """Within this block, the build's PlantUML renderer draws its first batch with `standby`, the JVM the caller
    started ahead (`early.start_plantuml`), when it runs the same engine."""
    token = _STANDBY.set(standby)
    try:
        yield
    finally:
        _STANDBY.reset(token)


def standby() -> Standby | None:
    return _STANDBY.get()
