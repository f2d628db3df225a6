"""Diagrams and plan figures cited in pages (no build): a block citation embeds the diagram (the same source
as its own page) with a caption linking to it, an inline one is a link, an unknown one stays as written; a
story page embeds the sequence diagrams that illustrate it; plan figures are the dashboard's figures."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generators.context import ProjectContext
from generators.model.citations import citations
from generators.site.citations import expand_page
from generators.site.pages_backlog import epic_page
from generators.site.pages_sequences import sequence_pages
from generators.site.plan_citations import plan_value

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def fanzone() -> ProjectContext:
    result = ProjectContext.load(REPO)
    assert result.backlog is not None, result.errors
    return ProjectContext(REPO, result.backlog)


def test_a_block_citation_embeds_the_sequence_with_a_link_to_its_page(fanzone: ProjectContext) -> None:
    out = expand_page("Intro.\n\n{{ seq.SEQ-PLAY-01 }}\n\nSuite.", "parcours.md", fanzone)
    source = next(s for s in fanzone.backlog.objects("sequence") if s.id == "SEQ-PLAY-01").source
    assert '```plantuml classes="uml fz_sequence" alt="Diagramme de séquence SEQ-PLAY-01"' in out
    assert source.strip() in out  # the same text as the sequence's own page: one cached SVG
    assert "(sequences/SEQ-PLAY-01.md)" in out and "{{" not in out
    own_page = next(p for p in sequence_pages(fanzone) if p.path.endswith("SEQ-PLAY-01.md"))
    assert source.strip() in own_page.markdown


def test_an_inline_citation_is_a_link_and_an_indented_one_never_a_fence(fanzone: ProjectContext) -> None:
    out = expand_page("Voir {{ seq.SEQ-PAY-01 }}.\n\n    {{ sm.subscription-lifecycle }}\n", "a/b.md", fanzone)
    assert "```" not in out
    assert "[SEQ-PAY-01 — Achat d&#39;un pass" in out and "(../sequences/SEQ-PAY-01.md)" in out
    assert "(../donnees/objets/subscription-lifecycle.md)" in out


def test_state_machine_and_entity_blocks_draw_their_diagrams(fanzone: ProjectContext) -> None:
    out = expand_page("{{ sm.live-event-lifecycle }}\n\n{{ entity.Subscription }}\n", "regles.md", fanzone)
    assert 'classes="uml fz_states"' in out and "READY --> LIVE" in out
    assert 'classes="uml fz_classes"' in out and "as Subscription {" in out


def test_unknown_ids_and_fenced_code_stay_as_written(fanzone: ProjectContext) -> None:
    text = "{{ seq.SEQ-NOPE-01 }}\n\n```text\n{{ seq.SEQ-PLAY-01 }}\n```\n\nVoir {{ sm.nope }}.\n"
    assert expand_page(text, "x.md", fanzone) == text


def test_a_story_section_embeds_the_sequences_that_illustrate_it_once_per_page(fanzone: ProjectContext) -> None:
    markdown = epic_page(fanzone, fanzone.epic_by_id["E03"]).markdown
    assert markdown.count('alt="Diagramme de séquence SEQ-PLAY-01"') == 1
    assert "**Diagrammes de séquence :** [SEQ-PLAY-01" in markdown  # the other stories link to it


def test_plan_figures_are_the_dashboard_figures(fanzone: ProjectContext) -> None:
    figures = fanzone.plan_figures
    assert figures["release_points"] == fanzone.total.points
    assert figures["done_points"] == fanzone.total.points_done
    assert figures["must_points"] == sum(s.points for s in fanzone.stories if s.priority.value == "must")
    assert figures["capacity_points"] == round(sum(s.capacity for s in fanzone.schedule.planned_sprints), 1)
    assert figures["sprints"] == fanzone.backlog.project.sprints.count
    out = expand_page("{{ plan.must_points }} points au {{ plan.milestone.M04.date }}.", "perimetre.md", fanzone)
    assert out == f"{figures['must_points']} points au 24 octobre 2025."


def test_a_plan_table_is_drawn_only_alone_on_its_line(fanzone: ProjectContext) -> None:
    table = expand_page("{{ plan.sprints_table }}\n", "perimetre.md", fanzone)
    assert table.count("\n| Sprint ") == 1 + 11 and "| **Total** |" in table
    assert expand_page("voir {{ plan.sprints_table }}", "perimetre.md", fanzone) == "voir {{ plan.sprints_table }}"
    assert plan_value(fanzone, "phase.recette.dates", block=False) == "6 – 24 octobre 2025"
    assert plan_value(fanzone, "nope", block=False) is None


def test_the_shipped_pages_cite_their_figures_and_diagrams(fanzone: ProjectContext) -> None:
    perimetre = (REPO / "specs/perimetre.md").read_text(encoding="utf-8")
    index = (REPO / "specs/index.md").read_text(encoding="utf-8")
    assert "{{ plan.priorities_table }}" in perimetre and "{{ plan.capacity_points }}" in perimetre
    assert "{{ plan.phases_table }}" in index
    parcours = expand_page((REPO / "specs/parcours.md").read_text(encoding="utf-8"), "parcours.md", fanzone)
    for sequence in ("SEQ-PAY-01", "SEQ-PLAY-01", "SEQ-LIVE-01"):
        assert f'alt="Diagramme de séquence {sequence}"' in parcours
    assert "{{" not in expand_page(perimetre, "perimetre.md", fanzone)


def test_a_sprint_figure_is_the_schedule_s(fanzone: ProjectContext) -> None:
    sprint = fanzone.schedule.sprint(5)
    out = expand_page("{{ plan.sprint.5.committed }} / {{ plan.sprint.5.capacity }}", "perimetre.md", fanzone)
    assert out == f"{sprint.committed} / {sprint.capacity:g}".replace(".", ",")
    assert plan_value(fanzone, "sprint.1.dates", block=False) == "5 – 16 mai 2025"


_TOKENS = [*"{}%!<>&`\n ", "seq.", "sm.", "plan.", "entity.", "SEQ-PLAY-01", "plan.sprints_table", "{{", "}}",
           "```", "@startuml", "!include /etc/passwd", "%getenv(HOME)", "&#123;", "  "]  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.one_of(st.lists(st.sampled_from(_TOKENS), max_size=30).map("".join), st.text(max_size=120)))
def test_a_page_of_arbitrary_text_never_crashes_and_without_citations_is_unchanged(
    fanzone: ProjectContext, text: str
) -> None:
    out = expand_page(text, "x.md", fanzone)
    if not list(citations(text)):
        assert out == text
    assert "/etc/passwd" not in out or "/etc/passwd" in text  # nothing is read, only replaced
