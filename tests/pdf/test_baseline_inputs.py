"""`fanzone export pdf --baseline NAME` on bad input: a clear message naming the fix, exit 1, nothing written and
nothing printed (these tests never start Chromium: a fake one would fail them if they did)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from fanzone_cli import run_fanzone
from hypothesis import example, given
from hypothesis import strategies as st
from pypdf import PdfWriter
from versionrepo import GIT_ENV, MINI, commit_all, fz, git, replace

from generators.cli.pdf_baseline import cache_file, dossier_file
from generators.load.revision import baselines
from generators.versions.sides import DEFAULT_PREFIX, project_prefix

BROKEN_YAML = "title: [jamais fermé\n"  # not YAML: the working tree's backlog does not load


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(MINI, root)
    (root / ".gitignore").write_text(".cache/\nsite/\n*.pdf\n", encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    commit_all(root, "the project")
    assert fz(root, "baseline", "create", "v1.0").returncode == 0
    return root


def _export(root: Path, *args: str, cwd: Path | None = None) -> tuple[int, str]:
    never = root.parent / "no-chromium"  # a Chromium that would fail loudly: these exports must stop before it
    done = run_fanzone(
        "--root", str(root), "export", "pdf", *args, cwd=cwd, env={**GIT_ENV, "FANZONE_CHROMIUM": str(never)}
    )
    assert "Traceback" not in done.stdout + done.stderr
    assert "Chromium" not in done.stderr, done.stderr  # failed before any print
    return done.returncode, done.stderr


def _nothing_written(root: Path, target: Path) -> None:
    assert not target.exists()
    assert not list(root.parent.rglob("*.pdf"))
    assert not list(root.glob(".cache/fanzone/baseline-tree-*"))  # no work folder left behind


def test_an_unknown_baseline_names_the_known_ones(repo: Path) -> None:
    target = repo / "out.pdf"
    code, stderr = _export(repo, "--baseline", "v9", "-o", str(target))
    assert code == 1
    assert "error: unknown baseline 'v9' (baselines: v1.0; see `fanzone baseline list`)" in stderr
    _nothing_written(repo, target)


def test_a_shallow_clone_without_the_tags_says_how_to_fetch_them(repo: Path, tmp_path: Path) -> None:
    (repo / "README.md").write_text("deux commits\n", encoding="utf-8")
    commit_all(repo, "second")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", "--no-tags", f"file://{repo}", str(clone))
    target = clone / "out.pdf"
    code, stderr = _export(clone, "--baseline", "v1.0", "-o", str(target))
    assert code == 1
    assert "shallow clone without the baseline tags: run `git fetch --unshallow --tags`" in stderr
    _nothing_written(clone, target)


def test_a_baseline_from_before_the_backlog_existed(tmp_path: Path) -> None:
    root = tmp_path / "project"
    (root / "specs").mkdir(parents=True)
    (root / "specs/index.md").write_text("# Avant le backlog\n", encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    commit_all(root, "specs only")
    git(root, "tag", "-a", "spec/v0", "-m", "specs only")
    shutil.copytree(MINI, root, dirs_exist_ok=True)
    commit_all(root, "the project")
    target = root / "out.pdf"
    code, stderr = _export(root, "--baseline", "v0", "-o", str(target))
    assert code == 1
    assert "baseline v0: the project had no backlog/ folder at that version" in stderr
    assert "choose a later baseline" in stderr
    _nothing_written(root, target)


def test_a_baseline_whose_backlog_does_not_validate(repo: Path) -> None:
    epic = repo / "backlog/epics/E01-compte.yaml"
    replace(epic, "    points: 2\n", "    points: 4\n")  # not a Fibonacci number
    commit_all(repo, "broken")
    git(repo, "tag", "-a", "spec/broken", "-m", "tagged by hand, never validated")
    replace(epic, "    points: 4\n", "    points: 2\n")
    commit_all(repo, "fixed")
    target = repo / "out.pdf"
    code, stderr = _export(repo, "--baseline", "broken", "-o", str(target))
    assert code == 1
    assert "baseline broken: its backlog does not validate (1 error(s); first: backlog/epics/E01-compte.yaml:" in stderr
    assert "create a new baseline" in stderr and str(repo / ".cache") not in stderr  # named as in git
    _nothing_written(repo, target)


def _cached_dossier(root: Path, name: str, prefix: str = DEFAULT_PREFIX) -> bytes:
    """A (blank, two-page) dossier put in the baseline's cache, as a first print would: no Chromium needed."""
    import io

    writer = PdfWriter()
    for _ in range(2):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    baseline = next(b for b in baselines(root, prefix) if b.name == name)
    stored = cache_file(root, baseline)
    stored.parent.mkdir(parents=True, exist_ok=True)
    stored.write_bytes(buffer.getvalue())
    return buffer.getvalue()


