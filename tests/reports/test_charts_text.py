"""Chart text is drawn as written: `$…$` is never parsed by matplotlib as mathematics (issue 16)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from matplotlib.font_manager import findfont, get_font

from generators.reports.charts import gantt_svg, sprint_burndown_svg
from generators.reports.flow import SprintBurndown
from generators.reports.gantt_rows import GanttRow

DAY = dt.date(2026, 3, 2)


def _glyphs(svg: bytes) -> set[str]:
    """The upright DejaVu Sans characters drawn (each glyph is a path named after the font and its glyph index)."""
    font = get_font(findfont("DejaVu Sans"))
    indexes = {int(code, 16) for code in re.findall(rb'id="DejaVuSans-([0-9a-f]+)"', svg)}
    return {chr(c) for c in range(32, 127) if font.get_char_index(c) in indexes}


@pytest.mark.parametrize("text", ["$\\frac{a}{b}$", "$", "$$", "prix $x^2$ ou 5$"])
def test_sprint_name_with_dollars_is_literal_text(text: str) -> None:
    burndown = SprintBurndown(1, text, [DAY, DAY + dt.timedelta(days=1)], [5, 3], [5.0, 0.0], 5, ["S-1"])
    glyphs = _glyphs(sprint_burndown_svg(burndown))
    assert set(text) - {" "} <= glyphs  # every character drawn as itself, the `$` and the backslash included


@pytest.mark.parametrize("text", ["$\\frac{a}{b}$", "$", "$$"])
def test_gantt_row_name_with_dollars_is_literal_text(text: str) -> None:
    row = GanttRow("epic", "E-1", text, DAY, DAY + dt.timedelta(days=5))
    glyphs = _glyphs(gantt_svg([row], DAY))
    assert set(text) <= glyphs
