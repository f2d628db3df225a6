"""The print page of a MkDocs build, assembled from the pages' own HTML instead of rendering their Markdown again.

The generated `print_page.md` (`print_page.py`) holds every chosen page's Markdown in one `<section>` each: any
engine can build it (Zensical does). In a MkDocs build the printable page is rendered last (`last`), so that
each section can be taken from its page's HTML, rendered moments before: ids get the page's prefix, links to
a printed page become anchors and other relative links are re-based on the print page's location — as
`print_page.py` does on the Markdown, so both give the same anchors. A section is swapped for a one-word
placeholder before MkDocs converts the print page, then for the HTML after: Python-Markdown converts each text
once instead of twice (the print page was half of a full build's Markdown time).

A dirty build renders only the changed pages: the sections of the others come from the last build, kept in
the signed cache by the hash of the page's Markdown and of the Markdown settings. A section found nowhere stays
Markdown, rendered with the print page as before.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

from mkdocs.structure.files import Files

from ..inputs import toolkit_versions
from ..signed_cache import SignedCache
from .idlinks import LINKED
from .print_page import PRINT_PAGE, Source, _Page, chosen, data_title, prefix_of

_OPEN = re.compile(r'^<section class="fz-print-page" id="([^"\n]+)" data-title="([^"\n]*)" markdown>[ \t]*$', re.M)
_ID = re.compile(r'((?<![\w-])id=")([^"]*)(")')
_LINK = re.compile(r'((?<![\w-])(?:xlink:href|href|src)=")([^"]*)(")')
_URL_REF = re.compile(r"url\(#([^)\s]+)\)")
_TAG = re.compile(r"""<[A-Za-z](?:"[^"]*"|'[^']*'|[^'">])*>""")  # an opening tag, with its quoted values
# an id the page's id map linked: text in the print page, as in the Markdown one (which has no id map)
_ID_LINK = re.compile(rf'<a (?:class="{LINKED}" href="[^"]*"|href="[^"]*" class="{LINKED}")>([^<]*)</a>')
_MARK = "FZPRINTSECTION{}X"  # one word, untouched by every Markdown extension
_PART = "print-part"


def last(files: Files) -> Files:
    """The same files with the print page last: MkDocs renders the pages in this order."""
    pages = list(files)
    found = [file for file in pages if file.src_uri == PRINT_PAGE]
    if not found:
        return files
    return Files([file for file in pages if file.src_uri != PRINT_PAGE] + found)


class PrintAssembly:
    """One MkDocs build's print page: `keep` each page's HTML, `strip` then `fill` the print page."""

    def __init__(self, store: SignedCache, files: Files, settings: dict[str, Any], directory_urls: bool) -> None:
        self.store, self.files, self.directory_urls = store, files, directory_urls
        self.settings = hashlib.sha256(
            json.dumps([settings, toolkit_versions()], sort_keys=True, default=repr).encode()
        ).hexdigest()
        self.fresh: dict[str, str] = {}  # page path -> its HTML, rendered in this build
        self.sections: dict[str, str] = {}  # placeholder -> section HTML, for `fill`
        self.anchors: set[str] = set()  # the ids the sections hold (MkDocs checks links to them)
        self._members: dict[str, str] | None = None
        self._urls: dict[str, str] | None = None
        # the sections made as their pages were rendered (`keep`), by whichever process rendered them: page path
        # -> (prefix, title, section, its ids); the print page then only stitches them (`strip`)
        self.ready: dict[str, tuple[str, str, str, frozenset[str]]] = {}
        self._given: set[str] = set()
        self._plan = self._printed(files)
        self._by_path = {page: plan[0] for page, plan in self._plan.items()}

    def _page_index(self) -> tuple[dict[str, str], dict[str, str]]:
        if self._members is None or self._urls is None:
            from . import paths

            pages = [f.src_uri for f in self.files.documentation_pages() if f.src_uri != PRINT_PAGE]
            self._members = {prefix_of(path): path for path in pages}
            self._urls = {paths.page_url(path, self.directory_urls): path for path in pages}
        return self._members, self._urls

    def _key(self, path: str) -> str | None:
        file = self.files.get_file_from_path(path)
        if file is None:
            return None
        try:
            source = Path(file.abs_src_path or "").read_bytes()
        except OSError:
            return None
        return self.store.key(_PART, path, self.settings, hashlib.sha256(source).hexdigest())

    def _printed(self, files: Files) -> dict[str, tuple[str, str]]:
        """The sections of the generated print page: page path -> (prefix, escaped title); {} without one."""
        file = files.get_file_from_path(PRINT_PAGE)
        try:
            markdown = Path(file.abs_src_path or "").read_text(encoding="utf-8") if file is not None else ""
        except (OSError, UnicodeDecodeError):
            return {}
        members, _ = self._page_index()
        plan = {}
        for match in _OPEN.finditer(markdown):
            path = members.get(match.group(1))
            if path is not None:
                plan[path] = (match.group(1), match.group(2))
        return plan

    def keep(self, path: str, html: str) -> None:
        """A page was rendered: its HTML for this build's print page, and for the next dirty builds; its section
        of the print page made now (the print page, rendered last, only stitches them)."""
        if path == PRINT_PAGE or not chosen(path):
            return
        self.fresh[path] = html
        if path in self.ready:  # converted by the other process, which kept it and made its section
            return
        key = self._key(path)
        if key is not None:
            self.store.put(key, html.encode("utf-8"))
        if path in self._plan:
            prefix, title = self._plan[path]
            section = _section(html, path, prefix, title, self._by_path, self._page_index()[1], self.directory_urls)
            self.ready[path] = (prefix, title, section, frozenset(found[1] for found in _ID.findall(section)))

    def take_ready(self) -> dict[str, tuple[str, str, str, frozenset[str]]]:
        """The sections made since the last call (a second process hands them to the first, `parallel.py`)."""
        new = {path: made for path, made in self.ready.items() if path not in self._given}
        self._given.update(new)
        return new

    def give_ready(self, made: dict[str, tuple[str, str, str, frozenset[str]]]) -> None:
        self.ready.update(made)

    def _html_of(self, path: str) -> str | None:
        if path in self.fresh:
            return self.fresh[path]
        key = self._key(path)
        found = self.store.get(key) if key is not None else None
        return found.decode("utf-8") if found is not None else None

    def strip(self, markdown: str) -> str:
        """The print page's Markdown with each section whose HTML is known swapped for a placeholder."""
        members, urls = self._page_index()
        opens = list(_OPEN.finditer(markdown))
        if not opens:
            return markdown
        opened = {m.group(1) for m in opens}
        printed = {prefix: path for prefix, path in members.items() if prefix in opened}
        by_path = {path: prefix for prefix, path in printed.items()}
        same_plan = by_path == self._by_path  # the sections made in `keep` are this page's
        out = [markdown[: opens[0].start()]]
        for index, match in enumerate(opens):
            end = opens[index + 1].start() if index + 1 < len(opens) else len(markdown)
            path = members.get(match.group(1))
            made = self.ready.get(path) if path is not None else None
            if made is not None and same_plan and made[:2] == match.group(1, 2):
                section, ids = made[2], made[3]
            else:
                html = self._html_of(path) if path is not None else None
                if html is None or path is None:
                    out.append(markdown[match.start() : end])
                    continue
                section = _section(html, path, match.group(1), match.group(2), by_path, urls, self.directory_urls)
                ids = frozenset(found[1] for found in _ID.findall(section))
            mark = _MARK.format(index)
            self.sections[mark] = section
            self.anchors.update(ids)
            out.append(f"{mark}\n\n")
        return "".join(out)

    def fill(self, html: str) -> str:
        """The print page's HTML with each placeholder replaced by its section."""
        if not self.sections:
            return html
        marks = re.compile("|".join(rf"<p>{re.escape(mark)}</p>" for mark in self.sections))
        return marks.sub(lambda m: self.sections[m.group(0)[3:-4]], html)


