"""The Changements page draws a changed screen then and now (side by side), and the dashboard sums up approvals."""

from __future__ import annotations

from pathlib import Path

from versionrepo import fz, replace

from generators.context import ProjectContext
from generators.kinds import KINDS
from generators.load import load_backlog
from generators.site.pages_changes import approvals_line, changes_page
from generators.versions.published import site_versions

SCREEN = "mockups/front-office/FO-connexion.yaml"
FENCE = '```plantuml classes="uml fz_wireframe"'


def _data(root: Path) -> tuple[dict, ProjectContext]:
    backlog = load_backlog(root).backlog
    assert backlog is not None
    data = site_versions(backlog, KINDS)
    assert data is not None
    return data, ProjectContext(root, backlog)


def test_a_changed_screen_shows_both_wireframes_and_its_component_changes(spec_repo: Path) -> None:
    assert fz(spec_repo, "baseline", "create", "v1.0").returncode == 0
    replace(spec_repo / SCREEN, "    title: Fanzone TV\n", "    title: Fanzone\n")
    screen = spec_repo / SCREEN
    screen.write_text(
        screen.read_text(encoding="utf-8") + "  - type: text\n    text: Mot de passe oublié ?\n", encoding="utf-8"
    )
    data, ctx = _data(spec_repo)
    [entry] = [k for k in data["since"]["document"]["kinds"] if k["kind"] == "screen"]
    [item] = entry["changed"]
    assert item["sides"]["before"]["label"] == "v1.0" and item["sides"]["after"]["label"] == "version de travail"
    page = changes_page(data, ctx).markdown
    block = page[page.index('<div class="fz-side-by-side" markdown>') :]
    before, after = block.split(FENCE)[1:3]
    assert "Fanzone TV" in before and "Mot de passe oublié" not in before
    assert "Mot de passe oublié" in after and "Fanzone TV" not in after
    assert "FO-connexion — v1.0" in block and "FO-connexion — version de travail" in block
    assert "composant n°" in page  # the component-level changes, listed in the table above the drawings


def test_the_dashboard_counts_approvals_by_state_with_links(spec_repo: Path) -> None:
    assert fz(spec_repo, "approve", "FO-connexion", "--by", "Claire Martin", "--role", "PO").returncode == 0
    assert fz(spec_repo, "approve", "E02", "--by", "Hugo Bernard", "--role", "Pixodeo").returncode == 0
    assert fz(spec_repo, "baseline", "create", "v1.0").returncode == 1  # approvals.yaml is not committed yet
    replace(spec_repo / SCREEN, "    title: Fanzone TV\n", "    title: Fanzone\n")
    data, ctx = _data(spec_repo)
    summary = data["approval_summary"]
    assert summary["stale"] == ["FO-connexion"] and summary["ok"] == ["E02"]
    approvable = [*ctx.epic_by_id, *ctx.story_by_id, *ctx.screen_by_id, *ctx.rule_by_id]
    assert set(summary["never"]) >= set(approvable) - {"FO-connexion", "E02"}
    assert "E02" not in summary["never"] and "FO-connexion" not in summary["never"]
    line = approvals_line(data)
    assert "[1 validé](planning/changements.md#validations-ok)" in line
    assert "[1 à revalider](planning/changements.md#validations-stale)" in line
    assert f"[{len(summary['never'])} jamais validés](planning/changements.md#validations-never)" in line
    page = changes_page(data, ctx).markdown
    assert "### À revalider : contenu modifié depuis (1) { #validations-stale }" in page
    linked = '[<span class="fz-id">FO-connexion</span> — '  # linked to its page
    assert linked in page and "(../maquettes/FO-connexion.md)" in page


def test_the_never_approved_are_counted_per_kind_and_their_list_folded(spec_repo: Path) -> None:
    assert fz(spec_repo, "approve", "E01-S01", "--by", "Claire Martin", "--role", "PO").returncode == 0
    data, ctx = _data(spec_repo)
    never = data["approval_summary"]["never"]
    assert data["never_by_kind"] == {
        "epic": ["E01", "E02"],
        "story": ["E01-S02", "E02-S01"],
        "screen": ["FO-connexion", "BO-offres"],
        "rule": ["BR-ACC-01"],
    }
    assert never == [i for ids in data["never_by_kind"].values() for i in ids]
    page = changes_page(data, ctx).markdown
    section = page[page.index("### Jamais validés (7) { #validations-never }") :]
    assert section.split("\n\n")[1] == "Par type : 2 épopées, 2 stories, 2 écrans, 1 règle."
    folded = section[section.index('<details class="fz-never-list" markdown>') : section.index("</details>")]
    assert "<summary>La liste des 7 éléments</summary>" in folded and " open" not in folded.split(">")[0]
    for object_id in never:  # each one listed (and linked) inside the folded block only
        assert f">{object_id}</span>" in folded and f">{object_id}</span>" not in page.replace(folded, "")
    assert "Claire Martin" not in section  # the approved one is in the table above
