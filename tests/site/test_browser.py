"""The built site in headless Debian Chromium (Playwright): offline, search, epics, clickable wireframes, escaping.

Serves the sample project's site/ from a local http.server thread; screenshots go to test-artifacts/site/.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sitehelpers import HOSTILE

pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.browser


class Visit:
    """A page that records console errors, page errors, dialogs and every request it makes."""

    def __init__(self, page, base: str) -> None:  # type: ignore[no-untyped-def]
        self.page = page
        self.base = base
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", lambda msg: self.errors.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        page.on("dialog", self._dialog)
        page.route("**/*", self._route)

    def _dialog(self, dialog) -> None:  # type: ignore[no-untyped-def]
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _route(self, route) -> None:  # type: ignore[no-untyped-def]
        url = route.request.url
        self.requests.append(url)
        if url.startswith(self.base + "/") or url == self.base:
            route.continue_()
        else:
            route.abort()

    def open(self, path: str) -> None:
        self.page.goto(f"{self.base}/{path}", wait_until="networkidle")


@pytest.fixture
def visit(browser, site_url: str) -> Iterator[Visit]:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="fr-FR")
    page = context.new_page()
    yield Visit(page, site_url)
    context.close()


def test_home_loads_offline_without_errors(visit: Visit, artifacts: Path) -> None:
    visit.open("")
    page = visit.page
    assert page.locator("h1").first.inner_text().startswith("Fanzone TV — mini")
    tabs = page.locator(".md-tabs__link").all_inner_texts()
    assert [t.strip() for t in tabs][:4] == ["Accueil", "Spécifications", "Backlog", "Maquettes"]
    assert "Planning" in [t.strip() for t in tabs]
    page.screenshot(path=str(artifacts / "home.png"), full_page=True)
    assert visit.errors == []
    outside = [url for url in visit.requests if not url.startswith(visit.base)]
    assert outside == [], f"requests to other hosts: {outside}"
    assert page.evaluate("document.documentElement.lang") == "fr"


def test_search_finds_a_story_by_a_french_word(visit: Visit, artifacts: Path) -> None:
    visit.open("")
    page = visit.page
    page.locator("input.md-search__input").click()
    # French elision: the criterion says « la page d'inscription »
    page.keyboard.type("inscription", delay=30)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=15000)
    assert "E01-S01 — Créer un compte" in " ".join(results.all_inner_texts())
    page.screenshot(path=str(artifacts / "search.png"))
    assert visit.errors == []


def test_epic_page_shows_its_stories(visit: Visit, artifacts: Path) -> None:
    visit.open("backlog/E01.html")
    page = visit.page
    headings = [h.strip().rstrip("¶").strip() for h in page.locator("article h2").all_inner_texts()]
    assert headings == ["E01-S01 — Créer un compte", "E01-S02 — Se connecter"]
    story = page.locator("#e01-s01")
    assert story.is_visible()
    assert (
        page.locator("blockquote")
        .first.inner_text()
        .startswith("En tant que Léa, spectatrice occasionnelle qui suit son club, je veux")
    )
    assert page.locator('a[href="https://fanzone.atlassian.net/browse/FZ-12"]').inner_text() == "FZ-12"
    page.screenshot(path=str(artifacts / "epic-E01.png"), full_page=True)
    assert visit.errors == []


def test_wireframe_link_leads_to_the_next_screen(visit: Visit, artifacts: Path) -> None:
    visit.open("maquettes/FO-vitrine.html")
    page = visit.page
    drawing = page.locator("svg.fz_wireframe")
    assert drawing.is_visible()
    box = drawing.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 300
    page.screenshot(path=str(artifacts / "wireframe-FO-vitrine.png"), full_page=True)
    link = drawing.locator('a[href="FO-connexion.html"]').first
    link.click()
    page.wait_for_url("**/maquettes/FO-connexion.html")
    assert page.locator("h1").first.inner_text().startswith("FO-connexion — Connexion")
    assert page.locator("svg.fz_wireframe").is_visible()
    assert visit.errors == []


def test_flow_map_boxes_open_their_screen(visit: Visit, artifacts: Path) -> None:
    visit.open("maquettes/front-office.html")
    page = visit.page
    flow = page.locator("svg.fz_flow")
    assert flow.is_visible()
    page.screenshot(path=str(artifacts / "flow-front-office.png"), full_page=True)
    flow.locator('a[href="FO-vitrine.html"]').first.click()
    page.wait_for_url("**/maquettes/FO-vitrine.html")
    assert visit.errors == []


def test_hostile_title_shows_as_text(visit: Visit, artifacts: Path) -> None:
    visit.open("backlog/E02.html")
    page = visit.page
    assert page.locator("h1").first.inner_text().rstrip("¶").strip() == f"E02 — {HOSTILE}"
    assert page.locator("article script").count() == 0
    assert HOSTILE not in page.title()
    page.screenshot(path=str(artifacts / "hostile-title.png"))
    visit.open("backlog/index.html")
    assert visit.dialogs == [], "a script from the YAML ran"
    assert visit.errors == []


def test_dark_palette_and_print_page(visit: Visit, artifacts: Path) -> None:
    visit.open("maquettes/FO-connexion.html")
    page = visit.page
    scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") != scheme
    page.screenshot(path=str(artifacts / "dark-FO-connexion.png"), full_page=True)
    visit.open("")
    page.locator('a[href="print_page.html"]').click()
    page.wait_for_url("**/print_page.html")
    assert page.locator("svg.fz_wireframe").count() >= 3
    page.screenshot(path=str(artifacts / "print-page.png"))
    assert visit.errors == []
