"""pypdf work on the printed parts: read the body's bookmarks (the page of every heading), put the front
matter (cover, contents) before the body, turn the contents' entries into links, add two bookmarks."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, NameObject, NullObject, NumberObject

LINK_SCHEME = "fanzone-toc:"  # the contents' entries point here when printed; rewritten to in-document links


@dataclass(frozen=True)
class Heading:
    level: int  # 1 for a page's title, 2 for its sections...
    title: str
    page: int  # 0-based index in the body
    top: float | None  # the heading's height on its page (PDF units), when Chromium gave it


def headings(body: bytes) -> list[Heading]:
    """Every bookmark of the body (Chromium's document outline follows the heading tree), in order."""
    reader = PdfReader(io.BytesIO(body))
    found: list[Heading] = []

    def walk(items: list[Any], level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
                continue
            top = item.get("/Top")
            found.append(
                Heading(level, " ".join(str(item.title).split()), reader.get_destination_page_number(item), top)
            )

    walk(reader.outline, 1)
    return found


def page_count(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


RUNNING_LINES = 2  # the page header and footer Chromium draws on every page of the body


def blank_pages(data: bytes, first: int = 0, last: int | None = None) -> list[int]:
    """0-based indexes, among pages `first` to `last`, of body pages with nothing but the running header and
    footer (no other text, no image): a printing mistake, never wanted. Text extraction is slow on hundreds
    of pages: the command checks the last page, the tests every page."""
    reader = PdfReader(io.BytesIO(data))
    blank = []
    for index in range(first, len(reader.pages) if last is None else last + 1):
        page = reader.pages[index]
        lines = [line for line in (page.extract_text() or "").splitlines() if line.strip()]
        resources = page.get("/Resources") or {}
        images = resources.get("/XObject") if hasattr(resources, "get") else None
        if len(lines) <= RUNNING_LINES and not images:
            blank.append(index)
    return blank


def assemble(front: bytes, body: bytes, targets: list[Heading], title: str, author: str) -> bytes:
    """Front matter then body; the front's `fanzone-toc:N` links go to `targets[N]`; outline kept and extended."""
    front_reader = PdfReader(io.BytesIO(front))
    writer = PdfWriter()
    writer.append(front_reader, import_outline=False)
    offset = len(writer.pages)
    writer.add_outline_item("Couverture", 0)  # before the body's bookmarks, which `append` adds after these
    if offset > 1:
        writer.add_outline_item("Sommaire", 1)
    writer.append(PdfReader(io.BytesIO(body)), import_outline=True)
    for page in writer.pages[:offset]:
        for ref in page.get("/Annots") or []:
            annot = ref.get_object()
            action = annot.get("/A")
            uri = str(action.get("/URI", "")) if action is not None else ""
            if not uri.startswith(LINK_SCHEME):
                continue
            number = int(uri[len(LINK_SCHEME) :])
            target = targets[number]
            top: Any = NumberObject(int(target.top)) if target.top is not None else NullObject()
            destination = ArrayObject(
                [
                    writer.pages[offset + target.page].indirect_reference,
                    NameObject("/XYZ"),
                    NullObject(),
                    top,
                    NullObject(),
                ]
            )
            del annot[NameObject("/A")]
            annot[NameObject("/Dest")] = destination
    writer.add_metadata({"/Title": title, "/Author": author, "/Creator": "fanzone export pdf"})
    writer.page_mode = "/UseOutlines"
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
