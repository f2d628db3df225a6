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
