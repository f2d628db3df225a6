"""The terminal neutraliser: user, file and Jira text shown as text by Rich and by the terminal.

Two dangers: Rich parses `[...]` as markup (text in brackets vanishes, `[/]` raises `MarkupError`), and the
terminal obeys control characters (ESC sequences clear the screen or fake lines, OSC 8 makes hidden links,
BEL rings, CR overwrites a line). Every piece of such text that reaches a console goes through this module:

- `terminal_text(value)`: the plain string with every control character made visible (C0 and DEL as
  their Unicode "control picture", e.g. ESC -> U+241B, C1 and bidirectional overrides as U+FFFD); line
  feeds are kept. Everything else is unchanged.
- `terminal(value, style)`: a `rich.text.Text` of it: never parsed as markup, safe in tables and titles.
- `terminal_markup(value)`: the same text escaped for insertion into a Rich markup string, for consoles made
  with `emoji=False` (Rich has no escape for its `:emoji:` codes; the CLI's consoles are made so).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Rich is imported when text is shown, not when the command line starts
    from rich.style import StyleType
    from rich.text import Text

REPLACEMENT = "\ufffd"
_KEPT = {"\n"}
# bidirectional embeddings, overrides and isolates: they reorder what the terminal shows (hide text)
_BIDI = [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]


def _table() -> dict[int, str]:
    table: dict[int, str] = {code: chr(0x2400 + code) for code in range(0x20) if chr(code) not in _KEPT}
    table[0x7F] = "\u2421"  # DEL
    table.update({code: REPLACEMENT for code in range(0x80, 0xA0)})  # C1, CSI (0x9b) and OSC (0x9d) included
    table.update({code: REPLACEMENT for code in _BIDI})
    table.update({code: REPLACEMENT for code in (0x2028, 0x2029)})  # line/paragraph separators
    return table


_VISIBLE = _table()
_BRACKET = re.compile(r"(\\*)\[")  # a bracket, with the backslashes in front of it
_TAG_AFTER = re.compile(r"[a-z#/@][^[]*?]")  # what Rich reads as a tag after a `[` (rich.markup.RE_TAGS)


def terminal_text(value: object) -> str:
    """`value` as a string with every control character made visible (line feeds kept)."""
    return str(value).translate(_VISIBLE)


def terminal(value: object, style: StyleType = "") -> Text:
    """A Rich `Text` showing `value` literally: no markup, no control code."""
    from rich.text import Text

    return Text(terminal_text(value), style=style)


def terminal_markup(value: object) -> str:
    """`value` made safe to embed in a Rich markup string (brackets shown, controls visible).

    Rich's own `escape` misses two cases: a backslash before a `[` that opens no tag (Rich's renderer still
    reads `\\[` as an escaped bracket: `\\[` printed `[`) and several backslashes at the end (before the
    caller's closing tag). Every `[` is escaped here, backslashes in front kept as Rich reads them: doubled
    before a tag, as they are before the end."""
    text = terminal_text(value)

    def bracket(found: re.Match[str]) -> str:
        slashes = found.group(1)
        return (slashes * 2 if _TAG_AFTER.match(text, found.end()) else slashes) + "\\["

    out = _BRACKET.sub(bracket, text)
    return out + "\\" * (len(out) - len(out.rstrip("\\")))