def _id_text(match: re.Match[str]) -> str:
    """A linked id as the Markdown print page shows it: kept whole when id-shaped (hyphenated), else plain."""
    text = match.group(1)
    return f'<span class="fz-id">{text}</span>' if "-" in text else text


def _section(
    html: str, path: str, prefix: str, title: str, members: dict[str, str], urls: dict[str, str], directory_urls: bool
) -> str:
    """A page's HTML as its section of the print page (`title` is already escaped for the attribute)."""
    page = _Page(Source(path, "", ""), members, urls, lambda text, sep: text, directory_urls)
    body = _ID_LINK.sub(_id_text, html)

    links: dict[str, str] = {}

    def link(found: re.Match[str]) -> str:
        url = found.group(2)
        if url not in links:
            links[url] = page.url_link(url)
        return f"{found.group(1)}{links[url]}{found.group(3)}"

    def attributes(tag: re.Match[str]) -> str:  # in tags only: text (`id="x"` in a code span) is printed as is
        text = tag.group(0)
        if 'id="' not in text and 'href="' not in text and 'src="' not in text:
            return text  # (most tags of a drawing: nothing either expression could change)
        found = _ID.sub(lambda m: f"{m.group(1)}{prefix}--{m.group(2)}{m.group(3)}", text)
        return _LINK.sub(link, found)

    body = _TAG.sub(attributes, body)
    body = _URL_REF.sub(lambda m: f"url(#{prefix}--{m.group(1)})", body)
    return f'<section class="fz-print-page" id="{prefix}" data-title="{data_title(title)}">\n{body}\n</section>\n'
