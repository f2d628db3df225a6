"""The site's Planning tab: pages, assets, escaping of YAML text, and the Gantt rendered by PlantUML."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from loadhelpers import edit
from openpyxl import load_workbook
from reportkit import E01, E02, STATUS_DATE

from generators.context import ProjectContext
from generators.load import load_backlog
from generators.model import Backlog
from generators.plan import schedule
from generators.reports.gantt_puml import gantt_plantuml
from generators.reports.pages import SitePage, site_assets, site_pages

REPO = Path(__file__).resolve().parents[2]


def _load(root: Path) -> Backlog:
    backlog = load_backlog(root).backlog
    assert backlog is not None
    return backlog


def test_pages_and_assets_of_the_planning_tab(history_project: Path) -> None:
    backlog = _load(history_project)
    pages = site_pages(ProjectContext(history_project, backlog, today=STATUS_DATE))
    assert [(p.path, p.title) for p in pages] == [
        ("planning/index.md", "Planning"),
        ("planning/prevision.md", "Prévision"),
        ("planning/kanban.md", "Kanban"),
        ("planning/burndown.md", "Burndown et flux"),
    ]
    assert all(isinstance(p, SitePage) for p in pages)
    gantt, forecast, kanban, flow = (p.text() for p in pages)
    assert "```plantuml\n@startgantt\n" in gantt and "@endgantt\n```" in gantt
    assert "today is 2025-04-25" in gantt and "[E01 · Compte et authentification (60 %)]" in gantt
    assert "| M01 · Lancement bêta | 30/06/2025 | 02/05/2025 | \\-59 j |" not in gantt
    assert (
        "| M01 · Lancement bêta | 30/06/2025 | 30/06/2025 | 0 j | dans les temps | Dans les temps : tout ce dont "
        "il dépend est prêt le 02/05/2025" in gantt
    )
    assert "(../downloads/fanzone-gantt.xlsx)" in gantt
    assert '<section class="fz-kanban-col" data-status="En cours">' in kanban and "WIP 1 / 3" in kanban
    assert 'id="carte-e02-s01" href="../../backlog/E02/#e02-s01"' in kanban and "Attend E01-S02" in kanban
    assert forecast.startswith("# Prévision") and "Historique trop court : 1 story terminée" in forecast
    assert "![Burnup et burndown de la release](charts/burnup.svg)" in flow
    assert "| 50e | 7 |" in flow and "| E01-S02 | En cours | 16/04/2025 | 9 | **oui** |" in flow

    assets = site_assets(ProjectContext(history_project, backlog, today=STATUS_DATE))
    charts = {f"planning/{target}" for target in _image_targets(flow)}
    assert charts <= set(assets), "every chart the page shows is an asset"
    assert {"planning/charts/sprint-1.svg", "planning/charts/sprint-2.svg"} <= charts
    downloads = {k for k in assets if k.startswith("downloads/")}
    assert downloads == {
        "downloads/fanzone-gantt.xlsx",
        "downloads/fanzone-kanban.xlsx",
    }
    for key in downloads:
        assert load_workbook(io.BytesIO(assets[key])).sheetnames
    assert assets["planning/charts/cfd.svg"].startswith(b"<?xml")


def _image_targets(markdown: str) -> list[str]:
    import re

    return re.findall(r"!\[[^\]]*\]\(([^)]+)\)", markdown)


def test_no_history_gives_a_french_message_and_no_chart(mini_project: Path) -> None:
    backlog = _load(mini_project)
    flow = site_pages(ProjectContext(mini_project, backlog, today=STATUS_DATE))[3].markdown
    assert "Aucun historique des statuts n'est disponible" in flow and "![" not in flow
    assert not any(k.endswith(".svg") for k in site_assets(ProjectContext(mini_project, backlog, today=STATUS_DATE)))


def test_history_after_the_status_date_is_not_drawn(history_project: Path) -> None:
    backlog = _load(history_project)
    flow = site_pages(ProjectContext(history_project, backlog, today=STATUS_DATE.replace(month=3)))[3].markdown
    assert "ne contient aucun changement de statut au 25/03/2025 ou avant" in flow


HOSTILE = "Offres <script>alert(1)</script> | **gras** [lien](http://x) @startuml #rouge"


def test_text_from_yaml_is_escaped_everywhere(mini_project: Path) -> None:
    edit(mini_project / E02, "title: Offres et tarifs", f"title: '{HOSTILE}'")
    edit(mini_project / E02, "title: Créer une offre", "title: 'Créer <b>une</b> offre | 9,99 €'")
    edit(mini_project / "backlog/project.yaml", "name: Lancement bêta", "name: 'Bêta <i>privée</i> | [x]'")
    backlog = _load(mini_project)
    plan = schedule(backlog, STATUS_DATE)
    gantt, _, kanban, _ = (p.markdown for p in site_pages(ProjectContext(mini_project, backlog, today=STATUS_DATE)))
    for page in (gantt, kanban):
        assert "<script>" not in page and "<b>une</b>" not in page and "<i>privée</i>" not in page
    assert "Offres &lt;script&gt;alert(1)&lt;/script&gt; &#124; &#42;&#42;gras&#42;&#42; &#91;lien&#93;" in gantt
    assert "Créer &lt;b&gt;une&lt;/b&gt; offre | 9,99 €" in kanban
    puml = gantt_plantuml(backlog, plan)
    assert "@startuml" not in puml and "[E02 · Offres ‹script›alert(1)‹/script› / *\u200b*gras" in puml
    assert puml.count("@startgantt") == 1 and puml.count("@endgantt") == 1


def _plantuml_engines() -> list[tuple[str, list[str]]]:
    engines = []
    if shutil.which("plantuml"):
        engines.append(("plantuml on PATH", ["plantuml"]))
    java = shutil.which("java")
    for jar in sorted((REPO / ".cache" / "tools").glob("plantuml-*.jar")):
        if java:
            engines.append((jar.name, [java, "-Djava.awt.headless=true", "-jar", str(jar)]))
    return engines


@pytest.mark.parametrize("name,command", _plantuml_engines() or [pytest.param("none", [], marks=pytest.mark.skip)])
def test_gantt_renders_without_syntax_error(name: str, command: list[str], history_project: Path) -> None:
    shutil.copy(REPO / "tests/fixtures/mini/backlog/epics/E01-compte.yaml", history_project / E01)  # unchanged copy
    backlog = _load(history_project)
    for today in (STATUS_DATE, STATUS_DATE.replace(month=9)):  # on time, then late (slipping milestone)
        text = gantt_plantuml(backlog, schedule(backlog, today))
        result = subprocess.run(
            [*command, "-tsvg", "-pipe"], input=text.encode(), capture_output=True, timeout=120, check=False
        )
        svg = result.stdout.decode("utf-8", "replace")
        assert result.returncode == 0, f"{name}: {result.stderr.decode()[:500]}"
        assert "Syntax Error" not in svg and "<svg" in svg, f"{name} cannot draw:\n{text}"


def test_the_planning_page_and_the_dashboard_give_the_same_end_of_the_release_scope(history_project: Path) -> None:
    from generators.plan.scope import release_end
    from generators.reports.forecast_site import forecast_headline
    from generators.wording import date_long, date_short

    ctx = ProjectContext(history_project, _load(history_project), today=STATUS_DATE)
    planning = next(p for p in site_pages(ctx) if p.path == "planning/index.md").markdown
    end = release_end(ctx.schedule.stories.values())
    assert end is not None
    assert f"le plan termine le périmètre de la version le **{date_short(end)}**" in planning
    headline = forecast_headline(ctx)
    assert headline.endswith(f"termine ce périmètre le {date_long(end)}")
    assert "fin prévisionnelle du projet (jalons et phases)" in planning
