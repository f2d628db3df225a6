"""`fanzone diff` between baselines and the working tree of a real git repository: exact JSON, bad input."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from versionrepo import commit_all, edit_every_kind, fz, git, replace

EXPECTED = Path(__file__).parent / "data" / "diff-mini-v1.0.json"


@pytest.fixture
def baselined(spec_repo: Path) -> Path:
    assert fz(spec_repo, "baseline", "create", "v1.0", "--note", "chiffrage").returncode == 0
    return spec_repo


def _json(done: subprocess.CompletedProcess[str]) -> dict:
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_every_kind_of_change_exact_json_and_the_working_tree_untouched(baselined: Path) -> None:
    edit_every_kind(baselined)
    before = git(baselined, "status", "--porcelain")
    document = _json(fz(baselined, "diff", "--json"))
    assert document["from"]["commit"] == git(baselined, "rev-parse", "spec/v1.0^{commit}").strip()
    assert document["from"]["date"].startswith("20")
    document["from"]["commit"] = document["from"]["date"] = None
    assert document == json.loads(EXPECTED.read_text(encoding="utf-8"))
    assert list(document) == ["from", "to", "totals", "kinds", "reestimation"]  # stable key order
    assert git(baselined, "status", "--porcelain") == before


def test_between_two_baselines_equals_baseline_to_working_tree(baselined: Path) -> None:
    edit_every_kind(baselined)
    commit_all(baselined, "edits")
    assert fz(baselined, "baseline", "create", "v1.1").returncode == 0
    between = _json(fz(baselined, "diff", "v1.0", "v1.1", "--json"))
    assert between["to"]["label"] == "v1.1"
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    assert between["kinds"] == expected["kinds"] and between["reestimation"] == expected["reestimation"]
    # the default FROM is the last baseline: nothing changed since v1.1
    latest = _json(fz(baselined, "diff", "--json"))
    assert latest["from"]["label"] == "v1.1" and latest["totals"] == {"added": 0, "removed": 0, "changed": 0}


def test_renaming_a_file_is_not_a_change(baselined: Path) -> None:
    (baselined / "backlog/epics/E02-offres.yaml").rename(baselined / "backlog/epics/E02-renomme.yaml")
    document = _json(fz(baselined, "diff", "--json"))
    assert document["kinds"] == [] and document["reestimation"]["epics"] == []


def test_removed_story_and_points_in_the_reestimation(baselined: Path) -> None:
    page = baselined / "backlog/epics/E02-offres.yaml"
    text = page.read_text(encoding="utf-8")
    page.write_text(text[: text.index("stories:")] + "stories: []\n", encoding="utf-8")
    document = _json(fz(baselined, "diff", "--json"))
    story = next(k for k in document["kinds"] if k["kind"] == "story")
    assert story["removed"] == [{"id": "E02-S01", "title": "Créer une offre"}]
    assert document["reestimation"]["totals"]["removed_points"] == 5


def test_markdown_and_terminal_outputs(baselined: Path, tmp_path: Path) -> None:
    edit_every_kind(baselined)
    target = tmp_path / "changes.md"
    assert fz(baselined, "diff", "--format", "md", "-o", str(target)).returncode == 0
    text = target.read_text(encoding="utf-8")
    assert "# Changes from v1.0 to working tree" in text
    assert "| E01 Compte et authentification | E01-S02 (3) | 3 | 0 (0 pts) | 0 (0 pts) |" in text
    shown = fz(baselined, "diff")
    assert shown.returncode == 0
    assert "~ E01-S02 Se connecter" in shown.stdout and "points: 2 → 3" in shown.stdout


def test_user_text_is_not_terminal_markup(baselined: Path) -> None:
    replace(baselined / "backlog/epics/E01-compte.yaml", "title: Se connecter", "title: '[bold]Se [/] connecter'")
    shown = fz(baselined, "diff")
    assert shown.returncode == 0, shown.stderr
    assert "[bold]Se [/] connecter" in shown.stdout


def test_unknown_baseline_names_the_known_ones_and_writes_nothing(baselined: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    done = fz(baselined, "diff", "v9", "--json", "-o", str(target))
    assert done.returncode == 1
    assert "unknown baseline 'v9' (baselines: v1.0; see `fanzone baseline list`)" in done.stderr
    assert not target.exists()


def test_no_baseline_yet(spec_repo: Path) -> None:
    done = fz(spec_repo, "diff")
    assert done.returncode == 1 and "fanzone baseline create v1.0" in done.stderr


def test_a_shallow_clone_without_tags_says_how_to_fetch_them(baselined: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", "--no-tags", f"file://{baselined}", str(clone))
    done = fz(clone, "diff")
    assert done.returncode == 1
    assert "shallow clone without the baseline tags: run `git fetch --unshallow --tags`" in done.stderr


def test_a_tag_before_the_backlog_existed(tmp_path: Path) -> None:
    root = tmp_path / "early"
    (root / "specs").mkdir(parents=True)
    (root / "specs" / "index.md").write_text("# Début\n", encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    commit_all(root, "specs only")
    git(root, "tag", "-a", "spec/v0", "-m", "trop tôt")
    done = fz(root, "diff", "v0", "HEAD")
    assert done.returncode == 1
    assert "v0: the project had no backlog/ folder at that version" in done.stderr


def test_a_baseline_whose_backlog_does_not_validate(spec_repo: Path) -> None:
    replace(spec_repo / "backlog/epics/E01-compte.yaml", "points: 3", "points: 4")
    commit_all(spec_repo, "broken")
    git(spec_repo, "tag", "-a", "spec/broken", "-m", "cassée")
    replace(spec_repo / "backlog/epics/E01-compte.yaml", "points: 4", "points: 3")
    done = fz(spec_repo, "diff", "broken")
    assert done.returncode == 1
    assert "broken: the backlog of that version does not validate: 1 error(s)" in done.stderr
    assert "E01-S01" in done.stderr and "Traceback" not in done.stderr


def test_changed_words_are_marked_in_text_without_colours(baselined: Path) -> None:
    replace(
        baselined / "backlog/epics/E01-compte.yaml",
        "i_want: me connecter avec mon e-mail",
        "i_want: me connecter avec mon téléphone",
    )
    shown = fz(baselined, "diff")  # a pipe: no colours, so struck and underlined words would look alike
    assert shown.returncode == 0, shown.stderr
    assert "i_want: me connecter avec mon [-e-mail-]{+téléphone+}" in shown.stdout, shown.stdout[:400]
