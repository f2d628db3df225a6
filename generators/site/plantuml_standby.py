"""A PlantUML JVM started before the diagrams are known, waiting for them on its standard input (`-pipe`).

A cold `fanzone build` spends its first half second on one core (importing, loading the project) while the
other is idle; then both are busy to the end, PlantUML's JVM among them (its start and its class loading are
most of a small run). `Standby.start` launches PlantUML then, in pipe mode, and has it draw a few small
diagrams of the common kinds (`WARM_UP`: a sequence, a Salt wireframe, a class diagram laid out by Graphviz)
whose output is dropped: by the time the pages are generated, its classes are loaded and compiled. The first
batch of diagrams (`RenderRun.launch`) is then written to it whole and its standard input closed; the outputs
come back in order, each followed by a delimiter drawn at random for this run.

Pipe mode draws exactly what file mode draws (checked on the shipped project's 93 diagrams, byte for byte), but
it names no file in its errors: a run that exits with an error, writes anything on its error output, or
returns anything but one SVG per diagram sent is not used; the batch is drawn again in file mode
(`plantuml_run.py`), which reports each error at its line. A batch that would not fit in the pipe's buffer
(written at once, never waited on) or that asks for its file name (`%filename()`…: no file in pipe mode) goes
to file mode from the start; so does a JVM without its class archive yet (the file-mode run writes it). It draws
one diagram after the other: a project whose last build asked for more than `MOST_DIAGRAMS` gets none (file
mode's threads use every core: the shipped project's 93 diagrams, all sent to it, made its cold build 6 %
slower; shared between it and a file-mode run, 14 % slower, two JVMs slowing each other; a standby started and
left unused, 4 % slower), nor does a project never built here; a bigger batch than expected goes to file mode
all the same, and the standby is stopped.

The process never outlives the build: `stop` (also on leaving the `with` block) kills and reaps it. Processes
forked meanwhile (the reports' child, the pages' helpers) close their copy of its standard input at once
(`os.register_at_fork`): PlantUML sees the end of its input when this process closes it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
import shutil
import subprocess
import tempfile
import time
import weakref
from pathlib import Path

from ..signed_cache import user_cache_dir
from . import jvm_archive
from .engine import Engine, EngineNotFound, resolve_engine
from .plantuml import CACHE_ENV_VAR, DEFAULT_CACHE, stop_process

WARM_UP = (
    "@startuml\nAlice -> Bob : bonjour\nBob --> Alice : merci\n@enduml\n"
    '@startsalt\n{\n  Nom | "Valeur"\n  [Annuler] | [OK]\n}\n@endsalt\n'
    "@startuml\nclass Abonnement\nclass Offre\nAbonnement --> Offre\n@enduml\n"
)
WARM_UP_COUNT = 3  # the diagrams above, whose outputs come first
MOST_DIAGRAMS = 12  # a bigger batch goes to file mode (its threads on every core), this process is stopped
PIPE_BYTES = 1 << 20  # the input pipe's buffer asked for (Linux); a batch must fit in what it got
DEFAULT_PIPE_BYTES = 1 << 16
CONFIG_FILE = "mkdocs.yml"
COUNTS_DIR = "plantuml-counts"  # in the user's cache: how many diagrams each project's last build asked for
# the fanzone plugin's settings `ahead` reads from mkdocs.yml before MkDocs is even imported (a line each)
_SETTING = re.compile(r"^[ \t]+(plantuml|cache_dir):[ \t]*(['\"]?)([^'\"#\n]+?)\2[ \t]*(?:#.*)?$", re.MULTILINE)
_FILE_NAMES = re.compile(r"%(?:filename|dirpath|file_name|filenameNoExtension)\b", re.IGNORECASE)
_SVG = re.compile(rb"\A\s*(?:<\?xml[^>]*>\s*)?<svg\b.*</svg>\s*\Z", re.DOTALL)


class Standby:
    """One PlantUML process in pipe mode, waiting for one batch (`send`), then its outputs (`results`)."""

    def __init__(self, engine: Engine, fmt: str, process: subprocess.Popen[bytes], folder: Path, delimiter: str):
        self.engine, self.fmt, self.process, self.folder, self.delimiter = engine, fmt, process, folder, delimiter
        self.capacity = DEFAULT_PIPE_BYTES
        self.sent: int | None = None  # diagrams sent (None: none yet)
        self.started = time.perf_counter()

    @classmethod
    def start(cls, engine: Engine, fmt: str = "svg") -> Standby | None:
        """Launch PlantUML in pipe mode with the warm-up diagrams; None when it cannot or should not run (not a
        `java … -jar` engine, no class archive yet, the process does not start)."""
        archive = jvm_archive.archive(engine)
        if archive is None or not archive.is_file():
            return None
        program, _ = jvm_archive.command(engine, create=False)
        delimiter = f"FANZONE-END-{secrets.token_hex(16)}"
        folder = Path(tempfile.mkdtemp(prefix="fanzone-plantuml-standby-"))
        command = [*program, "-pipe", f"-t{fmt}", "-charset", "UTF-8", "-pipedelimitor", delimiter]
        try:
            with open(folder / "stdout", "wb") as stdout, open(folder / "stderr", "wb") as stderr:
                process = subprocess.Popen(
                    command, stdin=subprocess.PIPE, stdout=stdout, stderr=stderr, env=engine.environment()
                )
        except OSError:
            shutil.rmtree(folder, ignore_errors=True)
            return None
        standby = cls(engine, fmt, process, folder, delimiter)
        assert process.stdin is not None
        fd = process.stdin.fileno()
        with contextlib.suppress(AttributeError, OSError):  # a bigger buffer: a batch is written at once
            import fcntl

            standby.capacity = fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, PIPE_BYTES)
        _close_in_forked_children(process)
        try:
            process.stdin.write(WARM_UP.encode("utf-8"))
            process.stdin.flush()
        except OSError:
            standby.stop()
            return None
        return standby

    def accepts(self, texts: list[str], fmt: str) -> bool:
        """Whether this batch can be sent: the format it draws, no batch sent yet, the process running, every
        diagram drawn the same without a file name, and the whole text fitting in the pipe at once."""
        if self.sent is not None or fmt != self.fmt or self.process.poll() is not None:
            return False
        if any(_FILE_NAMES.search(text) for text in texts):
            return False
        size = len(WARM_UP.encode("utf-8")) + sum(len(text.encode("utf-8")) + 1 for text in texts)
        return size <= self.capacity

    def send(self, texts: list[str]) -> bool:
        """Write the batch and close the input (PlantUML draws it, then exits); False when it could not."""
        assert self.process.stdin is not None
        self.sent = len(texts)
        self.started = time.perf_counter()
        try:
            self.process.stdin.write("".join(text if text.endswith("\n") else f"{text}\n" for text in texts).encode())
            self.process.stdin.close()
        except OSError:
            return False
        return True

    def results(self, timeout: float) -> list[bytes] | None:
        """The outputs of the batch sent, in order; None when the run is not to be trusted (it failed, said
        anything on its error output, ran out of time, or returned other than one SVG per diagram)."""
        try:
            code = self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return None
        if code != 0 or self.sent is None or (self.folder / "stderr").stat().st_size:
            return None
        marker = f"{self.delimiter}\n".encode()
        parts = (self.folder / "stdout").read_bytes().split(marker)
        if len(parts) != WARM_UP_COUNT + self.sent + 1 or parts[-1].strip():
            return None
        outputs = parts[WARM_UP_COUNT:-1]
        if self.fmt == "svg" and not all(_SVG.match(output) for output in outputs):
            return None
        return outputs

    def stop(self) -> None:
        """Kill the process if it still runs, reap it, close its input, remove its files. Idempotent."""
        stop_process(self.process)
        if self.process.stdin is not None and not self.process.stdin.closed:
            with contextlib.suppress(OSError):  # (what was written and not read is dropped)
                self.process.stdin.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> Standby:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


def ahead(root: Path) -> Standby | None:
    """PlantUML started for a cold build of the project at `root`: on a machine with another core, when its
    render cache holds no diagram yet (every diagram of the project is to be drawn) and its last build here asked
    for at most `MOST_DIAGRAMS` (`remember_count`: a big batch is drawn faster in file mode). The engine and the
    cache are those the fanzone plugin will find (the environment, else the `plantuml` and `cache_dir` settings
    read from mkdocs.yml, else the defaults); the plugin uses this process only for that same engine."""
    try:
        if len(os.sched_getaffinity(0)) < 2:
            return None
    except AttributeError:  # not on Linux
        return None
    count = remembered_count(root)
    if count is None or not 0 < count <= MOST_DIAGRAMS:  # unknown (a first build here), none, or a big batch
        return None
    settings = _settings(root / CONFIG_FILE)
    if settings is None:
        return None
    cache = Path(os.environ.get(CACHE_ENV_VAR) or root / settings.get("cache_dir", DEFAULT_CACHE))
    with contextlib.suppress(OSError):
        if any(entry.is_dir() for entry in os.scandir(cache)):  # rendered diagrams: a warm build
            return None
    try:
        engine = resolve_engine(root, settings.get("plantuml"))
    except EngineNotFound:
        return None  # the plugin reports it
    return Standby.start(engine)


def _count_memo(root: Path) -> Path:
    digest = hashlib.sha256(str(root.resolve()).encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return user_cache_dir() / COUNTS_DIR / f"{digest}.txt"


def remember_count(root: Path, count: int) -> None:
    """How many diagrams a build of the project at `root` asked for (the next cold build's guess)."""
    memo = _count_memo(root)
    with contextlib.suppress(OSError):
        if memo.is_file() and memo.read_text(encoding="ascii").strip() == str(count):
            return
        memo.parent.mkdir(parents=True, exist_ok=True)
        scratch = memo.with_name(f"{memo.name}.{os.getpid()}.tmp")
        scratch.write_text(str(count), encoding="ascii")
        scratch.replace(memo)


def remembered_count(root: Path) -> int | None:
    with contextlib.suppress(OSError, ValueError):
        return int(_count_memo(root).read_text(encoding="ascii").strip())
    return None


def _settings(config: Path) -> dict[str, str] | None:
    """The plugin's two settings in `config` ({} without the file); None when they cannot be told for sure (a
    setting given twice, or written another way than one `key: value` line)."""
    try:
        text = config.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}  # the default configuration
    except (OSError, UnicodeDecodeError):
        return None
    found = _SETTING.findall(text)
    keys = [key for key, _, _ in found]
    mentioned = len(re.findall(r"^[ \t]*(?:plantuml|cache_dir)\s*:", text, re.MULTILINE))
    if len(set(keys)) != len(keys) or mentioned != len(found):
        return None
    return {key: value.strip() for key, _, value in found}


def _close_in_forked_children(process: subprocess.Popen[bytes]) -> None:
    """A process forked from this one (not exec'd: it keeps every descriptor) closes its copy of the standby's
    input at once: else PlantUML would wait for that copy too to be closed before seeing the end of its input."""
    stdin = weakref.ref(process.stdin) if process.stdin is not None else None

    def close() -> None:
        pipe = stdin() if stdin is not None else None
        if pipe is not None and not pipe.closed:
            with contextlib.suppress(OSError):  # the descriptor now reads /dev/null: closing it later is harmless
                null = os.open(os.devnull, os.O_WRONLY)
                os.dup2(null, pipe.fileno())
                os.close(null)

    if hasattr(os, "register_at_fork"):  # (no fork at all elsewhere than POSIX)
        os.register_at_fork(after_in_child=close)
