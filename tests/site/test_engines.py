"""The shipped project built through each path — `fanzone build`, plain `mkdocs build`, and `fanzone build --engine
zensical` when Zensical is installed — gives the same pages, the same text and the same links."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from sitehelpers import REPO

CONTENT = ("backlog", "specs", "mockups", "includes", "mkdocs.yml")


class _Article(HTMLParser):
    """The text and the links of a page's article (the content, without the theme's navigation)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.text: list[str] = []
        self.links: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if self.depth:
            self.depth += tag not in ("br", "img", "hr", "input", "meta", "link")
            if tag == "a" and values.get("href") and "headerlink" not in (values.get("class") or ""):
                self.links.append(str(values["href"]))
            self.skip += tag in ("svg", "script", "style")
        elif tag == "article":
            self.depth = 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.skip -= tag in ("svg", "script", "style") and self.skip > 0
            self.depth -= tag not in ("br", "img", "hr", "input", "meta", "link")

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skip:
            self.text.append(data)


def _pages(site: Path) -> dict[str, tuple[str, list[str]]]:
    out = {}
    for page in sorted(p for p in site.rglob("*.html") if p.name != "404.html"):  # pages are files
        parser = _Article()
        parser.feed(page.read_text(encoding="utf-8"))
        text = re.sub(r"\s+", " ", " ".join(parser.text)).replace("¶", "").strip()
        out[page.relative_to(site).as_posix()] = (text, parser.links)
    return out


def _copy(target: Path) -> Path:
    target.mkdir(parents=True)
    for name in CONTENT:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy(source, target / name)
    return target


def _run(args: list[str], cwd: Path) -> None:
    done = subprocess.run(args, cwd=cwd, capture_output=True, text=True, env={**os.environ}, check=False)
    assert done.returncode == 0, done.stderr[-3000:]


@pytest.mark.slow
def test_every_engine_builds_the_same_site(tmp_path: Path, plantuml_env: dict[str, str]) -> None:
    sites = {}
    by_fanzone = _copy(tmp_path / "fanzone")
    _run([sys.executable, "-m", "generators", "build"], by_fanzone)
    sites["fanzone build"] = by_fanzone / "site"
    by_mkdocs = _copy(tmp_path / "mkdocs")
    _run([sys.executable, "-m", "mkdocs", "build", "--quiet"], by_mkdocs)
    sites["mkdocs build"] = by_mkdocs / "site"
    if importlib.util.find_spec("zensical") is not None:
        _run([sys.executable, "-m", "generators", "build", "--engine", "zensical"], by_mkdocs)
        sites["zensical"] = by_mkdocs / "site"
    reference = _pages(sites["fanzone build"])
    assert "print_page.html" in reference and "backlog/tracabilite.html" in reference
    assert len(reference) > 60
    # the shipped specification's words, a generated page's, and a link to a rule from a story
    text = " ".join(t for t, _ in reference.values())
    assert "Matrice de traçabilité" in text and "En tant que" in text
    assert any("regles-metier.html#br-" in link for _, links in reference.values() for link in links)
    for name, site in sites.items():
        pages = _pages(site)
        assert sorted(pages) == sorted(reference), name
        for path, (page_text, links) in reference.items():
            assert pages[path][0] == page_text, f"{name}: {path}: other text"
            assert pages[path][1] == links, f"{name}: {path}: other links"
