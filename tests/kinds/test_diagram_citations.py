"""Citations of diagrams (`{{ seq.ID }}`, `{{ sm.ID }}`, `{{ entity.ID }}`) and of plan figures (`{{ plan.KEY }}`):
unknown ids and keys are located errors; outside the site a diagram reads as its title and id, never its source;
the citation parser never interprets arbitrary user text."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from loadhelpers import edit, errors, line_of, warnings

from generators.load import load_backlog
from generators.model.citations import citations, expand, is_block
from generators.wording.catalogue import expand_plain

E02 = "backlog/epics/E02-offres.yaml"
SEQUENCE = """' id: SEQ-LOGIN-01
' title: Connexion au compte
' stories: [E01-S01]
@startuml
actor "Fan" as fan
participant "API" as api
fan -> api : POST /login
@enduml
"""
DOMAIN = """domain: comptes
title: Comptes
entities:
  - id: Account
    title: Compte
    fields:
      - {name: status, type: AccountStatus, required: true}
enums:
  - id: AccountStatus
    title: Statut d'un compte
    values:
      - {value: ACTIVE, meaning: "Actif"}
      - {value: LOCKED, meaning: "Verrouillé"}
state_machines:
  - id: account-lifecycle
    title: Cycle de vie d'un compte
    enum: AccountStatus
    initial: ACTIVE
    final: []
    transitions:
      - {from: ACTIVE, to: LOCKED, trigger: "cinq échecs"}
      - {from: LOCKED, to: ACTIVE, trigger: "quinze minutes écoulées"}
