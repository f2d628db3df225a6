"""The core commands, run as a user would: validate, schema, export json; exit codes and no tracebacks."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import yaml
from fanzone_cli import run_fanzone
from loadhelpers import edit, line_of


def test_validate_ok(mini_project: Path) -> None:
    result = run_fanzone("validate", cwd=mini_project)
    assert result.returncode == 0, result.stderr
    assert "2 epics, 3 stories" in result.stdout


def test_validate_errors_exit_1_with_located_messages(mini_project: Path) -> None:
    edit(mini_project / "backlog/epics/E01-compte.yaml", "points: 3", "points: 4")
    result = run_fanzone("--root", str(mini_project), "validate")
    assert result.returncode == 1
    line = line_of(mini_project / "backlog/epics/E01-compte.yaml", "points: 4")
    assert f"backlog/epics/E01-compte.yaml:{line}: E01-S01: points: 4 is not on the Fibonacci scale" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_validate_json_and_strict(mini_project: Path) -> None:
    edit(mini_project / "backlog/epics/E02-offres.yaml", "    screens: [BO-offres]\n", "")
    plain = run_fanzone("validate", "--json", cwd=mini_project)
    assert plain.returncode == 0
    report = json.loads(plain.stdout)
    assert report["ok"] is True and report["errors"] == 0 and report["warnings"] == 2
    assert {f["id"] for f in report["findings"]} == {"E02-S01", "BO-offres"}
    assert all(f["severity"] == "warning" and f["line"] >= 1 for f in report["findings"])
    strict = run_fanzone("validate", "--strict", "--json", cwd=mini_project)
    assert strict.returncode == 1
    assert json.loads(strict.stdout)["ok"] is False


def test_broken_yaml_never_tracebacks(mini_project: Path) -> None:
    (mini_project / "backlog/epics/E01-compte.yaml").write_text("id: E01\ntitle: [oops\n", encoding="utf-8")
    (mini_project / "backlog/personas.yaml").write_bytes(b"personas:\n  - id: P-fan\n    name: L\xe9a\n")
    result = run_fanzone("validate", cwd=mini_project)
    assert result.returncode == 1
    assert "backlog/epics/E01-compte.yaml:3: E01: YAML syntax error" in result.stderr
    assert "backlog/personas.yaml:3: personas: file is not valid UTF-8" in result.stderr
    assert "Traceback" not in result.stderr


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run_fanzone("no-such-command").returncode == 2
    assert run_fanzone("validate", "--no-such-option").returncode == 2
    assert run_fanzone("export", "docx").returncode == 2


def test_missing_root_is_a_user_error(tmp_path: Path) -> None:
    result = run_fanzone("--root", str(tmp_path / "nowhere"), "validate")
    assert result.returncode == 1
    assert "is not a folder" in result.stderr
    empty = run_fanzone("--root", str(tmp_path), "validate")
    assert empty.returncode == 1
    assert "no backlog/ folder" in empty.stderr


def test_schema_document_and_files(mini_project: Path, tmp_path: Path) -> None:
    result = run_fanzone("schema")
    assert result.returncode == 0
    document = json.loads(result.stdout)
    assert set(document["$defs"]) == {"epic", "project", "persona", "screen"}
    # the schemas accept the real files and reject a typo
    epic = yaml.safe_load((mini_project / "backlog/epics/E01-compte.yaml").read_text(encoding="utf-8"))
    jsonschema.validate(epic, document["$defs"]["epic"])
    epic["stories"][0]["acceptence"] = []
    try:
        jsonschema.validate(epic, document["$defs"]["epic"])
    except jsonschema.ValidationError as exc:
        assert "acceptence" in exc.message
    else:
        raise AssertionError("the epic schema accepted an unknown field")
    project = yaml.safe_load((mini_project / "backlog/project.yaml").read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(json.dumps(project, default=str)), document["$defs"]["project"])

    out = tmp_path / "schemas"
    written = run_fanzone("schema", "--output", str(out))
    assert written.returncode == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "epic.schema.json",
        "persona.schema.json",
        "project.schema.json",
        "screen.schema.json",
    ]


def test_export_json_resolved_backlog(mini_project: Path) -> None:
    result = run_fanzone("export", "json", cwd=mini_project)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert {"project", "personas", "epics", "screens"} <= set(data)
    assert data["project"]["jira"]["project"] == "FZ"
    assert [e["id"] for e in data["epics"]] == ["E01", "E02"]
    story = data["epics"][0]["stories"][1]
    assert story["id"] == "E01-S02" and story["status_category"] == "in_progress"
    assert story["acceptance"][1]["then"] == "le compte est verrouillé quinze minutes"
    assert [s["id"] for s in data["screens"]] == ["FO-connexion", "BO-offres"]


def test_export_json_to_file_and_invalid_backlog(mini_project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "backlog.json"
    assert run_fanzone("export", "json", "--output", str(out), cwd=mini_project).returncode == 0
    assert json.loads(out.read_text(encoding="utf-8"))["epics"][1]["id"] == "E02"
    edit(mini_project / "backlog/epics/E02-offres.yaml", "as_a: P-admin", "as_a: P-nobody")
    failed = run_fanzone("export", "json", cwd=mini_project)
    assert failed.returncode == 1
    assert "unknown persona P-nobody" in failed.stderr
    assert failed.stdout == ""


def test_validate_sums_up_info_findings_without_failing(mini_project: Path) -> None:
    rows = "".join(f"| ENF-CAP-0{n} | Exigence {n} | {n} |\n" for n in range(1, 6))
    (mini_project / "specs" / "exigences.md").write_text(
        f"# Exigences\n\n| Id | Exigence | Cible |\n|---|---|---|\n{rows}", encoding="utf-8"
    )
    for strict in ([], ["--strict"]):
        result = run_fanzone("-C", str(mini_project), "validate", *strict)
        assert result.returncode == 0, result.stderr
        summary = (
            "info: 5 × no story cites this non-functional requirement (requirements) "
            "(ENF-CAP-01, ENF-CAP-02, ENF-CAP-03, …)"
        )
        assert summary in result.stderr
        assert "0 warning(s), 5 info(s)" in result.stdout
    document = json.loads(run_fanzone("-C", str(mini_project), "validate", "--json").stdout)
    assert document["ok"] is True and document["infos"] == 5
    assert [f["id"] for f in document["info_findings"]] == [f"ENF-CAP-0{n}" for n in range(1, 6)]
    assert {f["severity"] for f in document["info_findings"]} == {"info"}
