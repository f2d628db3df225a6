"""Whole-site scan of the shipped project's built pages: every known id written in a page's text is a link
(headings, code and diagrams excepted), and no glossary tooltip (`<abbr>`) fires inside an id."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from sitehelpers import REPO

from generators.context import ProjectContext
from generators.site.idlinks import ID_SHAPE, IdIndex

_VOID = {"br", "img", "input", "meta", "link", "hr", "wbr", "col", "source", "area"}
# raw-HTML boards written by the reports generator (no Markdown text for the id links to work on)
RAW_HTML_PAGES = {"planning/kanban.html"}
_NOT_PROSE = {"code", "pre", "script", "style", "h1", "h2", "h3", "h4", "h5", "h6", "svg", "title", "kbd"}


class _Scan(HTMLParser):
    def __init__(self, known: set[str]) -> None:
        super().__init__()
        self.known = known
        self.stack: list[tuple[str, str]] = []
        self.unlinked: list[str] = []
        self.tooltips_in_ids: list[str] = []
        self.linked = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            return
        if tag == "abbr" and any("fz-id" in css for _, css in self.stack):
            self.tooltips_in_ids.append(dict(attrs).get("title") or "")
        self.stack.append((tag, dict(attrs).get("class") or ""))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        tags = [tag for tag, _ in self.stack]
        if "article" not in tags or _NOT_PROSE.intersection(tags):
            return
        declared = any("fz-id" in css for tag, css in self.stack if tag == "td")
        for match in ID_SHAPE.finditer(data):
            if match.group(0) not in self.known:
                continue
            if "a" in tags:
                self.linked += 1
            elif not declared:
                self.unlinked.append(match.group(0))


def test_every_known_id_in_prose_is_a_link_without_tooltip_inside(shipped_site: Path) -> None:
    result = ProjectContext.load(REPO)
    assert result.backlog is not None
    known = set(IdIndex.of(ProjectContext(REPO, result.backlog)).targets)
    assert {"BR-RGPD-01", "BR-PPV-01", "E01-S01", "FO-abonnement", "ENF-VID-01"} <= known
    unlinked: dict[str, list[str]] = {}
    tooltips: dict[str, list[str]] = {}
    linked = 0
    pages = [p for p in shipped_site.rglob("*.html") if p.name not in ("print_page.html", "404.html")]
    assert len(pages) > 50
    for page in pages:
        scan = _Scan(known)
        scan.feed(page.read_text(encoding="utf-8"))
        linked += scan.linked
        name = page.relative_to(shipped_site).as_posix()
        if scan.unlinked and name not in RAW_HTML_PAGES:
            unlinked[name] = scan.unlinked
        if scan.tooltips_in_ids:
            tooltips[name] = scan.tooltips_in_ids
    assert linked > 1000
    assert unlinked == {}, f"ids written without a link: {dict(list(unlinked.items())[:8])}"
    assert tooltips == {}, f"glossary tooltips inside ids: {dict(list(tooltips.items())[:8])}"


@pytest.mark.parametrize("page", ["regles-metier.html", "backlog/tracabilite.html", "maquettes/FO-abonnement.html"])
def test_rule_ids_carry_no_tooltip(shipped_site: Path, page: str) -> None:
    html = (shipped_site / page).read_text(encoding="utf-8")
    inside = re.findall(r'class="fz-id"[^>]*>(?:(?!</(?:a|span)>).)*<abbr', html)
    assert inside == []
