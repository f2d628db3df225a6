"""The Kanban and Prévision pages of the shipped project in headless Debian Chromium (Playwright).

A copy of the shipped project, with assignees on the stories in progress and a WIP limit lowered to 5 (so
that the board shows a breach), is built once and served from a local http.server thread. Checked at
1440x900, 390x844 and in the dark palette: the filters work offline, a card opens its story, won't-have
stays apart, text contrast (getComputedStyle) is at least 4.5:1. Screenshots go to test-artifacts/site/.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import serve
from sitehelpers import REPO

pytest.importorskip("playwright.sync_api")

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ASSIGNEES = ("Chloé Vasseur", "Samir Haddad")
MIN_CONTRAST = 4.5

# Contrast of every visible text node's element against its effective background (alpha blended up the tree).
CONTRAST_JS = """
(selector) => {
  const parse = (c) => { const m = c.match(/[0-9.]+/g) || ['0','0','0','0'];
    return [ +m[0], +m[1], +m[2], m.length > 3 ? +m[3] : 1 ]; };
  const blend = (top, under) => { const a = top[3];
    return [0,1,2].map(i => top[i] * a + under[i] * (1 - a)).concat([1]); };
  const background = (el) => { const layers = [];
    for (let e = el; e; e = e.parentElement) { const c = parse(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) { layers.push(c); if (c[3] >= 1) break; } }
    let base = [255, 255, 255, 1]; for (const c of layers.reverse()) base = blend(c, base); return base; };
  const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  const lum = (c) => {
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
  const out = [];
  for (const root of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement; if (!n.textContent.trim() || !el.offsetParent) continue;
      if (el.closest('svg') || el.closest('.headerlink')) continue;  // charts: own test; permalinks: hidden until hover
      const bg = background(el); const fg = blend(parse(getComputedStyle(el).color), bg);
      const [a, b] = [lum(fg), lum(bg)]; const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      out.push({text: n.textContent.trim().slice(0, 40), ratio: Math.round(ratio * 100) / 100});
    }
  }
  return out;
}
"""


def _shipped_copy(target: Path) -> Path:
    for folder in ("backlog", "specs", "mockups", "includes"):
        if (REPO / folder).is_dir():
            shutil.copytree(REPO / folder, target / folder)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    count = 0
    for epic in sorted((target / "backlog" / "epics").glob("*.yaml")):
        lines = []
        for line in epic.read_text(encoding="utf-8").splitlines(keepends=True):
            lines.append(line)
            if line.strip() == "status: En cours":
                indent = line[: len(line) - len(line.lstrip())]
                lines.append(f"{indent}assignee: {ASSIGNEES[count % 2]}\n")
                count += 1
        epic.write_text("".join(lines), encoding="utf-8")
    project = target / "backlog" / "project.yaml"
    project.write_text(project.read_text(encoding="utf-8").replace("wip_limit: 8", "wip_limit: 5"), encoding="utf-8")
    assert count >= 2
    return target


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _shipped_copy(tmp_path_factory.mktemp("kanban") / "project")


@pytest.fixture(scope="module")
def counts(project: Path) -> dict[str, int]:
    """Stories in the release and won't-have, from the copy's backlog (the shipped content grows)."""
    from generators.load import load_backlog

    backlog = load_backlog(project).backlog
    assert backlog is not None
    wont = sum(1 for s in backlog.stories if s.priority.value == "wont")
    return {"all": len(backlog.stories), "wont": wont, "release": len(backlog.stories) - wont}


@pytest.fixture(scope="module")
def kanban_url(project: Path, plantuml_env: dict[str, str]) -> Iterator[str]:
    from generators.site.build import build_site

    build_site(project)
    with serve(project / "site") as url:
        yield url


def _open(browser, base: str, path: str, width: int = 1440, height: int = 900, scheme: str = "light"):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": width, "height": height}, locale="fr-FR", color_scheme=scheme)
    page = context.new_page()
    outside: list[str] = []
    errors: list[str] = []

    def route(r) -> None:  # type: ignore[no-untyped-def]
        if r.request.url.startswith(base):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{base}/{path}", wait_until="networkidle")
    return context, page, outside, errors


def _visible_cards(page) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    return page.eval_on_selector_all(
        ".fz-kanban-board .fz-card",
        "cards => cards.filter(c => c.offsetParent).map(c => ({id: c.id, epic: c.dataset.epic, "
        "assignee: c.dataset.assignee, sprint: c.dataset.sprint}))",
    )


def test_filters_work_offline_and_wont_have_stays_apart(browser, kanban_url: str, artifacts: Path, counts) -> None:  # type: ignore[no-untyped-def]
    context, page, outside, errors = _open(browser, kanban_url, "planning/kanban.html")
    try:
        assert page.locator(".fz-kanban-filters").is_visible()
        everything = _visible_cards(page)
        assert len(everything) == counts["release"] > 0
        wont = page.eval_on_selector_all(".fz-kanban-wont .fz-card", "cs => cs.map(c => c.id)")
        assert len(wont) == counts["wont"] > 0 and not {c["id"] for c in everything} & set(wont)
        assert page.get_by_text("Limite WIP dépassée").first.is_visible()
        page.screenshot(path=str(artifacts / "kanban-1440.png"), full_page=True)

        page.select_option("select[data-filter=epic]", "E03")
        shown = _visible_cards(page)
        assert shown and {c["epic"] for c in shown} == {"E03"}
        page.select_option("select[data-filter=epic]", "")
        page.select_option("select[data-filter=assignee]", ASSIGNEES[0])
        shown = _visible_cards(page)
        assert shown and {c["assignee"] for c in shown} == {ASSIGNEES[0]}
        assert page.locator(".fz-card-assignee", has_text=ASSIGNEES[0]).first.is_visible()
        page.select_option("select[data-filter=assignee]", "")
        page.select_option("select[data-filter=sprint]", "6")
        shown = _visible_cards(page)
        assert shown and {c["sprint"] for c in shown} == {"6"}
        total = counts["all"]
        assert re.fullmatch(rf"\d+ cartes? affichées? sur {total}", page.locator(".fz-kanban-count").inner_text())
        page.screenshot(path=str(artifacts / "kanban-filtered-sprint-6.png"), full_page=True)
        page.click(".fz-kanban-filters button[type=reset]")
        page.wait_for_function("document.querySelectorAll('.fz-cards li[hidden]').length === 0")
        assert len(_visible_cards(page)) == counts["release"]
        assert outside == [] and errors == []
    finally:
        context.close()


def test_a_card_opens_its_story(browser, kanban_url: str) -> None:  # type: ignore[no-untyped-def]
    context, page, _, errors = _open(browser, kanban_url, "planning/kanban.html")
    try:
        card = page.locator('.fz-kanban-col[data-status="En cours"] .fz-card').first
        story = card.locator(".fz-card-id").inner_text()
        card.click()
        page.wait_for_url(f"**/backlog/{story[:3]}.html#{story.lower()}")
        heading = page.locator(f"h2#{story.lower()}")
        assert heading.is_visible() and heading.inner_text().startswith(story)
        assert errors == []
    finally:
        context.close()


@pytest.mark.parametrize(
    ("scheme", "width", "height"), [("light", 1440, 900), ("dark", 1440, 900), ("light", 390, 844)]
)
def test_contrast_and_layout(browser, kanban_url: str, artifacts: Path, scheme: str, width: int, height: int) -> None:  # type: ignore[no-untyped-def]
    context, page, outside, errors = _open(browser, kanban_url, "planning/kanban.html", width, height, scheme)
    try:
        expected = "slate" if scheme == "dark" else "default"
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected
        measured = page.evaluate(CONTRAST_JS, ".fz-kanban")
        assert len(measured) > 300
        worst = min(measured, key=lambda m: m["ratio"])
        assert worst["ratio"] >= MIN_CONTRAST, worst
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"the page scrolls sideways by {overflow}px"
        page.screenshot(path=str(artifacts / f"kanban-{scheme}-{width}.png"), full_page=width < 1000)
        assert outside == [] and errors == []
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_forecast_page(browser, kanban_url: str, artifacts: Path, scheme: str) -> None:  # type: ignore[no-untyped-def]
    context, page, outside, errors = _open(browser, kanban_url, "planning/prevision.html", scheme=scheme)
    try:
        assert page.locator("h1").first.inner_text().startswith("Prévision")
        assert page.locator("svg.fz-fc").count() == 2
        assert page.get_by_text("85 % de chances de terminer le périmètre MVP").first.is_visible()
        measured = page.evaluate(CONTRAST_JS, "article")
        worst = min(measured, key=lambda m: m["ratio"])
        assert worst["ratio"] >= MIN_CONTRAST, worst
        page.screenshot(path=str(artifacts / f"prevision-{scheme}.png"), full_page=True)
        page.goto(f"{kanban_url}/", wait_until="networkidle")
        assert page.get_by_text("85 % de chances de terminer le périmètre MVP").first.is_visible()
        assert outside == [] and errors == []
    finally:
        context.close()
