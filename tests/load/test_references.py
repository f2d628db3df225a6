"""Cross-file checks: duplicate IDs, unknown references, dependency cycles, sprints, quality warnings."""

from __future__ import annotations

import shutil
from pathlib import Path

from loadhelpers import edit, errors, line_of, warnings

E01 = "backlog/epics/E01-compte.yaml"
E02 = "backlog/epics/E02-offres.yaml"


def test_duplicate_story_id_across_files(mini_project: Path) -> None:
    edit(mini_project / E02, "  - id: E02-S01", "  - id: E01-S01")
    line = line_of(mini_project / E02, "- id: E01-S01")
    first = line_of(mini_project / E01, "- id: E01-S01")
    found = errors(mini_project)
    assert f"{E02}:{line}: E01-S01: duplicate id (first defined at {E01}:{first})" in found


def test_duplicate_epic_and_screen_ids(mini_project: Path) -> None:
    shutil.copy(mini_project / E01, mini_project / "backlog/epics/E01-copie.yaml")
    shutil.copy(mini_project / "mockups/back-office/BO-offres.yaml", mini_project / "mockups/back-office/BO-suite.yaml")
    found = errors(mini_project)
    assert any(f.startswith("backlog/epics/E01-copie.yaml:1: E01: duplicate id (first defined at") for f in found)
    assert any(f.startswith("mockups/back-office/BO-suite.yaml:1: BO-offres: duplicate id") for f in found)


def test_unknown_references_are_located(mini_project: Path) -> None:
    path = mini_project / E02
    edit(path, "as_a: P-admin", "as_a: P-inconnu")
    edit(path, "depends_on: [E01-S02]", "depends_on: [E01-S09]")
    edit(path, "screens: [BO-offres]", "screens: [BO-offres, BO-absent]\n    rules: [BR-XXX-99]")
    edit(path, "depends_on: [E01]", "depends_on: [E07]")
    edit(path, "status: À faire", "status: Bloqué")
    found = errors(mini_project)
    expected = {
        f"{E02}:{line_of(path, 'as_a: P-inconnu')}: E02-S01: as_a: unknown persona P-inconnu",
        f"{E02}:{line_of(path, 'E01-S09')}: E02-S01: depends_on: unknown story E01-S09",
        f"{E02}:{line_of(path, 'BO-absent')}: E02-S01: screens: unknown screen BO-absent",
        f"{E02}:{line_of(path, 'BR-XXX-99')}: E02-S01: rules: unknown business rule BR-XXX-99 "
        "(declare it as a heading in specs/)",
        f"{E02}:{line_of(path, 'depends_on: [E07]')}: E02: depends_on: unknown epic E07",
    }
    assert expected <= set(found)
    assert any("status: unknown status 'Bloqué'" in f for f in found)


def test_screen_link_and_story_references(mini_project: Path) -> None:
    path = mini_project / "mockups/front-office/FO-connexion.yaml"
    edit(path, "to: BO-offres", "to: BO-nulle-part")
    edit(path, "stories: [E01-S01, E01-S02]", "stories: [E01-S01, E05-S01]")
    found = errors(mini_project)
    rel = "mockups/front-office/FO-connexion.yaml"
    assert f"{rel}:{line_of(path, 'BO-nulle-part')}: FO-connexion: links to unknown screen BO-nulle-part" in found
    assert f"{rel}:{line_of(path, 'stories:')}: FO-connexion: stories: unknown story E05-S01" in found


def test_dependency_cycle_names_the_whole_cycle(mini_project: Path) -> None:
    path = mini_project / E01
    edit(
        path,
        "    screens: [FO-connexion]\n    rules:",
        "    depends_on: [E02-S01]\n    screens: [FO-connexion]\n    rules:",
    )
    found = errors(mini_project)
    cycles = [f for f in found if "dependency cycle" in f]
    assert len(cycles) == 1
    assert "E01-S01 -> E02-S01 -> E01-S02 -> E01-S01" in cycles[0]
    assert cycles[0].startswith(f"{E01}:{line_of(path, 'depends_on: [E02-S01]')}: E01-S01:")


def test_epic_cycle_and_self_dependency(mini_project: Path) -> None:
    edit(mini_project / E01, "priority: must\ndescription", "priority: must\ndepends_on: [E02]\ndescription")
    edit(mini_project / E02, "depends_on: [E01-S02]", "depends_on: [E02-S01]")
    found = errors(mini_project)
    assert any("dependency cycle between epics: E01 -> E02 -> E01" in f for f in found)
    assert any("E02-S01: depends_on: E02-S01 depends on itself" in f for f in found)


def test_sprint_beyond_the_plan(mini_project: Path) -> None:
    edit(mini_project / E01, "sprint: 1", "sprint: 7")
    assert errors(mini_project) == [
        f"{E01}:{line_of(mini_project / E01, 'sprint: 7')}: E01-S01: sprint: sprint 7 is beyond the plan "
        "(6 sprints in project.yaml)"
    ]


def test_story_in_the_wrong_epic(mini_project: Path) -> None:
    edit(mini_project / E02, "  - id: E02-S01", "  - id: E03-S01")
    edit(mini_project / "backlog/project.yaml", "depends_on: [E01, E02]", "depends_on: [E01]")
    found = errors(mini_project)
    assert any("E03-S01: story id E03-S01 does not belong to epic E02" in f for f in found)


def test_quality_warnings(mini_project: Path) -> None:
    path = mini_project / E01
    text = path.read_text(encoding="utf-8")
    start = text.index("      - given: l'e-mail est déjà utilisé")
    end = text.index("    points: 3")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    edit(path, "    screens: [FO-connexion]\n    rules:", "    rules:")
    edit(mini_project / E02, "    screens: [BO-offres]\n", "")
    found = warnings(mini_project)
    assert errors(mini_project) == []
    assert (
        f"{E01}:{line_of(path, 'acceptance:')}: E01-S01: warning: a must story needs at least two acceptance "
        "criteria (one for an error path)" in found
    )
    assert any(
        f.startswith(f"{E02}:") and "E02-S01: warning: story in a back-office epic has no screen" in f for f in found
    )
    assert any(
        f.startswith("mockups/back-office/BO-offres.yaml:1: BO-offres: warning: no story uses this screen")
        for f in found
    )


def test_missing_project_files(mini_project: Path) -> None:
    (mini_project / "backlog/personas.yaml").unlink()
    assert errors(mini_project) == [
        "backlog/personas.yaml:1: personas: missing file: the backlog needs backlog/personas.yaml"
    ]


def test_duplicate_business_rule(mini_project: Path) -> None:
    page = mini_project / "specs/regles-bis.md"
    page.write_text(
        "# Autre\n\n## BR-ACC-01 — Doublon\n\n```\n### BR-IGNORE-01 dans un bloc de code\n```\n", encoding="utf-8"
    )
    found = errors(mini_project)
    assert found == [
        "specs/regles-bis.md:3: BR-ACC-01: duplicate business rule id (first declared at specs/index.md:5)"
    ]
