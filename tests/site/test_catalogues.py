"""Catalogues on the site: citations become linked values, catalogue pages, platform matrix, device frames."""

from __future__ import annotations

from pathlib import Path

from loadhelpers import edit

from generators.context import ProjectContext
from generators.load import load_backlog
from generators.model import Screen
from generators.site.catalogues import catalogue_pages
from generators.site.citations import expand_page
from generators.site.pages_platforms import platforms_page
from generators.site.salt import wireframe

E02 = "backlog/epics/E02-offres.yaml"


def _ctx(root: Path) -> ProjectContext:
    (root / "backlog/catalogues").mkdir()
    (root / "backlog/catalogues/parametres.yaml").write_text(
        "parameters:\n  - id: pass_replay_hours\n    label: Replay\n    value: 48\n    unit: heures\n"
        "    min: 24\n    max: 168\n    rule: null\n",
        encoding="utf-8",
    )
    (root / "backlog/catalogues/messages.yaml").write_text(
        'messages:\n  - id: GEO-VPN\n    text: "Pas de VPN <b>ici</b>"\n', encoding="utf-8"
    )
    edit(root / E02, "then: l'offre", "then: replay {{ param.pass_replay_hours }}, {{ msg.GEO-VPN }}, l'offre")
    result = load_backlog(root)
    assert result.errors == [] and result.backlog is not None, result.errors
    return ProjectContext(root, result.backlog)


def test_a_cited_parameter_shows_its_value_linked_to_the_catalogue(mini_project: Path) -> None:
    ctx = _ctx(mini_project)
    page = "Valable {{ param.pass_replay_hours }}.\n\n```\n{{ param.pass_replay_hours }}\n```\n{{ param.nope }}"
    assert expand_page(page, "regles.md", ctx) == (
        "Valable [48 heures](catalogues/parametres.md#pass_replay_hours).\n\n"
        "```\n{{ param.pass_replay_hours }}\n```\n{{ param.nope }}"  # code kept as written, unknown left
    )
    # a generated page's text was escaped first: the citation is still found, from a page one folder down
    escaped = "replay &#123;&#123; param.pass&#95;replay&#95;hours &#125;&#125;"
    assert expand_page(escaped, "backlog/E02.md", ctx) == (
        "replay [48 heures](../catalogues/parametres.md#pass_replay_hours)"
    )


def test_a_cited_message_shows_its_text_escaped_and_its_code_linked(mini_project: Path) -> None:
    ctx = _ctx(mini_project)
    out = expand_page("{{ msg.GEO-VPN }}", "backlog/E02.md", ctx)
    assert out == "« Pas de VPN &lt;b&gt;ici&lt;/b&gt; » ([GEO-VPN](../catalogues/messages.md#geo-vpn))"


def test_catalogue_pages_list_values_ranges_and_who_cites(mini_project: Path) -> None:
    ctx = _ctx(mini_project)
    pages = {path: markdown for path, _title, markdown in catalogue_pages(ctx)}
    assert set(pages) == {"catalogues/parametres.md", "catalogues/messages.md"}
    row = next(line for line in pages["catalogues/parametres.md"].splitlines() if 'id="pass_replay_hours"' in line)
    assert "48 heures" in row and "de 24 à 168 heures" in row
    assert '[<span class="fz-id">E02-S01</span>](../backlog/E02.md#e02-s01)' in row


def test_platform_matrix_counts_every_story(mini_project: Path) -> None:
    result = load_backlog(mini_project)
    assert result.backlog is not None
    ctx = ProjectContext(mini_project, result.backlog)
    markdown = platforms_page(ctx).markdown
    stories = len(ctx.stories)
    assert f"| Stories | {stories} | 0 | 0 | 0 | 0 |" in markdown  # no platforms declared: web only


def _screen(device: str) -> Screen:
    return Screen.model_validate(
        {
            "id": "FO-x",
            "title": "X",
            "area": "front-office",
            "device": device,
            "components": [{"type": "text", "text": "Bonjour"}, {"type": "button", "label": "Code promo"}],
        }
    )


def test_device_frames() -> None:
    desktop = wireframe(_screen("desktop"), str).salt
    assert desktop.startswith("@startsalt\n{+\n") and "9:41" not in desktop and "scale" not in desktop
    mobile = wireframe(_screen("mobile"), str).salt
    assert "9:41" in mobile and "<&battery-full>" in mobile
    tv = wireframe(_screen("tv"), str).salt
    assert tv.startswith("@startsalt\nscale 1.5\n{+\n") and "Télécommande" in tv and "dix pieds" in tv


def test_component_outside_the_release_is_greyed() -> None:
    salt = wireframe(_screen("desktop"), str, lambda c: getattr(c, "type", "") == "button").salt
    assert "Bouton « Code promo » · hors MVP" in salt and "[Code promo]" not in salt
    assert "Bonjour" in salt


def test_jira_and_spreadsheet_text_read_the_values(mini_project: Path) -> None:
    from generators.exports.jira_csv import csv_text
    from generators.model.jira_text import story_description
    from generators.wording import story_sentence
    from generators.wording.catalogue import expanded_copy

    ctx = _ctx(mini_project)
    story = ctx.story_by_id["E02-S01"]
    plain = expanded_copy(story, ctx.backlog)
    text = story_description(plain, story_sentence(plain, ctx.persona_by_id.get(story.as_a)))
    assert "replay 48 heures, « Pas de VPN" in text and "param." not in text and "msg." not in text
    csv = csv_text(ctx.backlog)
    assert "replay 48 heures" in csv and "param.pass_replay_hours" not in csv
