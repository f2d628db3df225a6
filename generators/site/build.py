"""Build the site safely (into a temporary folder, swapped in only on success) and serve it with live reload."""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, BuildError, ConfigurationError, MkDocsException

from .default_config import write_default_config

CONFIG_FILE = "mkdocs.yml"


class SiteBuildError(Exception):
    """The site could not be built; the message (with MkDocs' error lines) is for the user."""


@dataclass
class BuildReport:
    site_dir: Path
    seconds: float
    stats: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


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


def _config_file(root: Path) -> Path:
    """The project's mkdocs.yml, or a default one generated under .cache/ for a project without it."""
    path = root / CONFIG_FILE
    if path.is_file():
        return path
    return write_default_config(root)


def _scratch_parent(root: Path, final: Path) -> Path:
    """A folder on the same file system as the target, so the finished build can be renamed into place."""
    cache = root / ".cache"
    cache.mkdir(exist_ok=True)
    final.parent.mkdir(parents=True, exist_ok=True)
    return cache if os.stat(cache).st_dev == os.stat(final.parent).st_dev else final.parent


def swap_in(new: Path, final: Path, scratch: Path) -> None:
    """Replace `final` by `new` with two renames; on failure the previous site stays where it was."""
    old = None
    if final.exists():
        old = Path(tempfile.mkdtemp(prefix="site-old-", dir=scratch))
        old.rmdir()
        os.rename(final, old)
    try:
        os.rename(new, final)
    except OSError:
        if old is not None:
            os.rename(old, final)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def build_site(root: Path, *, site_dir: Path | None = None, strict: bool = False, verbose: bool = False) -> BuildReport:
    """`mkdocs build` into a scratch folder, then swap it for the site folder. Raises `SiteBuildError`."""
    config_file = _config_file(root)
    started = time.perf_counter()
    with mkdocs_logging(verbose) as logs:
        try:
            config = load_config(config_file=str(config_file), strict=strict)
        except (ConfigurationError, MkDocsException) as exc:
            raise SiteBuildError(f"{config_file}: {exc}") from None
        final = (site_dir or Path(config.site_dir)).resolve()
        scratch = _scratch_parent(root, final)
        work = Path(tempfile.mkdtemp(prefix="site-build-", dir=scratch))
        config.site_dir = str(work)
        try:
            mkdocs_build(config)
        except (Abort, BuildError, MkDocsException) as exc:
            shutil.rmtree(work, ignore_errors=True)
            details = "\n".join(logs.errors) or str(exc)
            raise SiteBuildError(f"the site was not built ({final} is unchanged):\n{details}") from None
        except BaseException:
            shutil.rmtree(work, ignore_errors=True)
            raise
        swap_in(work, final, scratch)
    plugin = config.plugins.get("fanzone")
    stats = dict(getattr(plugin, "stats", {}) or {})
    return BuildReport(final, time.perf_counter() - started, stats, logs.warnings)


def serve_site(root: Path, *, dev_addr: str | None = None, open_browser: bool = False, strict: bool = False) -> None:
    """`mkdocs serve` with live reload; the fanzone plugin also watches backlog/, mockups/ and includes/."""
    from mkdocs.commands.serve import serve

    config_file = _config_file(root)
    options: dict[str, Any] = {"strict": strict}
    if dev_addr:
        options["dev_addr"] = dev_addr
    with mkdocs_logging(verbose=True, echo_errors=True):
        try:
            serve(config_file=str(config_file), livereload=True, open_in_browser=open_browser, **options)
        except (Abort, BuildError, MkDocsException) as exc:
            raise SiteBuildError(str(exc)) from None
