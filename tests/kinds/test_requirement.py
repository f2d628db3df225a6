"""The requirement kind (ENF-…), added through the registry: declared in specs/, cited by stories."""

from __future__ import annotations

from pathlib import Path

from loadhelpers import edit, errors, line_of

from generators.load import load_backlog

E02 = "backlog/epics/E02-offres.yaml"
PAGE = "specs/exigences.md"


def _declare(root: Path) -> None:
    (root / PAGE).write_text(
        "# Exigences\n\n### ENF-VID-01 — Démarrage rapide\n\n| Id | Exigence | Cible |\n|---|---|---|\n"
        "| ENF-CAP-01 | Spectateurs simultanés | 20 000 |\n\n```\n| ENF-NOPE-01 | dans un bloc de code |\n```\n",
        encoding="utf-8",
    )


def test_headings_and_table_rows_declare_requirements(mini_project: Path) -> None:
    _declare(mini_project)
    edit(mini_project / E02, "    screens: [BO-offres]", "    screens: [BO-offres]\n    requirements: [ENF-VID-01]")
    result = load_backlog(mini_project)
    assert result.errors == []
    assert result.backlog is not None
    found = {r.id: (r.title, r.page) for r in result.backlog.objects("requirement")}
    assert found == {
        "ENF-VID-01": ("Démarrage rapide", "exigences.md"),
        "ENF-CAP-01": ("Spectateurs simultanés", "exigences.md"),
    }
    assert result.backlog.cited_by("ENF-VID-01") == ["E02-S01"]
    assert result.backlog.location("ENF-CAP-01") is not None
    assert str(result.backlog.location("ENF-CAP-01")) == f"{PAGE}:{line_of(mini_project / PAGE, 'ENF-CAP-01')}"
    # the other direction: a requirement no story cites is an info (never a warning: --strict stays green)
    assert [str(f) for f in result.infos] == [
        f"{PAGE}:{line_of(mini_project / PAGE, 'ENF-CAP-01')}: ENF-CAP-01: info: no story cites this "
        "non-functional requirement (requirements)"
    ]
    assert result.warnings == []


def test_unknown_requirement_is_a_located_error(mini_project: Path) -> None:
    _declare(mini_project)
    edit(mini_project / E02, "    screens: [BO-offres]", "    screens: [BO-offres]\n    requirements: [ENF-XXX-99]")
    assert errors(mini_project) == [
        f"{E02}:{line_of(mini_project / E02, 'ENF-XXX-99')}: E02-S01: requirements: unknown non-functional "
        "requirement ENF-XXX-99 (declare it as a heading or a table row in specs/)"
    ]


def test_duplicate_requirement(mini_project: Path) -> None:
    _declare(mini_project)
    (mini_project / "specs/autre.md").write_text("## ENF-CAP-01 : encore\n", encoding="utf-8")
    assert errors(mini_project) == [
        f"specs/exigences.md:{line_of(mini_project / PAGE, 'ENF-CAP-01')}: ENF-CAP-01: duplicate non-functional "
        "requirement id (first declared at specs/autre.md:1)"
    ]


def test_requirement_id_too_long(mini_project: Path) -> None:
    long_id = "ENF-" + "A" * 70
    (mini_project / "specs/long.md").write_text(f"## {long_id} — trop long\n", encoding="utf-8")
    assert errors(mini_project) == [
        f"specs/long.md:1: {long_id}: id: id is 74 characters long; the limit is 64 (ids become file names)"
    ]
