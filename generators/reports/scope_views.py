"""The release scope's figures, written once for every report (Planning, Kanban, Burndown pages, terminal,
workbooks): points, stories, percent done, remaining, what does not fit in the plan, won't-have apart.

The figures come from `Schedule.scope` (`generators.plan.scope`); this module only words them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..plan import Schedule
from ..plan.scope import Figures

if TYPE_CHECKING:  # openpyxl is imported only by the workbooks that use it
    from openpyxl import Workbook

SCOPE_TITLE = "Périmètre de la version"
WONT_TITLE = "Hors version (won't have)"
BEYOND_TITLE = "Au-delà du plan"


def _n(value: int) -> str:
    return f"{value:,}".replace(",", "\u202f")


PERCENT_LABEL = "Avancement (%)"


def scope_values(plan: Schedule) -> list[tuple[str, int]]:
    """(label, value) pairs, in the order every view shows them; the percent is a whole number."""
    release, scope = plan.scope.release, plan.scope
    return [
        ("Points (must, should, could)", release.points),
        ("Stories", release.stories),
        ("Points terminés", release.points_done),
        (PERCENT_LABEL, release.percent),
        ("Reste à faire (points)", release.remaining_points),
        ("Reste à faire (stories)", release.remaining_stories),
        ("Au-delà du plan (points)", scope.beyond.points),
        ("Hors version, won't have (points)", scope.wont.points),
        ("Hors version, won't have (stories)", scope.wont.stories),
    ]


def scope_rows(plan: Schedule) -> list[tuple[str, str]]:
    """`scope_values` as text (French number format)."""
    return [(label, f"{value}\u00a0%" if label == PERCENT_LABEL else _n(value)) for label, value in scope_values(plan)]


def figures_sentence(figures: Figures) -> str:
    return (
        f"{_n(figures.points)} points en {_n(figures.stories)} stories, {figures.percent}\u00a0% terminés, "
        f"reste {_n(figures.remaining_points)} points ({_n(figures.remaining_stories)} stories)"
    )


def scope_sentence(plan: Schedule) -> str:
    """One plain sentence (no markup): the release scope, what does not fit, won't-have apart."""
    scope = plan.scope
    text = f"{SCOPE_TITLE} (must, should, could) : {figures_sentence(scope.release)}."
    if scope.beyond.stories:
        text += (
            f" {_n(scope.beyond.points)} points ({_n(scope.beyond.stories)} stories) ne tiennent pas dans les "
            f"sprints du plan (au-delà du {plan.plan_end:%d/%m/%Y})."
            if plan.plan_end
            else ""
        )
    if scope.wont.stories:
        text += (
            f" Hors version (won't have, non compté dans l'avancement) : {_n(scope.wont.points)} points, "
            f"{_n(scope.wont.stories)} stories."
        )
    return text


TABLE_ROWS = ("Version (must, should, could)", "Terminé", "Avancement", "Reste à faire")
TABLE_ROWS += ("Au-delà du plan (hors plan)", "Won't have (hors version)")


def scope_markdown(plan: Schedule) -> list[str]:
    """The figures as a small Markdown table (the same rows on every page): points and stories."""
    scope = plan.scope
    release = scope.release
    rows = [
        (release.points, release.stories),
        (release.points_done, release.stories_done),
        (f"{release.percent}\u00a0%", ""),
        (release.remaining_points, release.remaining_stories),
        (scope.beyond.points, scope.beyond.stories),
        (scope.wont.points, scope.wont.stories),
    ]
    lines = ["| Périmètre | Points | Stories |", "|---|--:|--:|"]
    for label, (points, stories) in zip(TABLE_ROWS, rows, strict=True):
        shown = [_n(v) if isinstance(v, int) else v for v in (points, stories)]
        lines.append(f"| {label} | {shown[0]} | {shown[1]} |")
    return [*lines, ""]


def scope_sheet(wb: Workbook, plan: Schedule) -> None:
    """A `Périmètre` sheet: the same figures as every other view, numbers as numbers."""
    from .xlsx_kit import WRAP, append, cell, header_row, print_setup, widths

    ws = wb.create_sheet("Périmètre")
    widths(ws, [60.0, 12.0])
    print_setup(ws)
    append(ws, header_row(ws, [SCOPE_TITLE, "Valeur"]))
    for label, value in scope_values(plan):
        append(ws, [label, value])
    append(ws, [])
    ws.row_dimensions[len(scope_values(plan)) + 3].height = 90
    append(ws, [cell(ws, scope_sentence(plan), alignment=WRAP)])
