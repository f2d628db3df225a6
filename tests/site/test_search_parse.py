"""The search index's fast parser (`search_parse.py`) cuts every page into the very sections Material's parser
does: same titles, texts, ids and depths, on real pages and on generated HTML full of Material's quirks; what it
does not reproduce goes to Material's parser whole."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from material.plugins.search import plugin as material

from generators.site.search_parse import FastParser, Unsupported, _Sections, fast_search_index

_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)


def _sections(data: list[Any]) -> list[tuple[Any, ...]]:
    return [(s.el.tag, s.el.attrs, s.depth, s.id, list(s.title), list(s.text)) for s in data]


def _outcome(parser: Any, html: str) -> tuple[str, Any]:
    """The sections a parser finds, or the kind of error it raises (Material's parser can raise on odd HTML)."""
    try:
        parser.feed(html)
        parser.close()
    except Exception as exc:  # the same failure is expected of both
        return "error", type(exc).__name__
    return "sections", _sections(parser.data)


def _same(html: str) -> None:
    assert _outcome(FastParser(), html) == _outcome(material.Parser(), html)


def _fast_path(html: str) -> bool:
    try:
        _Sections(material).parse(html)
    except Unsupported:
        return False
    return True


def test_every_page_of_a_built_site_is_cut_the_same(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    articles = 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        _same(html)  # the whole page: header, navigation, scripts
        for article in _ARTICLE.findall(html):  # what the search plugin reads: the page's content
            _same(article)
            assert _fast_path(article), f"{page}: the page's content went to Material's parser"
            articles += 1
    assert len(pages) >= 15 and articles >= 15


FAST = [
    # a heading without id is text; a heading with id opens a section; the first one keeps no id
    '<h1 id="t">Titre <a class="headerlink" href="#t">¶</a></h1><p>Un</p><h2 id="a">A</h2><p>deux\nlignes</p>',
    '<p>avant</p><h2 id="x">X</h2><h3>sans id</h3><p>suite</p>',
    # hidden by tag name: the inner <div> closing unhides the outer one's remaining text
    '<h1 id="t">T</h1><div data-search-exclude><div>caché</div>visible ensuite</div><p>fin</p>',
    '<h1 id="t">T</h1><div class="linenodiv"><pre>1\n2</pre></div><pre><code>a  \n  b</code></pre>',
    # a heading nested in another element ends its section when the element closes
    '<h1 id="t">T</h1><div><h2 id="n">N</h2><p>dans</p></div><p>après</p>',
    # empty kept tags vanish, whitespace collapses outside <pre>
    '<h1 id="t">T</h1><p>   </p><ul>\n<li>un</li>\n<li> </li></ul>  \n  <p>a &amp; b &lt;c&gt; &quot;d&quot;</p>',
    '<h1 id="t">T</h1><p>&nbsp;</p><p>\xa0 \u2003</p>',
    '<h1 id="t">T</h1><script>var a = 1;</script><style>p { color: red }</style><object>o</object><p>x</p>',
    '<h1 id=\'t\'>T</h1><p title="a > b" data-x=\'1\'>attributs</p><br/><img src="x.png" alt=""><hr />',
    '<H1 ID="T">Majuscules</H1><P>Texte</P><svg><g><path d="M0 0"/><text>étiquette</text></g></svg>',
    '<h1 id="t">T</h1><p>&</p><a href="?a=1&b=2&amp;c">x</a><p>sans fin &amp',
]
SLOW = [  # not reproduced: Material's parser reads these
    '<h1 id="t">T</h1><!-- commentaire --><p>a < b</p><p class=nu>non cité</p><?pi?><!DOCTYPE html>',
    '<h1 id="t">T</h1><script>if (a < b) {}</script><p>x</p>',
]


@pytest.mark.parametrize("html", [*FAST, *SLOW])
def test_materials_quirks_are_kept(html: str) -> None:
    _same(html)


def test_html_outside_the_subset_goes_to_materials_parser_whole() -> None:
    assert all(_fast_path(html) for html in FAST)
    assert not any(_fast_path(html) for html in SLOW)


TAGS = ["p", "div", "span", "li", "ul", "ol", "pre", "code", "sub", "sup", "a", "table", "td", "em", "object"]
HEADINGS = ["h1", "h2", "h3", "h6"]
PIECES = [*"ab <>&;#\n\t\"'=/ é", "&amp;", "&lt;", "&nbsp;", "&#39;", "\xa0"]
TEXT = st.lists(st.sampled_from(PIECES), max_size=8).map("".join)
ATTRIBUTE = st.sampled_from(
    ['id="x"', "id='y'", 'class="headerlink"', 'class="linenodiv"', "data-search-exclude", 'title="a>b"', "x=1", ""]
)


@st.composite
def _html(draw: st.DrawFn, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(["text", "element", "heading", "void", "raw", "stray"]))
        if kind == "text" or depth > 3:
            parts.append(draw(TEXT))
        elif kind == "void":
            parts.append(draw(st.sampled_from(["<br>", "<br/>", "<hr />", '<img src="x">', "<wbr>"])))
        elif kind == "raw":
            parts.append(draw(st.sampled_from(["<script>a=1</script>", "<style>p{}</style>", "<!-- c -->", "</p>"])))
        elif kind == "stray":
            parts.append(draw(st.sampled_from(["</div>", "</li>", "<", "</", "<p", "</h2>"])))
        else:
            tag = draw(st.sampled_from(HEADINGS if kind == "heading" else TAGS))
            attributes = " ".join(draw(st.lists(ATTRIBUTE, max_size=2)))
            space = draw(st.sampled_from([" ", "\n", " \t"])) if attributes else ""
            inner = draw(_html(depth + 1))
            closed = draw(st.booleans()) or kind == "heading"
            parts.append(f"<{tag}{space}{attributes}>{inner}" + (f"</{tag}>" if closed else ""))
    return "".join(parts)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_html())
def test_generated_html_is_cut_the_same(html: str) -> None:
    _same(html)


def test_the_fast_parser_is_used_for_the_length_of_a_build_only() -> None:
    original = material.Parser
    with fast_search_index():
        assert material.Parser is FastParser
    assert material.Parser is original
    with pytest.raises(RuntimeError), fast_search_index():
        raise RuntimeError("a failed build")
    assert material.Parser is original
