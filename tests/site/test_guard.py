"""Nothing outside the project is published: a symbolic link leaving the project stops the build, named."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

from generators.site.guard import outside_links

Run = Callable[..., subprocess.CompletedProcess[str]]
SECRET = "secret-outside-the-project-4242"


def _outside(tmp_path: Path) -> Path:
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.md").write_text(f"# Secret\n\n{SECRET}\n", encoding="utf-8")
    return folder


def test_links_inside_the_project_are_fine_and_loops_end(tmp_path: Path) -> None:
    root = tmp_path / "project"
    docs = root / "specs"
    (docs / "sub").mkdir(parents=True)
    (docs / "page.md").write_text("x", encoding="utf-8")
    (root / "shared.md").write_text("x", encoding="utf-8")
    os.symlink(root / "shared.md", docs / "shared.md")
    os.symlink(docs, docs / "sub" / "loop")
    assert outside_links(root, [docs]) == []


def test_links_to_a_file_or_a_folder_outside_are_named(tmp_path: Path) -> None:
    outside = _outside(tmp_path)
    root = tmp_path / "project"
    docs = root / "specs"
    (docs / "deep").mkdir(parents=True)
    (root / "inner").mkdir()
    os.symlink(outside / "secret.md", docs / "leak.md")
    os.symlink(outside, docs / "deep" / "dir")
    os.symlink(root / "inner", docs / "inner")  # inside, but holding a link out
    os.symlink("/etc/passwd", root / "inner" / "passwd.md")
    found = outside_links(root, [docs, root / "missing"])
    assert [line.split(":")[0] for line in found] == ["specs/leak.md", "specs/inner/passwd.md", "specs/deep/dir"]
    assert all(": -: symbolic link to " in line and "outside the project" in line for line in found)


def test_build_refuses_a_spec_linked_outside_and_publishes_nothing(
    site_project: Path, fanzone: Run, tmp_path: Path
) -> None:
    outside = _outside(tmp_path)
    os.symlink(outside / "secret.md", site_project / "specs" / "leak.md")
    done = fanzone("build", cwd=site_project)
    assert done.returncode == 1, done.stdout
    assert "specs/leak.md:1: -: symbolic link to " in done.stderr and "Traceback" not in done.stderr
    site = site_project / "site"
    assert not site.exists() or SECRET not in "".join(p.read_text(errors="ignore") for p in site.rglob("*.*"))
