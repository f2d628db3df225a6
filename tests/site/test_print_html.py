"""The print page of a MkDocs build is assembled from the pages' HTML: the same text and links as the print page's
Markdown rendered whole (what other engines build), every section present, links and ids rewritten as
`print_page.py` does; a section kept for dirty builds is believed only when signed with the user's key."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from generators.signed_cache import SignedCache
from generators.site import print_html
from generators.site.build import build_site

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_engines import _pages

E01 = "backlog/epics/E01-compte.yaml"


def test_same_text_and_links_as_the_markdown_print_page(
    site_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_site(site_project)
    assembled = (site_project / "site" / "print_page.html").read_text(encoding="utf-8")
    assert "FZPRINTSECTION" not in assembled
    sections = assembled.count('<section class="fz-print-page"')
    assert sections >= 10 and sections == assembled.count("</section>")
    reference = _pages(site_project / "site")["print_page.html"]

    monkeypatch.setattr(print_html.PrintAssembly, "strip", lambda self, markdown: markdown)
    build_site(site_project, full=True, site_dir=tmp_path / "markdown-site")
    rendered = _pages(tmp_path / "markdown-site")["print_page.html"]
    assert rendered[0] == reference[0]  # the same words
    assert rendered[1] == reference[1]  # the same links, in the same order
    assert any(link.startswith("#p-backlog-e01--") for link in reference[1])  # links between pages are anchors


def test_a_section_signed_by_someone_else_is_not_printed(site_project: Path) -> None:
    build_site(site_project)
    store_dir = site_project / ".cache" / "fanzone" / "derived"
    forged = SignedCache(store_dir, secret=b"x" * 32)
    planted = 0
    for entry in store_dir.glob("??/*.bin"):
        forged.put(entry.stem, b"<p>PLANTED-SECTION</p><script>alert(1)</script>")
        planted += 1
    assert planted > 0
    story = site_project / E01
    story.write_text(story.read_text(encoding="utf-8").replace("pour la VOD", "pour la zorglub VOD"), encoding="utf-8")
    report = build_site(site_project)
    assert report.stats["mode"] == "incremental"
    printed = (site_project / "site" / "print_page.html").read_text(encoding="utf-8")
    assert "PLANTED-SECTION" not in printed
    assert "pour la zorglub" in printed and "FZPRINTSECTION" not in printed


def test_section_rewrites_ids_links_and_sources() -> None:
    members = {"backlog/E01.md": "p-backlog-e01", "backlog/E02.md": "p-backlog-e02"}
    urls = {"backlog/E01.html": "backlog/E01.md", "backlog/E02.html": "backlog/E02.md", "planning/kanban.html": "k"}
    html = (
        '<h2 id="contexte">Contexte</h2>'
        '<p><a href="E02.html#e02-s01">lien</a> <a href="#contexte">ici</a> '
        '<a href="../planning/kanban.html">tableau</a> <a href="https://example.org/x">dehors</a> '
        '<a class="fz-id fz-ref" href="E02.html#e02-s02">E02-S02</a> <a href="E02.html" class="fz-id fz-ref">E02</a> '
        '<img src="../assets/logo.svg"></p>'
        '<svg><defs><marker id="m1"/></defs><path style="marker-end: url(#m1)"/></svg>'
    )
    section = print_html._section(html, "backlog/E01.md", "p-backlog-e01", "Épopée", members, urls, False)
    assert section.startswith('<section class="fz-print-page" id="p-backlog-e01" data-title="Épopée">')
    assert 'id="p-backlog-e01--contexte"' in section and 'id="p-backlog-e01--m1"' in section
    assert 'href="#p-backlog-e02--e02-s01"' in section and 'href="#p-backlog-e01--contexte"' in section
    assert 'href="planning/kanban.html"' in section and 'href="https://example.org/x"' in section
    assert '<span class="fz-id">E02-S02</span> E02 <img' in section  # ids the page's map linked: text, as in Markdown
    assert 'src="assets/logo.svg"' in section and "url(#p-backlog-e01--m1)" in section


def test_a_dirty_build_never_prints_a_section_another_site_folder_built(site_project: Path, tmp_path: Path) -> None:
    """A page's HTML depends on more than its Markdown (here a snippet): a preview built elsewhere from another
    state of the project leaves its sections in the cache, the next dirty build of the site must not print them."""
    (site_project / "notes").mkdir()
    note = site_project / "notes" / "n.md"
    note.write_text("Texte alpha\n", encoding="utf-8")
    index = site_project / "specs" / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + '\n--8<-- "notes/n.md"\n', encoding="utf-8")
    build_site(site_project)
    note.write_text("Texte beta\n", encoding="utf-8")
    build_site(site_project, site_dir=tmp_path / "preview")
    note.write_text("Texte alpha\n", encoding="utf-8")  # back as the site was built
    story = site_project / E01
    story.write_text(story.read_text(encoding="utf-8").replace("pour la VOD", "pour la zorglub VOD"), encoding="utf-8")
    report = build_site(site_project)
    assert report.stats["mode"] == "incremental"
    printed = (site_project / "site" / "print_page.html").read_text(encoding="utf-8")
    assert "pour la zorglub" in printed
    assert "Texte alpha" in printed and "Texte beta" not in printed


def test_code_that_shows_an_id_or_a_link_is_printed_as_written(site_project: Path) -> None:
    index = site_project / "specs" / "index.md"
    text = 'En ligne : `id="principal"` et `href="#ailleurs"`.\n\n'
    text += '<div id="brut" title="a > b" markdown>\nBrut\n</div>\n'
    index.write_text(index.read_text(encoding="utf-8") + "\n" + text, encoding="utf-8")
    build_site(site_project)
    printed = (site_project / "site" / "print_page.html").read_text(encoding="utf-8")
    assert '<code>id="principal"</code>' in printed and '<code>href="#ailleurs"</code>' in printed
    assert 'id="p-specifications--brut"' in printed  # an attribute still is (a quoted `>` before it)


def test_each_section_is_made_as_its_page_is_rendered(
    site_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The print page, rendered last, only stitches the sections made when each page was rendered (by whichever
    process rendered it): the same page as when it makes them all itself."""
    callers: list[str] = []
    real = print_html._section

    def spy(*args: object) -> str:
        callers.append(sys._getframe(1).f_code.co_name)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(print_html, "_section", spy)
    build_site(site_project)
    early = (site_project / "site" / "print_page.html").read_bytes()
    assert len(callers) >= 10 and set(callers) == {"keep"}
    callers.clear()
    monkeypatch.setattr(print_html.PrintAssembly, "_printed", lambda self, files: {})  # no plan: made at the end
    build_site(site_project, full=True, site_dir=tmp_path / "late")
    assert len(callers) >= 10 and set(callers) == {"strip"}
    assert (tmp_path / "late" / "print_page.html").read_bytes() == early
