"""The Kanban board for the site: cards that link to their story, won't-have apart, filters, WIP breaches in words.

One column per declared status holds the release cards (must, should, could); won't-have cards sit in their
own section after the board, never in a status column. Every card carries `data-epic`, `data-assignee` and
`data-sprint`; `kanban.js` (a small file served with the site, no external request) fills the filter form and
hides the cards that do not match. Without JavaScript the form stays hidden and every card shows.
Colours come from the site's palette variables (light and dark); a WIP breach is also said in words.
All text from the backlog is HTML-escaped.
"""

from __future__ import annotations

from collections.abc import Callable

from ..model import Priority
from ..model.markup import html_text, md_escape
from ..wording import date_short
from .kanban import Board, Card, Column

NO_ASSIGNEE = "-"  # the filter value for cards nobody holds
NO_SPRINT = "-"
WONT = Priority.WONT.value


def _points(points: int) -> str:
    return f"{points} pt{'s' if points > 1 else ''}"


def _card(card: Card, href: str) -> str:
    meta = [f"<span>{html_text(card.epic)}</span>", f"<span>{_points(card.points)}</span>"]
    if card.sprint is not None:
        meta.append(f"<span>Sprint {card.sprint}</span>")
    if card.assignee:
        meta.append(f'<span class="fz-card-assignee">Assignée à {html_text(card.assignee)}</span>')
    blocked = ""
    if card.blocked_by:
        blocked = f'<span class="fz-card-blocked">Attend {html_text(", ".join(card.blocked_by))}</span>'
    return (
        f'<li><a class="fz-card fz-{card.category}" id="carte-{html_text(card.id.lower())}" href="{html_text(href)}" '
        f'data-epic="{html_text(card.epic)}" data-assignee="{html_text(card.assignee or NO_ASSIGNEE)}" '
        f'data-sprint="{card.sprint if card.sprint is not None else NO_SPRINT}">'
        f'<strong class="fz-card-id">{html_text(card.id)}</strong> '
        f'<span class="fz-card-title">{html_text(card.title)}</span>'
        f'<span class="fz-card-meta">{" · ".join(meta)}</span>{blocked}</a></li>'
    )


def _column(column: Column, cards: list[Card], href: Callable[[Card], str]) -> str:
    label = f"{len(cards)} {'story' if len(cards) < 2 else 'stories'}"
    wip = ""
    if column.wip_limit is not None:
        wip = f'<span class="fz-wip">WIP {column.count} / {column.wip_limit}</span>'
    breach = ""
    if column.breach:
        breach = (
            f'<p class="fz-wip-breach" role="status">⚠ Limite WIP dépassée : {column.count} stories en '
            f"« {html_text(column.name)} » pour une limite de {column.wip_limit}.</p>"
        )
    css = "fz-kanban-col fz-breach" if column.breach else "fz-kanban-col"
    items = "".join(_card(card, href(card)) for card in cards)
    return (
        f'<section class="{css}" data-status="{html_text(column.name)}">'
        f'<h2 class="fz-kanban-col-title">{html_text(column.name)} <span class="fz-count">{label}</span> {wip}</h2>'
        f'{breach}<ul class="fz-cards">{items}</ul>'
        f'<p class="fz-empty" hidden>Aucune carte ne correspond aux filtres.</p></section>'
    )


def _filters(cards: list[Card], epic_titles: dict[str, str]) -> str:
    epics = sorted({card.epic for card in cards})
    assignees = sorted({card.assignee for card in cards if card.assignee})
    sprints = sorted({card.sprint for card in cards if card.sprint is not None})

    def select(name: str, label: str, options: list[tuple[str, str]]) -> str:
        items = "".join(f'<option value="{html_text(v)}">{html_text(t)}</option>' for v, t in options)
        return (
            f'<label>{label} <select name="{name}" data-filter="{name}">'
            f'<option value="">Toutes</option>{items}</select></label>'
        )

    epic_options = [(e, f"{e} — {epic_titles.get(e, '')}".rstrip(" —")) for e in epics]
    who = [(a, a) for a in assignees] + [(NO_ASSIGNEE, "Non assignée")]
    sprint_options = [(str(s), f"Sprint {s}") for s in sprints] + [(NO_SPRINT, "Sans sprint")]
    return (
        '<form class="fz-kanban-filters" hidden aria-label="Filtrer le tableau">'
        + select("epic", "Épopée", epic_options)
        + select("assignee", "Personne assignée", who)
        + select("sprint", "Sprint", sprint_options)
        + '<button type="reset">Tout afficher</button>'
        + '<output class="fz-kanban-count" aria-live="polite"></output></form>'
    )


def kanban_site_html(board: Board, href: Callable[[Card], str]) -> str:
    """The board as HTML for the site; `href(card)` gives the link to the card's story."""
    release = {
        c.name: [card for lane in board.lanes for card in lane.cards[c.name] if card.priority != WONT]
        for c in board.columns
    }
    wont = [card for card in board.cards if card.priority == WONT]
    titles = {lane.epic: lane.title for lane in board.lanes}
    out = ['<div class="fz-kanban" data-fz-kanban>', _filters(board.cards, titles)]
    out.append('<div class="fz-kanban-board">')
    out += [_column(column, release[column.name], href) for column in board.columns if column.category != "wont"]
    out.append("</div>")
    if wont:
        items = "".join(_card(card, href(card)) for card in wont)
        out.append(
            '<section class="fz-kanban-wont" data-status="wont">'
            f'<h2 class="fz-kanban-col-title">Hors version (won\'t-have) <span class="fz-count">{len(wont)} '
            f"{'story' if len(wont) < 2 else 'stories'}</span></h2>"
            "<p>Ces stories ne font pas partie de la version : elles ne comptent ni dans l'avancement ni dans le "
            f'reste à faire.</p><ul class="fz-cards">{items}</ul></section>'
        )
    out.append("</div>")
    return "\n".join(out) + "\n"


def story_href(card: Card, use_directory_urls: bool = True) -> str:
    """The link from the Kanban page (`planning/kanban.md`) to the card's story on its epic page."""
    page = f"../../backlog/{card.epic}/" if use_directory_urls else f"../backlog/{card.epic}.html"
    return f"{page}#{card.id.lower()}"


def kanban_page(board: Board, today: object, use_directory_urls: bool = True) -> str:
    """The site's Kanban page (Markdown with the board's HTML)."""
    limits = [c for c in board.columns if c.wip_limit is not None]
    out = [
        "---",
        "hide:",
        "  - toc",  # the board needs the width
        "---",
        "# Kanban",
        "",
        f"Tableau au **{date_short(today)}** : une colonne par statut déclaré dans `backlog/project.yaml`. "  # type: ignore[arg-type]
        "Chaque carte mène à sa story et donne son épopée, ses points, son sprint et la personne assignée "
        "quand elle est connue. Les filtres par épopée, personne et sprint fonctionnent hors ligne.",
        "",
    ]
    if limits:
        text = ", ".join(f"{md_escape(c.name)} : {c.wip_limit}" for c in limits)
        out += [f"Limites de travail en cours (WIP) : {text}.", ""]
    out += [
        kanban_site_html(board, lambda card: story_href(card, use_directory_urls)),
        "",
        "[Télécharger le Kanban (Excel)](../downloads/fanzone-kanban.xlsx)",
        "",
    ]
    return "\n".join(out)
