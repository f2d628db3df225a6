"""Fixtures of the Jira sync tests: a fake Jira over HTTP (Cloud or Server mode), writable projects, and a way to
run `fanzone` in-process (fast) or in a subprocess (for SIGKILL)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
MINI = REPO / "tests" / "fixtures" / "mini"
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from jirafake import FakeJira  # noqa: E402
from jirafake.backlog_gen import make_backlog  # noqa: E402

FAST = {"FANZONE_JIRA_BACKOFF_SCALE": "0.02", "NO_COLOR": "1", "COLUMNS": "200"}


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def _start(mode: str, **kwargs: object) -> Iterator[FakeJira]:
    fake = FakeJira(mode, **kwargs).start()  # type: ignore[arg-type]
    try:
        yield fake
    finally:
        fake.stop()


@pytest.fixture
def cloud() -> Iterator[FakeJira]:
    yield from _start("cloud")


@pytest.fixture
def server() -> Iterator[FakeJira]:
    yield from _start("server")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    target = tmp_path / "mini"
    shutil.copytree(MINI, target)
    return target


@pytest.fixture
def big_project(tmp_path: Path) -> Path:
    """The mini project plus 3 epics of 40 stories: 5 epics, 123 stories, 119 Blocks links."""
    return make_backlog(MINI, tmp_path / "big", epics=3, stories_per_epic=40)


@pytest.fixture
def jira() -> Callable[..., Run]:
    """Run `fanzone -C <root> jira ...` in-process, as `main()` would (user errors become exit 1 + message)."""
    from generators.cli import app
    from generators.cli.common import UserError

    def run(root: Path, *args: str, fake: FakeJira | None = None, env: dict[str, str] | None = None) -> Run:
        full_env = {**FAST, **(fake.env() if fake else {}), **(env or {})}
        runner = CliRunner()
        result = runner.invoke(app, ["-C", str(root), *args], env=full_env, catch_exceptions=True)
        stderr = result.stderr
        code = result.exit_code
        if isinstance(result.exception, UserError):
            stderr += f"error: {result.exception.message}\n"
            code = result.exception.code
        elif result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        return Run(code, result.stdout, stderr)

    return run


def run_subprocess(root: Path, *args: str, fake: FakeJira, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    full_env = {**os.environ, **FAST, **fake.env(), **(env or {})}
    full_env.pop("FANZONE_DEBUG", None)
    return subprocess.Popen(
        [sys.executable, "-m", "generators", "-C", str(root), *args],
        cwd=REPO,
        env=full_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
