"""Print the dossier: the body (the built site's print page) once, then the front matter numbered from the
body's bookmarks, then both put together. One pass over the long body: its page numbers do not depend on the
front matter, which is numbered apart (the footer's "page x / y" counts the body's pages)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .assemble import assemble, blank_pages, headings, page_count
from .chromium import PdfError, browser_page, serve
from .front import Cover, body_css, footer_template, front_html, header_template, toc_entries

MARGIN = {"top": "16mm", "bottom": "15mm", "left": "12mm", "right": "12mm"}

# the print page's own title and list of pages: replaced by the dossier's cover and numbered contents
_DROP_PRINT_TOC = """() => {
  const title = document.getElementById('print-page');
  if (!title) return 0;
  let node = title, dropped = 0;
  while (node && !(node.matches && node.matches('section.fz-print-page'))) {
    const next = node.nextElementSibling; node.remove(); node = next; dropped++;
  }
  return dropped;
}"""


@dataclass(frozen=True)
class Dossier:
    data: bytes
    pages: int
    front_pages: int
    body_pages: int
    bookmarks: int
    seconds: float
    blank: tuple[int, ...] = ()  # 1-based numbers of blank pages found (the last one is checked): a warning


def _print_body(page: Any, url: str, cover: Cover) -> bytes:
    response = page.goto(url, wait_until="load")
    if response is None or not response.ok:
        raise PdfError(f"the print page {url} did not load ({response.status if response else 'no answer'})")
    page.evaluate(_DROP_PRINT_TOC)
    page.add_style_tag(content=body_css())
    return page.pdf(
        format="A4",
        margin=MARGIN,
        print_background=True,
        display_header_footer=True,
        header_template=header_template(cover),
        footer_template=footer_template(cover),
        outline=True,
        tagged=True,
    )


def print_dossier(site_dir: Path, print_page: str, cover: Cover) -> Dossier:
    """The dossier of a built site; `print_page` is the print page's file relative to `site_dir`."""
    started = time.perf_counter()
    if not (site_dir / print_page).is_file():
        raise PdfError(f"{site_dir / print_page}: no print page in the built site")
    with serve(site_dir) as base, browser_page(base) as page:
        body = _print_body(page, f"{base}/{print_page}", cover)
        found = headings(body)
        entries, targets = toc_entries(found)
        page.set_content(front_html(cover, entries), wait_until="load")
        front = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
    data = assemble(front, body, targets, cover.title, cover.client)
    front_pages, body_pages = page_count(front), page_count(body)
    total = front_pages + body_pages
    blank = tuple(index + 1 for index in blank_pages(data, total - 1, total - 1))  # a blank last page
    seconds = time.perf_counter() - started
    return Dossier(data, front_pages + body_pages, front_pages, body_pages, len(found), seconds, blank)
