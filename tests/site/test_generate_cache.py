"""The generated tree is the same with and without the derived caches, cold and warm (pages byte for byte,
workbooks but for their save time), and a warm generation makes nothing again."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest

from generators.site.build import cache_root, generate_tree, prepare


def _generate(project: Path) -> tuple[dict[str, bytes], dict[str, Any]]:
    config = prepare(project, project / "mkdocs.yml", cache_root(project))
    stats = generate_tree(config)
    tree = Path(config.docs_dir)
    files = {p.relative_to(tree).as_posix(): p.read_bytes() for p in sorted(tree.rglob("*")) if p.is_file()}
    return files, stats


def _comparable(files: dict[str, bytes]) -> dict[str, object]:
    out: dict[str, object] = {}
    for path, data in files.items():
        if path == ".fanzone-tree.json":  # the hashes of the files below, workbooks included
            continue
        if path.endswith(".xlsx"):
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                out[path] = {n: archive.read(n) for n in archive.namelist() if n != "docProps/core.xml"}
        else:
            out[path] = data
    return out


def test_the_tree_is_the_same_with_and_without_caches(
    site_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FANZONE_CACHE", str(tmp_path / "user"))
    cold, cold_stats = _generate(site_project)
    warm, warm_stats = _generate(site_project)
    assert cold_stats["derived_made"] and warm_stats["derived_made"] == []
    assert warm == cold  # byte for byte: workbooks are read back, not made again
    assert warm_stats["written"] == 0

    shutil.rmtree(site_project / ".cache" / "fanzone")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("FANZONE_CACHE", str(blocker / "user"))  # no signing key: no cache at all
    without, stats = _generate(site_project)
    assert len(stats["derived_made"]) == len(cold_stats["derived_made"])
    assert _comparable(without) == _comparable(cold)
