"""Kanban workbook: the board (columns from the statuses, one band of rows per epic), then the cards."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from ..plan import Schedule
from .kanban import Board, Card
from .scope_views import scope_sheet
from .xlsx_kit import (
    BOLD,
    BOX,
    HEADER_FILL,
    LINE_HEIGHT,
    WHITE_BOLD,
    append,
    cell,
    data_sheet,
    fill,
    lines_needed,
    print_setup,
    save,
    widths,
)

CATEGORY_WORDS = {"todo": "À faire", "in_progress": "En cours", "done": "Terminé", "wont": "Hors version"}
PRIORITY_WORDS = {
    "must": "Indispensable",
    "should": "Important",
    "could": "Souhaitable",
    "wont": "Hors version (won't)",
}

CARD_FILLS = {"todo": fill("F2F2F2"), "in_progress": fill("DDEBF7"), "done": fill("E2EFDA"), "wont": fill("EDEDED")}
BREACH_FILL = fill("C00000")
LANE_FILL = fill("D9E1F2")
CARD_ALIGN = Alignment(wrap_text=True, vertical="top")
BLOCKED_FONT = Font(color="9C5700")


def _card_label(card: Card) -> str:
    meta = f"{card.points} pt{'s' if card.points > 1 else ''}"
    if card.assignee:
        meta += f" · {card.assignee}"
    if card.blocked_by:
        meta += f" · attend {', '.join(card.blocked_by)}"
    return f"{card.id} · {card.title}\n{meta}"


def _board_sheet(wb: Workbook, board: Board) -> None:
    ws = wb.create_sheet("Kanban")
    sizes = [28.0] + [34.0] * len(board.columns)
    widths(ws, sizes)
    ws.freeze_panes = "B2"
    print_setup(ws)
    header = [cell(ws, "Épopée", font=WHITE_BOLD, fill=HEADER_FILL)]
    for column in board.columns:
        label = column.label + (" ⚠ WIP dépassé" if column.breach else "")
        header.append(cell(ws, label, font=WHITE_BOLD, fill=BREACH_FILL if column.breach else HEADER_FILL))
    append(ws, header)
    row_number = 1
    for lane in board.lanes:
        for depth in range(max(lane.depth, 1)):
            row_number += 1
            texts = [f"{lane.epic} · {lane.title}" if depth == 0 else None]
            texts += [
                _card_label(lane.cards[c.name][depth]) if depth < len(lane.cards[c.name]) else None
                for c in board.columns
            ]
            ws.row_dimensions[row_number].height = max(2, lines_needed(texts, sizes)) * LINE_HEIGHT
            first = cell(ws, f"{lane.epic} · {lane.title}", font=BOLD, fill=LANE_FILL, alignment=CARD_ALIGN)
            values = [first if depth == 0 else cell(ws, fill=LANE_FILL)]
            for column in board.columns:
                cards = lane.cards[column.name]
                if depth < len(cards):
                    card = cards[depth]
                    values.append(
                        cell(
                            ws,
                            _card_label(card),
                            fill=CARD_FILLS.get(card.category),
                            alignment=CARD_ALIGN,
                            border=BOX,
                            font=BLOCKED_FONT if card.blocked_by else None,
                        )
                    )
                else:
                    values.append(None)
            append(ws, values)


def kanban_workbook(board: Board, plan: Schedule | None = None) -> Workbook:
    """The board, its cards and columns; with `plan`, the release scope's figures (`Périmètre`)."""
    wb = Workbook(write_only=True)
    _board_sheet(wb, board)
    headers = ["ID", "Titre", "Épopée", "Statut", "Catégorie", "Points", "Priorité", "Assigné", "Sprint", "Attend"]
    sizes = [10.0, 45.0, 8.0, 11.0, 11.0, 7.0, 18.0, 18.0, 7.0, 16.0]
    rows = [
        [
            c.id,
            c.title,
            c.epic,
            c.status,
            CATEGORY_WORDS.get(c.category, c.category),
            c.points,
            PRIORITY_WORDS.get(c.priority, c.priority),
            c.assignee,
            c.sprint,
            ", ".join(c.blocked_by),
        ]
        for c in board.cards
    ]
    data_sheet(wb, "Cartes", "KanbanCartes", headers, rows, sizes, wrap={1})
    columns = [
        [
            c.name,
            CATEGORY_WORDS.get(c.category, c.category),
            c.count,
            c.points,
            c.wip_limit,
            "oui" if c.breach else "non",
        ]
        for c in board.columns
    ]
    data_sheet(
        wb,
        "Colonnes",
        "KanbanColonnes",
        ["Statut", "Catégorie", "Stories", "Points", "Limite WIP", "Dépassée"],
        columns,
    )
    if plan is not None:
        scope_sheet(wb, plan)
    return wb


def write_kanban_xlsx(board: Board, path: Path, plan: Schedule | None = None) -> Path:
    return save(kanban_workbook(board, plan), path)
