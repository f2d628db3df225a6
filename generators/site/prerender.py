"""The bulky blocks of big generated pages written as the HTML Python-Markdown would make of them.

Python-Markdown spends most of a big generated page's time on its inline processing (the traceability
matrix: ~1 s of a 10 s build at 1,000 stories, 27 s at 10,000). The blocks of those pages are the generation
step's own Markdown, in a small, known form: pipe tables and paragraphs whose content is links to ids
(`[<span class="fz-id">ID</span> — title](E001.md#e001-s001)`), raw inline tags (badges), entities (every
user text is escaped by `md_escape` into entities: `&#42;`) and `**bold**` labels. This module turns such a
block into the HTML MkDocs would have written for it, so that `diagram_blocks` sets it aside whole:

- links get the URL MkDocs' link processor writes (`paths.page_url`, relative to the page's URL);
- what the site's tree processors do to the text is done here, the same way: known ids become links
  (`idlinks`: ids in text, links showing an id kept whole, a row declaring an id) and abbreviations of the
  glossary get their `<abbr>` (`abbr`), each on the text pieces it would have seen;
- text is kept exactly as `md_escape` wrote it (the same entities), and serialised as Python-Markdown does.

Anything outside that form (a character Markdown or an unknown extension would read, a table whose first
cell could declare an id...) leaves the block as Markdown: the page is then as before, only slower. The
plugin turns this on only when every Markdown extension of the site is one whose effect is reproduced or that
never touches such text (`settings`).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlsplit

from markdown.serializers import _escape_attrib_html, _escape_cdata  # type: ignore[attr-defined]
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.utils import get_relative_url

from . import paths
from .glossary import _bases
from .idlinks import ID_SHAPE, LINKED, IdIndex

OPEN = "<!-- fz-html -->"  # the lines around a pre-rendered block (`diagram_blocks` stashes what is between)
CLOSE = "<!-- /fz-html -->"
OPAQUE = "\x02\x03"  # stands for a raw tag or an entity (Python-Markdown's placeholders start and end so)

_LINK = r"\[(?P<label>[^\[\]]*)\]\((?P<href>[^()\s<>\"'`\\]+)\)"
# emphasis as Markdown's delimiter runs pair them here: the opening run not followed by a space, the closing one
# not preceded by one (anything else stays Markdown: `*` left in text is not reproduced)
_STRONG = r"(?<!\*)\*\*(?![\s*])(?P<strong>[^*]*[^\s*])\*\*(?!\*)"
_EM = r"(?<!\*)\*(?![\s*])(?P<em>[^*]*[^\s*])\*(?!\*)"
# the elements of inline Markdown, leftmost first (at one place, a link first: Markdown reads links first)
_ELEMENTS = re.compile(f"{_LINK}|{_STRONG}|{_EM}")
_LINKS = re.compile(_LINK)
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?: [a-z-]+=\"[^\"<>&]*\")*>")
_ENTITY = re.compile(r"&(?:#[0-9]+|#x[0-9a-fA-F]+|[a-zA-Z0-9]+);")
_PIECE = re.compile(f"({_TAG.pattern}|{_ENTITY.pattern})")
# what Markdown (or one of the site's extensions) would read in text: such a block stays Markdown
_UNSAFE = re.compile(r"[`\\*_\[\]<{}~^=$|\x00-\x1f]|&(?![#a-zA-Z0-9]+;)")
_DELIMITER = re.compile(r"^\|(?: *:?-+:? *\|)+$")
_ANCHORED = re.compile(r"\s*[A-Z][A-Za-z0-9-]*")


class Unsupported(Exception):
    """The block is not in the form this module reproduces: it stays Markdown."""


@dataclass(frozen=True)
class Settings:
    """What the HTML depends on besides the page: the engine's URLs, the glossary, the tables' alignment."""

    use_directory_urls: bool
    abbreviations: dict[str, str] = field(default_factory=dict)
    align_attribute: bool = False  # the `tables` extension's `use_align_attribute`

    def abbr_pattern(self) -> re.Pattern[str] | None:
        keys = sorted(self.abbreviations, key=len, reverse=True)
        return re.compile(f"\\b(?:{'|'.join(re.escape(k) for k in keys)})\\b") if keys else None


class InlineHtml:
    """The HTML of inline Markdown on one page."""

    def __init__(self, page: str, settings: Settings, index: IdIndex, pages: Collection[str]) -> None:
        self.page = page
        self.settings = settings
        self.index = index
        self.pages = pages  # the site's pages: MkDocs leaves a link to any other file as written (and warns)
        self.abbr = settings.abbr_pattern()
        self.url_of_page = _file_url(page, settings.use_directory_urls)
        self.urls: dict[str, str] = {}  # href -> URL (a page links to the same pages many times)

    # --- links -------------------------------------------------------------------------------------------
    def url(self, href: str) -> str:
        """The URL MkDocs writes for a link of this page (`_RelativePathTreeprocessor.path_to_url`)."""
        url = self.urls.get(href)
        if url is None:
            url = self.urls[href] = self._url(href)
        return url

    def _url(self, href: str) -> str:
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path:
            return href
        if href.startswith(("/", "\\")) or parts.query:
            raise Unsupported(href)
        target = posixpath.normpath(posixpath.join(posixpath.dirname(self.page), parts.path)).lstrip("/")
        if target not in self.pages or posixpath.basename(target).lower() == "readme.md":  # (MkDocs' index)
            raise Unsupported(href)
        url = get_relative_url(_file_url(target, self.settings.use_directory_urls), self.url_of_page)
        return url + (f"#{parts.fragment}" if parts.fragment else "")

    # --- text ------------------------------------------------------------------------------------------------
    @staticmethod
    def _pieces(markdown: str) -> tuple[str, list[str]]:
        """The text with each raw tag and entity replaced by `OPAQUE`, and those, in order."""
        opaque: list[str] = []
        flat: list[str] = []
        for number, piece in enumerate(_PIECE.split(markdown)):
            if number % 2:
                opaque.append(piece)
                flat.append(OPAQUE)
            elif piece:
                if _UNSAFE.search(piece) or OPAQUE[0] in piece:
                    raise Unsupported(piece)
                flat.append(piece)
        return "".join(flat), opaque

    def _abbr(self, flat: str) -> str:
        """Abbreviations of the glossary wrapped in `<abbr>` (text still with `OPAQUE` marks)."""
        text = _escape_cdata(flat)
        if self.abbr is None:
            return text
        out, last = [], 0
        for match in self.abbr.finditer(flat):
            title = self.settings.abbreviations[match.group(0)]
            if not title:
                continue
            out += [_escape_cdata(flat[last : match.start()]), f'<abbr title="{_escape_attrib_html(title)}">']
            out += [_escape_cdata(match.group(0)), "</abbr>"]
            last = match.end()
        return "".join([*out, _escape_cdata(flat[last:])]) if out else text

    def _ids(self, flat: str) -> str:
        """Ids in text made links (`IdLinker._split`), the rest given its abbreviations."""
        out, last = [], 0
        for match in ID_SHAPE.finditer(flat):
            object_id = match.group(0)
            if "-" not in object_id and object_id not in self.index.targets:
                continue
            href = self.index.href_from(self.page, object_id)
            out.append(self._abbr(flat[last : match.start()]))
            if href is None:
                out.append(f'<span class="fz-id">{object_id}</span>')
            else:
                out.append(f'<a class="{LINKED}" href="{_escape_attrib_html(self.url(href))}">{object_id}</a>')
            last = match.end()
        return "".join([*out, self._abbr(flat[last:])])

    @staticmethod
    def _restore(html: str, opaque: list[str]) -> str:
        if not opaque:
            return html
        parts = html.split(OPAQUE)
        if len(parts) != len(opaque) + 1:
            raise Unsupported(html)
        return "".join(part + (opaque[n] if n < len(opaque) else "") for n, part in enumerate(parts))

    def text(self, markdown: str) -> str:
        """Text between elements (raw tags and entities inside): its ids and abbreviations."""
        if not markdown:
            return ""
        flat, opaque = self._pieces(markdown)
        return self._restore(self._ids(flat), opaque)

    def link(self, label: str, href: str) -> str:
        """A Markdown link: a label showing an id is kept whole (`IdLinker._protect_link`), else abbreviated."""
        flat, opaque = self._pieces(label)
        if ID_SHAPE.search(flat):
            html = _escape_cdata(flat)
            attrs = ' class="fz-id"' if ID_SHAPE.fullmatch(flat.strip()) else ""
        else:
            html, attrs = self._abbr(flat), ""
        return f'<a{attrs} href="{_escape_attrib_html(self.url(href))}">{self._restore(html, opaque)}</a>'

    def inline(self, markdown: str, *, emphasis: bool = True) -> str:
        """A cell's, a paragraph's or a list item's Markdown as HTML: links, `**bold**`, `*italics*`, text."""
        out, last = [], 0
        for match in (_ELEMENTS if emphasis else _LINKS).finditer(markdown):
            out.append(self.text(markdown[last : match.start()]))
            if match.group("href") is not None:
                out.append(self.link(match.group("label"), match.group("href")))
            else:
                tag = "strong" if match.group("strong") is not None else "em"
                out.append(f"<{tag}>{self.inline(match.group(tag), emphasis=False)}</{tag}>")
            last = match.end()
        out.append(self.text(markdown[last:]))
        return "".join(out)

    def first_cell(self, markdown: str) -> None:
        """A first cell without element could declare an id (`IdLinker._declare_row`): left to Markdown."""
        if _ELEMENTS.search(markdown):
            return
        flat, _opaque = self._pieces(markdown)
        stripped = flat.strip()
        anchored = stripped.startswith(OPAQUE) and _ANCHORED.fullmatch(stripped[len(OPAQUE) :])
        if ID_SHAPE.fullmatch(stripped) or anchored:
            raise Unsupported(markdown)


