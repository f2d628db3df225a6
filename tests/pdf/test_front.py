"""The front matter and the running header and footer: user text is escaped, never interpreted."""

from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from generators.pdf.front import Cover, TocEntry, footer_template, front_html, header_template


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(markup: str) -> _Collect:
    parser = _Collect()
    parser.feed(markup)
    parser.close()
    return parser


def _cover(text: str) -> Cover:
    return Cover(text, text, "Pixodeo", "v1.0", "2 décembre 2026", "version de référence", text)


PLAIN = _parse(front_html(_cover("Fanzone"), [TocEntry(1, "Planning", "3")])).tags
TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40).filter(str.strip)


@settings(max_examples=80, deadline=None)
@given(TEXT)
def test_user_text_in_the_front_matter_is_text(text: str) -> None:
    parsed = _parse(front_html(_cover(text), [TocEntry(1, text, "3")]))
    assert parsed.tags == PLAIN  # no element added or removed by the text
    assert "".join(parsed.text).count(text) >= 4  # project, client, note and the contents' entry


@settings(max_examples=80, deadline=None)
@given(TEXT)
def test_user_text_in_the_header_and_footer_is_text(text: str) -> None:
    cover = Cover(text, "", "", text, "", "")
    for template in (header_template(cover), footer_template(cover)):
        parsed = _parse(template)
        assert "script" not in parsed.tags and "img" not in parsed.tags
        assert text in "".join(parsed.text)
    assert 'class="pageNumber"' in footer_template(cover) and 'class="totalPages"' in footer_template(cover)
