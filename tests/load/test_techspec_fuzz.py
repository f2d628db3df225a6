"""Hypothesis: arbitrary YAML-ish documents given to the OpenAPI, domain and sequence loaders never raise;
every problem comes back as a located finding (`file:line: id: message`)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent))

from techspechelpers import API, DOMAIN, workspace

from generators.kinds.openapi_read import analyse
from generators.kinds.sequence import parse_sequence
from generators.load import load_backlog
from generators.load.yamlread import YamlProblem

LOCATED = re.compile(r"^[^:\n]+:\d+: [^:\n]+: .+")
_KEYS = st.sampled_from(
    [
        "openapi",
        "paths",
        "$ref",
        "components",
        "schemas",
        "responses",
        "operationId",
        "x-stories",
        "enum",
        "entities",
        "enums",
        "state_machines",
        "fields",
        "type",
        "from",
        "to",
        "initial",
        "final",
        "get",
        "post",
        "domain",
        "title",
        "id",
        "values",
        "transitions",
        "required",
    ]
)
_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 300), st.text(max_size=12),
    st.sampled_from(["3.1.0", "#/components/schemas/A", "#/", "#/paths", "http://x/y", "../s.yaml", "E01-S01",
                     "ACTIVE", "uuid", "Account", "200", "404"]),
)  # fmt: skip
_DATA = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.one_of(_KEYS, st.text(max_size=6)), inner, max_size=5)
    ),
    max_leaves=40,
)


def _yaml_ish(data: object) -> str:
    import json

    return json.dumps(data, ensure_ascii=False)  # JSON is YAML: any structure, any key


def _mutations() -> st.SearchStrategy[str]:
    base = st.sampled_from([API, DOMAIN])
    cut = st.tuples(base, st.integers(0, 2000), st.integers(0, 200), st.text(max_size=20)).map(
        lambda t: t[0][: t[1]] + t[3] + t[0][t[1] + t[2] :]
    )
    return st.one_of(_DATA.map(_yaml_ish), cut, st.text(max_size=200))


@settings(max_examples=300, deadline=None)
@given(_mutations())
def test_the_openapi_reader_never_raises(text: str) -> None:
    analysis = analyse(text, "specs/api/fuzz.yaml")
    if analysis.problem is not None:
        line, message = analysis.problem
        assert line >= 1 and message


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_the_sequence_reader_raises_only_located_problems(text: str) -> None:
    try:
        parse_sequence(text, "specs/sequences/SEQ-F-01.puml")
    except YamlProblem as problem:
        assert problem.line >= 1 and problem.message


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return workspace(tmp_path_factory.mktemp("fuzz"))


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(api=_mutations(), domain=_mutations())
def test_the_loader_gives_only_located_findings(project: Path, api: str, domain: str) -> None:
    (project / "specs" / "api" / "comptes.yaml").write_text(api, encoding="utf-8")
    (project / "specs" / "domain" / "comptes.yaml").write_text(domain, encoding="utf-8")
    result = load_backlog(project)
    for finding in [*result.errors, *result.warnings]:
        assert LOCATED.match(str(finding)), str(finding)


def test_a_domain_file_whose_id_is_a_colon_gives_located_findings(tmp_path: Path) -> None:
    """The case Hypothesis found: `{"id": ":"}` was reported as `file:1: :: missing required field 'domain'`."""
    project = workspace(tmp_path)
    (project / "specs" / "domain" / "comptes.yaml").write_text('{"id": ":"}', encoding="utf-8")
    result = load_backlog(project)
    found = [str(finding) for finding in [*result.errors, *result.warnings]]
    assert found and all(LOCATED.match(finding) for finding in found), found
