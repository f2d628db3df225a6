"""The terminal neutraliser: Rich markup shown as text, control characters made visible, the rest intact."""

from __future__ import annotations

import io
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.table import Table

from generators.escape.terminal import REPLACEMENT, terminal, terminal_markup, terminal_text

# every code point a terminal obeys: C0 (but the line feed), DEL, C1
CONTROLS = {chr(c) for c in [*range(0x20), 0x7F, *range(0x80, 0xA0)]} - {"\n"}
ATTACKS = [
    "\x1b[2J\x1b[H",  # clear the screen
    "\x1b]8;;https://evil.example\x07cliquez\x1b]8;;\x07",  # OSC 8 hidden link
    "ok\rFAUX",  # carriage return overwriting the line
    "\x07\x08\x0b\x0c\x7f",  # BEL, BS, VT, FF, DEL
    "\x9b31m\x9d0;title\x9c",  # C1 CSI and OSC
    "\u202eevil\u202c",  # right-to-left override hiding text
]


def render(renderable: object, *, color: bool = False) -> str:
    out = io.StringIO()
    console = Console(
        file=out, width=200, highlight=False, soft_wrap=True, emoji=False, color_system="truecolor" if color else None
    )
    console.print(renderable)
    return out.getvalue()


def test_each_attack_is_visible_and_inert() -> None:
    for attack in ATTACKS:
        shown = render(terminal(attack))
        assert not CONTROLS & set(shown), repr(shown)
        assert len(terminal_text(attack)) == len(attack)  # one visible mark per control character
    assert terminal_text("\x1b[2J") == "\u241b[2J"  # ESC as its control picture
    assert terminal_text("a\rb") == "a\u240db" and terminal_text("\x9b") == REPLACEMENT
    assert terminal_text("ligne 1\nligne 2") == "ligne 1\nligne 2"


def test_rich_markup_is_shown_literally() -> None:
    for text in ["[/]", "[bold]x[/bold]", "[red]rouge", "a\\[b]", "fin\\", "[link=https://x]lien[/link]", ":warning:"]:
        assert render(terminal(text)) == text + "\n"
        assert render(f"[bold]{terminal_markup(text)}[/bold]") == text + "\n"
        table = Table()
        table.add_column("col")
        table.add_row(terminal(text))
        assert text in render(table)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_keeps_its_visible_characters(text: str) -> None:
    safe = terminal_text(text)
    assert len(safe) == len(text)
    assert not CONTROLS & set(safe)
    for before, after in zip(text, safe, strict=True):
        assert after == before or before in CONTROLS or unicodedata.category(before) in ("Cf", "Zl", "Zp")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_any_text_through_rich_prints_as_itself_without_control_codes(text: str) -> None:
    plain = render(terminal(text, "bold"))
    assert plain == terminal_text(text) + "\n"
    colored = render(terminal(text, "bold red"), color=True)
    # Rich's own style codes are the only escape sequences left
    stripped = colored.replace("\x1b[1;31m", "").replace("\x1b[0m", "")
    assert stripped == plain
    assert render(f"[green]{terminal_markup(text)}[/]") == plain


@pytest.mark.parametrize("text", ["\\[", "\\\\[", "\\[x", "a\\\\", "\\\\[b]", "[b]x[/b]", "x\\", "\\\\"])
def test_backslashes_before_brackets_and_at_the_end_print_as_written(text: str) -> None:
    """Rich's own escape printed `\\[` as `[` and dropped one of two final backslashes."""
    assert render(f"[green]{terminal_markup(text)}[/]") == text + "\n"
