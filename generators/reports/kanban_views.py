"""The Kanban board for the terminal (Rich) and for the site (HTML inside Markdown)."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..escape.terminal import terminal, terminal_text
from ..model.markup import html_text
from .kanban import Board, Card

CATEGORY_STYLE = {"todo": "white", "in_progress": "cyan", "done": "green"}
CATEGORY_BG = {"todo": "#f4f4f4", "in_progress": "#ddebf7", "done": "#e2efda"}


def _card_text(card: Card) -> Text:
    text = Text()
    text.append(terminal_text(card.id), style=f"bold {CATEGORY_STYLE.get(card.category, '')}")
    text.append(terminal_text(f" {card.title}") + "\n")
    text.append(f"  {card.points} pt{'s' if card.points > 1 else ''}", style="dim")
    if card.assignee:
        text.append(terminal_text(f" · {card.assignee}"), style="dim")
    if card.blocked_by:
        text.append(terminal_text(f" · attend {', '.join(card.blocked_by)}"), style="yellow")
    return text


def board_renderable(board: Board, title: str = "Kanban") -> RenderableType:
    if board.description:
        title += f" — filtre : {board.description}"
    table = Table(title=terminal(title), title_justify="left", show_lines=True)
    table.add_column("Épopée", style="bold", min_width=10, max_width=24)
    for column in board.columns:
        header = terminal(column.label, "bold red" if column.breach else "bold")
        if column.breach:
            header.append(" ⚠ WIP", style="bold red")
        table.add_column(header, min_width=12, max_width=40)  # narrow terminals wrap cards, never cut a column
    for lane in board.lanes:
        cells: list[RenderableType] = [terminal(lane.epic) + Text("\n") + terminal(lane.title)]
        for column in board.columns:
            cards = lane.cards[column.name]
            cells.append(Text("\n").join(_card_text(c) for c in cards) if cards else Text(""))
        table.add_row(*cells)
    parts: list[RenderableType] = [table]
    for column in board.breaches:
        parts.append(
            terminal(
                f"WIP dépassé : « {column.name} » compte {column.count} stories pour une limite de {column.wip_limit}.",
                "bold red",
            )
        )
    if not board.lanes:
        parts.append(Text("Aucune story ne correspond au filtre.", style="yellow"))
    return Group(*parts)


def _card_html(card: Card) -> str:
    bg = CATEGORY_BG.get(card.category, "#ffffff")
    meta = [f"{card.points} pt{'s' if card.points > 1 else ''}"]
    if card.assignee:
        meta.append(html_text(card.assignee))
    if card.sprint is not None:
        meta.append(f"sprint {card.sprint}")
    blocked = ""
    if card.blocked_by:
        blocked = f'<div class="fz-card-blocked">attend {html_text(", ".join(card.blocked_by))}</div>'
    return (
        f'<div class="fz-card fz-{card.category}" id="carte-{html_text(card.id)}" '
        f'style="background:{bg};border:1px solid #ccc;border-radius:4px;padding:4px 6px;margin:0 0 6px 0">'
        f'<strong class="fz-card-id">{html_text(card.id)}</strong> '
        f'<span class="fz-card-title">{html_text(card.title)}</span>'
        f'<div class="fz-card-meta" style="font-size:85%;color:#555">{" · ".join(meta)}</div>{blocked}</div>'
    )


def board_html(board: Board) -> str:
    """A self-contained HTML table (inline styles, no script): columns, swimlanes, cards, WIP breaches."""
    out = ['<div class="fz-kanban" style="overflow-x:auto">', '<table class="fz-kanban-table">', "<thead><tr>"]
    out.append('<th scope="col">Épopée</th>')
    for column in board.columns:
        limit = f" / {column.wip_limit}" if column.wip_limit is not None else ""
        style = ' style="background:#ffc7ce;color:#9c0006"' if column.breach else ""
        flag = ' <span class="fz-wip-breach" title="Limite WIP dépassée">⚠ WIP dépassé</span>' if column.breach else ""
        css = "fz-col fz-breach" if column.breach else "fz-col"
        out.append(
            f'<th scope="col" class="{css}" data-status="{html_text(column.name)}"{style}>'
            f'{html_text(column.name)} <span class="fz-wip">{column.count}{limit}</span>{flag}</th>'
        )
    out.append("</tr></thead>")
    out.append("<tbody>")
    for lane in board.lanes:
        out.append(
            f'<tr class="fz-lane" data-epic="{html_text(lane.epic)}">'
            f'<th scope="row">{html_text(lane.epic)}<br><small>{html_text(lane.title)}</small></th>'
        )
        for column in board.columns:
            cards = "".join(_card_html(card) for card in lane.cards[column.name])
            style = ' style="background:#fff5f5"' if column.breach else ""
            out.append(f'<td data-status="{html_text(column.name)}"{style}>{cards}</td>')
        out.append("</tr>")
    out.append("</tbody></table></div>")
    return "\n".join(out) + "\n"
