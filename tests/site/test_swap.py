"""The site swap: a build killed at any moment leaves a site (restored by the next build), never scratch folders."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from generators.site import swap
from generators.site.swap import recover, scratch_dir, swap_in

REPO = Path(__file__).resolve().parents[2]

KILLED_SWAP = """
import os, signal, sys
from pathlib import Path
from generators.site import swap

final = Path(sys.argv[1])
work = swap.scratch_dir(final)
(work / "index.html").write_text("new", encoding="utf-8")
real = os.rename
def rename(src, dst):
    real(src, dst)
    os.kill(os.getpid(), signal.SIGKILL)  # killed right after the old site is set aside
swap.os.rename = rename
swap.swap_in(work, final)
"""


def _dead_pid() -> int:
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(done.stdout)


def _site(tmp_path: Path, text: str = "old") -> Path:
    final = tmp_path / "site"
    final.mkdir()
    (final / "index.html").write_text(text, encoding="utf-8")
    return final


def test_swap_replaces_the_site_and_leaves_nothing(tmp_path: Path) -> None:
    final = _site(tmp_path)
    work = scratch_dir(final)
    (work / "index.html").write_text("new", encoding="utf-8")
    swap_in(work, final)
    assert (final / "index.html").read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_real_kill_between_the_renames_is_recovered_by_the_next_build(tmp_path: Path) -> None:
    final = _site(tmp_path)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", KILLED_SWAP, str(final)], env=env, capture_output=True, timeout=60)
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert not final.exists()  # the moment the issue describes: no site/ at all
    left = sorted(p.name.split("-")[0] for p in tmp_path.iterdir())
    assert left == [".site.build", ".site.old"]
    recover(final)
    assert (final / "index.html").read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # the killed build's scratch folder is gone


def test_a_failed_second_rename_puts_the_old_site_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    final = _site(tmp_path)
    work = scratch_dir(final)
    real = os.rename

    def rename(src: str, dst: str) -> None:
        if Path(src) == work:
            raise OSError("disk full")
        real(src, dst)

    monkeypatch.setattr(swap.os, "rename", rename)
    with pytest.raises(OSError):
        swap_in(work, final)
    assert (final / "index.html").read_text(encoding="utf-8") == "old"


def test_recover_keeps_the_site_and_the_folders_of_running_builds(tmp_path: Path) -> None:
    final = _site(tmp_path, "current")
    dead, alive = _dead_pid(), os.getpid()
    for name in (f".site.old-{dead}-a1", f".site.build-{dead}-b2", f".site.build-{alive}-c3", ".site.other", "keep"):
        (tmp_path / name).mkdir()
    recover(final)
    assert sorted(p.name for p in tmp_path.iterdir()) == [f".site.build-{alive}-c3", ".site.other", "keep", "site"]
    assert (final / "index.html").read_text(encoding="utf-8") == "current"


def test_recover_restores_the_newest_aside_site(tmp_path: Path) -> None:
    dead = _dead_pid()
    for name, text, when in (("a", "older", 1_000_000), ("b", "newer", 2_000_000)):
        folder = tmp_path / f".site.old-{dead}-{name}"
        folder.mkdir()
        (folder / "index.html").write_text(text, encoding="utf-8")
        os.utime(folder, (when, when))
    final = tmp_path / "site"
    recover(final)
    assert (final / "index.html").read_text(encoding="utf-8") == "newer"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


@pytest.mark.parametrize("mask", [0o022, 0o027])
def test_scratch_folder_follows_the_umask(tmp_path: Path, mask: int) -> None:
    previous = os.umask(mask)
    try:
        work = scratch_dir(tmp_path / "public" / "site")
    finally:
        os.umask(previous)
    assert stat.S_IMODE(work.stat().st_mode) == 0o777 & ~mask  # not mkdtemp's 0700
