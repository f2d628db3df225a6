"""The shipped project built once by `fanzone build` (in-process), with the expensive steps counted."""

from __future__ import annotations

import os
import shutil
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parent))

from shippedbuild import ShippedBuild

REPO = Path(__file__).resolve().parents[2]
SHIPPED = ("backlog", "specs", "mockups", "includes", "mkdocs.yml")


def _counted(calls: Counter[str], name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        calls[name] += 1
        return function(*args, **kwargs)

    return wrapper


def _wrap_everywhere(mp: pytest.MonkeyPatch, calls: Counter[str], name: str, function: Callable[..., Any]) -> None:
    """Replace `function` in every loaded module of the toolkit that holds it, so no caller escapes the count."""
    wrapper = _counted(calls, name, function)
    for module_name, module in list(sys.modules.items()):
        if module_name == "generators" or module_name.startswith("generators."):
            for attribute, value in list(vars(module).items()):
                if value is function:
                    mp.setattr(module, attribute, wrapper)


@pytest.fixture(scope="session")
def shipped_build(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ShippedBuild]:
    import generators.cli as cli
    import generators.exports.json_export
    import generators.exports.workbook
    import generators.reports.kanban
    import generators.reports.pages
    import generators.site.plugin
    from generators.load import git_history, loader
    from generators.plan import schedule
    from generators.site.engine import DEFAULT_JAR

    root = tmp_path_factory.mktemp("shipped") / "project"
    root.mkdir()
    for name in SHIPPED:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        else:
            shutil.copy(source, root / name)
    calls: Counter[str] = Counter()
    mp = pytest.MonkeyPatch()
    env = {"FANZONE_PLANTUML_CACHE": str(REPO / ".cache" / "plantuml-tests"), "NO_MKDOCS_2_WARNING": "1"}
    if (REPO / DEFAULT_JAR).is_file():
        env["FANZONE_PLANTUML"] = str(REPO / DEFAULT_JAR)
    try:
        for key, value in env.items():
            mp.setenv(key, value)
        _wrap_everywhere(mp, calls, "load", loader.load_backlog)
        _wrap_everywhere(mp, calls, "schedule", schedule)
        _wrap_everywhere(mp, calls, "history", git_history.read_status_history)
        _wrap_everywhere(mp, calls, "kanban", generators.reports.kanban.build_board)
        mp.chdir(root)
        site = root / "site"
        result = CliRunner().invoke(cli.app, ["build", "--site-dir", str(site)])
        yield ShippedBuild(root, site, calls, result.exit_code, result.output)
    finally:
        mp.undo()
        os.environ.pop("FANZONE_DEBUG", None)
