"""Terminal output shows user, file and Jira text as text: no Rich markup, no control code, nothing lost.

Rich markup comes through the YAML (titles are free text); control characters are refused by validation,
so they are fed to the terminal reports through Backlog objects built directly (as text coming back from
Jira would be) and to `validate` through file names.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console
from typer.testing import CliRunner

from generators.cli import app
from generators.escape.terminal import terminal_text
from generators.load import load_backlog
from generators.model import Backlog
from generators.plan import schedule, today_for
from generators.reports.gantt_term import gantt_renderable
from generators.reports.kanban import build_board
from generators.reports.kanban_views import board_renderable

REPO = Path(__file__).resolve().parents[2]
MINI = REPO / "tests" / "fixtures" / "mini"
TODAY = ["--today", "2025-04-25"]
CONTROLS = {chr(c) for c in [*range(0x20), 0x7F, *range(0x80, 0xA0)]} - {"\n"}
MARKUP = "[/] [bold]x[/bold] [red]"


def _squeeze(text: str) -> str:
    return "".join(text.split())


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_markup_in_yaml_titles_is_printed_literally(fanzone: Callable, mini_project: Path) -> None:
    epics = mini_project / "backlog" / "epics"
    _edit(epics / "E02-offres.yaml", "title: Offres et tarifs", "title: '[/]Offres [b]x'")
    _edit(epics / "E02-offres.yaml", "title: Créer une offre", f"title: '{MARKUP}'")
    _edit(mini_project / "backlog" / "project.yaml", "name: Lancement bêta", "name: 'Bêta [/] [blink]'")
    root = ["-C", str(mini_project)]
    kanban = fanzone(*root, "report", "kanban", *TODAY)
    assert kanban.returncode == 0, kanban.stderr
    assert MARKUP in kanban.stdout and "[/]Offres [b]x" in kanban.stdout
    gantt = fanzone(*root, "report", "gantt", *TODAY)
    assert gantt.returncode == 0, gantt.stderr
    assert "[/]Offres [b]x" in gantt.stdout and "Bêta [/] [blink]" in gantt.stdout
    valid = fanzone(*root, "validate")
    assert valid.returncode == 0 and "Traceback" not in valid.stderr


def test_unknown_reference_with_markup_is_reported_literally(fanzone: Callable, mini_project: Path) -> None:
    _edit(mini_project / "backlog" / "epics" / "E02-offres.yaml", "status: À faire", "status: '[/]bad'")
    result = fanzone("-C", str(mini_project), "validate")
    assert result.returncode == 1 and "[/]bad" in result.stderr and "Traceback" not in result.stderr


_BASE = load_backlog(MINI).backlog
# one-line text (a line feed is kept, so a title with one spans two table rows and cannot be found as one string)
texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\n"), max_size=10)


def _render(renderable: object) -> str:
    out = io.StringIO()
    Console(file=out, width=400, color_system=None, highlight=False, emoji=False).print(renderable)
    return out.getvalue()


def _backlog(story_title: str, epic_title: str, assignee: str, milestone: str) -> Backlog:
    assert _BASE is not None
    epic = _BASE.epics[1]
    story = epic.stories[0].model_copy(update={"title": story_title, "assignee": assignee})
    epics = [_BASE.epics[0], epic.model_copy(update={"title": epic_title, "stories": [story]})]
    project = _BASE.project.model_copy(
        update={"milestones": [_BASE.project.milestones[0].model_copy(update={"name": milestone})]}
    )
    backlog = Backlog(project, _BASE.personas, epics, _BASE.screens, _BASE.rules, root=_BASE.root)
    backlog.reindex()
    return backlog


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(story_title=texts, epic_title=texts, assignee=texts, milestone=texts)
def test_terminal_reports_show_any_text_without_control_codes(
    story_title: str, epic_title: str, assignee: str, milestone: str
) -> None:
    import datetime as dt

    backlog = _backlog(story_title, epic_title, assignee, milestone)
    plan = schedule(backlog, today_for(backlog.project, dt.date(2025, 4, 25)))
    board = _render(board_renderable(build_board(backlog, plan)))
    gantt = _render(gantt_renderable(backlog, plan))
    for shown in (board, gantt):
        assert not CONTROLS & set(shown), repr(shown)
    assert _squeeze(terminal_text(story_title)) in _squeeze(board)
    assert _squeeze(terminal_text(epic_title)) in _squeeze(board)
    assert _squeeze(terminal_text(epic_title)) in _squeeze(gantt)
    assert _squeeze(terminal_text(milestone)) in _squeeze(gantt)


file_names = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="/\x00\n"), min_size=1, max_size=20
).filter(lambda name: len(name.encode("utf-8")) < 200)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=file_names)
def test_validate_shows_any_file_name_without_control_codes(tmp_path: Path, name: str) -> None:
    import shutil

    root = tmp_path / "p"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(MINI, root)
    epics = root / "backlog" / "epics"
    (epics / f"E01-{name}.yaml").write_bytes((epics / "E01-compte.yaml").read_bytes())
    result = CliRunner().invoke(app, ["-C", str(root), "validate"])
    assert result.exit_code == 1, result.output  # the copy repeats the id E01
    shown = result.stdout + result.stderr
    assert not CONTROLS & set(shown), repr(shown)
    assert _squeeze(terminal_text(f"E01-{name}.yaml")) in _squeeze(shown)
