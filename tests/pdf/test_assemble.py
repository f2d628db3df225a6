"""Putting the printed parts together with pypdf (synthetic PDFs: no browser)."""

from __future__ import annotations

import io

from pypdf import PdfReader, PdfWriter
from pypdf.annotations import Link
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from generators.pdf.assemble import LINK_SCHEME, Heading, assemble, blank_pages, headings


def _pdf(pages: int, *, bookmarks: tuple[str, ...] = (), links: int = 0) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(200, 300)
    for index, title in enumerate(bookmarks):
        parent = writer.add_outline_item(title, index)
        writer.add_outline_item(f"{title} / section", index, parent=parent)
    for number in range(links):
        link = Link(rect=(10, 10 + 20 * number, 100, 25 + 20 * number), url="https://example.invalid/")
        link[NameObject("/A")] = DictionaryObject(
            {
                NameObject("/S"): NameObject("/URI"),
                NameObject("/URI"): TextStringObject(f"{LINK_SCHEME}{number}"),
            }
        )
        writer.add_annotation(pages - 1, link)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_headings_read_the_bookmark_tree_with_pages() -> None:
    found = headings(_pdf(3, bookmarks=("A", "B", "C")))
    assert [(h.level, h.title, h.page) for h in found] == [
        (1, "A", 0),
        (2, "A / section", 0),
        (1, "B", 1),
        (2, "B / section", 1),
        (1, "C", 2),
        (2, "C / section", 2),
    ]


def test_contents_links_point_at_the_body_pages_and_the_front_bookmarks_come_first() -> None:
    body = _pdf(3, bookmarks=("A", "B", "C"))
    targets = [Heading(1, "C", 2, 150.0), Heading(1, "A", 0, None)]
    reader = PdfReader(io.BytesIO(assemble(_pdf(2, links=2), body, targets, "Titre", "Client")))
    assert len(reader.pages) == 5
    pages = {page.indirect_reference.idnum: index for index, page in enumerate(reader.pages)}
    links = [annot.get_object() for annot in reader.pages[1]["/Annots"]]
    assert all("/A" not in link for link in links)
    destinations = [link["/Dest"] for link in links]
    assert [pages[d[0].idnum] for d in destinations] == [4, 2] and destinations[0][3] == 150
    assert [item.title for item in reader.outline if not isinstance(item, list)][:3] == ["Couverture", "Sommaire", "A"]
    assert reader.metadata is not None and reader.metadata.title == "Titre"


def test_a_page_with_nothing_but_its_running_header_and_footer_is_blank() -> None:
    assert blank_pages(_pdf(3)) == [0, 1, 2]
    assert blank_pages(_pdf(3), 1, 1) == [1]
