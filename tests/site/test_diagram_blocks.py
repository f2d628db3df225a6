"""Diagram blocks are set aside whole: the same HTML as Python-Markdown's own raw-HTML handling, for any text
around them; a block whose divs do not balance is left to Markdown."""

from __future__ import annotations

import markdown
from hypothesis import given
from hypothesis import strategies as st

from generators.site.diagram_blocks import DiagramBlocksExtension

EXTENSIONS = ["attr_list", "def_list", "md_in_html", "tables", "toc", "admonition"]
SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10"><g><text x="1" y="2">FO-offres &amp; «x»</text></g></svg>'
BLOCK = ["", '<div class="fz-diagram">', f'<div class="uml">{SVG}</div>', "</div>", ""]


def _both(text: str) -> tuple[str, str]:
    plain = markdown.Markdown(extensions=EXTENSIONS).convert(text)
    ours = markdown.Markdown(extensions=[*EXTENSIONS, DiagramBlocksExtension()]).convert(text)
    return plain, ours


def test_a_page_with_diagrams_converts_to_the_same_html() -> None:
    page = "\n".join(["# Écran", "", "Texte **gras**.", *BLOCK, "## Suite", "", "| a | b |", "|---|---|", "| 1 | 2 |"])
    plain, ours = _both(page + "\n" + "\n".join(BLOCK))
    assert SVG in ours and ours.count(SVG) == 2
    assert ours == plain


def test_an_unbalanced_block_is_left_to_markdown() -> None:
    page = "\n".join(["", '<div class="fz-diagram">', "<div>", "</div>", "", "*texte*", ""])
    plain, ours = _both(page)
    assert ours == plain


def test_raw_html_left_open_before_a_diagram_still_shows_it_once() -> None:
    plain, ours = _both("\n".join(["<DIV", *BLOCK, "texte"]))
    assert plain.count(SVG) == ours.count(SVG) == 1


# Markdown as the pages have it around a diagram: no raw HTML left open, no fence left open (both above)
markdown_text = st.lists(
    st.sampled_from(["", "# Titre", "texte *x*", "- item", "| a |", "|---|", "    code", "> cite", "Terme", ": déf"])
    | st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="<`~"), max_size=30),
    max_size=12,
)


@given(before=markdown_text, after=markdown_text)
def test_any_markdown_around_a_block_gives_the_same_html(before: list[str], after: list[str]) -> None:
    plain, ours = _both("\n".join([*before, *BLOCK, *after]))
    assert ours == plain


BOARD = [
    "",
    '<div class="fz-kanban" data-fz-kanban>',
    '<form class="fz-kanban-filters" hidden><label>Épopée <select name="epic"><option value="">Toutes</option>'
    "</select></label></form>",
    '<div class="fz-kanban-board">',
    '<section class="fz-kanban-col" data-status="À faire"><h2>À faire</h2><ul class="fz-cards"><li>'
    '<a class="fz-card" id="card-E01-S01" href="../backlog/E01.md#e01-s01">E01-S01 &amp; «x»</a></li></ul></section>',
    "</div>",
    "</div>",
    "",
]


@given(before=markdown_text, after=markdown_text)
def test_any_raw_block_of_ours_gives_the_same_html(before: list[str], after: list[str]) -> None:
    """Not only diagrams: any `<div class="fz-…">` block the generation step writes (the Kanban board)."""
    plain, ours = _both("\n".join([*before, *BOARD, *after]))
    assert ours == plain


def test_a_block_with_markdown_inside_is_left_to_markdown() -> None:
    page = "\n".join(["", '<div class="fz-note" markdown>', "", "*texte*", "", "</div>", ""])
    plain, ours = _both(page)
    assert "<em>texte</em>" in ours and ours == plain


def _anchors(text: str) -> tuple[set[str], set[str]]:
    """The ids MkDocs' own scan finds in the page's raw HTML, without and with the blocks set aside."""
    from mkdocs.structure.pages import _RawHTMLPreprocessor

    found = []
    for extensions in (EXTENSIONS, [*EXTENSIONS, DiagramBlocksExtension()]):
        md = markdown.Markdown(extensions=extensions)
        scan = _RawHTMLPreprocessor()
        scan._register(md)
        md.convert(text)
        found.append(scan.present_anchor_ids)
    return found[0], found[1]


def test_mkdocs_knows_the_ids_inside_the_blocks_set_aside() -> None:
    html = '<table><tr><td><span id="audit&amp;x"></span><a name="old" href="#">a</a><b name="no">b</b></td></tr>'
    page = "\n".join(["# Page", *BOARD, "<!-- fz-html -->", f"{html}</table>", "<!-- /fz-html -->", "", "fin"])
    plain, ours = _anchors(page)
    assert {"card-E01-S01", "audit&x", "old"} <= ours and "no" not in ours
    assert ours == plain  # what MkDocs would find if Markdown parsed the blocks
