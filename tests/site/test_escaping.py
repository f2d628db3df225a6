"""YAML text reaches Markdown through md_escape / md_cell: whatever it contains, the page shows exactly that text."""

from __future__ import annotations

import html
import re
from functools import cache

import markdown
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config
from sitehelpers import REPO

from generators.escape.markdown import md_cell, md_text
from generators.model.markup import md_escape

MARKDOWN_CHARS = st.sampled_from([*list("\\`*_{}[]()#+-.!|<>~^=$&:;'\"/ @%"), "&amp;", "&#1;", "<b>", "-->"])
TEXT = st.lists(st.one_of(MARKDOWN_CHARS, st.text(alphabet="aé Z9", min_size=1, max_size=3)), max_size=25).map("".join)


@cache
def _site_markdown() -> tuple[list, dict]:
    """The Markdown extensions and options of the site's mkdocs.yml (without the snippets' abbreviations)."""
    config = load_config(str(REPO / "mkdocs.yml"))
    extensions = [ext for ext in config.markdown_extensions if ext != "pymdownx.snippets"]
    return extensions, {name: options for name, options in config.mdx_configs.items() if name in extensions}


def _render(text: str) -> str:
    extensions, options = _site_markdown()
    return markdown.Markdown(extensions=extensions, extension_configs=options).convert(text)


def _text(fragment: str) -> str:
    fragment = re.sub(r'<a class="headerlink".*?</a>', "", fragment)
    return html.unescape(re.sub(r"<[^>]+>", "", fragment)).strip()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_prose_shows_the_text(value: str) -> None:
    out = _render("Avant\n\n" + md_escape(value))
    assert "<script" not in out.lower() or "&lt;script" in out.lower()
    assert _text(out) == ("Avant\n" + " ".join(value.split())).strip()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
@example("\\Z9")  # an id-shaped word: the cell carries class="fz-id"
def test_table_cell_shows_the_text(value: str) -> None:
    out = _render(f"| a | b |\n|---|---|\n| {md_cell(value)} | fin |\n")
    cells = re.findall(r"<td[^>]*>(.*?)</td>", out, re.DOTALL)
    assert len(cells) == 2, out  # a pipe in the value did not add a column
    assert _text(cells[0]) == " ".join(value.split())
    assert _text(cells[1]) == "fin"


def test_heading_with_hostile_title_keeps_its_explicit_id() -> None:
    out = _render(f"## {md_escape('<script>alert(1)</script> {#pirate}')} {{: #e01-s01 }}")
    assert 'id="e01-s01"' in out
    assert "<script>" not in out
    assert _text(out) == "<script>alert(1)</script> {#pirate}"


def test_html_fragments_are_autoescaped() -> None:
    from generators.site.render import render_html

    fragment = render_html("kpis.html.j2", kpis=[{"value": "<b>1</b>", "label": "<script>alert(1)</script>"}])
    assert "<script>" not in fragment and "<b>1</b>" not in fragment
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in fragment and "&lt;b&gt;1&lt;/b&gt;" in fragment
    assert "\n" not in fragment  # one line: a raw HTML block Markdown leaves alone


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_text_reads_the_same_in_a_list_item_and_in_raw_html(value: str) -> None:
    """Where backslash escapes would stay visible (raw HTML), or where a leading `-`, `1.` or `:` would start a
    list or a definition, the text is shown exactly as written."""
    flat = " ".join(value.split())
    item = _render(f"- {md_text(value)}\n")
    assert item.count("<li>") == 1 and "<ol>" not in item and "<dl>" not in item, item
    assert _text(item) == flat.strip()
    block = _render(f'<div class="fz-x">{md_text(value)}</div>\n')
    assert _text(block) == flat.strip() and "<script" not in block
    assert "\\" not in md_text(value).replace("&#92;", "")  # never a backslash escape


def test_a_persona_id_has_no_visible_backslash() -> None:
    assert md_text("P-fan") == "P-fan" and md_text("E01-S02") == "E01-S02"
    assert _text(_render(f'<span class="fz-badge">{md_text("P-fan")}</span>')) == "P-fan"
