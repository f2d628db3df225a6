"""The second workspace (examples/qalisense) and the technical specs of both workspaces are valid and complete.

Covers: `fanzone -C examples/qalisense validate --strict`; every OpenAPI document under `specs/api/` (Fanzone and
Qalisense) passes openapi-spec-validator and cites existing stories and rules; the nine Qalisense enums have exactly
the values of the client's specification, in the domain model and in the OpenAPI schemas; pct-storage exposes exactly
its six endpoints; every sequence diagram carries its metadata, no preprocessor directive, and renders with the
pinned PlantUML jar.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from fanzone_cli import run_fanzone
from openapi_spec_validator import validate as validate_openapi
from openapi_spec_validator.validation.exceptions import OpenAPIValidationError
from qalisense_facts import QALISENSE, QALISENSE_ENUMS, QALISENSE_SEQUENCES, STORAGE_ENDPOINTS
from referencing.exceptions import Unresolvable

from generators.load import load_backlog

REPO = Path(__file__).resolve().parents[2]
WORKSPACES = {"fanzone": REPO, "qalisense": QALISENSE}
HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")


def _yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _api_documents() -> list[Path]:
    return sorted(path for root in WORKSPACES.values() for path in (root / "specs" / "api").glob("*.yaml"))


def _sequence_files() -> list[Path]:
    return sorted(path for root in WORKSPACES.values() for path in (root / "specs" / "sequences").glob("*.puml"))


def _domain_enums(root: Path) -> dict[str, list[str]]:
    enums: dict[str, list[str]] = {}
    for path in sorted((root / "specs" / "domain").glob("*.yaml")):
        for enum in _yaml(path).get("enums", []):
            assert enum["id"] not in enums, f"{path.name}: enum {enum['id']} declared twice"
            enums[enum["id"]] = [value["value"] for value in enum["values"]]
    return enums


def _operations(document: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for section in ("paths", "webhooks"):
        for path, item in (document.get(section) or {}).items():
            for method in HTTP_METHODS:
                if method in item:
                    yield method, path, item[method]


def _refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


@pytest.fixture(scope="module")
def known_ids() -> dict[str, tuple[set[str], set[str]]]:
    """Story ids and rule ids of each workspace, from the real loader."""
    ids = {}
    for name, root in WORKSPACES.items():
        result = load_backlog(root)
        assert result.errors == [], "\n".join(map(str, result.errors))
        ids[name] = ({s.id for s in result.backlog.stories}, {r.id for r in result.backlog.rules})
    return ids


# --- the workspace ------------------------------------------------------------------------------------------------


def test_qalisense_validates_strictly() -> None:
    result = run_fanzone("-C", str(QALISENSE), "validate", "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 warning" in result.stdout


def test_a_broken_reference_in_qalisense_fails_validation(tmp_path: Path) -> None:
    project = tmp_path / "qalisense"
    shutil.copytree(QALISENSE, project, ignore=shutil.ignore_patterns("site", ".cache"))
    epic = project / "backlog" / "epics" / "E01-stockage.yaml"
    text = epic.read_text(encoding="utf-8")
    epic.write_text(text.replace("rules: [BR-STO-05]", "rules: [BR-STO-99]", 1), encoding="utf-8")
    result = run_fanzone("-C", str(project), "validate", "--strict")
    assert result.returncode == 1
    assert re.search(r"backlog/epics/E01-stockage\.yaml:\d+: E01-S05: .*BR-STO-99", result.stdout + result.stderr)


def test_qalisense_must_stories_have_an_error_path() -> None:
    backlog = load_backlog(QALISENSE).backlog
    assert {e.area.value for e in backlog.epics} == {"front-office", "back-office", "platform"}
    for story in backlog.stories:
        if story.priority.value == "must":
            assert len(story.acceptance) >= 2, story.id


# --- API contracts ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", _api_documents(), ids=lambda p: p.relative_to(REPO).as_posix())
def test_openapi_document_is_valid(path: Path) -> None:
    document = _yaml(path)
    assert document["openapi"].startswith("3.1")
    external = [ref for ref in _refs(document) if not ref.startswith("#/")]
    assert external == [], "only local $refs: the validator would fetch the others"
    validate_openapi(document)


def _break_operation_id(document: dict[str, Any]) -> None:
    document["paths"]["/storages"]["post"]["operationId"] = 42


def _break_ref(document: dict[str, Any]) -> None:
    response = document["paths"]["/storages"]["post"]["responses"]["201"]
    response["content"]["application/json"]["schema"] = {"$ref": "#/components/schemas/Missing"}


@pytest.mark.parametrize("damage", [_break_operation_id, _break_ref], ids=["operation-id", "unresolved-ref"])
def test_the_validator_rejects_a_broken_document(damage) -> None:
    document = _yaml(QALISENSE / "specs" / "api" / "pct-storage.yaml")
    damage(document)
    with pytest.raises((OpenAPIValidationError, Unresolvable)):
        validate_openapi(document)


@pytest.mark.parametrize("path", _api_documents(), ids=lambda p: p.relative_to(REPO).as_posix())
def test_operations_are_complete_and_cite_existing_ids(path: Path, known_ids) -> None:
    workspace = "qalisense" if QALISENSE in path.parents else "fanzone"
    stories, rules = known_ids[workspace]
    operations = list(_operations(_yaml(path)))
    assert operations
    for method, route, operation in operations:
        where = f"{path.name}: {method.upper()} {route}"
        assert re.fullmatch(r"[a-z][A-Za-z0-9]*", operation.get("operationId", "")), where
        assert operation.get("summary"), where
        codes = [str(code) for code in operation["responses"]]
        assert any(code.startswith("2") for code in codes), f"{where}: no success response"
        assert any(code[0] in "45" for code in codes), f"{where}: no error response"
        assert operation.get("x-stories") and set(operation["x-stories"]) <= stories, where
        assert operation.get("x-rules") and set(operation["x-rules"]) <= rules, where


def test_operation_ids_are_unique_per_workspace() -> None:
    for root in WORKSPACES.values():
        ids = [
            op["operationId"] for p in sorted((root / "specs/api").glob("*.yaml")) for *_, op in _operations(_yaml(p))
        ]
        assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})


def test_pct_storage_has_exactly_the_six_endpoints() -> None:
    document = _yaml(QALISENSE / "specs" / "api" / "pct-storage.yaml")
    assert {(method, route) for method, route, _ in _operations(document)} == {
        (method.lower(), route) for method, route in STORAGE_ENDPOINTS
    }


def test_pct_api_serves_a_training_session_with_oauth2_pkce() -> None:
    document = _yaml(QALISENSE / "specs" / "api" / "pct-api.yaml")
    assert "get" in document["paths"]["/training-sessions/{id}"]
    for name in ("pct-api.yaml", "pct-storage.yaml"):
        scheme = _yaml(QALISENSE / "specs" / "api" / name)["components"]["securitySchemes"]["oauth2"]
        assert scheme["type"] == "oauth2" and "authorizationCode" in scheme["flows"]
        assert scheme["x-pkce"] == "S256"
        assert "offline_access" in scheme["flows"]["authorizationCode"]["scopes"]


# --- domain model -------------------------------------------------------------------------------------------------


def test_qalisense_enums_have_exactly_the_listed_values() -> None:
    assert _domain_enums(QALISENSE) == QALISENSE_ENUMS


@pytest.mark.parametrize("workspace", sorted(WORKSPACES))
def test_openapi_enums_match_the_domain_enums_of_the_same_name(workspace: str) -> None:
    root = WORKSPACES[workspace]
    domain = _domain_enums(root)
    for path in sorted((root / "specs" / "api").glob("*.yaml")):
        for name, schema in (_yaml(path).get("components", {}).get("schemas") or {}).items():
            if "enum" in schema and name in domain:
                assert schema["enum"] == domain[name], f"{path.name}: {name} drifts from specs/domain"


@pytest.mark.parametrize("workspace", sorted(WORKSPACES))
def test_state_machines_are_sound(workspace: str) -> None:
    root = WORKSPACES[workspace]
    enums = _domain_enums(root)
    machines = [m for p in sorted((root / "specs/domain").glob("*.yaml")) for m in _yaml(p).get("state_machines", [])]
    assert machines
    for machine in machines:
        states = set(enums[machine["enum"]])
        final = set(machine["final"])
        exits: dict[str, set[str]] = {}
        for transition in machine["transitions"]:
            assert {transition["from"], transition["to"]} <= states, (machine["id"], transition)
            exits.setdefault(transition["from"], set()).add(transition["to"])
        initial = machine["initial"] if isinstance(machine["initial"], list) else [machine["initial"]]
        reached, frontier = set(initial), list(initial)
        while frontier:
            for target in exits.get(frontier.pop(), set()) - reached:
                reached.add(target)
                frontier.append(target)
        assert reached == states, f"{machine['id']}: unreachable {sorted(states - reached)}"
        dead_ends = {s for s in states - final if not exits.get(s)}
        assert dead_ends == set(), f"{machine['id']}: no way out of {sorted(dead_ends)}"


# --- sequence diagrams --------------------------------------------------------------------------------------------


def _metadata(path: Path) -> dict[str, str]:
    meta = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("'"):
            break
        key, _, value = line[1:].partition(":")
        meta[key.strip()] = value.strip()
    return meta


@pytest.mark.parametrize("path", _sequence_files(), ids=lambda p: p.relative_to(REPO).as_posix())
def test_sequence_file_has_metadata_and_no_preprocessor(path: Path) -> None:
    meta = _metadata(path)
    assert meta.get("id") == path.stem
    assert meta.get("title")
    assert yaml.safe_load(meta.get("stories", "[]"))
    text = path.read_text(encoding="utf-8")
    assert "@startuml" in text and "@enduml" in text
    assert not re.search(r"[!%]", text), "PlantUML preprocessor characters are not allowed in specs"


def test_qalisense_has_its_three_sequence_diagrams() -> None:
    assert {p.stem for p in (QALISENSE / "specs" / "sequences").glob("*.puml")} == QALISENSE_SEQUENCES
    auth = (QALISENSE / "specs" / "sequences" / "SEQ-AUTH-01.puml").read_text(encoding="utf-8")
    for needle in ("pct-api-consumer-app", "http://localhost:4200", "openid profile email offline_access"):
        assert needle in auth


@pytest.mark.slow
def test_sequence_diagrams_render_without_syntax_error(tmp_path: Path) -> None:
    jars = sorted((REPO / ".cache" / "tools").glob("plantuml-*.jar"))
    java = shutil.which("java")
    if not jars or java is None:
        pytest.fail("needs Java and the pinned PlantUML jar in .cache/tools (scripts/install-plantuml.sh)")
    for name, root in WORKSPACES.items():
        files = sorted((root / "specs" / "sequences").glob("*.puml"))
        out = tmp_path / name
        command = [java, "-Djava.awt.headless=true", "-jar", str(jars[-1]), "-tsvg", "-o", str(out)]
        result = subprocess.run([*command, *map(str, files)], capture_output=True, text=True, timeout=300, check=False)
        assert result.returncode == 0, result.stdout + result.stderr
        for path in files:
            svg = (out / f"{path.stem}.svg").read_text(encoding="utf-8")
            assert "Syntax Error" not in svg, path.name
