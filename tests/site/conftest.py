"""Fixtures of the site tests: sample projects ready to build, PlantUML settings, a built site served locally,
and the one headless Debian Chromium (Playwright) every browser test shares."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sitehelpers import ARTIFACTS, REPO, make_project

# the one local static server and Chromium set-up (the PDF printer uses them too)
from generators.pdf.chromium import ARGS as CHROMIUM_ARGS
from generators.pdf.chromium import CHROMIUM, serve
from generators.site.engine import DEFAULT_JAR, EngineNotFound, resolve_engine


@pytest.fixture(scope="session")
def plantuml_env() -> Iterator[dict[str, str]]:
    """Use the pinned jar when installed, and one render cache for the whole test session."""
    env = {"FANZONE_PLANTUML_CACHE": str(REPO / ".cache" / "plantuml-tests"), "NO_MKDOCS_2_WARNING": "1"}
    jar = REPO / DEFAULT_JAR
    if jar.is_file() and not os.environ.get("FANZONE_PLANTUML"):
        env["FANZONE_PLANTUML"] = str(jar)
    saved = {key: os.environ.get(key) for key in env}
    os.environ.update(env)
    try:
        resolve_engine(REPO)
    except EngineNotFound as exc:
        pytest.fail(f"the site tests need PlantUML: {exc}")
    yield env
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture
def site_project(tmp_path: Path, plantuml_env: dict[str, str]) -> Path:
    return make_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory, plantuml_env: dict[str, str]) -> Path:
    """The sample project built once for the session (its site/ folder)."""
    from generators.site.build import build_site

    project = make_project(tmp_path_factory.mktemp("built") / "project")
    build_site(project)
    return project / "site"


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site served by a local http.server thread."""
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless Chromium for every browser test of the session (each test opens its own context)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory, plantuml_env: dict[str, str]) -> Path:
    """The repository's project built with plain `mkdocs build` (as a reader would receive it)."""
    site = tmp_path_factory.mktemp("shipped") / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(REPO / "mkdocs.yml"), "-d", str(site)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return site
