"""`generators.cli.main`: one place maps every error to a message and an exit code; start-up stays light."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

import generators.cli as cli
from generators.errors import FanzoneError
from generators.jira.errors import JiraSyncError
from generators.load.git_history import GitUnavailable
from generators.load.yamlread import YamlProblem
from generators.site.build import SiteBuildError
from generators.site.engine import EngineNotFound
from generators.site.plantuml import DiagramError, RenderError

REPO = Path(__file__).resolve().parents[2]
HEAVY = ("matplotlib", "openpyxl", "jira", "mkdocs", "numpy")


def _run(*args: str, debug: bool = False) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
    env.pop("FANZONE_DEBUG", None)
    if debug:
        env["FANZONE_DEBUG"] = "1"
    return subprocess.run(
        [sys.executable, "-m", "generators", *args], cwd=REPO, env=env, capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize(
    "error",
    [
        FanzoneError("plain"),
        JiraSyncError("Jira answered 401", code=1),
        JiraSyncError("drift", code=3),
        GitUnavailable("git is not installed"),
        YamlProblem(3, "tab character in indentation"),
        SiteBuildError("the site was not built"),
        EngineNotFound("PlantUML not found"),
        RenderError([DiagramError("specs/a.md", 4, "Syntax Error?")]),
    ],
)
def test_every_user_facing_error_is_a_fanzone_error_with_one_message(error: FanzoneError) -> None:
    assert isinstance(error, FanzoneError)
    code, message = cli.error_exit(error)
    assert code == error.code and message == f"error: {error.message}" and "\n" not in message.splitlines()[0]


def test_jira_error_keeps_its_exit_code() -> None:
    assert cli.error_exit(JiraSyncError("pending", code=3))[0] == 3


def test_unexpected_error_names_the_debug_switch(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    def crash(**_: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(cli, "app", crash)
    monkeypatch.delenv("FANZONE_DEBUG", raising=False)
    with pytest.raises(SystemExit) as stopped:
        cli.main()
    assert stopped.value.code == 1
    assert "error: RuntimeError: boom (set FANZONE_DEBUG=1 for details)" in capsys.readouterr().err
    monkeypatch.setenv("FANZONE_DEBUG", "1")
    with pytest.raises(RuntimeError, match="boom"):
        cli.main()


def test_user_error_without_and_with_debug(tmp_path: Path) -> None:
    missing = str(tmp_path / "nowhere")
    quiet = _run("-C", missing, "validate")
    assert quiet.returncode == 1
    assert quiet.stderr.strip() == f"error: --root: {missing} is not a folder"
    assert "Traceback" not in quiet.stderr + quiet.stdout
    loud = _run("-C", missing, "validate", debug=True)
    assert loud.returncode == 1
    assert "Traceback (most recent call last)" in loud.stderr
    assert f"generators.errors.FanzoneError: --root: {missing} is not a folder" in loud.stderr


def test_usage_error_exits_2_even_with_debug() -> None:
    for debug in (False, True):
        result = _run("report", "gantt", "--format", "pdf", debug=debug)
        assert result.returncode == 2 and "Traceback" not in result.stderr


def _modules_after(*argv: str, env: dict[str, str] | None = None) -> set[str]:
    code = (
        "import sys\n"
        f"sys.argv = ['fanzone', *{list(argv)!r}]\n"
        "from generators.cli import main\n"
        "try:\n    main()\nexcept SystemExit as stop:\n    assert stop.code in (0, None), stop.code\n"
        "print('\\n'.join(sorted(sys.modules)), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **(env or {})},
    )
    assert done.returncode == 0, done.stderr
    return set(done.stderr.split())


def test_help_imports_no_heavy_library() -> None:
    for argv in (["--help"], ["report", "--help"], ["report", "gantt", "--help"], ["export", "--help"]):
        loaded = _modules_after(*argv)
        assert "generators.cli" in loaded
        heavy = sorted(m for m in loaded if m.split(".")[0] in HEAVY)
        assert not heavy, f"fanzone {' '.join(argv)} imported {heavy[:5]}"


def test_help_imports_no_rich() -> None:
    """Help is printed by Typer alone: Rich (50 ms of start-up) is imported when a command prints."""
    for argv in (["--help"], ["jira", "--help"], ["report", "--help"], ["baseline", "--help"]):
        loaded = _modules_after(*argv)
        assert "generators.cli" in loaded and "rich" not in loaded, f"fanzone {' '.join(argv)} imported rich"


def test_validate_imports_no_report_site_or_jira_library() -> None:
    # a `FANZONE_*` variable of its own: the inputs differ from any earlier run, so the project is loaded and checked
    run = {"FANZONE_TEST_RUN": uuid.uuid4().hex}
    loaded = _modules_after("validate", env=run)
    assert "generators.load.loader" in loaded
    heavy = sorted(m for m in loaded if m.split(".")[0] in ("matplotlib", "openpyxl", "jira", "mkdocs"))
    assert not heavy, heavy[:5]
    answered = _modules_after("validate", env=run)  # no input changed: the last outcome, shown again
    assert "generators.load.loader" not in answered and "generators.model" not in answered
    assert not any(m.split(".")[0] == "mkdocs" for m in answered)


def test_help_loads_no_model_nor_loader() -> None:
    """The data model (Pydantic schemas of every kind) and the loader are imported by the commands that load."""
    for argv in (["--help"], ["baseline", "--help"], ["diff", "--help"], ["approve", "--help"]):
        loaded = _modules_after(*argv)
        ours = sorted(m for m in loaded if m in ("generators.model", "generators.load", "generators.kinds"))
        assert not ours, f"fanzone {' '.join(argv)} imported {ours}"
    assert "pydantic" not in _modules_after("--help")


def test_the_process_freezes_what_is_alive_at_its_exit() -> None:
    """The collector's last passes at the exit are skipped: every object is frozen once the command is done (the
    exit handler registered before `main` runs after `main`'s own)."""
    code = (
        "import atexit, gc, sys\n"
        "atexit.register(lambda: print('frozen', gc.get_freeze_count() > 1000, file=sys.stderr))\n"
        "sys.argv = ['fanzone', '--help']\n"
        "from generators.cli import main\n"
        "main()\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "frozen True" in done.stderr
    assert "Usage" in done.stdout
