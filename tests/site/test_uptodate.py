"""`fanzone build` when no input changed: it answers from the last build's record without loading the project or
generating a page (the generated tree, removed on purpose, stays absent), and any change to what the site depends
on (a file, the site itself, a git tag, a `FANZONE_*` variable, the day, an edit during the build) goes through
the build again. Real builds of the sample project through the command line."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from generators import inputs
from generators.site import uptodate

Run = Callable[..., subprocess.CompletedProcess[str]]
E01 = "backlog/epics/E01-compte.yaml"
UP_TO_DATE = "up to date (nothing changed, MkDocs not run)"


def _tree(project: Path) -> Path:
    return project / ".cache" / "fanzone" / "docs"


def _build(fanzone: Run, project: Path, *args: str, env: dict[str, str] | None = None) -> tuple[bool, str]:
    """Build with the generated tree removed first: (whether the build generated pages again, its output)."""
    shutil.rmtree(_tree(project), ignore_errors=True)
    done = fanzone("build", *args, cwd=project, env=env)
    assert done.returncode == 0, done.stderr
    return _tree(project).is_dir(), done.stdout + done.stderr


def _git(project: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *args], cwd=project, check=True)


def test_nothing_changed_answers_without_generating(site_project: Path, fanzone: Run) -> None:
    first = fanzone("build", cwd=site_project)
    assert first.returncode == 0, first.stderr
    generated, output = _build(fanzone, site_project)
    assert not generated  # the project was not loaded, no page generated
    assert UP_TO_DATE in output
    pages = first.stdout.split(" s: ", 1)[1].split(" diagrams")[0]  # "N pages (M from specs/), D"
    assert f" s: {pages} diagrams (0 rendered" in output
    assert (site_project / "site" / "backlog" / "E01.html").is_file()


def test_every_kind_of_change_goes_through_the_build(site_project: Path, fanzone: Run) -> None:
    _git(site_project, "init", "-q")
    _git(site_project, "add", "-A")
    _git(site_project, "commit", "-q", "-m", "spec")
    assert fanzone("build", cwd=site_project).returncode == 0
    assert not _build(fanzone, site_project)[0]

    story = site_project / E01
    story.write_text(story.read_text(encoding="utf-8").replace("pour la VOD", "pour la zorglub VOD"), encoding="utf-8")
    assert _build(fanzone, site_project)[0]  # a file saved
    assert "pour la zorglub" in (site_project / "site" / "backlog" / "E01.html").read_text(encoding="utf-8")
    assert not _build(fanzone, site_project)[0]

    (site_project / "site" / "backlog" / "E02.html").unlink()  # the published site damaged
    assert _build(fanzone, site_project)[0]
    assert (site_project / "site" / "backlog" / "E02.html").is_file()

    _git(site_project, "tag", "-a", "spec/v1", "-m", "v1")  # a baseline: the Changements page compares with it
    assert _build(fanzone, site_project)[0]
    assert not _build(fanzone, site_project)[0]

    assert _build(fanzone, site_project, env={"FANZONE_PLANTUML_CACHE": str(site_project / ".cache" / "p")})[0]
    for flag in ("--full", "--strict"):
        assert _build(fanzone, site_project, flag)[0]

    (site_project / "includes" / "extra.md").write_text("*[MVP]: Produit minimum viable\n", encoding="utf-8")
    assert _build(fanzone, site_project)[0]  # a new file in a folder the build reads


def test_warnings_are_shown_again_and_strict_still_fails(site_project: Path, fanzone: Run) -> None:
    page = site_project / "specs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[perdu](absente.md)\n", encoding="utf-8")
    first = fanzone("build", cwd=site_project)
    assert first.returncode == 0 and "absente.md" in first.stderr
    generated, output = _build(fanzone, site_project)
    assert not generated
    assert "absente.md" in output and "MkDocs warning(s)" in output
    assert output.split("; ")[-1].split(" MkDocs")[0] == first.stdout.split("; ")[-1].split(" MkDocs")[0] != "0"
    strict = fanzone("build", "--strict", cwd=site_project)
    assert strict.returncode == 1 and "absente.md" in strict.stdout + strict.stderr


def test_an_edit_during_the_build_is_not_recorded_as_built(site_project: Path, fanzone: Run) -> None:
    assert fanzone("build", cwd=site_project).returncode == 0
    taken, last = uptodate.snapshot(site_project, None)
    assert last is not None and taken.fingerprint == last.fingerprint
    story = site_project / E01
    story.write_text(story.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # saved while the build ran
    site = site_project / "site"
    uptodate.remember(taken, site, [Path(p) for p in taken.inputs], {}, warnings=[], backlog_warnings=0)
    assert uptodate.snapshot(site_project, None)[1] is None
    assert _build(fanzone, site_project)[0]


def test_fingerprint_follows_the_day_the_files_and_refuses_links(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "backlog").mkdir()
    (tmp_path / "backlog" / "a.yaml").write_text("a: 1\n", encoding="utf-8")
    paths = [tmp_path / "backlog", tmp_path / "mkdocs.yml"]
    today = inputs.fingerprint(tmp_path, paths)
    assert today is not None and today == inputs.fingerprint(tmp_path, paths)

    class Tomorrow(dt.date):
        @classmethod
        def today(cls) -> dt.date:
            return dt.date(2099, 1, 1)

    with monkeypatch.context() as patch:
        patch.setattr(inputs.dt, "date", Tomorrow)
        assert inputs.fingerprint(tmp_path, paths) != today
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")  # a file that was absent
    assert inputs.fingerprint(tmp_path, paths) != today
    (tmp_path / "backlog" / "lien.yaml").symlink_to(tmp_path / "backlog" / "a.yaml")
    assert inputs.fingerprint(tmp_path, paths) is None  # a link: its target could change unseen
