"""Citations inside any text: `{{ param.pass_replay_hours }}`, `{{ msg.PAY-001 }}`, `{{ seq.SEQ-PLAY-01 }}`,
`{{ sm.subscription-lifecycle }}`, `{{ entity.Subscription }}`, `{{ plan.must_points }}`.

One regular expression, one substitution function: a citation is *replaced*, never evaluated (no
template engine sees user text). The expression also matches the form a Markdown page takes once its
text went through `generators.escape.markdown` (braces and underscores as character references), so a
generated page can be expanded after it was escaped.

A citation alone on its line (nothing else on it, starting at the first column) is a *block* citation:
outputs that can draw (the site) embed the diagram there; elsewhere it reads like an inline one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import NamedTuple

_OPEN = r"(?:\{|&#123;)"
_CLOSE = r"(?:\}|&#125;)"
_SPACE = r"[ \t\r\n]*"
PREFIXES = {  # citation prefix -> kind name
    "param": "parameter",
    "msg": "message",
    "seq": "sequence",
    "sm": "state_machine",
    "entity": "entity",
    "plan": "plan",
}
DIAGRAM_KINDS = frozenset({"sequence", "state_machine", "entity"})  # kinds a block citation draws
CITATION = re.compile(
    rf"{_OPEN}{_OPEN}{_SPACE}({'|'.join(PREFIXES)})\.((?:[A-Za-z0-9.-]|_|&#95;)+){_SPACE}{_CLOSE}{_CLOSE}",
    re.ASCII,
)


class Cited(NamedTuple):
    kind: str  # a value of PREFIXES
    id: str
    offset: int


Render = Callable[[str, str], str | None]


def _id(raw: str) -> str:
    return raw.replace("&#95;", "_")


def citations(text: str) -> Iterator[Cited]:
    """Every citation in a text, in order."""
    for match in CITATION.finditer(text):
        yield Cited(PREFIXES[match.group(1)], _id(match.group(2)), match.start())


def is_block(text: str, start: int, end: int) -> bool:
    """Whether the citation at `text[start:end]` stands alone on its line, from the first column."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    return line_start == start and not text[end:line_end].strip()


def expand(text: str, render: Render, block: Render | None = None) -> str:
    """`text` with each citation replaced by `render(kind, id)` (by `block(kind, id)` for a citation alone on
    its line, when given); a citation the function returns None for stays as written."""

    def substitute(match: re.Match[str]) -> str:
        kind, key = PREFIXES[match.group(1)], _id(match.group(2))
        if block is not None and is_block(match.string, match.start(), match.end()):
            found = block(kind, key)
        else:
            found = render(kind, key)
        return match.group(0) if found is None else found

    return CITATION.sub(substitute, text)
