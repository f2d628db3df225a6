"""Citations of the catalogues inside any text: `{{ param.pass_replay_hours }}`, `{{ msg.PAY-001 }}`.

One regular expression, one substitution function: a citation is *replaced*, never evaluated (no
template engine sees user text). The expression also matches the form a Markdown page takes once its
text went through `generators.escape.markdown` (braces and underscores as character references), so a
generated page can be expanded after it was escaped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import NamedTuple

_OPEN = r"(?:\{|&#123;)"
_CLOSE = r"(?:\}|&#125;)"
_SPACE = r"[ \t\r\n]*"
CITATION = re.compile(
    rf"{_OPEN}{_OPEN}{_SPACE}(param|msg)\.((?:[A-Za-z0-9-]|_|&#95;)+){_SPACE}{_CLOSE}{_CLOSE}", re.ASCII
)
PREFIXES = {"param": "parameter", "msg": "message"}  # citation prefix -> kind name


class Cited(NamedTuple):
    kind: str  # "parameter" | "message"
    id: str
    offset: int


def _id(raw: str) -> str:
    return raw.replace("&#95;", "_")


def citations(text: str) -> Iterator[Cited]:
    """Every citation in a text, in order."""
    for match in CITATION.finditer(text):
        yield Cited(PREFIXES[match.group(1)], _id(match.group(2)), match.start())


def expand(text: str, render: Callable[[str, str], str | None]) -> str:
    """`text` with each citation replaced by `render(kind, id)`; a citation it returns None for stays as written."""

    def substitute(match: re.Match[str]) -> str:
        found = render(PREFIXES[match.group(1)], _id(match.group(2)))
        return match.group(0) if found is None else found

    return CITATION.sub(substitute, text)
