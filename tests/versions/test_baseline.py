"""`fanzone baseline list|create` on real git repositories made in the test."""

from __future__ import annotations

from pathlib import Path

from versionrepo import commit_all, fz, git


def test_create_then_list_shows_name_date_author_note(spec_repo: Path) -> None:
    made = fz(spec_repo, "baseline", "create", "v1.0", "--note", "Version chiffrée par Pixodeo")
    assert made.returncode == 0, made.stderr
    assert "created baseline v1.0 (tag spec/v1.0" in made.stderr
    assert git(spec_repo, "cat-file", "-t", "spec/v1.0").strip() == "tag"  # annotated
    listed = fz(spec_repo, "baseline", "list")
    assert listed.returncode == 0
    row = next(line for line in listed.stdout.splitlines() if "v1.0" in line)
    assert "Claire Martin" in row and "Version chiffrée par Pixodeo" in row and "20" in row


def test_prefix_comes_from_project_yaml(spec_repo: Path) -> None:
    project = spec_repo / "backlog" / "project.yaml"
    project.write_text(project.read_text(encoding="utf-8") + "baseline_prefix: dossier/\n", encoding="utf-8")
    commit_all(spec_repo, "prefix")
    assert fz(spec_repo, "baseline", "create", "v2").returncode == 0
    assert git(spec_repo, "tag", "--list").split() == ["dossier/v2"]


def test_create_refuses_a_dirty_tree_and_names_the_files(spec_repo: Path) -> None:
    page = spec_repo / "specs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nUne phrase de plus.\n", encoding="utf-8")
    (spec_repo / "specs" / "nouveau.md").write_text("# Nouveau\n", encoding="utf-8")
    made = fz(spec_repo, "baseline", "create", "v1.0")
    assert made.returncode == 1
    assert "uncommitted changes: specs/index.md, specs/nouveau.md" in made.stderr
    assert "Traceback" not in made.stderr
    assert git(spec_repo, "tag", "--list") == ""


def test_create_refuses_a_taken_or_invalid_name(spec_repo: Path) -> None:
    assert fz(spec_repo, "baseline", "create", "v1.0").returncode == 0
    again = fz(spec_repo, "baseline", "create", "v1.0")
    assert again.returncode == 1 and "baseline v1.0 already exists" in again.stderr
    bad = fz(spec_repo, "baseline", "create", "v1..0")
    assert bad.returncode == 1 and "not a valid git tag name" in bad.stderr


def test_outside_a_git_repository_the_message_names_the_fix(mini_project: Path) -> None:
    listed = fz(mini_project, "baseline", "list")
    assert listed.returncode == 1
    assert "not in a git repository" in listed.stderr and "git init" in listed.stderr


def test_list_without_baselines_says_how_to_make_one(spec_repo: Path) -> None:
    listed = fz(spec_repo, "baseline", "list")
    assert listed.returncode == 0
    assert "fanzone baseline create v1.0" in listed.stderr


def test_lightweight_tags_with_the_prefix_are_not_baselines(spec_repo: Path) -> None:
    git(spec_repo, "tag", "spec/light")
    assert "light" not in fz(spec_repo, "baseline", "list").stdout
