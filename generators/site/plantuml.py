"""Render PlantUML diagrams locally: SVG cached by content hash, cache misses rendered in one JVM.

The cache key is the SHA-256 of the PlantUML version, the output format and the diagram text, so a new
jar or a changed diagram renders again and anything else is read from `cache_dir`. Failed renders are never
cached: a syntax error is a `RenderError` naming the diagram's origin and line. Every SVG is checked
(`svg_safety`) when written and when read back: a cached file that would run script is discarded and
rendered again.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import subprocess
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import FanzoneError
from ..load.atomic import atomic_write
from ..signed_cache import SignedCache, user_cache_dir
from . import jvm_archive
from .engine import Engine
from .svg_safety import checker_version, svg_problem

if TYPE_CHECKING:
    from .plantuml_run import RenderRun
    from .plantuml_standby import Standby

DEFAULT_CACHE = ".cache/plantuml"  # the render cache, relative to the project root (the plugin's `cache_dir`)
CACHE_ENV_VAR = "FANZONE_PLANTUML_CACHE"  # shared render cache (CI cache, tests), instead of <root>/.cache/plantuml
CHECKED_DIR = "checked"  # under the render cache: signed safety verdicts and inlined fragments
VERSION_DIR = "plantuml"  # under the user's cache: the version line of each engine (`Renderer.version`)

_START = re.compile(r"^[ \t]*@start(\w+)\b.*$", re.MULTILINE)
_END = re.compile(r"^[ \t]*@end(\w+)\b", re.MULTILINE)
ERROR_LINE = re.compile(r"Error line (\d+) in file: (.+?)\s*$", re.MULTILINE)
TIMEOUT_SECONDS = 600


@dataclass(frozen=True)
class Diagram:
    code: str
    fmt: str = "svg"
    origin: str = ""  # where the diagram comes from (page or YAML file), for error messages
    first_line: int = 0  # line of the diagram's first line in `origin`, when it is written there


@dataclass(frozen=True)
class DiagramError:
    origin: str
    line: int  # in the diagram text, 1-based; 0 when unknown
    message: str
    first_line: int = 0

    def __str__(self) -> str:
        if self.origin and self.first_line and self.line:
            return f"{self.origin}:{self.first_line + self.line - 1}: PlantUML: {self.message}"
        where = f"{self.origin}: " if self.origin else ""
        line = f"line {self.line} of the diagram: " if self.line else ""
        return f"{where}PlantUML: {line}{self.message}"


class RenderError(FanzoneError):
    def __init__(self, errors: list[DiagramError]) -> None:
        self.errors = errors
        super().__init__("\n".join(str(error) for error in errors))


@dataclass
class RenderStats:
    requested: set[str] = field(default_factory=set)  # distinct diagram keys seen this build
    rendered: int = 0
    batches: int = 0
    render_seconds: float = 0.0
    ahead: int = 0  # of those rendered, drawn by the JVM started ahead (`plantuml_standby`)

    def reset(self) -> None:
        self.requested.clear()
        self.rendered = 0
        self.batches = 0
        self.render_seconds = 0.0
        self.ahead = 0

    def since(self, before: RenderStats) -> RenderStats:
        """What was counted after `before` (a copy taken earlier)."""
        return RenderStats(
            self.requested - before.requested,
            self.rendered - before.rendered,
            self.batches - before.batches,
            self.render_seconds - before.render_seconds,
            self.ahead - before.ahead,
        )

    def add(self, other: RenderStats) -> None:
        """Count what another process counted (`parallel.py`: the pages a child converted)."""
        self.requested |= other.requested
        self.rendered += other.rendered
        self.batches += other.batches
        self.render_seconds += other.render_seconds
        self.ahead += other.ahead

    def copy(self) -> RenderStats:
        return RenderStats(set(self.requested), self.rendered, self.batches, self.render_seconds, self.ahead)


def prepare(code: str) -> tuple[str, int]:
    """The text PlantUML gets: exactly one diagram, anonymous (`@startuml name` would rename the output file).

    Returns the text and the number of lines added in front (to map error lines back).
    """
    starts = _START.findall(code)
    if len(starts) > 1:
        raise ValueError(f"one diagram per block: found {len(starts)} @start lines")
    if not starts:
        return f"@startuml\n{code.rstrip()}\n@enduml\n", 1
    if not _END.search(code):
        raise ValueError(f"@start{starts[0]} without @end{starts[0]}")
    return _START.sub(lambda m: f"@start{m.group(1)}", code, count=1), 0


class Renderer:
    def __init__(self, engine: Engine, cache_dir: Path, store: SignedCache | None = None) -> None:
        self.engine = engine
        self.cache_dir = cache_dir
        # verdicts and fragments keyed by the SVG bytes' hash (`svg_safety` checks each distinct SVG once)
        self.store = store if store is not None else SignedCache(cache_dir / CHECKED_DIR)
        self._safe: set[str] = set()  # SHA-256 of the SVGs found safe by this process
        self.stats = RenderStats()
        self.current_origin = ""  # the page being converted, set by the plugin, for error messages
        self._version: str | None = None
        self._asking: subprocess.Popen[str] | None = None  # `-version` running (`version_ahead`)
        self.runs: list[RenderRun] = []  # runs started ahead and not yet collected (`start_many`)
        self.standby: Standby | None = None  # a JVM started ahead, for the first batch (`plantuml_standby`)

    # --- identity and cache -----------------------------------------------------------------------
    def _memos(self) -> list[Path]:
        """Where the version is remembered: the cache folder, then the user's cache (the same jar or command, by
        size and modification time, in any project: a cold build of a new project does not start a JVM for it)."""
        name = f"engine-{self.engine.identity()}.txt"
        return [self.cache_dir / name, user_cache_dir() / VERSION_DIR / name]

    def _remembered(self) -> str | None:
        for memo in self._memos():
            with contextlib.suppress(OSError, UnicodeDecodeError):
                found = memo.read_text(encoding="utf-8").strip()
                if found.startswith("PlantUML") and "\n" not in found:
                    return found
        return None

    def version(self) -> str:
        """PlantUML's version line, asked once per jar/command and remembered in the cache folder."""
        if self._version is not None:
            return self._version
        self._version = self._remembered()
        if self._version is not None:
            return self._version
        asking, self._asking = self._asking or self._ask_version(), None
        try:
            stdout, stderr = asking.communicate(timeout=120)
        except subprocess.TimeoutExpired as exc:
            raise RenderError([DiagramError("", 0, f"cannot run {self.engine.describe()}: {exc}")]) from None
        finally:
            stop_process(asking)
        first = next((line for line in stdout.splitlines() if "PlantUML" in line), "")
        if asking.returncode != 0 or not first:
            raise RenderError([DiagramError("", 0, f"{self.engine.describe()} -version failed: {stderr[-500:]}")])
        self._version = first.strip()
        for memo in self._memos():
            with contextlib.suppress(OSError):
                memo.parent.mkdir(parents=True, exist_ok=True)
                atomic_write(memo, self._version.encode())
        return self._version

    def _ask_version(self) -> subprocess.Popen[str]:
        try:
            return subprocess.Popen(
                [*jvm_archive.command(self.engine, create=False)[0], "-version"],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env=self.engine.environment(),
            )
        except OSError as exc:
            raise RenderError([DiagramError("", 0, f"cannot run {self.engine.describe()}: {exc}")]) from None

    @contextlib.contextmanager
    def version_ahead(self) -> Iterator[None]:
        """Within this block, PlantUML's version, when not remembered, is asked in the background (a JVM start,
        ~0.3 s, while the pages are generated); `version()` takes the answer. An answer not taken is dropped
        on leaving (the process stopped). A failure to start is reported by `version()`, when needed."""
        if self._version is None and self._asking is None and self._remembered() is None:
            with contextlib.suppress(RenderError):
                self._asking = self._ask_version()
        try:
            yield
        finally:
            asking, self._asking = self._asking, None
            if asking is not None:
                stop_process(asking)

    def key(self, code: str, fmt: str = "svg") -> str:
        return hashlib.sha256(f"{self.version()}\0{fmt}\0{code}".encode()).hexdigest()

    def _path(self, key: str, fmt: str) -> Path:
        return self.cache_dir / key[:2] / f"{key}.{fmt}"

    def cached(self, code: str, fmt: str = "svg") -> bytes | None:
        return self._read(self._path(self.key(code, fmt), fmt))

    def _read(self, path: Path) -> bytes | None:
        """A cached render, or None; an SVG that is not safe to inline (a crafted file) is deleted."""
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        if path.suffix == ".svg" and self.svg_problem(data) is not None:
            path.unlink(missing_ok=True)
            return None
        return data

    def svg_problem(self, data: bytes) -> str | None:
        """`svg_safety.svg_problem`, remembered per SVG (its bytes' hash and the checker's version): a verdict
        is read back only from an entry this user signed, for exactly these bytes."""
        digest = hashlib.sha256(data).hexdigest()
        if digest in self._safe:
            return None
        key = self.store.key("svg-verdict", checker_version(), digest)
        if self.store.get(key) == b"safe":
            self._safe.add(digest)
            return None
        problem = svg_problem(data)
        if problem is None:
            self._safe.add(digest)
            self.store.put(key, b"safe")
        return problem

    # --- rendering --------------------------------------------------------------------------------
    def rendering(self) -> bool:
        """Whether PlantUML is running for a run started ahead (its JVM keeps a core or more busy)."""
        return any(run.running() for run in self.runs)

    def render(self, code: str, fmt: str = "svg", origin: str = "") -> bytes:
        """One diagram: from the cache, or rendered now (one JVM)."""
        key = self.key(code, fmt)
        self.stats.requested.add(key)
        path = self._path(key, fmt)
        data = self._read(path)
        if data is not None:
            return data
        self.render_many([Diagram(code, fmt, origin)])
        return path.read_bytes()

    def render_many(self, diagrams: Iterable[Diagram], started: RenderRun | None = None) -> int:
        """Render every diagram missing from the cache in one PlantUML run per format; return how many ran.

        `started`: a run of some of them already under way (`start_many`), collected first; what it renders
        is not rendered again. Raises `RenderError` listing every diagram that failed (the others are cached
        all the same)."""
        errors: list[DiagramError] = []
        count = 0
        if started is not None:
            errors += started.finish()
            count += started.count
        run = self.start_many(diagrams, skip=started.keys if started is not None else frozenset())
        errors += run.finish()
        if errors:
            raise RenderError(errors)
        return count + run.count

    def start_many(self, diagrams: Iterable[Diagram], skip: frozenset[str] = frozenset()) -> RenderRun:
        """Start rendering (one PlantUML process per format, not waited for) what the cache lacks, but `skip`;
        `RenderRun.finish` collects it. Use it as a context manager: leaving it unfinished stops the processes."""
        missing: dict[tuple[str, str], Diagram] = {}
        for diagram in diagrams:
            key = self.key(diagram.code, diagram.fmt)
            self.stats.requested.add(key)
            if key in skip or (key, diagram.fmt) in missing:
                continue
            if self._read(self._path(key, diagram.fmt)) is None:
                missing[(key, diagram.fmt)] = diagram
        from .plantuml_run import RenderRun  # imports this module

        run = RenderRun(self)
        try:
            for fmt in sorted({fmt for _, fmt in missing}):
                run.launch({key: diagram for (key, f), diagram in missing.items() if f == fmt}, fmt)
        except BaseException:
            run.cancel()
            raise
        return run


def prune(cache_dir: Path, keep: set[str], older_than_days: float = 30.0) -> int:
    """Delete cached renders not used by this build and older than the limit; return how many went."""
    limit = time.time() - older_than_days * 86400
    removed = 0
    for path in cache_dir.glob("??/*.*"):
        if path.stem not in keep and path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)
            removed += 1
    return removed + SignedCache(cache_dir / CHECKED_DIR, secret=False).prune(older_than_days=older_than_days)


def stop_process(process: subprocess.Popen[Any]) -> None:
    """Kill a process if it still runs; reap it. (It stays in our process group, as `subprocess.run`'s did:
    Ctrl-C, or a CI job's end, reaches it too.)"""
    if process.poll() is None:
        process.kill()
    process.wait()
    for stream in (process.stdout, process.stderr):
        if stream is not None:
            stream.close()


def line_of(code: str, number: int) -> str:
    lines = code.splitlines()
    if 1 <= number <= len(lines):
        return repr(lines[number - 1].strip()[:120])
    return "(end of diagram)"
