"""`atomic_write`: new files follow the umask (not mkstemp's 0600), existing files keep their permissions."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from generators.load.atomic import atomic_write, current_umask


@pytest.fixture(params=[0o022, 0o027])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    previous = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(previous)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_current_umask_reads_the_process_umask(umask: int) -> None:
    assert current_umask() == umask
    assert current_umask() == umask  # reading it did not change it


def test_new_file_follows_the_umask(tmp_path: Path, umask: int) -> None:
    path = atomic_write(tmp_path / "out" / "export.xlsx", b"data")
    assert _mode(path) == 0o666 & ~umask
    assert path.read_bytes() == b"data"


def test_existing_file_keeps_its_permissions(tmp_path: Path, umask: int) -> None:
    path = tmp_path / "history.json"
    path.write_text("old", encoding="utf-8")
    os.chmod(path, 0o640)
    atomic_write(path, "new")
    assert _mode(path) == 0o640 and path.read_text(encoding="utf-8") == "new"
    os.chmod(path, 0o604)
    atomic_write(path, b"again")
    assert _mode(path) == 0o604


def test_no_temporary_file_is_left_when_writing_fails(tmp_path: Path) -> None:
    with pytest.raises(TypeError):
        atomic_write(tmp_path / "x.txt", 12)  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []
