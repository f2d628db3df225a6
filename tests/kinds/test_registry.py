"""The registry's seam: a new kind (here with a custom parse hook) is loaded and cross-checked by the same
generic loader and reference check, with the same located findings, without touching them."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel

from generators.kinds import KINDS, Format, Issue, Kind, Raw, Ref, Registry
from generators.load import load_backlog
from generators.load.yamlread import YamlProblem
from generators.model import Severity


class Sequence(BaseModel):
    id: str
    stories: list[str] = []


def _parse_puml(text: str, file: str) -> list[Raw]:
    """`' id: SEQ-x` / `' stories: E01-S01, ...` comment lines at the top of a .puml file."""
    data: dict[str, object] = {}
    line = 1
    for number, row in enumerate(text.splitlines(), start=1):
        if row.startswith("' id:"):
            data["id"], line = row.split(":", 1)[1].strip(), number
        elif row.startswith("' stories:"):
            data["stories"] = [s.strip() for s in row.split(":", 1)[1].split(",") if s.strip()]
        elif row.startswith("' broken"):
            raise YamlProblem(number, "broken header")
    return [Raw(data, line)] if data else []


def _checks(sequence: Sequence, _parent: object, _backlog: object) -> list[Issue]:
    return [Issue("a sequence should illustrate a story", "stories", "quality", Severity.WARNING)] * (
        not sequence.stories
    )


SEQUENCE = Kind(
    name="example_diagram",  # not `sequence`: that kind is registered (generators/kinds/sequence.py)
    label="sequence diagram",
    plural="sequence diagrams",
    model=Sequence,
    id_pattern=r"^SEQ-[a-z0-9-]+$",
    format=Format.CUSTOM,
    files=("specs/diagrams/*.puml",),
    parse=_parse_puml,
    refs=(Ref("stories", ("story",)),),
    checks=_checks,
)


def test_a_custom_kind_is_loaded_and_checked_by_the_generic_code(mini_project: Path) -> None:
    folder = mini_project / "specs/diagrams"
    folder.mkdir()
    (folder / "paiement.puml").write_text("@startuml\n' id: SEQ-paiement\n' stories: E01-S01, E09-S09\n@enduml\n")
    (folder / "vide.puml").write_text("' id: SEQ-vide\n")
    (folder / "casse.puml").write_text("\n' broken\n")
    (folder / "doublon.puml").write_text("' id: SEQ-vide\n")
    result = load_backlog(mini_project, registry=KINDS.with_kind(SEQUENCE))
    assert [str(f) for f in result.errors] == [
        "specs/diagrams/casse.puml:2: -: broken header",
        "specs/diagrams/paiement.puml:2: SEQ-paiement: stories: unknown story E09-S09",
        "specs/diagrams/vide.puml:1: SEQ-vide: duplicate id (first defined at specs/diagrams/doublon.puml:1)",
    ]
    assert [str(f) for f in result.warnings if "SEQ" in f.id] == [
        "specs/diagrams/doublon.puml:1: SEQ-vide: warning: a sequence should illustrate a story"
    ]


def test_objects_and_index_by_id(mini_project: Path) -> None:
    backlog = load_backlog(mini_project).backlog
    assert backlog is not None
    assert [s.id for s in backlog.objects("story")] == [s.id for s in backlog.stories]
    assert backlog.objects("persona") is backlog.personas
    assert backlog.objects("unknown-kind") == []
    assert sorted(backlog.cited_by("FO-connexion", "story", "screens")) == ["E01-S01", "E01-S02"]
    assert backlog.cited_by("FO-connexion", "screen", "links") == ["BO-offres"]
    assert backlog.cited_by("FO-connexion", "persona") == []
    assert backlog.find("E01-S02") is backlog.story("E01-S02")
    assert backlog.find("BR-ACC-01") is backlog.rule("BR-ACC-01")
    assert backlog.find("nothing") is None


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        (Kind("story", "x", "xs", Sequence, "^x$", files=("a",)), "registered twice"),
        (Kind("orphan", "x", "xs", Sequence, "^x$", parent="nowhere", items="x"), "must be registered first"),
        (Kind("nofiles", "x", "xs", Sequence, "^x$"), "needs files"),
        (Kind("noparse", "x", "xs", Sequence, "^x$", files=("a",), format=Format.CUSTOM), "parse hook"),
    ],
)
def test_registry_refuses_inconsistent_kinds(kind: Kind, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Registry([*KINDS, kind])


def test_every_id_pattern_is_ascii_and_anchored() -> None:
    for kind in KINDS:
        assert kind.id_pattern.startswith("^") and kind.id_pattern.endswith("$"), kind.name
        assert "\\d" not in kind.id_pattern and "\\w" not in kind.id_pattern, kind.name
