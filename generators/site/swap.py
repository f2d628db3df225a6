"""Put a finished build in place of the site folder without ever leaving no site, and clean after killed builds.

Scratch folders live beside the site folder (same file system, so renames are atomic; writable even when the
project is not), named after it and after the building process: `.site.build-<pid>-<random>` for a build in
progress and `.site.old-<pid>-<random>` for the previous site while it is swapped out. The swap is two renames
(old site aside, new site in); a process killed between them leaves the old site aside, and the next build
puts it back before anything else (`recover`). Folders of processes that no longer run are removed.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import tempfile
from pathlib import Path

from ..load.atomic import new_dir_mode

BUILD, ASIDE = "build", "old"


def _pattern(final: Path) -> re.Pattern[str]:
    return re.compile(rf"\.{re.escape(final.name)}\.({BUILD}|{ASIDE})-([0-9]+)-[A-Za-z0-9_-]+")


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive
        return True
    return True


def _stale(final: Path) -> dict[str, list[Path]]:
    """Scratch folders of `final` left by processes that are gone, by kind."""
    found: dict[str, list[Path]] = {BUILD: [], ASIDE: []}
    pattern = _pattern(final)
    try:
        entries = list(final.parent.iterdir())
    except OSError:
        return found
    for entry in entries:
        match = pattern.fullmatch(entry.name)
        if match and entry.is_dir() and not entry.is_symlink() and not _alive(int(match.group(2))):
            found[match.group(1)].append(entry)
    return found


def recover(final: Path) -> None:
    """Start of every build: restore a site a killed swap set aside, remove scratch folders of dead builds."""
    stale = _stale(final)
    if not final.exists() and stale[ASIDE]:
        newest = max(stale[ASIDE], key=lambda path: path.stat().st_mtime_ns)
        try:
            os.rename(newest, final)
            stale[ASIDE].remove(newest)
        except OSError:  # another build restored it first
            pass
    for path in stale[BUILD] + stale[ASIDE]:
        shutil.rmtree(path, ignore_errors=True)


def scratch_dir(final: Path) -> Path:
    """A new, empty build folder beside `final`, with the umask's permissions (not mkdtemp's 0700)."""
    final.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{final.name}.{BUILD}-{os.getpid()}-", dir=final.parent))
    os.chmod(work, new_dir_mode())
    return work


def swap_in(new: Path, final: Path) -> None:
    """Replace `final` by `new` with two renames; on failure the previous site stays where it was."""
    aside = None
    if final.exists():
        aside = final.parent / f".{final.name}.{ASIDE}-{os.getpid()}-{secrets.token_hex(4)}"
        os.rename(final, aside)
    try:
        os.rename(new, final)
    except OSError:
        if aside is not None:
            os.rename(aside, final)
        raise
    if aside is not None:
        shutil.rmtree(aside, ignore_errors=True)
