"""The parsed-YAML cache is pruned: entries unused for KEEP_DAYS, then the least recently used above MAX_BYTES;
at most one scan a day (a stamp file), one process at a time (a file lock), and entries read are kept."""

from __future__ import annotations

import os
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from filelock import FileLock

from generators.load import cache_prune
from generators.load.cache_prune import EVERY_SECONDS, KEEP_DAYS, LOCK, STAMP, maybe_prune, prune
from generators.load.parse_cache import cache_dir, cached_parse

DAY = 86400
NOW = 2_000_000_000.0


def _entry(folder: Path, name: str, age_days: float, size: int = 10) -> Path:
    path = folder / name[:2] / f"{name}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x" * size)
    os.utime(path, (NOW - age_days * DAY, NOW - age_days * DAY))
    return path


def _names(folder: Path) -> set[str]:
    return {p.stem for p in folder.glob("*/*.json")}


def test_entries_unused_for_keep_days_go_and_recent_ones_stay(tmp_path: Path) -> None:
    _entry(tmp_path, "aaold", KEEP_DAYS + 1)
    _entry(tmp_path, "abjust", KEEP_DAYS - 1)
    _entry(tmp_path, "bbnew", 0)
    assert prune(tmp_path, NOW) == 1
    assert _names(tmp_path) == {"abjust", "bbnew"}


def test_above_the_size_cap_the_least_recently_used_go_first(tmp_path: Path) -> None:
    for age, name in enumerate(["aa0", "bb1", "cc2", "dd3", "ee4"]):
        _entry(tmp_path, name, age, size=100)
    assert prune(tmp_path, NOW, max_bytes=250) == 3  # 500 bytes: the three oldest go, 200 stay
    assert _names(tmp_path) == {"aa0", "bb1"}


def test_a_scan_at_most_once_a_day(tmp_path: Path) -> None:
    _entry(tmp_path, "aaold", KEEP_DAYS + 5)
    assert maybe_prune(tmp_path, NOW) == 1
    assert (tmp_path / STAMP).stat().st_mtime == NOW
    _entry(tmp_path, "bbold", KEEP_DAYS + 5)
    assert maybe_prune(tmp_path, NOW + EVERY_SECONDS - 60) is None  # scanned less than a day ago
    assert "bbold" in _names(tmp_path)
    assert maybe_prune(tmp_path, NOW + EVERY_SECONDS) == 1
    assert _names(tmp_path) == set()
    assert maybe_prune(tmp_path / "missing", NOW) is None  # no folder: nothing to do, nothing made


def test_a_folder_being_pruned_by_another_process_is_left_alone(tmp_path: Path) -> None:
    _entry(tmp_path, "aaold", KEEP_DAYS + 5)
    with FileLock(tmp_path / LOCK):  # another holder of the lock (its own file descriptor)
        assert maybe_prune(tmp_path, NOW) is None
    assert "aaold" in _names(tmp_path)
    assert maybe_prune(tmp_path, NOW) == 1


def _prune_now(folder: str) -> int | None:
    return maybe_prune(Path(folder), NOW)


def test_concurrent_processes_prune_once(tmp_path: Path) -> None:
    for index in range(200):
        _entry(tmp_path, f"{index:03d}old", KEEP_DAYS + 1)
    with ProcessPoolExecutor(4) as pool:
        results = list(pool.map(_prune_now, [str(tmp_path)] * 8))
    assert [r for r in results if r is not None] == [200]  # one scan removed them all; the others skipped
    assert _names(tmp_path) == set()


def test_the_parse_cache_touches_what_it_reads_and_prunes_once_per_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FANZONE_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(cache_prune, "_checked", set())
    text = "id: E01\ntitle: Compte\n"
    cached_parse(text)
    [entry] = list(cache_dir().glob("*/*.json"))
    os.utime(entry, (time.time() - 10 * DAY, time.time() - 10 * DAY))
    cached_parse(text)  # a hit: the entry is used now
    assert time.time() - entry.stat().st_mtime < DAY
    stale = _entry(cache_dir(), "ffstale", 0)
    os.utime(stale, (time.time() - (KEEP_DAYS + 1) * DAY,) * 2)
    monkeypatch.setattr(cache_prune, "_checked", set())  # a new process
    cached_parse(text)
    assert not stale.exists() and entry.exists()
    assert (cache_dir() / STAMP).exists()