def _file_url(src: str, use_directory_urls: bool) -> str:
    """A page's URL as MkDocs' `File.url` (a folder's index: `dir/`, the home page: `./`)."""
    url = paths.output_path(src, use_directory_urls)
    folder, name = posixpath.split(url)
    if use_directory_urls and name == "index.html":
        url = (folder or ".") + "/"
    return quote(url)


# --- when --------------------------------------------------------------------------------------------------------
# Markdown extensions whose effect on such blocks is reproduced here (idlinks, abbr, tables) or that never touch
# their text (block syntax, headings, code, preprocessors whose syntax the escaped text cannot hold)
SAFE_EXTENSIONS = frozenset(
    {
        "generators.site.idlinks",
        "generators.site.plantuml_ext",
        "generators.site.diagram_blocks",
        "abbr",
        "admonition",
        "attr_list",
        "def_list",
        "footnotes",
        "md_in_html",
        "tables",
        "toc",
        "fenced_code",
        "pymdownx.details",
        "pymdownx.highlight",
        "pymdownx.inlinehilite",
        "pymdownx.superfences",
        "pymdownx.tabbed",
        "pymdownx.tasklist",
        "pymdownx.snippets",
    }
)


def settings(extensions: list[object], configs: dict[str, dict[str, Any]], use_directory_urls: bool) -> Settings | None:
    """The settings for a site's Markdown (None when one of its extensions could change such blocks, or when
    abbreviations may come from text appended to every page rather than from the glossary)."""
    names = [name.removeprefix("markdown.extensions.") if isinstance(name, str) else "" for name in extensions]
    if not set(names) <= SAFE_EXTENSIONS or "generators.site.diagram_blocks" not in names:
        return None
    glossary: dict[str, str] = {}
    if "abbr" in names:
        if _appended(configs.get("pymdownx.snippets") or {}):
            return None
        found = configs.get("abbr", {}).get("glossary") or {}
        if not isinstance(found, dict):
            return None
        glossary = {str(key): str(value) for key, value in found.items()}
    align = bool(configs.get("tables", {}).get("use_align_attribute", False))
    return Settings(use_directory_urls, glossary, align)


def _appended(snippets: dict[str, Any]) -> bool:
    """Whether pymdownx.snippets appends a file to every page (one `glossary.py` did not fold into the glossary;
    a file that does not exist appends nothing)."""
    names = snippets.get("auto_append") or []
    bases = _bases(snippets)
    return any((base / str(name)).exists() for name in names for base in bases) or any(
        "://" in str(name) for name in names
    )


def site_settings(config: MkDocsConfig) -> Settings | None:
    """The settings for a MkDocs site, with the URLs MkDocs will give its pages: Material's offline plugin turns
    `use_directory_urls` off in its own `on_config`, which `fanzone build` has not run when it generates."""
    offline = config.plugins.get("material/offline") or config.plugins.get("offline")
    off = offline is not None and bool(getattr(offline, "config", {}).get("enabled", True))
    return settings(config.markdown_extensions, config.mdx_configs, config.use_directory_urls and not off)
