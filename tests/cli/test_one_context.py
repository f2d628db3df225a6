"""Each command builds one project context (and hands it to the generators): the backlog is loaded, scheduled
and its history read once at most."""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from reports.reportkit import HISTORY
from typer.testing import CliRunner

TODAY = ["--today", "2025-04-25"]


def _wrap_everywhere(mp: pytest.MonkeyPatch, calls: Counter[str], name: str, function: Callable[..., Any]) -> None:
    """Replace `function` in every loaded toolkit module that holds it, so that no caller escapes the count."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        calls[name] += 1
        return function(*args, **kwargs)

    for module_name, module in list(sys.modules.items()):
        if module_name == "generators" or module_name.startswith("generators."):
            for attribute, value in list(vars(module).items()):
                if value is function:
                    mp.setattr(module, attribute, wrapper)


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    # every module that could load, schedule or read the history is imported first, so all are wrapped
    import generators.cli.export_outputs
    import generators.cli.report_outputs
    import generators.context
    import generators.exports.workbook
    import generators.plan.export
    import generators.reports.flow
    from generators.load import git_history, loader
    from generators.plan import schedule

    calls: Counter[str] = Counter()
    init = generators.context.ProjectContext.__init__

    def counted_init(self: Any, *args: Any, **kwargs: Any) -> None:
        calls["context"] += 1
        init(self, *args, **kwargs)

    monkeypatch.setattr(generators.context.ProjectContext, "__init__", counted_init)
    _wrap_everywhere(monkeypatch, calls, "load", loader.load_backlog)
    _wrap_everywhere(monkeypatch, calls, "schedule", schedule)
    _wrap_everywhere(monkeypatch, calls, "history", git_history.read_status_history)
    return calls


def _run(project: Path, *args: str) -> str:
    from generators.cli import app

    result = CliRunner().invoke(app, ["-C", str(project), *args])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["report", "gantt", *TODAY], {"context": 1, "load": 1, "schedule": 1}),
        (["report", "gantt", "-f", "json", *TODAY], {"context": 1, "load": 1, "schedule": 1}),
        (["report", "kanban", *TODAY], {"context": 1, "load": 1, "schedule": 1}),
        (["report", "burndown", *TODAY], {"context": 1, "load": 1, "schedule": 1, "history": 1}),
        (["report", "burndown", "-f", "json", *TODAY], {"context": 1, "load": 1, "schedule": 1, "history": 1}),
        (["export", "json"], {"context": 1, "load": 1, "schedule": 1}),
        (["export", "csv"], {"context": 1, "load": 1}),
    ],
    ids=lambda v: " ".join(v) if isinstance(v, list) else "",
)
def test_a_command_loads_schedules_and_reads_history_once(
    counted: Counter[str], mini_project: Path, args: list[str], expected: dict[str, int]
) -> None:
    (mini_project / "backlog" / "history.json").write_text(json.dumps(HISTORY), encoding="utf-8")
    _run(mini_project, *args)
    assert dict(counted) == expected


def test_export_xlsx_schedules_once(counted: Counter[str], mini_project: Path, tmp_path: Path) -> None:
    target = tmp_path / "backlog.xlsx"
    _run(mini_project, "export", "xlsx", "-o", str(target))
    assert target.is_file()
    assert dict(counted) == {"context": 1, "load": 1, "schedule": 1}