def test_a_baseline_prints_when_the_working_tree_does_not_validate(repo: Path) -> None:
    data = _cached_dossier(repo, "v1.0")
    (repo / "backlog/epics/E01-compte.yaml").write_text(BROKEN_YAML, encoding="utf-8")
    target = repo / "v1.0.pdf"
    code, stderr = _export(repo, "--baseline", "v1.0", "-o", str(target))
    assert code == 0, stderr
    assert target.read_bytes() == data and "dossier of baseline v1.0, 2 pages (from the cache)" in stderr
    target.unlink()
    code, stderr = _export(repo, "-o", str(target))  # the working tree's dossier: its located error
    assert code == 1 and "backlog/epics/E01-compte.yaml:2: E01: YAML syntax error" in stderr
    assert "the backlog is invalid" in stderr
    assert not target.exists()


def test_an_unprinted_baseline_reaches_the_printer_when_the_working_tree_does_not_validate(repo: Path) -> None:
    (repo / "backlog/epics/E01-compte.yaml").write_text(BROKEN_YAML, encoding="utf-8")
    never = repo.parent / "no-chromium"
    done = run_fanzone(
        "--root", str(repo), "export", "pdf", "--baseline", "v1.0", env={**GIT_ENV, "FANZONE_CHROMIUM": str(never)}
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert f"Chromium not found at {never}" in done.stderr  # the baseline's tree loaded and validated: only the
    assert "E01-compte" not in done.stderr  # printer is missing; the working tree was never read


def test_the_tag_prefix_comes_from_project_yaml_alone(repo: Path) -> None:
    project = repo / "backlog/project.yaml"
    project.write_text(project.read_text(encoding="utf-8") + "baseline_prefix: release/\n", encoding="utf-8")
    commit_all(repo, "tags named release/")
    assert fz(repo, "baseline", "create", "v2").returncode == 0
    data = _cached_dossier(repo, "v2", "release/")
    (repo / "backlog/epics/E01-compte.yaml").write_text(BROKEN_YAML, encoding="utf-8")
    target = repo / "v2.pdf"
    code, stderr = _export(repo, "--baseline", "v2", "-o", str(target))
    assert code == 0 and target.read_bytes() == data, stderr
    project.write_text(BROKEN_YAML, encoding="utf-8")  # unreadable: the default prefix finds spec/v1.0
    _cached_dossier(repo, "v1.0")
    code, stderr = _export(repo, "--baseline", "v1.0", "-o", str(target))
    assert code == 0 and "dossier of baseline v1.0" in stderr, stderr


@given(st.text(max_size=60))
@example("!")  # YAML's non-specific tag: an empty prefix, which the model allows
def test_any_project_yaml_gives_its_valid_prefix_or_the_default(
    tmp_path_factory: pytest.TempPathFactory, text: str
) -> None:
    root = tmp_path_factory.mktemp("prefix")
    (root / "backlog").mkdir()
    (root / "backlog/project.yaml").write_text(f"baseline_prefix: {text}\n", encoding="utf-8", errors="replace")
    prefix = project_prefix(root)  # never raises, whatever the file holds
    if re.fullmatch(r"[A-Za-z0-9._-]+/", text):
        assert prefix == text
    else:
        assert prefix == DEFAULT_PREFIX or re.fullmatch(r"[A-Za-z0-9._-]+/|", prefix)  # "": tags without prefix


def test_baseline_is_for_the_pdf_export_only(repo: Path) -> None:
    done = run_fanzone("--root", str(repo), "export", "json", "--baseline", "v1.0", env=GIT_ENV)
    assert done.returncode == 2 and "--baseline applies to `fanzone export pdf` only" in done.stderr


@given(st.text(max_size=40))
def test_a_baselines_default_file_name_is_one_safe_file(name: str) -> None:
    file = dossier_file("fanzone-specification.pdf", name)
    assert file.startswith("fanzone-specification-") and file.endswith(".pdf")
    assert all(ch.isascii() and (ch.isalnum() or ch in "._-") for ch in file)
