"""The API kind: OpenAPI documents in specs/api/ become operations with located findings; hostile documents
(remote or outside `$ref`s, reference loops, 20 MB files) are refused with a located message, exit 1."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from fanzone_cli import run_fanzone

sys.path.insert(0, str(Path(__file__).resolve().parent))

from techspechelpers import API, workspace

from generators.load import load_backlog


def _messages(root: Path) -> tuple[list[str], list[str]]:
    result = load_backlog(root)
    return [str(f) for f in result.errors], [str(f) for f in result.warnings]


def _line(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), start=1) if needle in line)


def test_a_valid_document_gives_operations_with_their_lines(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    result = load_backlog(root)
    assert result.errors == [] and result.warnings == []
    [operation] = result.backlog.objects("operation")
    assert (operation.id, operation.method, operation.path) == ("getAccount", "get", "/accounts/{id}")
    assert operation.stories == ["E01-S01"] and operation.responses == ["200", "404"]
    assert result.backlog.location("getAccount").line == _line(API, "    get:")
    assert result.backlog.cited_by("getAccount", "story", "operations") == ["E01-S01"]


def test_an_unknown_x_story_and_x_rule_are_located_at_the_operation(tmp_path: Path) -> None:
    api = API.replace("x-stories: [E01-S01]", "x-stories: [E01-S01, E09-S09]").replace("[BR-ACC-01]", "[BR-NOPE-01]")
    errors, _ = _messages(workspace(tmp_path, api=api))
    line = _line(api, "    get:")
    assert f"specs/api/comptes.yaml:{line}: getAccount: x-stories: unknown story E09-S09" in errors
    assert any(
        e.startswith(f"specs/api/comptes.yaml:{line}: getAccount: x-rules: unknown business rule BR-NOPE-01")
        for e in errors
    )


def test_an_operation_needs_a_success_and_an_error_response(tmp_path: Path) -> None:
    api = API.replace("        '404': {description: Inconnu}\n", "")
    errors, _ = _messages(workspace(tmp_path, api=api))
    assert any(re.search(r"comptes\.yaml:\d+: getAccount: responses: no an error", e) for e in errors), errors


def test_a_duplicate_operation_id_across_documents_is_an_error(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    (root / "specs" / "api" / "autre.yaml").write_text(API.replace("Comptes", "Autre"), encoding="utf-8")
    errors, _ = _messages(root)
    assert any(
        re.match(
            r"specs/api/comptes\.yaml:\d+: getAccount: duplicate operationId \(first defined at "
            r"specs/api/autre\.yaml:\d+\)",
            e,
        )
        for e in errors
    ), errors


def test_stories_and_x_stories_must_agree_both_ways(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    epic = root / "backlog" / "epics" / "E01-compte.yaml"
    epic.write_text(epic.read_text(encoding="utf-8").replace("    operations: [getAccount]\n", ""), encoding="utf-8")
    _, warnings = _messages(root)
    assert any(
        "getAccount: warning: x-stories cites E01-S01, whose operations do not list getAccount" in w for w in warnings
    ), warnings
    other = workspace(tmp_path / "other", api=API.replace("x-stories: [E01-S01]", "x-stories: []"))
    _, warnings = _messages(other)
    assert any("story E01-S01 lists this operation, but its x-stories do not cite E01-S01" in w for w in warnings)
    result = run_fanzone("-C", str(other), "validate", "--strict")
    assert result.returncode == 1


def test_a_story_citing_an_unknown_operation_is_located(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    epic = root / "backlog" / "epics" / "E01-compte.yaml"
    epic.write_text(epic.read_text(encoding="utf-8").replace("[getAccount]", "[getAccount, nowhere]"), encoding="utf-8")
    errors, _ = _messages(root)
    line = _line(epic.read_text(encoding="utf-8"), "operations:")
    assert any(
        e.startswith(f"backlog/epics/E01-compte.yaml:{line}: E01-S01: operations: unknown API operation nowhere")
        for e in errors
    ), errors


def test_an_unresolved_ref_is_located_at_its_operation(tmp_path: Path) -> None:
    api = API.replace("{$ref: '#/components/schemas/Account'}", "{$ref: '#/components/schemas/Missing'}")
    errors, _ = _messages(workspace(tmp_path, api=api))
    line = _line(api, "    get:")
    ref_line = _line(api, "schemas/Missing")
    assert (
        f"specs/api/comptes.yaml:{line}: getAccount: unresolved $ref '#/components/schemas/Missing' (line {ref_line})"
        in errors
    )


def test_an_invalid_document_is_reported(tmp_path: Path) -> None:
    api = API.replace("operationId: getAccount", "operationId: getAccount\n      deprecated: perhaps")
    errors, _ = _messages(workspace(tmp_path, api=api))
    assert any("getAccount: invalid OpenAPI document" in e for e in errors), errors


# --- hostile documents ----------------------------------------------------------------------------------------


def _hostile(tmp_path: Path, ref: str) -> tuple[Path, str]:
    api = API.replace("{$ref: '#/components/schemas/Account'}", "{$ref: '" + ref + "'}")
    return workspace(tmp_path, api=api), api


def test_a_remote_ref_is_refused_and_never_fetched(tmp_path: Path) -> None:
    root, api = _hostile(tmp_path, "http://127.0.0.1:9/never.yaml#/Account")
    result = run_fanzone("-C", str(root), "validate")
    assert result.returncode == 1
    line = _line(api, "never.yaml")
    assert (
        f"specs/api/comptes.yaml:{line}: comptes: $ref 'http://127.0.0.1:9/never.yaml#/Account' refused"
        in result.stdout + result.stderr
    )
    assert "Traceback" not in result.stdout + result.stderr


def test_a_ref_outside_the_project_is_refused_and_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("Account: {description: FZ-SECRET-CONTENT-4242}\n", encoding="utf-8")
    root, _api = _hostile(tmp_path, "../../../secret.yaml#/Account")
    for command in (("validate",), ("export", "json", "-o", str(tmp_path / "out.json"))):
        result = run_fanzone("-C", str(root), *command)
        assert result.returncode == 1, command
        assert "refused: only references inside the document" in result.stdout + result.stderr
        assert "FZ-SECRET-CONTENT-4242" not in result.stdout + result.stderr
        assert "Traceback" not in result.stdout + result.stderr
    assert not (tmp_path / "out.json").exists()


def test_a_loop_of_refs_is_a_located_finding_not_a_recursion_error(tmp_path: Path) -> None:
    api = API.replace("{$ref: '#/components/schemas/Account'}", "{$ref: '#/components/schemas/Loop1'}") + (
        "    Loop1: {$ref: '#/components/schemas/Loop2'}\n    Loop2: {$ref: '#/components/schemas/Loop1'}\n"
    )
    result = run_fanzone("-C", str(workspace(tmp_path, api=api)), "validate")
    assert result.returncode == 1
    assert re.search(r"specs/api/comptes\.yaml:\d+: comptes-openapi: circular \$ref", result.stdout + result.stderr), (
        result.stderr
    )
    assert re.search(r"specs/api/comptes\.yaml:\d+: getAccount: circular \$ref", result.stdout + result.stderr)
    assert "Traceback" not in result.stdout + result.stderr


def test_a_recursive_schema_is_valid(tmp_path: Path) -> None:
    errors, _ = _messages(workspace(tmp_path))  # Account.parent refers to Account
    assert errors == []


@pytest.mark.slow
def test_a_20_mb_document_is_refused_with_its_location(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    big = root / "specs" / "api" / "big.yaml"
    with big.open("w", encoding="utf-8") as out:
        out.write("openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\nx-padding:\n")
        line = "  - " + "a" * 1000 + "\n"
        for _ in range(20 * 1024):
            out.write(line)
    result = run_fanzone("-C", str(root), "validate")
    assert result.returncode == 1
    assert re.search(
        r"specs/api/big\.yaml:1: big: file is [\d,]+ bytes; the limit is", result.stdout + result.stderr
    ), result.stderr
    assert "Traceback" not in result.stdout + result.stderr
