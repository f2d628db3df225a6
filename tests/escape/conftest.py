"""Fixtures of the escape tests: helpers (sheetkit.py, escapehelpers.py) importable from this folder, a real
PlantUML renderer, secrets a hostile label would try to read."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from escapehelpers import REPO, Secrets

from generators.site import engine as engine_module
from generators.site.engine import DEFAULT_JAR, ENV_VAR, Engine, EngineNotFound, resolve_engine
from generators.site.plantuml import Renderer


@pytest.fixture(scope="session")
def secrets(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Secrets]:
    folder = tmp_path_factory.mktemp("s")
    file, json_file = folder / "s.txt", folder / "s.json"
    file.write_text("FZSECRETFILE\n", encoding="utf-8")
    json_file.write_text('{"k": "FZSECRETJSON"}', encoding="utf-8")
    saved = os.environ.get("FZ_SECRET")
    os.environ["FZ_SECRET"] = "FZSECRETENV"
    yield Secrets(file, json_file, "FZ_SECRET", ("FZSECRETFILE", "FZSECRETJSON", "FZSECRETENV"))
    if saved is None:
        os.environ.pop("FZ_SECRET", None)
    else:
        os.environ["FZ_SECRET"] = saved


@pytest.fixture(scope="session")
def plantuml(tmp_path_factory: pytest.TempPathFactory) -> Renderer:
    """The pinned jar (or FANZONE_PLANTUML), with a cache of its own: every diagram is really rendered."""
    jar = REPO / DEFAULT_JAR
    try:
        engine = resolve_engine(REPO, None if os.environ.get(ENV_VAR) or not jar.is_file() else str(jar))
    except EngineNotFound as exc:
        pytest.fail(f"these tests need PlantUML: {exc}")
    return Renderer(engine, tmp_path_factory.mktemp("plantuml-cache"))


@pytest.fixture(scope="session")
def unsandboxed(plantuml: Renderer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Renderer]:
    """The same jar without PlantUML's sandbox: what `plantuml_label` alone must hold against."""
    command = tuple(part for part in plantuml.engine.command if not part.startswith("-DPLANTUML_SECURITY_PROFILE"))
    engine = Engine(command, "tests without the sandbox")
    saved = engine_module.SECURITY_PROFILE
    engine_module.SECURITY_PROFILE = "UNSECURE"  # read by Engine.environment() at each run
    try:
        yield Renderer(engine, tmp_path_factory.mktemp("plantuml-cache-unsandboxed"))
    finally:
        engine_module.SECURITY_PROFILE = saved
