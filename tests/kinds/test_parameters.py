"""The parameters catalogue and its citations: `{{ param.x }}` in specs, stories and screens."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from loadhelpers import edit, errors, line_of, warnings

from generators.load import load_backlog
from generators.model.citations import citations, expand
from generators.wording.catalogue import expand_plain, parameter_range, parameter_value

E02 = "backlog/epics/E02-offres.yaml"
PARAMS = "backlog/catalogues/parametres.yaml"
CATALOGUE = """parameters:
  - id: pass_replay_hours
    label: Durée du replay avec un pass
    value: 48
    unit: heures
    min: 24
    max: 168
    changed_by: admin
"""


def _catalogue(root: Path, text: str = CATALOGUE) -> None:
    (root / "backlog/catalogues").mkdir(exist_ok=True)
    (root / PARAMS).write_text(text, encoding="utf-8")


def _cite(root: Path, citation: str = "{{ param.pass_replay_hours }}") -> None:
    edit(root / E02, "then: l'offre est visible", f"then: le replay reste visible {citation}, l'offre est visible")


def test_cited_parameter_loads_and_reads_with_its_unit(mini_project: Path) -> None:
    _catalogue(mini_project)
    _cite(mini_project)
    result = load_backlog(mini_project)
    assert result.errors == [] and result.warnings == []
    assert result.backlog is not None
    parameter = result.backlog.find("pass_replay_hours")
    assert parameter_value(parameter) == "48\u00a0heures"
    assert parameter_range(parameter) == "de 24 à 168\u00a0heures"
    assert result.backlog.cited_by("pass_replay_hours") == ["E02-S01:parameter.pass_replay_hours"]
    story = result.backlog.find("E02-S01")
    assert "le replay reste visible 48\u00a0heures," in expand_plain(story.acceptance[0].then, result.backlog)


def test_unknown_parameter_is_a_located_error(mini_project: Path) -> None:
    _catalogue(mini_project)
    _cite(mini_project, "{{ param.pass_replay_hours }} {{ param.replay_days }}")
    line = line_of(mini_project / E02, "replay_days")
    assert errors(mini_project) == [
        f"{E02}:{line}: E02-S01:parameter.replay_days: cites unknown parameter replay_days (declare it in {PARAMS})"
    ]


def test_unknown_parameter_in_a_spec_page_names_the_page_line(mini_project: Path) -> None:
    _catalogue(mini_project)
    _cite(mini_project)
    page = mini_project / "specs/index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n\nValable {{ param.nope }}.\n", encoding="utf-8")
    assert errors(mini_project) == [
        f"specs/index.md:{line_of(page, 'param.nope')}: BR-ACC-01:parameter.nope: cites unknown "
        f"parameter nope (declare it in {PARAMS})"
    ]


def test_unused_parameter_is_a_warning(mini_project: Path) -> None:
    _catalogue(mini_project)
    assert warnings(mini_project) == [
        f"{PARAMS}:2: pass_replay_hours: warning: no text cites this parameter "
        "(write {{ param.ID }} where the value is stated)"
    ]


def test_value_outside_its_range_is_refused(mini_project: Path) -> None:
    _catalogue(mini_project, CATALOGUE.replace("value: 48", "value: 200"))
    _cite(mini_project)
    found = errors(mini_project)
    assert len(found) == 1 and found[0].startswith(f"{PARAMS}:")
    assert "value 200 is above max 168" in found[0]


def test_bad_parameter_id_and_unknown_field_are_refused(mini_project: Path) -> None:
    _catalogue(
        mini_project,
        CATALOGUE.replace("id: pass_replay_hours", "id: Pass-Replay").replace(
            "changed_by: admin", "changed_by: admin\n    owner: moi"
        ),
    )
    found = errors(mini_project)
    assert any("id" in f and "Pass-Replay" not in f.split(":")[0] for f in found)
    assert any("owner" in f for f in found)


# --- the substitution never evaluates anything -----------------------------------------------------------
_TOKENS = [*"{}%$#!<>&;_.-|`'\"\\ \n", "param", "msg", "known", "x", "{{", "}}", "&#123;", "&#95;", "{%", "%}"]
_HOSTILE = st.lists(st.sampled_from(_TOKENS), max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(before=_HOSTILE, after=_HOSTILE)
def test_expansion_replaces_only_known_citations_and_keeps_the_rest(before: str, after: str) -> None:
    text = before + "{{ param.known }}" + after
    # nothing is known: the text comes back exactly as written
    assert expand(text, lambda kind, key: None) == text
    # one parameter is known: each of its citations becomes the value, nothing else changes
    known = [c for c in citations(text) if (c.kind, c.id) == ("parameter", "known")]
    expanded = expand(text, lambda kind, key: "VALUE" if (kind, key) == ("parameter", "known") else None)
    assert expanded.count("VALUE") == len(known) >= 1
    assert not [c for c in citations(expanded) if (c.kind, c.id) == ("parameter", "known")]


@settings(max_examples=200, deadline=None)
@given(payload=st.text())
def test_text_without_citations_is_returned_as_is(payload: str) -> None:
    text = "{{ 7*7 }} {% if true %}x{% endif %} {{ config }} {{ param. }} " + payload
    if not list(citations(text)):
        assert expand(text, lambda kind, key: "!") == text
    assert expand("{{ 7*7 }}", lambda kind, key: "!") == "{{ 7*7 }}"
