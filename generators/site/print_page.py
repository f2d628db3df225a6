"""The printable single page (`print_page.md`, URL `/print_page/`): the chosen pages concatenated, in one pass.

Each source page becomes one `<section id="…" data-title="…">`; its heading ids, HTML ids and footnote labels
get a per-page prefix (so two pages' "Contexte" headings stay distinct), and its links are rewritten: a link to a
page of the print page becomes `#<prefix>--<anchor>` (or `#<prefix>`), any other relative link is re-based on
the print page's own location. Every page is read once, line by line: the cost is linear in the text.
(It replaces mkdocs-print-site-plugin, which rewrote the whole page once per heading, and is not a plugin:
Zensical builds it too.) The PDF dossier prints this page.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..model.markup import html_text, md_escape
from . import paths

PRINT_PAGE = "print_page.md"
TITLE = "Version imprimable"
TOC_TITLE = "Sommaire"
# not part of the dossier: the dashboard, the interactive board, the team's flow charts and the downloads
# (the planning's Gantt and milestones, the forecast and the changes are)
EXCLUDED = (paths.HOME, "planning/kanban.md", "planning/burndown.md", paths.DOWNLOADS)

Slugify = Callable[[str, str], str]

_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*$")
_ATTRS = re.compile(r"\s*\{:?\s*([^}]*)\}\s*#*\s*$")
_ATTR_ID = re.compile(r"(?:^|\s)#([^\s}]+)")
_MD_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?((?:\s+\"[^\"]*\")?)\s*\)")
_HTML_ID = re.compile(r'((?<![\w-])id=")([^"]+)(")')
_HTML_HREF = re.compile(r'((?<![\w-])(?:xlink:)?href=")([^"]*)(")')
_URL_REF = re.compile(r"url\(#([^)]+)\)")
_CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)")
_FOOTNOTE = re.compile(r"\[\^([^\]\s]+)\]")
_INLINE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|[`*_]|<[^>]+>")


@dataclass(frozen=True)
class Source:
    path: str  # relative to the docs folder
    title: str
    markdown: str


def prefix_of(path: str) -> str:
    stem = path[: -len(".md")] if path.endswith(".md") else path
    return "p-" + re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")


def _default_slugify(value: str, separator: str) -> str:
    from markdown.extensions.toc import slugify

    return slugify(value, separator)


class _Page:
    """Rewrites one source page; knows the other pages of the print page to turn links into anchors."""

    def __init__(
        self, source: Source, members: dict[str, str], urls: dict[str, str], slugify: Slugify, directory_urls: bool
    ) -> None:
        self.source = source
        self.prefix = members[source.path]
        self.members = members  # docs path -> prefix
        self.urls = urls  # site URL (from the root, "" for the home) -> docs path
        self.slugify = slugify
        self.seen: dict[str, int] = {}
        self.directory = posixpath.dirname(source.path)
        self.url_dir = posixpath.dirname(paths.page_url(source.path, directory_urls))  # where its URLs start
        self.up = "../" if directory_urls else ""  # from the print page's URL (print_page/ or print_page.html)

    def heading(self, line: str) -> str:
        match = _HEADING.match(line)
        if match is None:
            return line
        text = match.group(2)
        attrs = _ATTRS.search(text)
        inner = ""
        wanted = None
        if attrs is not None:
            inner = attrs.group(1)
            found = _ATTR_ID.search(inner)
            if found:
                wanted = found.group(1)
                inner = _ATTR_ID.sub("", inner).strip()
            text = text[: attrs.start()]
        text = text.rstrip().rstrip("#").rstrip()
        if wanted is None:
            wanted = self._unique(self.slugify(_INLINE.sub(lambda m: m.group(1) or "", text), "-"))
        extra = f" {inner}" if inner else ""
        return f"{match.group(1)} {text} {{: #{self.prefix}--{wanted}{extra} }}"

    def _unique(self, slug: str) -> str:
        count = self.seen.get(slug, 0)
        self.seen[slug] = count + 1
        return slug if count == 0 else f"{slug}_{count}"

    def doc_link(self, target: str) -> str:
        """A Markdown link target (a docs path relative to this page)."""
        parts = urlsplit(target)
        if parts.scheme or parts.netloc or target.startswith("/"):
            return target
        if not parts.path:
            return f"#{self.prefix}--{parts.fragment}" if parts.fragment else target
        resolved = posixpath.normpath(posixpath.join(self.directory, parts.path))
        if resolved in self.members:
            return self._anchor(resolved, parts.fragment)
        return resolved + (f"#{parts.fragment}" if parts.fragment else "")

    def url_link(self, target: str) -> str:
        """An HTML href: a docs path when it names a `.md` file, else a URL relative to this page's URL."""
        parts = urlsplit(target)
        if parts.scheme or parts.netloc or target.startswith("/"):
            return target
        if not parts.path:
            return f"#{self.prefix}--{parts.fragment}" if parts.fragment else target
        if parts.path.endswith(".md"):
            return self.doc_link(target)
        resolved = posixpath.normpath(posixpath.join(self.url_dir, parts.path))
        resolved = "" if resolved == "." else resolved
        key = resolved.rstrip("/") + "/" if resolved and parts.path.endswith("/") else resolved
        page = self.urls.get(key)
        if page is not None and page in self.members:
            return self._anchor(page, parts.fragment)
        rebased = self.up + resolved + ("/" if parts.path.endswith("/") and resolved else "")
        return rebased + (f"#{parts.fragment}" if parts.fragment else "")

    def _anchor(self, page: str, fragment: str) -> str:
        prefix = self.members[page]
        return f"#{prefix}--{fragment}" if fragment else f"#{prefix}"

    def line(self, line: str) -> str:
        """A line with its links, ids and footnote labels rewritten, outside its code spans (printed as written)."""
        if "`" not in line:
            return self._rewrite(line)
        out, last = [], 0
        for span in _CODE_SPAN.finditer(line):
            out += [self._rewrite(line[last : span.start()]), span.group(0)]
            last = span.end()
        return "".join([*out, self._rewrite(line[last:])])

    def _rewrite(self, line: str) -> str:
        if "](" in line:
            line = _MD_LINK.sub(lambda m: f"]({self.doc_link(m.group(1))}{m.group(2)})", line)
        if "id=" in line:
            line = _HTML_ID.sub(lambda m: f"{m.group(1)}{self.prefix}--{m.group(2)}{m.group(3)}", line)
        if "href=" in line:
            line = _HTML_HREF.sub(lambda m: f"{m.group(1)}{self.url_link(m.group(2))}{m.group(3)}", line)
        if "url(#" in line:
            line = _URL_REF.sub(lambda m: f"url(#{self.prefix}--{m.group(1)})", line)
        if "[^" in line:
            line = _FOOTNOTE.sub(lambda m: f"[^{self.prefix}-{m.group(1)}]", line)
        return line

    def render(self) -> list[str]:
        # Python-Markdown writes a `markdown` block's attributes again, keeping `&name;` as an entity: an `&` of the
        # title before such text is escaped once more, so that the page shows the title as written
        title = _AMP_ENTITY.sub("&amp;amp;", html_text(section_title(self.source.title)))
        out = [
            f'<section class="fz-print-page" id="{self.prefix}" data-title="{title}" markdown>',
            "",
        ]
        in_fence = False
        for line in without_front_matter(self.source.markdown).split("\n"):
            if _FENCE.match(line):
                in_fence = not in_fence
                out.append(line)
                continue
            if in_fence:
                out.append(line)
                continue
            if line.startswith("#"):
                line = self.heading(line)
            out.append(self.line(line))
        out += ["", "</section>", ""]
        return out


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?^(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S | re.M)


