"""Field lines asked after loading: the parsed trees are dropped, files are parsed again on demand."""

from __future__ import annotations

import shutil
from pathlib import Path

from loadhelpers import line_of

from generators.load import load_backlog
from generators.load.linesource import KEPT_FILES, LineSource
from generators.load.yamlread import parse

SHIPPED = ("backlog", "specs", "mockups", "includes", "mkdocs.yml")


def _copy(repo: Path, target: Path) -> Path:
    for name in SHIPPED:
        source = repo / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        elif source.exists():
            shutil.copy(source, target / name)
    return target


def test_field_line_of_a_file_no_longer_kept(repo_root: Path) -> None:
    epics = sorted((repo_root / "backlog" / "epics").glob("*.yaml"))
    assert len(epics) > KEPT_FILES  # the first epic file's tree was dropped while the others were read
    backlog = load_backlog(repo_root).backlog
    assert backlog is not None
    first = epics[0]
    story = backlog.epics[0].stories[1]
    where = backlog.locations.get(f"{story.id}.points")
    assert where is not None and where.file == first.relative_to(repo_root).as_posix()
    assert where.line == line_of(first, "points:", 2)
    title = backlog.locations.get(f"{story.id}.title")
    assert title is not None and title.line == line_of(first, story.title)


def test_a_file_changed_since_loading_gives_no_field_line(repo_root: Path, tmp_path: Path) -> None:
    root = _copy(repo_root, tmp_path)
    backlog = load_backlog(root).backlog
    assert backlog is not None
    story = backlog.epics[0].stories[0]
    before = backlog.locations.get(story.id)
    first = sorted((root / "backlog" / "epics").glob("*.yaml"))[0]
    first.write_text("# edited\n\n" + first.read_text(encoding="utf-8"), encoding="utf-8")
    assert backlog.locations.get(f"{story.id}.points") is None  # lines would be two off: none rather than wrong
    assert backlog.locations.get(story.id) == before  # the object's own line was recorded at load time


def test_line_source_keeps_the_last_files_only(tmp_path: Path) -> None:
    source = LineSource()
    files = []
    for n in range(KEPT_FILES + 2):
        path = tmp_path / f"f{n}.yaml"
        text = f"id: x{n}\n" + "\n" * n + "items:\n  - a\n  - b\n"
        path.write_text(text, encoding="utf-8")
        source.keep(path, text, parse(text))
        files.append((path, n))
    for path, n in files:
        assert source.field_line(path, ("items",))((1,)) == n + 4
        assert source.field_line(path, ())(("missing",)) is None
    files[0][0].unlink()
    source.keep(files[-1][0], files[-1][0].read_text(encoding="utf-8"), parse(files[-1][0].read_text()))
    for path, _ in files[1:]:
        source.document(path)  # the deleted file drops out of the kept ones
    assert source.field_line(files[0][0], ("items",))((0,)) is None
