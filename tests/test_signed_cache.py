"""The signed cache of derived results: entries are read back only when signed with this user's key for exactly
this key, and `digest` is the same for the same values in every process."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generators.signed_cache import SECRET_FILE, SignedCache, digest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def user_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("FANZONE_CACHE", str(tmp_path / "user"))
    return tmp_path / "user"


def test_an_entry_is_read_back_then_made_again_when_tampered(tmp_path: Path, user_cache: Path) -> None:
    store = SignedCache(tmp_path / "store")
    made: list[int] = []
    key = store.key("chart", "inputs-1")
    assert store.get_or_make(key, lambda: made.append(1) or b"<svg>one</svg>", "one.svg") == b"<svg>one</svg>"
    again = SignedCache(tmp_path / "store")  # another build
    assert again.get_or_make(key, lambda: made.append(2) or b"other", "one.svg") == b"<svg>one</svg>"
    assert made == [1] and store.made == ["one.svg"] and again.made == [] and again.hits == 1
    assert (user_cache / SECRET_FILE).stat().st_mode & 0o077 == 0  # the key is the user's alone

    path = next((tmp_path / "store").glob("??/*.bin"))
    data = path.read_bytes()
    path.write_bytes(data[:32] + b"<svg><script>alert(1)</script></svg>")  # content changed, signature kept
    assert SignedCache(tmp_path / "store").get(key) is None
    path.write_bytes(b"\0" * 32 + b"<svg>one</svg>")  # a signature made without the key
    assert SignedCache(tmp_path / "store").get(key) is None
    path.write_bytes(data)
    other = store.key("chart", "inputs-2")  # a valid entry moved under another key is not that key's entry
    moved = tmp_path / "store" / other[:2] / f"{other}.bin"
    moved.parent.mkdir(parents=True, exist_ok=True)
    moved.write_bytes(data)
    assert store.get(other) is None and store.get(key) == b"<svg>one</svg>"


def test_another_users_key_does_not_verify(tmp_path: Path, user_cache: Path) -> None:
    SignedCache(tmp_path / "store").put("k" * 64, b"data")
    assert SignedCache(tmp_path / "store", secret=b"x" * 32).get("k" * 64) is None
    assert SignedCache(tmp_path / "store").get("k" * 64) == b"data"


def test_without_a_usable_key_nothing_is_stored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("FANZONE_CACHE", str(blocker / "cache"))
    store = SignedCache(tmp_path / "store")
    assert not store.enabled
    assert store.get_or_make("k" * 64, lambda: b"made", "x") == b"made"
    assert store.get_or_make("k" * 64, lambda: b"made", "x") == b"made" and store.made == ["x", "x"]
    assert not (tmp_path / "store").exists()


def test_entries_another_process_made_for_this_build_are_not_hits(tmp_path: Path, user_cache: Path) -> None:
    helper = SignedCache(tmp_path / "store")  # a forked child of the build (`site/prefetch.py`)
    key = helper.key("workbook", "inputs")
    helper.get_or_make(key, lambda: b"made by the child", "book.xlsx")
    assert helper.made == ["book.xlsx"] and helper.made_keys == [key]
    build = SignedCache(tmp_path / "store")
    build.elsewhere.add(key)
    assert build.get_or_make(key, lambda: b"made again", "book.xlsx") == b"made by the child"
    assert build.hits == 0 and build.made == []
    assert SignedCache(tmp_path / "store").get(key) is not None  # a later build reads it back: a hit


def test_prune_removes_the_scratch_files_of_a_killed_writer(tmp_path: Path, user_cache: Path) -> None:
    store = SignedCache(tmp_path / "store")
    store.put("ab" + "0" * 62, b"kept")
    old, fresh = tmp_path / "store" / "ab" / "x.bin.123.tmp", tmp_path / "store" / "ab" / "y.bin.456.tmp"
    old.write_bytes(b"half")
    fresh.write_bytes(b"being written")
    os.utime(old, (0, 0))
    store.prune()
    assert not old.exists() and fresh.exists() and store.get("ab" + "0" * 62) == b"kept"


@dataclass(frozen=True)
class _Point:
    day: dt.date
    tags: frozenset[str]


def test_digest_covers_every_value_and_ignores_set_order() -> None:
    one = _Point(dt.date(2025, 4, 1), frozenset({"a", "b", "c"}))
    assert digest(one) == digest(_Point(dt.date(2025, 4, 1), frozenset(["c", "b", "a"])))
    assert digest(one) != digest(_Point(dt.date(2025, 4, 2), frozenset({"a", "b", "c"})))
    assert digest(one) != digest(_Point(dt.date(2025, 4, 1), frozenset({"a", "b"})))
    assert digest([1, "1"]) != digest(["1", 1]) and digest({"a": 1}) != digest({"a": 1.0})


@given(st.lists(st.text(max_size=8)), st.lists(st.text(max_size=8)))
def test_digest_tells_lists_of_text_apart(first: list[str], second: list[str]) -> None:
    assert (digest(first) == digest(second)) == (first == second)


def test_digest_is_the_same_in_every_process() -> None:
    code = (
        "from generators.signed_cache import digest\n"
        "print(digest({'ids': frozenset({'E01-S01', 'E02-S03', 'E03-S07', 'BR-PAY-01'}), 'n': [1, 2.5, None]}))\n"
    )
    seen = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        seen.add(done.stdout.strip())
    assert len(seen) == 1
