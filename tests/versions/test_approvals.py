"""`fanzone approve` and the stale / suspect approval warnings of `fanzone validate`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from versionrepo import MINI, commit_all, fz, replace

from generators.kinds import KINDS
from generators.load import load_backlog
from generators.versions import approvals

APPROVALS = "backlog/approvals.yaml"


def _warnings(root: Path) -> list[dict]:
    done = fz(root, "validate", "--json")
    assert done.returncode == 0, done.stdout + done.stderr
    return [f for f in json.loads(done.stdout)["findings"] if f["file"] == APPROVALS]


@pytest.fixture
def approved(spec_repo: Path) -> Path:
    assert fz(spec_repo, "baseline", "create", "v1.0").returncode == 0
    for target, by in (("E01-S01", "Claire Martin"), ("E01-S02", "Hugo Bernard"), ("index.md", "Claire Martin")):
        done = fz(spec_repo, "approve", target, "--by", by, "--role", "Product Owner")
        assert done.returncode == 0, done.stderr
    commit_all(spec_repo, "approvals")
    return spec_repo


def test_approve_records_who_role_date_baseline_and_fingerprint(approved: Path) -> None:
    data = YAML(typ="safe").load((approved / APPROVALS).read_text(encoding="utf-8"))
    first = data["approvals"][0]
    assert first["id"] == "E01-S01" and first["kind"] == "story"
    assert first["by"] == "Claire Martin" and first["role"] == "Product Owner"
    assert first["date"] == dt.date.today().isoformat() and first["baseline"] == "v1.0"
    assert first["fingerprint"].startswith("sha256:") and len(first["fingerprint"]) == 71
    assert set(first["links"]) == {"P-fan", "FO-connexion", "BR-ACC-01"}
    assert _warnings(approved) == []


def test_a_content_change_makes_the_approval_stale(approved: Path) -> None:
    replace(approved / "backlog/epics/E01-compte.yaml", "je suis connecté\n", "je suis connecté sur mon compte\n")
    found = _warnings(approved)
    assert [(f["id"], f["code"], f["severity"]) for f in found] == [("E01-S02", "stale-approval", "warning")]
    assert "approval by Hugo Bernard (Product Owner)" in found[0]["message"]
    assert fz(approved, "validate", "--strict").returncode == 1


def test_a_changed_screen_or_rule_makes_the_stories_citing_it_suspect(approved: Path) -> None:
    replace(approved / "mockups/front-office/FO-connexion.yaml", "title: Se connecter", "title: Connexion")
    found = _warnings(approved)
    assert [(f["id"], f["code"]) for f in found] == [("E01-S01", "suspect-approval"), ("E01-S02", "suspect-approval")]
    assert "FO-connexion changed since" in found[0]["message"]


def test_workflow_fields_do_not_make_an_approval_stale(approved: Path) -> None:
    replace(approved / "backlog/epics/E01-compte.yaml", "status: En cours", "status: Terminé")
    assert _warnings(approved) == []


def test_a_page_approval_goes_stale_when_the_page_changes(approved: Path) -> None:
    replace(approved / "specs/index.md", "quinze minutes", "trente minutes")
    codes = {(f["id"], f["code"]) for f in _warnings(approved)}
    assert ("index.md", "stale-approval") in codes and ("E01-S01", "suspect-approval") in codes


def test_re_approving_clears_the_warning_and_keeps_comments(approved: Path) -> None:
    path = approved / APPROVALS
    path.write_text("# signé en comité du 3 décembre\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    replace(approved / "backlog/epics/E01-compte.yaml", "je suis connecté\n", "je suis connecté sur mon compte\n")
    assert fz(approved, "approve", "E01-S02", "--by", "Hugo Bernard", "--role", "Pixodeo").returncode == 0
    assert _warnings(approved) == []
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# signé en comité du 3 décembre\n") and text.count("- id: E01-S02") == 2


def test_unknown_target_exit_1_and_nothing_written(spec_repo: Path) -> None:
    done = fz(spec_repo, "approve", "E99-S01", "--by", "X", "--role", "Y")
    assert done.returncode == 1 and "unknown id or spec page 'E99-S01'" in done.stderr
    assert not (spec_repo / APPROVALS).exists()


def test_a_removed_object_is_a_dangling_approval(mini_project: Path) -> None:
    (mini_project / APPROVALS).write_text(
        "approvals:\n  - id: E07-S01\n    by: A\n    role: B\n    date: '2026-01-05'\n    fingerprint: sha256:0\n",
        encoding="utf-8",
    )
    backlog = load_backlog(mini_project).backlog
    assert backlog is not None
    found = approvals.findings(backlog, KINDS)
    assert [(f.file, f.line, f.id, f.code) for f in found] == [(APPROVALS, 2, "E07-S01", "dangling-approval")]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(by=st.text(min_size=1, max_size=40).filter(lambda s: s.strip()), role=st.text(min_size=1).filter(str.strip))
@example(by="0", role="0\x850")  # NEL: a YAML line break, folded to a space unless the value is quoted
def test_any_name_round_trips_through_the_yaml_file(
    tmp_path_factory: pytest.TempPathFactory, by: str, role: str
) -> None:
    import shutil

    root = tmp_path_factory.mktemp("hyp") / "p"
    shutil.copytree(MINI, root)
    backlog = load_backlog(root).backlog
    assert backlog is not None
    approvals.approve(root, backlog, KINDS, "E01-S01", by, role, None)
    data = YAML(typ="safe").load((root / APPROVALS).read_text(encoding="utf-8"))
    assert data["approvals"][0]["by"] == by.strip() and data["approvals"][0]["role"] == role.strip()
    assert approvals.findings(backlog, KINDS) == []


def test_fingerprint_is_canonical() -> None:
    assert approvals.fingerprint({"b": 1, "a": "é"}) == approvals.fingerprint({"a": "é", "b": 1})
    assert approvals.fingerprint({"a": 1, "status": "x"}) == approvals.fingerprint({"a": 1, "status": "y"})
    assert approvals.fingerprint({"a": 1}) != approvals.fingerprint({"a": 2})
