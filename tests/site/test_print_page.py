"""The print page (one section per page, ids prefixed, links turned into anchors) and the generated tree's writes."""

from __future__ import annotations

import html
import os
import re
import time
from pathlib import Path

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st

from generators.site.print_page import Source, chosen, data_title, prefix_of, print_page, section_title
from generators.site.tree import MANIFEST, write_tree

EXTENSIONS = ["attr_list", "md_in_html", "toc", "footnotes", "tables"]


def _html(text: str) -> str:
    body = text.split("---\n", 2)[2]  # the front matter (search exclusion) is MkDocs', not Markdown's
    return markdown.markdown(body, extensions=EXTENSIONS)


SOURCES = [
    Source(
        "regles-metier.md",
        "Règles métier",
        "# Règles métier\n\n## Contexte\n\n### BR-PAY-01 — Paiement {: #br-pay-01 }\n\n"
        "Voir [le périmètre](perimetre.md).[^1]\n\n[^1]: Une note.\n",
    ),
    Source(
        "perimetre.md",
        "Périmètre",
        "# Périmètre\n\n## Contexte\n\nLa règle [BR-PAY-01](regles-metier.md#br-pay-01), "
        "le [planning](planning/index.md), "
        "[Stripe](https://stripe.com).[^1]\n\n[^1]: Une autre note.\n",
    ),
    Source(
        "maquettes/FO-offres.md",
        "FO-offres — Offres",
        '# FO-offres\n\n<div class="fz-diagram">\n<svg><a href="../FO-paiement/"><text>Payer</text></a>'
        '<a href="../../planning/"><text>Planning</text></a><g id="g1" fill="url(#grad)"></g></svg>\n</div>\n',
    ),
    Source("maquettes/FO-paiement.md", "FO-paiement", "# FO-paiement\n\n## Contexte\n"),
]


def test_one_section_per_page_in_order_with_its_title() -> None:
    page = _html(print_page(SOURCES))
    tags = re.findall(r"<section [^>]*>", page)
    sections = [
        (re.search(r'\bid="([^"]*)"', t).group(1), re.search(r'data-title="([^"]*)"', t).group(1)) for t in tags
    ]
    assert [(id_, html.unescape(title)) for id_, title in sections] == [(prefix_of(s.path), s.title) for s in SOURCES]
    assert [prefix_of(s.path) for s in SOURCES] == [
        "p-regles-metier",
        "p-perimetre",
        "p-maquettes-fo-offres",
        "p-maquettes-fo-paiement",
    ]


def test_heading_ids_are_prefixed_per_page_so_they_stay_unique() -> None:
    page = _html(print_page(SOURCES))
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert "p-regles-metier--contexte" in ids and "p-perimetre--contexte" in ids
    assert "p-regles-metier--br-pay-01" in ids
    assert len(ids) == len(set(ids))


def test_links_between_printed_pages_become_anchors_and_others_are_rebased() -> None:
    page = _html(print_page(SOURCES))
    assert 'href="#p-perimetre"' in page  # regles-metier.md -> perimetre.md
    assert 'href="#p-regles-metier--br-pay-01"' in page
    assert 'href="planning/index.md"' in page  # not printed: a link from the print page's folder (the root)
    assert 'href="https://stripe.com"' in page
    assert 'href="#p-maquettes-fo-paiement"' in page  # a URL inside an inline SVG
    assert 'href="../planning/"' in page  # the SVG's other link, rebased on /print_page/
    assert "url(#p-maquettes-fo-offres--grad)" in page and 'id="p-maquettes-fo-offres--g1"' in page


def test_a_page_front_matter_is_not_printed_as_text() -> None:
    source = Source("maquettes/FO-x.md", "FO-x", "---\nhide:\n  - toc\n---\n\n# FO-x\n\nTexte.\n\n---\n\nFin.\n")
    page = print_page([source])
    assert "hide:" not in page.split("# FO-x", 1)[1] and "- toc" not in page.split("# FO-x", 1)[1]
    assert "Texte." in page and "\n---\n\nFin." in page  # a rule in the text stays


def test_footnotes_of_two_pages_do_not_merge() -> None:
    page = _html(print_page(SOURCES))
    assert "Une note." in page and "Une autre note." in page


def test_dashboard_and_board_are_not_printed_but_the_planning_is() -> None:
    assert not chosen("index.md") and not chosen("planning/kanban.md") and not chosen("planning/telechargements.md")
    assert chosen("backlog/E01.md") and chosen("specifications.md")
    assert chosen("planning/index.md") and chosen("planning/prevision.md")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=40), min_size=1, max_size=4))
def test_any_title_is_text_in_data_title(titles: list[str]) -> None:
    sources = [Source(f"page{n}.md", title, f"# Page {n}\n") for n, title in enumerate(titles)]
    page = _html(print_page(sources))
    found = re.findall(r'data-title="([^"]*)"', page)
    assert [html.unescape(value) for value in found] == [section_title(title) for title in titles]
    assert all(value.isprintable() and value == value.strip() for value in found)
    assert "<script" not in page.replace("&lt;script", "")


def test_unchanged_files_keep_their_mtime_and_stale_files_go(tmp_path: Path) -> None:
    tree = tmp_path / "docs"
    stats = write_tree(tree, {"a.md": b"A", "sub/b.md": b"B", "old.md": b"O"})
    assert sorted(stats.written) == ["a.md", "old.md", "sub/b.md"]
    past = time.time() - 1000
    os.utime(tree / "a.md", (past, past))
    stats = write_tree(tree, {"a.md": b"A", "sub/b.md": b"B2"})
    assert stats.written == ["sub/b.md"] and stats.kept == 1 and stats.removed == ["old.md"]
    assert (tree / "a.md").stat().st_mtime == past  # not rewritten
    assert (tree / "sub/b.md").read_bytes() == b"B2" and not (tree / "old.md").exists()
    assert (tree / MANIFEST).is_file()
    (tree / "a.md").write_bytes(b"edited by hand")  # a file changed behind the manifest's back is put right
    os.utime(tree / "a.md", (past, past))
    write_tree(tree, {"a.md": b"A"})
    assert (tree / "a.md").read_bytes() == b"A"


def test_code_spans_are_printed_as_written() -> None:
    text = 'Le code `id="principal"`, ``href="#x" et [lien](perimetre.md)`` et [vrai](perimetre.md).\n'
    page = print_page([Source("regles-metier.md", "Règles", text), SOURCES[1]])
    assert 'Le code `id="principal"`, ``href="#x" et [lien](perimetre.md)`` et [vrai](#p-perimetre)' in page


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from([*"&#;x0aGT<>\"' é", "&amp;", "&GT;", "&#39;"]), min_size=1).map("".join),
        min_size=1,
        max_size=3,
    )
)
def test_the_assembled_print_page_writes_the_titles_as_python_markdown_does(titles: list[str]) -> None:
    """The print page assembled from the pages' HTML (`print_html.py`) has the `data-title` the Markdown one has."""
    markdown = print_page([Source(f"page{n}.md", title, f"# Page {n}\n") for n, title in enumerate(titles)])
    written = re.findall(r'data-title="([^"]*)" markdown>', markdown)
    assert [data_title(value) for value in written] == re.findall(r'data-title="([^"]*)"', _html(markdown))