"""


def _technical(root: Path) -> None:
    (root / "specs/sequences").mkdir(parents=True, exist_ok=True)
    (root / "specs/sequences/SEQ-LOGIN-01.puml").write_text(SEQUENCE, encoding="utf-8")
    (root / "specs/domain").mkdir(parents=True, exist_ok=True)
    (root / "specs/domain/comptes.yaml").write_text(DOMAIN, encoding="utf-8")


def _page(root: Path, text: str) -> Path:
    page = root / "specs/index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n" + text + "\n", encoding="utf-8")
    return page


def test_known_diagram_and_plan_citations_load_cleanly(mini_project: Path) -> None:
    _technical(mini_project)
    _page(
        mini_project,
        "{{ seq.SEQ-LOGIN-01 }}\n\nVoir {{ sm.account-lifecycle }} et {{ entity.Account }}.\n\n"
        "Jalon le {{ plan.milestone.M01.date }}, {{ plan.must_points }} points, {{ plan.phase.cadrage.dates }}.\n\n"
        "{{ plan.phases_table }}",
    )
    result = load_backlog(mini_project)
    assert result.errors == [], result.errors
    assert result.backlog is not None
    assert "BR-ACC-01:sequence.SEQ-LOGIN-01" in result.backlog.cited_by("SEQ-LOGIN-01")


def test_unknown_sequence_in_a_spec_page_is_a_located_error(mini_project: Path) -> None:
    _technical(mini_project)
    page = _page(mini_project, "{{ seq.SEQ-NOPE-01 }}")
    assert errors(mini_project) == [
        f"specs/index.md:{line_of(page, 'SEQ-NOPE-01')}: BR-ACC-01:sequence.SEQ-NOPE-01: "
        "cites unknown sequence diagram SEQ-NOPE-01"
    ]


def test_unknown_state_machine_and_entity_in_a_story_are_located_errors(mini_project: Path) -> None:
    _technical(mini_project)
    edit(mini_project / E02, "then: l'offre est visible", "then: l'offre suit {{ sm.offer-cycle }} {{ entity.Offre }}")
    line = line_of(mini_project / E02, "offer-cycle")
    found = errors(mini_project)
    assert len(found) == 2, found
    assert found[0].startswith(f"{E02}:{line}: E02-S01:") and "offer-cycle" in "".join(found)
    assert any("unknown state machine offer-cycle" in f for f in found)
    assert any("unknown entity Offre" in f for f in found)


def test_unknown_plan_keys_are_located_errors(mini_project: Path) -> None:
    page = _page(
        mini_project,
        "{{ plan.must_pointz }}\n\n{{ plan.milestone.M99.date }}\n\n{{ plan.milestone.M01.colour }}\n\n"
        "{{ plan.phase.nope.start }}",
    )
    found = errors(mini_project)
    assert found == [
        f"specs/index.md:{line_of(page, 'must_pointz')}: BR-ACC-01:plan.must_pointz: plan.must_pointz: "
        "unknown plan figure must_pointz" + found[0].split("unknown plan figure must_pointz", 1)[1],
        f"specs/index.md:{line_of(page, 'M99')}: BR-ACC-01:plan.milestone.M99.date: plan.milestone.M99.date: "
        "unknown milestone M99 (declared in backlog/project.yaml)",
        f"specs/index.md:{line_of(page, 'colour')}: BR-ACC-01:plan.milestone.M01.colour: "
        "plan.milestone.M01.colour: a milestone offers date, forecast, not colour",
        f"specs/index.md:{line_of(page, 'phase.nope')}: BR-ACC-01:plan.phase.nope.start: plan.phase.nope.start: "
        "unknown phase nope (declared in backlog/project.yaml)",
    ]
    assert "(known: " in found[0]


def test_plan_figures_are_refused_outside_spec_pages(mini_project: Path) -> None:
    edit(mini_project / E02, "then: l'offre est visible", "then: l'offre est visible ({{ plan.must_points }})")
    line = line_of(mini_project / E02, "plan.must_points")
    assert errors(mini_project) == [
        f"{E02}:{line}: E02-S01:plan.must_points: plan.must_points: plan figures may be cited in spec pages only"
    ]


def test_diagram_citations_need_no_catalogue_and_warn_nothing(mini_project: Path) -> None:
    _technical(mini_project)
    assert warnings(mini_project) == []


def test_outside_the_site_a_diagram_reads_as_its_title_and_id_never_its_source(mini_project: Path) -> None:
    _technical(mini_project)
    result = load_backlog(mini_project)
    assert result.backlog is not None
    text = "Voir {{ seq.SEQ-LOGIN-01 }} et {{ sm.account-lifecycle }}, {{ entity.Account }}, {{ seq.SEQ-NOPE }}."
    plain = expand_plain(text, result.backlog)
    assert plain == (
        "Voir diagramme de séquence «\u00a0Connexion au compte\u00a0» (SEQ-LOGIN-01) et diagramme d'états "
        "«\u00a0Cycle de vie d'un compte\u00a0» (account-lifecycle), entité «\u00a0Compte\u00a0» (Account), "
        "{{ seq.SEQ-NOPE }}."
    )
    assert "@startuml" not in plain and "POST /login" not in plain


def test_a_block_citation_is_alone_on_its_line_from_the_first_column() -> None:
    text = "a\n{{ seq.X }}\n  {{ seq.Y }}\nb {{ seq.Z }}\n{{ seq.W }}  "
    found = {c.id: is_block(text, c.offset, text.index("}}", c.offset) + 2) for c in citations(text)}
    assert found == {"X": True, "Y": False, "Z": False, "W": True}
    out = expand(text, lambda kind, key: f"<{key}>", lambda kind, key: f"[{key}]")
    assert out == "a\n[X]\n  <Y>\nb <Z>\n[W]  "


# --- the parser never evaluates anything ------------------------------------------------------------------
_TOKENS = [
    *"{}%$#!<>&;_.-|`'\"\\ \n\t",
    "seq", "sm", "entity", "plan", "param", "msg", "SEQ-A-01", "x.y", "{{", "}}", "&#123;", "&#125;",
    "&#95;", "{%", "%}", "!include /etc/passwd", "%getenv(HOME)", "=1+1", "@startuml",
]  # fmt: skip
_HOSTILE = st.lists(st.sampled_from(_TOKENS), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(_HOSTILE, st.text(max_size=200)))
def test_arbitrary_text_is_never_interpreted_and_never_crashes(text: str) -> None:
    # nothing known: the text comes back exactly as written, block or inline
    assert expand(text, lambda kind, key: None, lambda kind, key: None) == text
    # every citation found is replaced by a marker, and nothing else of the text changes
    found = list(citations(text))
    out = expand(text, lambda kind, key: "\x00", lambda kind, key: "\x00")
    assert out.count("\x00") - text.count("\x00") == len(found)
    for cited in found:
        assert cited.kind in {"parameter", "message", "sequence", "state_machine", "entity", "plan"}
        assert cited.id and all(c.isascii() and (c.isalnum() or c in "_.-") for c in cited.id)


@settings(max_examples=200, deadline=None)
@given(before=_HOSTILE, after=_HOSTILE)
def test_a_known_diagram_citation_is_found_whatever_surrounds_it(before: str, after: str) -> None:
    text = before + " {{ seq.SEQ-A-01 }} " + after
    expanded = expand(text, lambda kind, key: "DIAGRAM" if (kind, key) == ("sequence", "SEQ-A-01") else None)
    assert "DIAGRAM" in expanded
    assert not [c for c in citations(expanded) if c.id == "SEQ-A-01" and c.kind == "sequence"]


def test_the_jira_csv_carries_a_diagram_as_its_title_and_id(mini_project: Path) -> None:
    from generators.exports.jira_csv import csv_text

    _technical(mini_project)
    edit(mini_project / E02, "then: l'offre est visible", "then: l'offre est visible (voir {{ seq.SEQ-LOGIN-01 }})")
    result = load_backlog(mini_project)
    assert result.errors == [] and result.backlog is not None
    text = csv_text(result.backlog).replace("\u00a0", " ")
    assert "(voir diagramme de séquence « Connexion au compte » (SEQ-LOGIN-01))" in text
    assert "seq.SEQ-LOGIN-01" not in text and "@startuml" not in text and "POST /login" not in text


def test_a_sprint_is_cited_by_its_number_within_the_plan(mini_project: Path) -> None:
    page = _page(mini_project, "{{ plan.sprint.1.capacity }} {{ plan.sprint.1.dates }}\n\n{{ plan.sprint.99.dates }}")
    found = errors(mini_project)
    assert len(found) == 1 and found[0].startswith(f"specs/index.md:{line_of(page, 'sprint.99')}: ")
    assert "unknown sprint 99 (the plan has sprints 1 to " in found[0]