def without_front_matter(markdown: str) -> str:
    """A page's Markdown without its YAML front matter (`hide: [toc]`...: it is for the page, not for print)."""
    return _FRONT_MATTER.sub("", markdown, count=1)


# text that Python-Markdown's serializer reads as an entity after an `&` (markdown.serializers.RE_AMP)
ENTITY_LIKE = r"(?:#[0-9]+|#x[0-9a-f]+|[0-9a-z]+);"
_AMP_ENTITY = re.compile(rf"&amp;(?={ENTITY_LIKE})", re.I)
_BARE_AMP = re.compile(rf"&(?!{ENTITY_LIKE})", re.I)


def data_title(markdown_value: str) -> str:
    """A section's `data-title` as Python-Markdown writes the Markdown print page's (`markdown_value`, the value
    in the generated Markdown): the print page assembled from HTML has the very same attribute."""
    text = html.unescape(markdown_value)
    text = _BARE_AMP.sub("&amp;", text)
    return text.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def section_title(title: str) -> str:
    """The title as one line of printable text (for `data-title`): control characters dropped, spaces collapsed."""
    return " ".join("".join(ch if ch.isprintable() else " " for ch in title).split())


def print_page(sources: list[Source], *, slugify: Slugify | None = None, use_directory_urls: bool = True) -> str:
    """The Markdown of the print page: a table of contents, then one section per source, in the given order."""
    slug = slugify or _default_slugify
    members = {source.path: prefix_of(source.path) for source in sources}
    urls = {paths.page_url(source.path, use_directory_urls): source.path for source in sources}
    # not in the search index (every text is already found on its own page); no side navigation when printed
    out = ["---", "search:", "  exclude: true", "hide:", "  - navigation", "  - toc", "---", ""]
    out += [f"# {TITLE} {{: #print-page }}", "", f"**{TOC_TITLE}**", ""]
    out += [f"1. [{md_escape(source.title)}](#{members[source.path]})" for source in sources]
    out.append("")
    for source in sources:
        out += _Page(source, members, urls, slug, use_directory_urls).render()
    return "\n".join(out)


def chosen(path: str) -> bool:
    """Whether a page belongs to the print page (everything but the pages of `EXCLUDED`)."""
    return not any(path == item or (item.endswith("/") and path.startswith(item)) for item in EXCLUDED)
