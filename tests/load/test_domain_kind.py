"""The domain kind: entities, enums and state machines of specs/domain/, resolved across files; unsound state
machines and enums that drift from an OpenAPI schema of the same name are located errors."""

from __future__ import annotations

import sys
from pathlib import Path

from fanzone_cli import run_fanzone

sys.path.insert(0, str(Path(__file__).resolve().parent))

from techspechelpers import API, DOMAIN, workspace

from generators.load import load_backlog


def _errors(root: Path) -> list[str]:
    return [str(f) for f in load_backlog(root).errors]


def _line(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), start=1) if needle in line)


def test_the_domain_model_loads_with_its_objects(tmp_path: Path) -> None:
    backlog = load_backlog(workspace(tmp_path)).backlog
    assert [e.id for e in backlog.objects("entity")] == ["Account", "Session"]
    [enum] = backlog.objects("enum")
    assert enum.names == ["ACTIVE", "LOCKED"]
    [machine] = backlog.objects("state_machine")
    assert machine.transitions[0].from_ == "ACTIVE" and machine.transitions[0].actor == "système"


def test_unknown_types_and_entities_are_located(tmp_path: Path) -> None:
    domain = DOMAIN.replace("type: AccountStatus", "type: AccountState").replace("target: Session", "target: Sesion")
    errors = _errors(workspace(tmp_path, domain=domain))
    assert any(
        e.startswith(
            f"specs/domain/comptes.yaml:{_line(domain, 'fields:')}: Account: fields: unknown type AccountState"
        )
        for e in errors
    ), errors
    assert any(
        e.startswith(
            f"specs/domain/comptes.yaml:{_line(domain, 'relations:')}: Account: relations: unknown entity Sesion"
        )
        for e in errors
    ), errors


def test_types_resolve_across_domain_files(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    moved = (
        "domain: autres\ntitle: Autres\nentities:\n  - id: Device\n    title: Appareil\n    fields:\n"
        "      - {name: status, type: AccountStatus}\n    relations:\n"
        "      - {name: owner, target: Account, cardinality: many-to-one}\n"
    )
    (root / "specs" / "domain" / "autres.yaml").write_text(moved, encoding="utf-8")
    assert _errors(root) == []


def test_a_transition_to_an_unknown_state_is_located(tmp_path: Path) -> None:
    domain = DOMAIN.replace("{from: ACTIVE, to: LOCKED", "{from: ACTIVE, to: BANNED")
    errors = _errors(workspace(tmp_path, domain=domain))
    line = _line(domain, "to: BANNED")
    assert any(
        e.startswith(
            f"specs/domain/comptes.yaml:{line}: account-lifecycle: transition ACTIVE -> BANNED: unknown state BANNED"
        )
        for e in errors
    ), errors


def test_unreachable_and_dead_end_states_are_errors(tmp_path: Path) -> None:
    domain = DOMAIN.replace(
        "      - {value: LOCKED, meaning: Verrouillé}\n",
        "      - {value: LOCKED, meaning: Verrouillé}\n      - {value: CLOSED, meaning: Fermé}\n"
        "      - {value: FROZEN, meaning: Gelé}\n",
    ).replace("final: [LOCKED]", "final: []")
    errors = _errors(workspace(tmp_path, domain=domain))
    assert any("account-lifecycle: unreachable state(s) from ACTIVE: CLOSED, FROZEN" in e for e in errors), errors
    assert any("account-lifecycle: no way out of non-final state(s) LOCKED" in e for e in errors), errors


def test_a_long_chain_of_states_is_checked_without_recursion(tmp_path: Path) -> None:
    count = 3000
    values = "".join(f"      - {{value: S{i}, meaning: État {i}}}\n" for i in range(count))
    transitions = "".join(f"      - {{from: S{i}, to: S{i + 1}, trigger: suite}}\n" for i in range(count - 1))
    domain = (
        f"domain: chaine\ntitle: Chaîne\nenums:\n  - id: Chain\n    title: Chaîne\n    values:\n{values}"
        f"state_machines:\n  - id: chain\n    title: Chaîne\n    enum: Chain\n    initial: S0\n"
        f"    final: [S{count - 1}]\n    transitions:\n{transitions}"
    )
    root = workspace(tmp_path)
    (root / "specs" / "domain" / "chaine.yaml").write_text(domain, encoding="utf-8")
    assert _errors(root) == []


def test_an_enum_drifting_from_its_openapi_schema_names_both_files(tmp_path: Path) -> None:
    api = API.replace("enum: [ACTIVE, LOCKED]", "enum: [ACTIVE, LOCKED, DELETED]")
    root = workspace(tmp_path, api=api)
    result = run_fanzone("-C", str(root), "validate")
    assert result.returncode == 1
    line = _line(DOMAIN, "values:")
    expected = (
        f"specs/domain/comptes.yaml:{line}: AccountStatus: drift: specs/api/comptes.yaml "
        "components.schemas.AccountStatus.enum is [ACTIVE, LOCKED, DELETED], specs/domain/comptes.yaml says "
        "[ACTIVE, LOCKED]"
    )
    assert expected in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
