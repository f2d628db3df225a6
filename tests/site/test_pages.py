"""Markdown of the generated pages (dashboard, epics, personas, traceability, screens, areas) and the navigation."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from sitehelpers import HOSTILE, make_project, render_markdown, text_of

from generators.context import ProjectContext
from generators.load import load_backlog
from generators.site import paths
from generators.site.nav import build_nav, spec_section
from generators.site.pages_backlog import (
    Download,
    backlog_pages,
    dashboard,
    epic_page,
    traceability_page,
)
from generators.site.pages_personas import backlog_personas, enrich_spec_personas
from generators.site.pages_screens import area_page, screen_page, screen_pages


@pytest.fixture
def ctx(tmp_path: Path) -> ProjectContext:
    root = make_project(tmp_path / "project")
    result = load_backlog(root)
    assert result.ok, result.errors
    assert result.backlog is not None
    return ProjectContext(root, result.backlog)


def test_dashboard_counts_progress_and_next_milestone(ctx: ProjectContext) -> None:
    page = dashboard(ctx, dt.date(2025, 5, 1), [Download("fanzone-gantt.xlsx (Excel)", "downloads/g.xlsx")])
    assert page.path == paths.HOME
    html = render_markdown(page.markdown)
    text = text_of(html)
    assert "Fanzone TV — mini" in text
    assert "Plateforme de streaming Live et VOD" in text  # the product in one paragraph
    assert re.search(r"2\s*epics", text) and re.search(r"3\s*user stories", text) and re.search(r"10\s*points", text)
    assert re.search(r"30\s%", text)  # 3 of 10 points done (a no-break space before %)
    assert "M01 — Lancement bêta" in text and "30 juin 2025" in text and "dans 60 jours" in text
    assert '<a href="downloads/g.xlsx">fanzone-gantt.xlsx (Excel)</a>' in html
    assert 'aria-valuenow="60"' in html  # E01: 3 of 5 points
    assert 'class="fz-badge fz-done"' in html and 'class="fz-badge fz-in_progress"' in html


def test_dashboard_after_the_last_milestone(ctx: ProjectContext) -> None:
    text = text_of(render_markdown(dashboard(ctx, dt.date(2026, 1, 1), []).markdown))
    assert "Tous les jalons du plan sont passés" in text
    assert "Téléchargements" not in text


def test_epic_page_shows_each_story_in_full(ctx: ProjectContext) -> None:
    page = epic_page(ctx, ctx.epic_by_id["E01"])
    assert page.path == "backlog/E01.md"
    md = page.markdown
    assert "{: #e01-s01 }" in md and "{: #e01-s02 }" in md
    assert "(personas.md#p-fan)" in md
    assert "(../maquettes/FO-connexion.md)" in md
    assert "(../specifications.md#br-acc-01)" in md  # the rule page (specs/index.md, moved) and anchor
    assert "(E01.md#e01-s01)" in md  # E01-S02 depends on E01-S01
    assert "(https://fanzone.atlassian.net/browse/FZ-12)" in md
    html = render_markdown(md)
    text = text_of(html)
    sentence = (
        "En tant que Léa, spectatrice occasionnelle qui suit son club, "
        "je veux créer un compte avec mon e-mail pour la VOD afin que je puisse m'abonner."
    )
    assert sentence in text
    assert "afin de" not in text
    assert "Étant donné je suis sur la page d'inscription" in text
    assert "Quand je saisis un e-mail valide et un mot de passe conforme" in text
    assert "Alors mon compte est créé" in text
    assert "3 points" in text and "Sprint 1" in text
    assert 'class="fz-badge fz-prio fz-prio-must"' in html
    assert 'id="e01-s01"' in html


def test_hostile_titles_stay_text(ctx: ProjectContext) -> None:
    page = epic_page(ctx, ctx.epic_by_id["E02"])
    assert "<script" not in page.markdown
    html = render_markdown(page.markdown)
    assert "<script" not in html
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.DOTALL)
    assert h1 and text_of(h1.group(1)) == f"E02 — {HOSTILE}"
    h2 = re.search(r'<h2 id="e02-s01">(.*?)</h2>', html, re.DOTALL)
    assert h2 and text_of(h2.group(1)) == "E02-S01 — Créer une offre | **gras** [lien](http://evil.example)"
    assert "evil.example" not in re.findall(r'href="([^"]*)"', html)


def test_personas_page(ctx: ProjectContext) -> None:
    (page,) = backlog_personas(ctx)  # the mini project's specs/ has no Personas page
    html = render_markdown(page.markdown)
    assert 'id="p-fan"' in html and 'id="p-admin"' in html
    text = text_of(html)
    assert "Regarder les matchs de son club en direct" in text
    assert "User stories (2, 5 points)" in text
    assert 'href="E01.md#e01-s01"' in html


def test_one_personas_page_the_specifications_enriched_by_the_backlog(ctx: ProjectContext) -> None:
    (ctx.root / "specs" / "personas.md").write_text("# Personas\n", encoding="utf-8")
    paths._has_spec_personas.cache_clear()
    try:
        assert backlog_personas(ctx) == []  # no second Personas page
        assert paths.personas_page(ctx.root) == paths.SPEC_PERSONAS
        spec = (
            "# Personas\n\nIntro.\n\n## Léa, la fan (P-fan)\n\nRécit.\n\n```\n## P-admin in code\n```\n\n"
            "## Autre\n\nTexte.\n"
        )
        md = enrich_spec_personas(ctx, spec)
        html = render_markdown(md)
        assert 'id="p-fan"' in html and 'id="p-admin"' in html  # P-admin: not in the page, a section at the end
        text = text_of(html)
        # the backlog's data comes right after the persona's own section, before the next heading
        assert text.index("Récit.") < text.index("Regarder les matchs de son club en direct") < text.index("Autre")
        assert "User stories (2, 5 points)" in text
        assert md.count("## ") == spec.count("## ") + 1  # one section added (P-admin), none for P-fan
        assert "## P-admin in code" in md  # fenced code untouched
        story = epic_page(ctx, ctx.epic_by_id["E01"]).markdown
        assert "(../personas.md#p-fan)" in story  # the stories' persona links lead to the one page
    finally:
        paths._has_spec_personas.cache_clear()


def test_traceability_both_ways(ctx: ProjectContext) -> None:
    html = render_markdown(traceability_page(ctx).markdown)
    tables = re.findall(r"<table>.*?</table>", html, re.DOTALL)
    assert len(tables) == 3
    story_rows = re.findall(r"<tr>(.*?)</tr>", tables[0], re.DOTALL)[1:]
    first = [text_of(cell) for cell in re.findall(r"<td>(.*?)</td>", story_rows[0], re.DOTALL)]
    assert first[0] == "E01-S01" and first[4] == "FO-connexion"
    assert first[5] == "BR-ACC-01" and first[6] == "—" and first[7] == "FZ-12"  # no requirement; a Jira key
    screens = {
        text_of(cells[0]): text_of(cells[3])
        for row in re.findall(r"<tr>(.*?)</tr>", tables[1], re.DOTALL)[1:]
        if (cells := re.findall(r"<td>(.*?)</td>", row, re.DOTALL))
    }
    assert screens["FO-connexion"] == "E01-S01, E01-S02"
    assert screens["BO-offres"] == "E02-S01"
    assert screens["FO-vitrine"] == "E01-S01"  # listed by the screen's own `stories`
    assert "BR-ACC-01" in text_of(tables[2]) and "E01-S01" in text_of(tables[2])


def test_screen_page(ctx: ProjectContext) -> None:
    page = screen_page(ctx, ctx.screen_by_id["FO-vitrine"], use_directory_urls=True)
    md = page.markdown
    assert md.startswith("---\nhide:\n  - toc\n---")
    fence = re.search(r"```plantuml [^\n]*\n(.*?)\n```", md, re.DOTALL)
    assert fence and fence.group(1).startswith("@startsalt")
    assert "[[../FO-connexion/ Connexion]]" in fence.group(1)  # relative to maquettes/FO-vitrine/
    text = text_of(render_markdown(md.replace(fence.group(0), "")))
    assert "❶ En-tête « Fanzone TV » — L'en-tête est commun" in text
    assert "❹ Fenêtre modale « Confirmer l'achat » — La fenêtre se ferme avec Échap." in text
    assert "Mène vers : FO-connexion — Connexion, BO-offres — Offres" in text
    assert "E01-S01 — Créer un compte" in text
    assert "Source : mockups/front-office/FO-vitrine.yaml" in text


def test_screen_links_without_directory_urls(ctx: ProjectContext) -> None:
    page = screen_page(ctx, ctx.screen_by_id["FO-vitrine"], use_directory_urls=False)
    assert "[[FO-connexion.html Connexion]]" in page.markdown


def test_area_page_flow_map(ctx: ProjectContext) -> None:
    page = area_page(ctx, "front-office", use_directory_urls=True)
    fence = re.search(r"```plantuml [^\n]*\n(.*?)\n```", page.markdown, re.DOTALL)
    assert fence
    flow = fence.group(1)
    assert "as FO_connexion [[../FO-connexion/]]" in flow
    assert "FO_vitrine --> FO_connexion" in flow
    assert "FO_connexion ..> BO_offres" in flow  # the other area's screen, dashed and greyed
    assert "as BO_offres [[../BO-offres/]] #EEEEEE" in flow
    assert "Navigation globale" in page.markdown  # the header's links are listed, not drawn


def test_every_page_and_the_navigation(ctx: ProjectContext) -> None:
    pages = {p.path: p for p in backlog_pages(ctx) + backlog_personas(ctx) + screen_pages(ctx, True)}
    pages[paths.HOME] = dashboard(ctx, dt.date(2025, 5, 1), [])
    expected = {
        "backlog/index.md",
        "backlog/E01.md",
        "backlog/E02.md",
        "backlog/personas.md",
        "backlog/tracabilite.md",
        "maquettes/index.md",
        "maquettes/front-office.md",
        "maquettes/back-office.md",
        "maquettes/FO-connexion.md",
        "maquettes/FO-vitrine.md",
        "maquettes/BO-offres.md",
        paths.HOME,
    }
    assert set(pages) == expected
    nav = build_nav(ctx, ["index.md", "zzz.md", "glossaire.md"], ["glossaire.md", "index.md"], pages, [])
    assert [next(iter(item)) for item in nav] == ["Accueil", "Spécifications", "Backlog", "Maquettes"]
    assert nav[1]["Spécifications"] == ["glossaire.md", "index.md", "zzz.md"]
    epics = nav[2]["Backlog"][1]["Epics"]
    assert epics[0] == {"E01 — Compte et authentification": "backlog/E01.md"}
    assert epics[1] == {"E02 — ‹script›alert(1)‹/script›": "backlog/E02.md"}  # safe in the nav and <title>
    front = nav[3]["Maquettes"][1]["Front office"]
    assert front[0] == {"Parcours front office": "maquettes/front-office.md"}


def test_spec_section_keeps_the_configured_order() -> None:
    order = ["index.md", "missing.md", "b.md"]
    assert spec_section(["b.md", "a.md", "index.md"], order) == ["index.md", "b.md", "a.md"]


def test_jira_key_without_a_jira_url_is_plain_text(ctx: ProjectContext) -> None:
    ctx.backlog.project.jira.url = None
    md = epic_page(ctx, ctx.epic_by_id["E01"]).markdown
    assert "FZ-12" in md and "/browse/" not in md
