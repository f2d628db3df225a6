"""Find the PlantUML program: a pinned jar run with Java (default), or a command such as Debian's `plantuml`.

Resolution order: the `FANZONE_PLANTUML` environment variable, then the plugin's `plantuml` option in
mkdocs.yml, then the pinned jar installed by `scripts/install-plantuml.sh`, then `plantuml` on the PATH
(Debian's 1.2020, which draws Salt wireframes but not every Gantt feature).
A value ending in `.jar` is a jar (relative to the project root); anything else is a command line.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shlex
import shutil
from dataclasses import dataclass
from pathlib import Path

from ..errors import FanzoneError

PLANTUML_VERSION = "1.2026.8"
DEFAULT_JAR = f".cache/tools/plantuml-{PLANTUML_VERSION}.jar"
ENV_VAR = "FANZONE_PLANTUML"
# the toolkit's own checkout (an editable install), where scripts/install-plantuml.sh puts the jar
TOOLKIT_ROOT = Path(__file__).resolve().parents[2]
# PlantUML's sandbox: no file, URL or environment read by `!include`, `%load_json`, `%getenv`… (defence in
# depth behind `generators.escape.plantuml`; also set in the environment for a `plantuml` wrapper command)
SECURITY_PROFILE = "SANDBOX"
JAVA_OPTIONS = (
    # the JIT's first tier only: PlantUML runs are short, and the optimising compiler's threads cost more CPU than
    # they win back (measured: 4 diagrams 1.8 -> 1.1 s CPU, 93 diagrams 6.6 -> 3.3 s; the SVGs the same)
    "-XX:TieredStopAtLevel=1",
    "-Djava.awt.headless=true",
    "-DPLANTUML_LIMIT_SIZE=16384",
    f"-DPLANTUML_SECURITY_PROFILE={SECURITY_PROFILE}",
)
INSTALL_HINT = "run scripts/install-plantuml.sh (or set FANZONE_PLANTUML to a plantuml jar or command)"

log = logging.getLogger("mkdocs.plugins.fanzone")


class EngineNotFound(FanzoneError):
    """No usable PlantUML program: the message tells the user what to install or set."""


@dataclass(frozen=True)
class Engine:
    command: tuple[str, ...]
    origin: str  # where the setting came from, for messages

    def identity(self) -> str:
        """The command plus size and modification time of every file it names (the jar, the wrapper script)."""
        parts = list(self.command)
        for token in self.command:
            path = Path(token)
            if path.is_absolute() and path.is_file():
                stat = path.stat()
                parts.append(f"{path.resolve()}:{stat.st_size}:{stat.st_mtime_ns}")
        return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:16]

    def environment(self) -> dict[str, str]:
        """The environment PlantUML runs in: ours, with the sandbox security profile."""
        return {**os.environ, "PLANTUML_SECURITY_PROFILE": SECURITY_PROFILE}

    def describe(self) -> str:
        return f"{shlex.join(self.command)} ({self.origin})"


def _java() -> str:
    java_home = os.environ.get("JAVA_HOME")
    if java_home and (Path(java_home) / "bin" / "java").is_file():
        return str(Path(java_home) / "bin" / "java")
    java = shutil.which("java")
    if java is None:
        raise EngineNotFound("PlantUML needs Java: install a JRE (Debian: apt-get install default-jre-headless)")
    return java


def _from_value(value: str, root: Path, origin: str) -> Engine:
    value = value.strip()
    if value.endswith(".jar"):
        jar = Path(value).expanduser()
        if not jar.is_absolute():
            jar = root / jar
        if not jar.is_file():
            raise EngineNotFound(f"PlantUML jar not found: {jar} (from {origin}); {INSTALL_HINT}")
        return Engine((_java(), *JAVA_OPTIONS, "-jar", str(jar.resolve())), origin)
    argv = shlex.split(value)
    if not argv:
        raise EngineNotFound(f"empty PlantUML command (from {origin})")
    program = shutil.which(argv[0]) if not Path(argv[0]).is_absolute() else argv[0]
    if program is None or not Path(program).is_file():
        raise EngineNotFound(f"PlantUML command not found: {argv[0]} (from {origin}); {INSTALL_HINT}")
    return Engine((program, *argv[1:]), origin)


def resolve_engine(root: Path, configured: str | None = None) -> Engine:
    """The PlantUML program to run, or `EngineNotFound` with a fix."""
    env_value = os.environ.get(ENV_VAR, "").strip()
    if env_value:
        return _from_value(env_value, root, f"environment variable {ENV_VAR}")
    if configured:
        return _from_value(configured, root, "option plantuml in mkdocs.yml")
    jar = root / DEFAULT_JAR
    for candidate in (jar, TOOLKIT_ROOT / DEFAULT_JAR):  # the project's, else the toolkit checkout's
        if candidate.is_file():
            return _from_value(str(candidate), root, "pinned jar")
    fallback = shutil.which("plantuml")
    if fallback is not None:
        log.warning(f"fanzone: PlantUML {PLANTUML_VERSION} jar not found at {jar}; using {fallback}: {INSTALL_HINT}")
        return Engine((fallback,), "plantuml on the PATH")
    raise EngineNotFound(f"PlantUML not found (no {DEFAULT_JAR}, no plantuml on the PATH); {INSTALL_HINT}")
