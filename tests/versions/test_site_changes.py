"""The Changements page data and HTML: word-level highlighting (escaped), badges, approvals, dashboard line."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from versionrepo import commit_all, edit_every_kind, fz

from generators.kinds import KINDS
from generators.load import load_backlog
from generators.site.pages_changes import changes_page, compared_line, with_badges
from generators.versions.published import site_versions
from generators.versions.words import html_words, word_ops


def test_word_level_changes_are_marked_and_escaped() -> None:
    assert html_words("verrouillé quinze minutes", "verrouillé trente minutes") == (
        "verrouillé <del>quinze </del><ins>trente </ins>minutes"
    )
    assert (
        html_words("<b>a</b>", "<script>x</script>")
        == "<del>&lt;b&gt;a&lt;/b&gt;</del><ins>&lt;script&gt;x&lt;/script&gt;</ins>"
    )


@given(st.text(), st.text())
def test_word_ops_rebuild_both_texts(old: str, new: str) -> None:
    ops = word_ops(old, new)
    assert "".join(t for op, t in ops if op != "+") == old
    assert "".join(t for op, t in ops if op != "-") == new
    shown = html_words(old, new)
    assert "<" not in shown.replace("<ins>", "").replace("</ins>", "").replace("<del>", "").replace("</del>", "")


def test_page_badges_and_dashboard_line_from_a_real_repository(spec_repo: Path) -> None:
    assert fz(spec_repo, "baseline", "create", "v1.0").returncode == 0
    assert fz(spec_repo, "approve", "E01-S01", "--by", "Claire Martin", "--role", "PO").returncode == 0
    edit_every_kind(spec_repo)
    commit_all(spec_repo, "edits")
    assert fz(spec_repo, "baseline", "create", "v1.1").returncode == 0
    (spec_repo / "specs/index.md").write_text(
        (spec_repo / "specs/index.md").read_text(encoding="utf-8").replace("utilisateur final", "spectateur"),
        encoding="utf-8",
    )
    backlog = load_backlog(spec_repo).backlog
    assert backlog is not None
    data = site_versions(backlog, KINDS)
    assert data is not None
    assert data["baseline"]["name"] == "v1.1"
    assert data["badges"] == {"index.md#Glossaire": "changed"}
    assert [p["document"]["from"]["label"] + ">" + p["document"]["to"]["label"] for p in data["pairs"]] == ["v1.0>v1.1"]
    assert data["approvals"]["E01-S01"]["state"] == "suspect"
    page = changes_page(data)
    assert page.path == "planning/changements.md" and page.title == "Changements"
    text = page.markdown.replace("\\", "")  # Markdown escapes in the page's own text
    assert "## Depuis v1.1" in text and "## De v1.0 à v1.1" in text
    assert re.search(r"Comparé à la version \*\*v1\.1\*\* du \d{1,2}(er)? [a-zéû]+ \d{4}\.", text)  # as everywhere
    assert "<del>utilisateur final.</del><ins>spectateur.</ins>" in text
    assert "<del>quinze </del><ins>trente </ins>" in text
    assert "E01-S02 (3 pts)" in text
    assert "<strong>règles</strong> : " in text and "<strong>critère n°2</strong> : " in text  # French names
    assert "alors : " in text and "<strong>acceptance" not in text and "then: " not in text
    row = "| **E01-S01** | Claire Martin | PO | "  # the approvals' table: item, by, role, date, baseline, state
    assert row in text and "| v1.0 | à revalider (élément lié modifié) : FO-connexion, BR-ACC-01 |\n" in text
    assert compared_line(data).startswith("Comparé à la version v1.1 du ")
    marked = with_badges("# Titre\n\n## Glossaire\n\ntexte\n", "index.md", data)
    assert '## Glossaire\n\n<span class="fz-badge fz-changed">modifié depuis v1.1</span>\n' in marked
    story = with_badges("## E01\\-S01 — Créer un compte {: #e01-s01 }\n", "backlog/E01.md", data)
    assert 'class="fz-badge fz-review">à revalider' in story


def test_outside_git_there_is_no_changes_page(mini_project: Path) -> None:
    backlog = load_backlog(mini_project).backlog
    assert backlog is not None
    assert site_versions(backlog, KINDS) is None
