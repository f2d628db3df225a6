"""The shipped project's site for every reader, in headless Debian Chromium (Playwright): wide pages, phone
and dark mode, accent-free search, the site opened from disk (`file://`), the wireframe lightbox, axe-core.

The repository's own project is built once (into a temporary folder) and served by a local http.server
thread; every request to another host is refused and reported. Screenshots go to test-artifacts/readers/.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import serve
from sitehelpers import REPO

pytest.importorskip("playwright.sync_api")

AXE = REPO / ".cache" / "tools" / "axe-core" / "axe.min.js"  # scripts/install-axe.sh
SHOTS = REPO / "test-artifacts" / "readers"
VIEWPORTS = {"desktop": (1440, 900), "phone": (390, 844)}
# one page of each type
PAGES = {
    "home": "index.html",
    "backlog-index": "backlog/index.html",
    "epic": "backlog/E01.html",
    "traceability": "backlog/tracabilite.html",
    "screens-index": "maquettes/index.html",
    "screen": "maquettes/FO-abonnement.html",
    "flow": "maquettes/front-office.html",
    "spec": "regles-metier.html",
    "planning": "planning/index.html",
    "personas": "personas.html",
    "parameters": "catalogues/parametres.html",
}

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def shipped_url(shipped_site: Path) -> Iterator[str]:
    SHOTS.mkdir(parents=True, exist_ok=True)
    with serve(shipped_site) as url:
        yield url


class Tab:
    """A page that refuses and records every request to another place than `base`, and its errors."""

    def __init__(self, browser, base: str, *, size=(1440, 900), dark: bool = False) -> None:  # type: ignore[no-untyped-def]
        width, height = size
        self.context = browser.new_context(
            viewport={"width": width, "height": height},
            locale="fr-FR",
            color_scheme="dark" if dark else "light",
            has_touch=width < 600,
        )
        self.page = self.context.new_page()
        self.base = base
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.route("**/*", self._route)

    def _route(self, route) -> None:  # type: ignore[no-untyped-def]
        url = route.request.url
        if url.startswith(self.base) or url.startswith("data:"):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def open(self, path: str) -> None:
        self.page.goto(f"{self.base}/{path}", wait_until="load")

    def close(self) -> None:
        self.context.close()


# Elements wider than the viewport that are not inside a scroll container of their own.
OVERFLOW_JS = """() => {
  const width = document.documentElement.clientWidth;
  const scrolls = el => {
    for (let n = el.parentElement; n; n = n.parentElement) {
      const style = getComputedStyle(n);
      if (["auto", "scroll"].includes(style.overflowX) && n.clientWidth <= width) return true;
    }
    return false;
  };
  const wide = [];
  for (const el of document.querySelectorAll("article *")) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || el.closest("dialog")) continue;
    if ((box.right > width + 1 || box.left < -1) && !scrolls(el)) {
      wide.push(el.tagName + "." + el.className + " " + Math.round(box.left) + ".." + Math.round(box.right));
    }
  }
  return wide.slice(0, 5);
}"""


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_every_page_type_fits_the_screen(browser, shipped_url: str, viewport: str, dark: bool) -> None:  # type: ignore[no-untyped-def]
    tab = Tab(browser, shipped_url, size=VIEWPORTS[viewport], dark=dark)
    try:
        for name, path in PAGES.items():
            tab.open(path)
            assert tab.page.locator("article h1").count() == 1, f"{path}: no page title"
            wide = tab.page.evaluate(OVERFLOW_JS)
            assert wide == [], f"{path} at {viewport}: wider than the screen outside a scroll container: {wide}"
            scheme = "dark" if dark else "light"
            tab.page.screenshot(path=str(SHOTS / f"{name}-{viewport}-{scheme}.png"))
        assert tab.outside == [], f"requests to other hosts: {tab.outside}"
        assert tab.errors == []
    finally:
        tab.close()


def test_wide_pages_use_the_whole_window_and_ids_never_break(browser, shipped_url: str) -> None:  # type: ignore[no-untyped-def]
    tab = Tab(browser, shipped_url)
    try:
        tab.open(PAGES["traceability"])
        page = tab.page
        assert not page.locator(".md-sidebar--primary").is_visible()
        content = page.locator("article").bounding_box()
        assert content is not None and content["width"] > 1300, content
        heights = page.eval_on_selector_all(
            "article table .fz-id", "els => els.map(e => [e.textContent, e.getClientRects().length])"
        )
        assert heights, "no id in the matrix"
        broken = [text for text, lines in heights if lines != 1]
        assert broken == [], f"ids broken over two lines: {broken[:5]}"
        assert "Jira" not in page.locator("article table").first.locator("th").all_inner_texts()
    finally:
        tab.close()


def test_catalogue_keys_stay_whole_on_a_phone(browser, shipped_url: str) -> None:  # type: ignore[no-untyped-def]
    tab = Tab(browser, shipped_url, size=VIEWPORTS["phone"])
    try:
        tab.open(PAGES["parameters"])
        keys = tab.page.eval_on_selector_all(
            "article table code.fz-id", "els => els.map(e => [e.textContent, e.getClientRects().length])"
        )
        assert any(key == "trial_reminder_h" for key, _ in keys), keys[:5]
        broken = [key for key, lines in keys if lines != 1]
        assert broken == [], f"keys cut across lines: {broken}"
    finally:
        tab.close()


def test_one_personas_page_with_the_backlogs_data(browser, shipped_url: str) -> None:  # type: ignore[no-untyped-def]
    tab = Tab(browser, shipped_url)
    try:
        tab.open(PAGES["epic"])
        tab.page.locator("article a[href*='personas.html#p-']").first.click()
        tab.page.wait_for_load_state()
        assert tab.page.url.split("#")[0].endswith("/personas.html"), tab.page.url
        lea = tab.page.locator("#p-fan")
        assert lea.count() == 1
        assert tab.page.locator("article .admonition", has_text="User stories").count() >= 5
        links = tab.page.eval_on_selector_all("a", "els => els.map(a => a.getAttribute('href') || '')")
        assert not [link for link in links if "backlog/personas" in link]  # no second Personas page
    finally:
        tab.close()


def test_long_tables_are_sortable_and_filterable(browser, shipped_url: str) -> None:  # type: ignore[no-untyped-def]
    tab = Tab(browser, shipped_url)
    try:
        tab.open(PAGES["traceability"])
        page = tab.page
        table = page.locator("article table").first
        total = table.locator("tbody tr").count()
        box = page.get_by_label("Filtrer le tableau").first
        title = table.locator("tbody tr").nth(3).locator("td").nth(1).inner_text()
        box.fill(unicodedata.normalize("NFD", title).encode("ascii", "ignore").decode().upper())  # folded
        visible = table.locator("tbody tr:visible").count()
        assert 0 < visible < total
        box.fill("")
        header = table.locator("th button.fz-sort").first
        header.click()
        header.click()  # descending
        first = table.locator("tbody tr").first.locator("td").first.inner_text()
        ids = table.locator("tbody tr td:first-child").all_inner_texts()
        assert first == sorted(ids, key=str.casefold)[-1]
        assert table.locator("th[aria-sort=descending]").count() == 1
    finally:
        tab.close()


def _search(tab: Tab, query: str) -> list[str]:
    page = tab.page
    page.locator("label.md-search__icon, .md-search__input").first.click()
    field = page.locator("input.md-search__input")
    field.fill("")
    field.type(query, delay=20)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=20000)
    return results.all_inner_texts()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("resiliation", "résiliation"),
        ("echeance", "échéance"),
        ("regles metier", "Règles métier"),
        ("Lea", "Léa"),
        ("BR-PAY-02", "BR-PAY-02"),
    ],
)
def test_search_forgives_accents_and_finds_ids_whole(browser, shipped_url: str, query: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    tab = Tab(browser, shipped_url)
    try:
        tab.open("index.html")
        found = " ".join(_search(tab, query))
        assert expected.casefold() in found.casefold(), found[:500]
        tab.page.screenshot(path=str(SHOTS / f"search-{query.replace(' ', '-')}.png"))
        assert tab.outside == []
    finally:
        tab.close()


def test_site_opens_from_disk(browser, shipped_site: Path) -> None:  # type: ignore[no-untyped-def]
    base = shipped_site.as_uri()
    tab = Tab(browser, base)
    try:
        tab.open("index.html")
        page = tab.page
        page.locator(".md-tabs__link", has_text="Backlog").first.click()
        page.wait_for_load_state()
        assert page.url.endswith(".html"), page.url
        assert page.locator("article h1").count() == 1, "a directory listing instead of a page"
        page.locator("article a.fz-id, article a:has(.fz-id)").first.click()
        page.wait_for_load_state()
        assert page.locator("article h1").count() == 1
        found = " ".join(_search(tab, "resiliation"))
        assert "résiliation" in found.casefold()
        page.screenshot(path=str(SHOTS / "file-search.png"))
        assert tab.outside == [], f"requests outside the site folder: {tab.outside}"
    finally:
        tab.close()


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_wireframe_lightbox_opens_at_natural_size(browser, shipped_url: str, viewport: str) -> None:  # type: ignore[no-untyped-def]
    tab = Tab(browser, shipped_url, size=VIEWPORTS[viewport])
    try:
        tab.open(PAGES["screen"])
        page = tab.page
        drawing = page.locator("article svg.fz_wireframe")
        shown = drawing.bounding_box()
        page.get_by_role("button", name="Agrandir la maquette").click()
        dialog = page.locator("dialog.fz-lightbox[open]")
        dialog.wait_for()
        enlarged = dialog.locator("svg").bounding_box()
        assert shown is not None and enlarged is not None
        if viewport == "phone":
            assert enlarged["width"] > shown["width"] * 1.5  # readable: no longer squeezed to the screen
        dialog.get_by_role("button", name="Agrandir").click()
        bigger = dialog.locator("svg").bounding_box()
        assert bigger is not None and bigger["width"] > enlarged["width"]
        page.screenshot(path=str(SHOTS / f"lightbox-{viewport}.png"))
        page.keyboard.press("Escape")
        page.locator("dialog.fz-lightbox").wait_for(state="detached", timeout=5000)  # removed on its close event
        assert page.locator("dialog.fz-lightbox").count() == 0
    finally:
        tab.close()


def test_screens_index_shows_thumbnails(browser, shipped_url: str) -> None:  # type: ignore[no-untyped-def]
    tab = Tab(browser, shipped_url)
    try:
        tab.open(PAGES["screens-index"])
        thumbs = tab.page.locator(".fz-thumb svg")
        assert thumbs.count() >= 20
        names = thumbs.evaluate_all("l => l.map(s => s.getAttribute('aria-label'))")
        assert all(name.startswith("Miniature de la maquette") for name in names), names[:3]
    finally:
        tab.close()


AXE_PAGES = ["home", "epic", "screen", "traceability", "planning", "spec"]


@pytest.mark.parametrize("name", AXE_PAGES)
def test_axe_finds_no_serious_violation(browser, shipped_url: str, name: str) -> None:  # type: ignore[no-untyped-def]
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run scripts/install-axe.sh")
    tab = Tab(browser, shipped_url)
    try:
        tab.open(PAGES[name])
        tab.page.add_script_tag(path=str(AXE))
        result = tab.page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        serious = [
            f"{v['id']} ({v['impact']}): {len(v['nodes'])} × {v['nodes'][0]['target']}"
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        (SHOTS / f"axe-{name}.txt").write_text(
            "\n".join(f"{v['id']} {v['impact']} {len(v['nodes'])}" for v in result["violations"]) + "\n"
        )
        assert serious == [], serious
    finally:
        tab.close()
