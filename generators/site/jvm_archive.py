"""A class-data archive for PlantUML's JVM (Java's dynamic CDS): each PlantUML run starts ~0.2 s sooner.

A JVM spends most of a small PlantUML run loading and verifying PlantUML's classes. The first run with a
`java … -jar plantuml.jar` engine (not a wrapper command) writes the classes it loaded into an archive
(`-XX:ArchiveClassesAtExit`, JDK 13 and later), every later run maps it (`-XX:SharedArchiveFile`): measured
here ~0.35 s less CPU and ~0.2 s less wall time per run, and a cold site build runs PlantUML twice (its
version, then the diagrams). The JVM checks that an archive matches it and ignores one that does not (another
JDK, a damaged file); an older JVM ignores the options (`-XX:+IgnoreUnrecognizedVMOptions`).

The archive is the user's, like the cache's signing key (`signed_cache.user_cache_dir()/jvm`), named by the
engine's identity (the java binary's and the jar's size and modification time): a new JDK or jar makes a new
one. It is written under a scratch name and renamed when the run succeeded (two builds at once: one wins).
"""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path

from ..signed_cache import user_cache_dir
from .engine import Engine

ARCHIVE_DIR = "jvm"
KEEP = 4  # archives kept in the user's cache: the newest (a user switching between jars or JDKs keeps theirs)
DISABLE_ENV = "FANZONE_NO_JVM_ARCHIVE"  # set (to anything but "" or "0"): PlantUML's JVM runs as it is


def archive(engine: Engine) -> Path | None:
    """Where this engine's archive is (or goes); None when the engine is not `java … -jar …`, or disabled."""
    if os.environ.get(DISABLE_ENV, "") not in ("", "0") or "-jar" not in engine.command:
        return None
    if not Path(engine.command[0]).name.startswith("java"):
        return None
    return user_cache_dir() / ARCHIVE_DIR / f"plantuml-{engine.identity()}.jsa"


def command(engine: Engine, *, create: bool) -> tuple[list[str], Path | None]:
    """PlantUML's command line with the archive mapped when it exists, else (with `create`) written at the JVM's
    exit under a scratch name, returned second: `publish` it once the run succeeded."""
    path = archive(engine)
    if path is None:
        return list(engine.command), None
    java, rest = engine.command[0], list(engine.command[1:])
    if path.is_file():
        return [java, "-XX:+IgnoreUnrecognizedVMOptions", f"-XX:SharedArchiveFile={path}", *rest], None
    if not create:
        return list(engine.command), None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError:  # no user cache: run as it is
        return list(engine.command), None
    scratch = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    return [java, "-XX:+IgnoreUnrecognizedVMOptions", f"-XX:ArchiveClassesAtExit={scratch}", *rest], scratch


def publish(scratch: Path | None, succeeded: bool) -> None:
    """Put the archive written by a run in place (when the run succeeded and wrote one), else drop it; then the
    oldest archives beyond `KEEP` go (each is 10-16 MB: another JDK's or jar's, no longer used)."""
    if scratch is None:
        return
    with contextlib.suppress(OSError):
        if succeeded and scratch.is_file() and scratch.stat().st_size > 0:
            scratch.replace(scratch.with_name(scratch.name.rsplit(".", 2)[0]))
            prune(scratch.parent)
        else:
            scratch.unlink(missing_ok=True)


def prune(folder: Path, keep: int | None = None) -> None:
    """Delete all but the `keep` newest archives in `folder`, and scratch files a run left a day ago or more."""
    keep = KEEP if keep is None else keep
    archives: list[tuple[float, Path]] = []
    for path in folder.glob("plantuml-*.jsa*"):
        with contextlib.suppress(OSError):
            modified = path.stat().st_mtime
            if path.suffix == ".jsa":
                archives.append((modified, path))
            elif path.suffix == ".tmp" and modified < time.time() - 86400:
                path.unlink()
    for _, path in sorted(archives, reverse=True)[keep:]:
        with contextlib.suppress(OSError):
            path.unlink()
