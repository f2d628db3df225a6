"""The registry of outputs: the CLI, the README and the site's downloads all follow `generators/outputs.py`."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from generators.cli import app
from generators.load import load_backlog
from generators.outputs import OUTPUTS, get, outputs, resolve, site_downloads

REPO = Path(__file__).resolve().parent.parent
MINI = REPO / "tests" / "fixtures" / "mini"
ROW = re.compile(r"^\| `(fanzone [^`]+)` \| ([^|]*) \|", re.M)


def _readme_rows() -> dict[str, str]:
    return {command: formats.strip() for command, formats in ROW.findall((REPO / "README.md").read_text("utf-8"))}


def test_readme_documents_every_registered_output_and_nothing_else() -> None:
    rows = _readme_rows()
    documented = {c for c in rows if c.split()[1] in {o.group for o in OUTPUTS} or c in {o.command for o in OUTPUTS}}
    assert documented == {o.command for o in OUTPUTS}
    for output in OUTPUTS:
        assert rows[output.command] == ", ".join(output.format_names), output.command
    others = {c: f for c, f in rows.items() if c not in documented}
    assert others and not any(others.values())  # only outputs have formats


def _help(*args: str) -> str:
    result = CliRunner().invoke(app, [*args, "--help"], terminal_width=500)
    assert result.exit_code == 0, result.output
    return " ".join(result.output.split())


def test_cli_choices_and_help_come_from_the_registry() -> None:
    names = {o.name for o in outputs("report")}
    listed = _help("report")
    assert all(f"{o.name} ({', '.join(o.format_names)})" in listed for o in outputs("report"))
    for output in outputs("report"):
        shown = _help("report", output.name)
        assert f"--format <{'|'.join(output.format_names)}>" in shown
        assert " ".join(output.help.split()) in shown
        assert all(f.default_file in shown for f in output.formats if f.default_file)
        unknown = sorted({"terminal", "xlsx", "svg", "md", "json", "pdf"} - set(output.format_names))[0]
        refused = CliRunner().invoke(app, ["report", output.name, "--format", unknown])
        assert refused.exit_code == 2, (output.name, unknown)
    assert names == {"gantt", "kanban", "burndown", "forecast"}
    assert "<json|csv|xlsx|pdf>" in _help("export") and "xlsx to fanzone-backlog.xlsx" in _help("export")
    diff = _help("diff")
    assert "<terminal|json|md>" in diff and " ".join(get("", "diff").help.split()) in diff
    assert CliRunner().invoke(app, ["diff", "--format", "xlsx"]).exit_code == 2


def test_every_target_is_a_function_taking_run_output_and_format() -> None:
    for output in OUTPUTS:
        for fmt in output.formats:
            handler = resolve(fmt.target)
            assert callable(handler) and handler.__code__.co_varnames[:3] == ("run", "output", "fmt"), fmt.target


def test_site_downloads_are_what_the_site_builds() -> None:
    from generators.context import ProjectContext
    from generators.reports.pages import site_assets

    backlog = load_backlog(MINI).backlog
    assert backlog is not None
    built = {path for path in site_assets(ProjectContext(MINI, backlog)) if path.startswith("downloads/")}
    built.add("downloads/fanzone-backlog.xlsx")  # added by the plugin from the exports generator
    built.add("downloads/fanzone-specification.pdf")  # printed into the built site by `build --pdf`, `export pdf`
    offered = site_downloads()
    assert {d.path for d in offered} == built
    assert all(d.label.endswith("(PDF)" if d.path.endswith(".pdf") else "(Excel)") for d in offered)
