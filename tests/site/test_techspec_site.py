"""The Qalisense workspace built by the real `fanzone build`: its API tab shows the six storage endpoints, the
Modèle de données the nine enums, the Séquences tab the three diagrams (read from the built HTML)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from fanzone_cli import run_fanzone
from qalisense_facts import QALISENSE, QALISENSE_ENUMS, QALISENSE_SEQUENCES, STORAGE_ENDPOINTS

REPO = Path(__file__).resolve().parents[2]
SEQUENCES = sorted(QALISENSE_SEQUENCES)
ENUMS = QALISENSE_ENUMS


def _text(html: str) -> str:
    """Visible text of a page: tags removed, entities decoded."""
    import html as html_module

    return html_module.unescape(re.sub(r"<[^>]+>", " ", html))


def _page(site: Path, *parts: str) -> Path:
    """A built page, whatever the site's `use_directory_urls` (`a/b/index.html` or `a/b.html`)."""
    folder = site.joinpath(*parts)
    return folder / "index.html" if (folder / "index.html").is_file() else folder.with_suffix(".html")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, plantuml_env: dict[str, str]) -> Path:
    project = tmp_path_factory.mktemp("qalisense") / "qalisense"
    shutil.copytree(QALISENSE, project, ignore=shutil.ignore_patterns("site", ".cache"))
    result = run_fanzone("-C", str(project), "build", env=plantuml_env, timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


@pytest.mark.slow
def test_the_storage_service_page_lists_exactly_its_six_endpoints(site: Path) -> None:
    text = _text(_page(site, "api", "pct-storage").read_text(encoding="utf-8"))
    listed = re.findall(r"\b(GET|POST|PUT|DELETE|PATCH)\s+(/\S+)", text)
    assert sorted(set(listed)) == sorted(STORAGE_ENDPOINTS)
    folder = site / "api" / "pct-storage"
    pages = [p for p in folder.iterdir() if (p / "index.html").is_file() or (p.suffix == ".html" and p.stem != "index")]
    assert len(pages) == 6


@pytest.mark.slow
def test_an_operation_page_shows_parameters_bodies_errors_security_and_stories(site: Path) -> None:
    text = _text(_page(site, "api", "pct-storage", "createDocumentStorage").read_text(encoding="utf-8"))
    for needle in (
        "storage-identifier",
        "multipart/form-data",
        "413",
        "oauth2",
        "PKCE",
        "E01-S02",
        "BR-STO-02",
        "SEQ-STO-01",
    ):
        assert needle in text, needle
    assert (
        "<script"
        not in _page(site, "api", "pct-storage", "createDocumentStorage")
        .read_text(encoding="utf-8")
        .split("</article>")[0]
        .split("<article")[-1]
    )


@pytest.mark.slow
def test_the_openapi_documents_are_published_as_they_are(site: Path) -> None:
    for name in ("pct-storage.yaml", "pct-api.yaml"):
        assert (site / "api" / name).read_bytes() == (QALISENSE / "specs" / "api" / name).read_bytes()


@pytest.mark.slow
def test_the_nine_enums_have_their_pages_with_their_values(site: Path) -> None:
    index = _text(_page(site, "donnees").read_text(encoding="utf-8"))
    for enum, values in ENUMS.items():
        assert enum in index
        text = _text(_page(site, "donnees", "objets", enum).read_text(encoding="utf-8"))
        assert all(value in text for value in values), enum


@pytest.mark.slow
def test_state_machines_are_drawn_with_their_transitions(site: Path) -> None:
    html = _page(site, "donnees", "objets", "task-lifecycle").read_text(encoding="utf-8")
    assert "<svg" in html and "Syntax Error" not in html
    text = _text(html)
    assert "Transitions" in text and "Acteur" in text and "NOT_VALIDATED" in text


@pytest.mark.slow
def test_the_three_sequence_diagrams_render_inline(site: Path) -> None:
    for sequence in SEQUENCES:
        html = _page(site, "sequences", sequence).read_text(encoding="utf-8")
        assert "<svg" in html and "Syntax Error" not in html, sequence
    auth = _text(_page(site, "sequences", "SEQ-AUTH-01").read_text(encoding="utf-8"))
    assert "api-gateway-realm" in auth or "Keycloak" in auth


@pytest.mark.slow
def test_each_domain_has_a_class_diagram(site: Path) -> None:
    for domain in ("audits", "formation", "organismes", "preuves", "stockage"):
        html = _page(site, "donnees", domain).read_text(encoding="utf-8")
        assert "<svg" in html and "Syntax Error" not in html, domain


@pytest.mark.slow
def test_spec_pages_embed_their_sequence_and_state_diagrams(site: Path) -> None:
    architecture = _page(site, "architecture").read_text(encoding="utf-8")
    security = _page(site, "securite").read_text(encoding="utf-8")
    rules = _page(site, "regles-metier").read_text(encoding="utf-8")
    for html, embedded in ((architecture, ("SEQ-STO-01", "SEQ-STO-02")), (security, ("SEQ-AUTH-01",))):
        assert html.count('<div class="fz-diagram">') >= len(embedded) and "Syntax Error" not in html
        for sequence in embedded:
            assert f'href="sequences/{sequence}.html"' in html, sequence  # a file address: works from a zip
        assert "{{" not in html and "seq." not in _text(html)
    assert 'href="donnees/objets/tenant-lifecycle.html"' in rules and '<div class="fz-diagram">' in rules
