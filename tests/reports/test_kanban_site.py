"""The site's Kanban: links to stories, won't-have apart, filter data, WIP breaches in words, escaping."""

from __future__ import annotations

import re

from planbuild import DOING, DONE, make_backlog, make_epic, make_project, make_story

from generators.reports.kanban import build_board
from generators.reports.kanban_site import kanban_site_html


def _board():  # type: ignore[no-untyped-def]
    stories = [
        make_story("E01-S01", status=DONE, sprint=1, assignee="Chloé Vasseur"),
        make_story("E01-S02", status=DOING, sprint=2, title='<script>alert("x")</script> & co'),
        make_story("E01-S03", status=DOING),
        make_story("E01-S04", status=DOING),
        make_story("E01-S05", status=DOING, depends_on=["E01-S03"]),
        make_story("E01-S06", priority="wont"),
    ]
    return build_board(make_backlog(make_project(), [make_epic("E01", stories)]))


def _html() -> str:
    return kanban_site_html(_board(), lambda card: f"../../backlog/{card.epic}/#{card.id.lower()}")


def _section(html: str, status: str) -> str:
    return html.split(f'data-status="{status}"', 1)[1].split("</section>", 1)[0]


def test_cards_link_to_their_story_with_filter_data() -> None:
    html = _html()
    assert re.search(
        r'<a class="fz-card fz-done" id="carte-e01-s01" href="../../backlog/E01/#e01-s01" data-epic="E01" '
        r'data-assignee="Chloé Vasseur" data-sprint="1">',
        html,
    )
    assert "Assignée à Chloé Vasseur" in html
    assert 'data-assignee="-" data-sprint="-"' in html  # nobody, no sprint
    assert "Assignée à" not in _section(html, "En cours")  # shown only when known


def test_wont_have_apart_never_in_a_status_column() -> None:
    html = _html()
    assert "carte-e01-s06" in _section(html, "wont")
    for status in ("À faire", "En cours", "Terminé"):
        assert "carte-e01-s06" not in _section(html, status)
    assert "Hors version (won't-have)" in html


def test_wip_breach_is_said_in_words() -> None:
    html = _html()  # 4 in progress, limit 3 (planbuild)
    doing = _section(html, "En cours")
    assert "fz-breach" in html.split('data-status="En cours"', 1)[0][-80:]
    assert "⚠ Limite WIP dépassée : 4 stories en « En cours » pour une limite de 3." in doing
    assert "Limite WIP dépassée" not in _section(html, "Terminé")


def test_backlog_text_is_escaped_and_filters_list_the_values() -> None:
    html = _html()
    assert "<script>" not in html
    assert '<span class="fz-card-title">&lt;script&gt;alert(' in html and "&lt;/script&gt; &amp; co</span>" in html
    form = html.split("<form", 1)[1].split("</form>", 1)[0]
    assert '<option value="E01">' in form and '<option value="Chloé Vasseur">' in form
    assert '<option value="-">Non assignée</option>' in form and '<option value="2">Sprint 2</option>' in form
    assert "Attend E01-S03" in html
