"""The plugin's wiring: the reports' planning pages when present, `fanzone serve` live reload."""

from __future__ import annotations

import importlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from generators.load import load_backlog
from generators.site import plugin as plugin_module
from generators.site.plugin import FanzonePlugin


def _plugin(root: Path) -> FanzonePlugin:
    plugin = FanzonePlugin()
    plugin.root = root
    return plugin


def test_planning_pages_come_from_the_reports_package(site_project: Path) -> None:
    backlog = load_backlog(site_project).backlog
    assert backlog is not None
    pages, assets = _plugin(site_project)._reports(backlog)
    reports = importlib.import_module("generators.reports.pages")
    expected = reports.site_pages(backlog, site_project)
    assert [page.path for page in pages] == [page.path for page in expected]
    assert [page.title for page in pages] == [page.title for page in expected]
    # the reports' charts and workbooks, plus the exports' backlog workbook that the plugin adds itself
    assert set(assets) == set(reports.site_assets(backlog, site_project)) | {"downloads/fanzone-backlog.xlsx"}


def test_missing_reports_package_is_skipped(site_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(name: str) -> object:
        raise ModuleNotFoundError(f"No module named {name!r}", name=name)

    monkeypatch.setattr(plugin_module.importlib, "import_module", missing)
    backlog = load_backlog(site_project).backlog
    assert backlog is not None
    assert _plugin(site_project)._reports(backlog) == ([], {})


def test_an_error_inside_the_reports_package_is_not_hidden(site_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(name: str) -> object:
        raise ModuleNotFoundError("No module named 'openpyxl'", name="openpyxl")

    monkeypatch.setattr(plugin_module.importlib, "import_module", broken)
    backlog = load_backlog(site_project).backlog
    assert backlog is not None
    with pytest.raises(ModuleNotFoundError, match="openpyxl"):
        _plugin(site_project)._reports(backlog)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:
            return answer.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _wait_for(predicate, seconds: float) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.5)
    return False


@pytest.mark.slow
def test_serve_rebuilds_when_a_yaml_file_changes(site_project: Path) -> None:
    port = _free_port()
    url = f"http://127.0.0.1:{port}/backlog/E01/"
    process = subprocess.Popen(
        [sys.executable, "-m", "generators", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=site_project,
        env={**os.environ, "NO_COLOR": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert _wait_for(lambda: (_get(url) or "").find("Créer un compte") >= 0, 120), "the site was not served"
        epic = site_project / "backlog" / "epics" / "E01-compte.yaml"
        epic.write_text(
            epic.read_text(encoding="utf-8").replace("title: Créer un compte", "title: Ouvrir un compte"),
            encoding="utf-8",
        )
        assert _wait_for(lambda: "Ouvrir un compte" in (_get(url) or ""), 120), "no rebuild after a YAML change"
        mockup = site_project / "mockups" / "back-office" / "BO-offres.yaml"
        mockup.write_text(mockup.read_text(encoding="utf-8").replace("title: Offres", "title: Catalogue des offres"))
        screen = f"http://127.0.0.1:{port}/maquettes/BO-offres/"
        assert _wait_for(lambda: "Catalogue des offres" in (_get(screen) or ""), 120), "no rebuild for mockups/"
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def test_publishing_workflow_validates_builds_and_deploys() -> None:
    import yaml
    from sitehelpers import REPO

    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    commands = [step.get("run", "") for step in steps]
    assert commands.index("fanzone validate") < commands.index("fanzone build --strict")
    assert any("install-plantuml.sh" in command for command in commands)
    assert any(step.get("uses", "").startswith("actions/upload-pages-artifact") for step in steps)
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build" and deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages")
