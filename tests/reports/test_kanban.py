"""The Kanban board model: won't-have stories sit apart, never in a status column nor in a WIP count."""

from __future__ import annotations

from pathlib import Path

from generators.load import load_backlog
from generators.model import Priority, StatusCategory
from generators.reports.kanban import WONT_CATEGORY, WONT_COLUMN, build_board

SHIPPED = Path(__file__).resolve().parents[2]


def test_wont_have_cards_are_apart_from_the_status_columns() -> None:
    backlog = load_backlog(SHIPPED).backlog
    assert backlog is not None
    wont_open = {
        s.id for s in backlog.stories if s.priority is Priority.WONT and backlog.category(s) is not StatusCategory.DONE
    }
    assert wont_open, "the shipped backlog has open won't-have stories"
    board = build_board(backlog)
    last = board.columns[-1]
    assert (last.name, last.category, last.count) == (WONT_COLUMN, WONT_CATEGORY, len(wont_open))
    for column in board.columns[:-1]:
        cards = [card for lane in board.lanes for card in lane.cards[column.name]]
        assert not {card.id for card in cards} & wont_open, column.name
        release_in_status = [
            s for s in backlog.stories if s.id not in wont_open and backlog.project.status(s.status).name == column.name
        ]
        assert column.count == len(release_in_status), column.name
    assert {card.id for lane in board.lanes for card in lane.cards[WONT_COLUMN]} == wont_open
