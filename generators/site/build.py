"""Build the site safely (into a temporary folder, swapped in only on success) and serve it with live reload."""

from __future__ import annotations

import logging
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, BuildError, ConfigurationError, MkDocsException

from ..errors import FanzoneError
from .cachedir import cache_root
from .default_config import write_default_config
from .engines import ENGINES, MKDOCS, ZENSICAL
from .guard import outside_links
from .incremental import UP_TO_DATE
from .swap import recover, scratch_dir, swap_in
from .warm import Warm
from .zensical import EngineError, run_zensical

CONFIG_FILE = "mkdocs.yml"


class SiteBuildError(FanzoneError):
    """The site could not be built; the message (with MkDocs' error lines) is for the user."""


@dataclass
class BuildReport:
    site_dir: Path
    seconds: float
    stats: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    inputs: list[Path] = field(default_factory=list)  # what the build read from the project (MkDocs builds)


class _Collect(logging.Handler):
    """Keep MkDocs' warnings and errors (to report them), and echo them to stderr as they come."""

    def __init__(self, echo_level: int, echo_errors: bool) -> None:
        super().__init__(logging.DEBUG)
        self.echo_level = echo_level
        self.echo_errors = echo_errors
        self.warnings: list[str] = []
        self.errors: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if record.levelno >= logging.ERROR:
            self.errors.append(message)
        elif record.levelno >= logging.WARNING:
            self.warnings.append(message)
        if record.levelno >= self.echo_level and (self.echo_errors or record.levelno < logging.ERROR):
            print(f"{record.levelname:<8}-  {message}", file=sys.stderr)


@contextmanager
def mkdocs_logging(verbose: bool, echo_errors: bool = False) -> Iterator[_Collect]:
    logger = logging.getLogger("mkdocs")
    handler = _Collect(logging.INFO if verbose else logging.WARNING, echo_errors)
    previous = (logger.level, logger.propagate)
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG if verbose else logging.INFO)
    logger.propagate = False  # a plugin's logging.debug() gives the root logger a handler: do not print twice
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous[0])
        logger.propagate = previous[1]


def _config_file(root: Path, cache: Path) -> Path:
    """The project's mkdocs.yml, or a default one generated under the cache for a project without it."""
    path = root / CONFIG_FILE
    if path.is_file():
        return path
    return write_default_config(root, cache if cache != root / ".cache" else None)


def prepare(root: Path, config_file: Path, cache: Path, **options: Any) -> MkDocsConfig:
    """Load the MkDocs configuration; caches outside a project that cannot be written. Raises `SiteBuildError`."""
    try:
        config = load_config(config_file=str(config_file), **options)
    except (ConfigurationError, MkDocsException) as exc:
        raise SiteBuildError(f"{config_file}: {exc}") from None
    plugin = config.plugins.get("fanzone")
    if plugin is not None and cache != root / ".cache":
        plugin.config.cache_dir = str(cache / "plantuml")
        plugin.config.build_dir = str(cache / "fanzone" / "docs")
    return config


def check_links(root: Path, config: MkDocsConfig) -> None:
    """Refuse to publish a file outside the project (MkDocs follows symbolic links in docs_dir)."""
    plugin = config.plugins.get("fanzone")
    specs = getattr(plugin, "specs_dir", None)
    folders = [Path(specs or config.docs_dir), root / "includes"]
    if config.theme.custom_dir:
        folders.append(Path(config.theme.custom_dir))
    problems = outside_links(root, folders)
    if problems:
        raise SiteBuildError("the site was not built:\n" + "\n".join(problems))


def generate_tree(config: MkDocsConfig) -> dict[str, Any]:
    """The generation step, before any engine runs (the fanzone plugin's `generate`); its figures."""
    plugin = config.plugins.get("fanzone")
    if plugin is None:
        return {}
    plugin.on_config(config)  # idempotent: MkDocs runs it again at the start of its build
    plugin.generate(config)
    if plugin.tree is not None:  # the navigation of the generated tree (another engine reads it from the config)
        config.nav = plugin.tree.nav
    return dict(plugin.stats)


def build_site(
    root: Path,
    *,
    site_dir: Path | None = None,
    strict: bool = False,
    verbose: bool = False,
    engine: str = MKDOCS,
    finish: Callable[[Path], None] | None = None,
    full: bool = False,
) -> BuildReport:
    """Generate the pages, run the engine into a scratch folder, then swap it for the site folder.

    A warm build renders only the pages whose generated Markdown changed (`incremental.py`), or nothing when
    the site is up to date; `full`, `strict`, `finish` and another engine always build every page.
    `finish` runs on the built scratch folder before the swap (e.g. to print the PDF dossier into it); if it
    raises, the previous site stays in place. Raises `SiteBuildError`."""
    if engine not in ENGINES:
        raise SiteBuildError(f"unknown site engine {engine!r}: use one of {', '.join(ENGINES)}")
    cache = cache_root(root)
    config_file = _config_file(root, cache)
    started = time.perf_counter()
    stats: dict[str, Any] = {}
    with mkdocs_logging(verbose) as logs:
        config = prepare(root, config_file, cache, strict=strict)
        final = (site_dir or Path(config.site_dir)).resolve()
        recover(final)
        check_links(root, config)
        work = scratch_dir(final)
        config.site_dir = str(work)
        warm = Warm(root, final, config, logs.warnings, cache=cache)
        try:
            stats = generate_tree(config)
            forced = "--full" if full else "--strict" if strict else "the PDF dossier" if finish else None
            decision = warm.decide(forced if engine == MKDOCS else f"the {engine} engine")
            stats["mode"], stats["mode_reason"] = decision.mode, decision.reason
            engine_started = time.perf_counter()
            if decision.mode == UP_TO_DATE:
                shutil.rmtree(work, ignore_errors=True)
                warnings = warm.up_to_date()
                stats.update(warm.plugin.stats)
                return BuildReport(final, time.perf_counter() - started, stats, warnings, warm.inputs())
            if engine == ZENSICAL:
                run_zensical(root, config_file, config, work, cache)
            else:
                warm.run_mkdocs(decision, work, parallel=True)
                stats["mode"], stats["mode_reason"] = decision.mode, decision.reason
            stats["engine_seconds"] = time.perf_counter() - engine_started
            if finish is not None:
                finish(work)
        except (Abort, BuildError, MkDocsException, EngineError) as exc:
            shutil.rmtree(work, ignore_errors=True)
            details = "\n".join(logs.errors) or str(exc)
            raise SiteBuildError(f"the site was not built ({final} is unchanged):\n{details}") from None
        except BaseException:
            shutil.rmtree(work, ignore_errors=True)
            raise
        try:
            swap_in(work, final)
        except OSError as exc:  # e.g. another build put its site in place at the same moment
            shutil.rmtree(work, ignore_errors=True)
            raise SiteBuildError(f"the site was built but not put in place ({final} is unchanged): {exc}") from None
        warm.record(engine == MKDOCS)
    plugin = config.plugins.get("fanzone")
    stats.update(getattr(plugin, "stats", {}) or {})
    inputs = warm.inputs() if engine == MKDOCS else []
    return BuildReport(final, time.perf_counter() - started, stats, logs.warnings, inputs)
