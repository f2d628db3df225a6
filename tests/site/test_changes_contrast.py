"""The Changements page's word-level highlighting (<ins>, <del>) and badges stay readable in both of Material's
colour schemes: axe-core's colour-contrast rule (4.5:1 for normal text) in headless Chromium, on the markup the
versions package writes, styled by the installed Material theme's stylesheets and the site's own fanzone.css."""

from __future__ import annotations

from pathlib import Path

import pytest
from sitehelpers import REPO

from generators.versions.words import html_words

pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.browser

AXE = REPO / ".cache" / "tools" / "axe-core" / "axe.min.js"  # scripts/install-axe.sh
CSS = REPO / "generators" / "templates" / "site" / "fanzone.css"
SCHEMES = ("default", "slate")  # Material's light and dark schemes


def _material_css() -> list[Path]:
    import material

    folder = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
    found = sorted(folder.glob("main.*.min.css")) + sorted(folder.glob("palette.*.min.css"))
    assert len(found) == 2, found
    return found


def _page(scheme: str) -> str:
    styles = "".join(f"<style>{path.read_text(encoding='utf-8')}</style>" for path in [*_material_css(), CSS])
    change = html_words("le compte est verrouillé quinze minutes", "le compte est verrouillé trente minutes")
    badges = "".join(
        f'<span class="fz-badge {css}">{text}</span> '
        for css, text in (("fz-new", "nouveau"), ("fz-changed", "modifié depuis v1.0"), ("fz-review", "à revalider"))
    )
    return (
        f'<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Changements</title>{styles}</head>'
        f'<body data-md-color-scheme="{scheme}" data-md-color-primary="indigo"><main class="md-main">'
        f'<article class="md-content__inner md-typeset"><h1>Changements</h1><table><tr><td><strong>acceptance'
        f"</strong> : {change}</td></tr></table><p>{badges}</p></article></main></body></html>"
    )


@pytest.mark.parametrize("scheme", SCHEMES)
def test_highlighted_words_and_badges_are_readable(browser, scheme: str) -> None:  # type: ignore[no-untyped-def]
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run scripts/install-axe.sh")
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    try:
        page = context.new_page()
        page.set_content(_page(scheme))
        assert page.locator("ins").count() == 1 and page.locator("del").count() == 1
        page.add_script_tag(path=str(AXE))
        result = page.evaluate(
            "async () => await axe.run(document, {runOnly: ['color-contrast'], resultTypes: ['violations']})"
        )
        failing = [node["any"][0]["message"] for v in result["violations"] for node in v["nodes"]]
        assert failing == [], failing
    finally:
        context.close()
