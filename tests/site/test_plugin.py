"""The plugin's wiring: the reports' planning pages when present, its options, `fanzone serve` live reload."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import get_files
from sitehelpers import REPO, stop

from generators.context import ProjectContext
from generators.load import load_backlog
from generators.site import plugin as plugin_module
from generators.site import reports_wiring
from generators.site.engine import DEFAULT_JAR
from generators.site.pages_backlog import LatePage
from generators.site.plugin import FanzonePlugin


def _plugin(root: Path) -> FanzonePlugin:
    plugin = FanzonePlugin()
    plugin.root = root
    return plugin


def _context(root: Path) -> ProjectContext:
    backlog = load_backlog(root).backlog
    assert backlog is not None
    return ProjectContext(root, backlog)


PLANNING_PAGES = ["planning/index.md", "planning/prevision.md", "planning/kanban.md", "planning/burndown.md"]


def test_planning_pages_come_from_the_reports_package(site_project: Path) -> None:
    ctx = _context(site_project)
    pages, assets = plugin_module.planning_pages(ctx, False), reports_wiring.report_assets(ctx)
    assert [isinstance(page, LatePage) for page in pages] == [False, True, False, False]  # the forecast: last
    pages = [page.made() if isinstance(page, LatePage) else page for page in pages]
    forecast = plugin_module.forecast_headline(ctx)
    assert [page.path for page in pages] == PLANNING_PAGES
    assert [page.title for page in pages] == ["Planning", "Prévision", "Kanban", "Burndown et flux"]
    assert "# Kanban\n" in pages[2].markdown and pages[1].markdown.startswith("# Prévision")
    assert forecast is not None and forecast.startswith("Pas de date de fin probable")  # no history here
    # the reports' workbooks, plus the exports' backlog workbook that the plugin adds itself (no history: no chart)
    assert set(assets) == {
        "downloads/fanzone-gantt.xlsx",
        "downloads/fanzone-kanban.xlsx",
        "downloads/fanzone-backlog.xlsx",
    }
    assert all(data.startswith(b"PK") for data in assets.values())  # xlsx files are zip archives


def test_missing_reports_package_is_skipped(site_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(name: str) -> object:
        raise ModuleNotFoundError(f"No module named {name!r}", name=name)

    monkeypatch.setattr(reports_wiring.importlib, "import_module", missing)
    ctx = _context(site_project)
    found = (
        plugin_module.planning_pages(ctx, False),
        reports_wiring.report_assets(ctx),
        plugin_module.forecast_headline(ctx),
    )
    assert found == ([], {}, None)


def test_an_error_inside_the_reports_package_is_not_hidden(site_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(name: str) -> object:
        raise ModuleNotFoundError("No module named 'openpyxl'", name="openpyxl")

    monkeypatch.setattr(reports_wiring.importlib, "import_module", broken)
    with pytest.raises(ModuleNotFoundError, match="openpyxl"):
        plugin_module.planning_pages(_context(site_project), False)


# --- the plugin's options (each test fails if its option is ignored) --------------------------------------
def _configured(config_file: Path, **options: object) -> tuple[MkDocsConfig, FanzonePlugin]:
    """mkdocs.yml loaded as MkDocs does, the fanzone options overridden, then the plugin's `on_config`."""
    config = load_config(config_file=str(config_file))
    plugin = config.plugins["fanzone"]
    assert isinstance(plugin, FanzonePlugin)
    for name, value in options.items():
        plugin.config[name] = value
    config = plugin.on_config(config)
    return config, plugin


def _generate(config: MkDocsConfig, plugin: FanzonePlugin) -> None:
    """The plugin's `on_pre_build`, as MkDocs runs it: the generation step, then the navigation."""
    plugin.on_pre_build(config)
    assert {file.src_uri for file in get_files(config)} >= set(plugin.generated)  # MkDocs reads the tree


def test_option_plantuml_names_the_engine(site_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FANZONE_PLANTUML", raising=False)  # the environment variable would win
    with pytest.raises(PluginError, match=r"no-such-plantuml\.jar"):
        _configured(site_project / "mkdocs.yml", plantuml="no-such-plantuml.jar")
    _, plugin = _configured(site_project / "mkdocs.yml", plantuml=str(REPO / DEFAULT_JAR))
    assert plugin.renderer is not None
    assert str((REPO / DEFAULT_JAR).resolve()) in plugin.renderer.engine.command


def test_option_cache_dir(site_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FANZONE_PLANTUML_CACHE", raising=False)  # the environment variable would win
    _, plugin = _configured(site_project / "mkdocs.yml", cache_dir="diagram-cache")
    assert plugin.renderer is not None
    assert plugin.renderer.cache_dir == site_project / "diagram-cache"


def test_option_root_locates_the_backlog(site_project: Path) -> None:
    sub = site_project / "site-config"
    sub.mkdir()
    text = (site_project / "mkdocs.yml").read_text(encoding="utf-8").replace("docs_dir: specs", "docs_dir: ../specs")
    (sub / "mkdocs.yml").write_text(text, encoding="utf-8")
    config, plugin = _configured(sub / "mkdocs.yml", root="..")
    assert plugin.root == site_project.resolve()
    plugin.on_pre_build(config)
    assert plugin.context is not None and plugin.context.backlog.project.name == "Fanzone TV — mini"


def test_option_spec_nav_orders_the_specification(site_project: Path) -> None:
    (site_project / "specs" / "glossaire.md").write_text("# Glossaire\n", encoding="utf-8")
    (site_project / "specs" / "annexe.md").write_text("# Annexe\n", encoding="utf-8")
    config, plugin = _configured(site_project / "mkdocs.yml", spec_nav=["glossaire.md", "index.md"])
    _generate(config, plugin)
    specs = next(item["Spécifications"] for item in config.nav if "Spécifications" in item)
    # as configured (the spec index is served as specifications.md), then the others by name
    assert specs == ["glossaire.md", "specifications.md", "annexe.md"]


@pytest.mark.parametrize("planning", [True, False])
def test_option_planning_embeds_the_reports(site_project: Path, planning: bool) -> None:
    config, plugin = _configured(site_project / "mkdocs.yml", planning=planning)
    _generate(config, plugin)
    tabs = [next(iter(item)) for item in config.nav]
    assert ("Planning" in tabs) is planning
    assert all((path in plugin.generated) is planning for path in PLANNING_PAGES)


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
    url = f"http://127.0.0.1:{port}/backlog/E01.html"
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
        screen = f"http://127.0.0.1:{port}/maquettes/BO-offres.html"
        assert _wait_for(lambda: "Catalogue des offres" in (_get(screen) or ""), 120), "no rebuild for mockups/"
    finally:
        stop(process)


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
