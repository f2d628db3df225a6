"""Spreadsheet cells hold user text as text (never a formula, never a crash); sheet names Excel accepts."""

from __future__ import annotations

import copy
import csv
import datetime as dt
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from loadhelpers import edit
from openpyxl import Workbook
from sheetkit import HOSTILE, cells, workbooks, write_all

from generators.escape.sheet import cell_text, row, set_text, sheet_name, text_cell
from generators.load import load_backlog
from generators.model import Backlog
from generators.reports.xlsx_kit import cell, to_bytes

TODAY = dt.date(2025, 4, 25)
E01 = "backlog/epics/E01-compte.yaml"


def _load(root: Path) -> Backlog:
    result = load_backlog(root)
    assert result.backlog is not None, [str(f) for f in result.errors]
    return result.backlog


def _one_cell(value: object) -> tuple[object, str]:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("S")
    ws.append(row(ws, [value]))
    ((_, _, read, kind),) = cells(to_bytes(wb))
    return read, kind


@pytest.mark.parametrize("text", HOSTILE)
def test_formula_prefixes_stay_text(text: str) -> None:
    assert _one_cell(text) == (text, "s")


def test_a_cell_made_a_formula_elsewhere_is_written_as_text() -> None:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("S")
    ws.append(row(ws, [cell(ws, "=1+1"), text_cell(ws, "=2+2"), 3]))
    assert [(v, t) for _, _, v, t in cells(to_bytes(wb))] == [("=1+1", "s"), ("=2+2", "s"), (3, "n")]


def test_formula_like_text_gets_the_quote_prefix_flag() -> None:
    wb = Workbook()
    ws = wb.active
    set_text(ws["A1"], "=1+1")
    set_text(ws["A2"], "texte")
    assert ws["A1"].quotePrefix and not ws["A2"].quotePrefix
    assert ws["A1"].data_type == "s"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("a\x1b[31mb\x07c", "a[31mbc"),
        ("tab\tnl\ncr\r", "tab\tnl\ncr\r"),
        ("\x00\x85\x9f\ufffe", ""),
        ("\ud800x", "\ufffdx"),
    ],
)
def test_control_characters_never_raise(text: str, shown: str) -> None:
    assert cell_text(text) == shown
    if shown:
        assert _one_cell(text) == (shown, "s")


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("E01 Compte", "E01 Compte"),
        ("E01 a[b]c:d*e?f/g\\h", "E01 a b c d e f g h"),
        ("'E01 cité'", "E01 cité"),
        ("E01 " + "x" * 40, "E01 " + "x" * 27),
        ("E01 " + "x" * 26 + " 'y", "E01 " + "x" * 26),
        ("", "Feuille"),
        ("[]:*?", "Feuille"),
        ("History", "Feuille History"),
        ("a\x1bb", "ab"),
    ],
)
def test_sheet_names_excel_accepts(title: str, expected: str) -> None:
    assert sheet_name(title, set()) == expected


def test_sheet_names_are_unique_and_never_end_with_an_apostrophe() -> None:
    used: set[str] = set()
    names = [sheet_name("E01 " + "x" * 24 + "'abcdef", used) for _ in range(12)]
    assert len({n.casefold() for n in names}) == 12
    assert all(len(n) <= 31 and not n.endswith("'") and not n.startswith("'") for n in names)


def _hostile_project(root: Path) -> Path:
    edit(root / E01, "title: Compte et authentification", f"title: '{HOSTILE[0]}'")
    edit(root / E01, "title: Créer un compte", "title: '@SUM(1)'")
    edit(root / E01, "i_want: créer un compte avec mon e-mail", "i_want: '+1'")
    edit(root / E01, "so_that: je puisse m'abonner", "so_that: '-1'")
    edit(root / E01, "title: Se connecter", "title: \"=cmd|' /C calc'!A0\"")
    return root


def test_every_workbook_keeps_hostile_titles_as_text(mini_project: Path) -> None:
    books = workbooks(_load(_hostile_project(mini_project)), TODAY)
    for name, data in books.items():
        found = cells(data)
        assert not [c for c in found if c[3] == "f"], f"formula cell in {name}"
        texts = "\n".join(str(c[2]) for c in found)
        for text in (HOSTILE[0], "@SUM(1)", "=cmd|' /C calc'!A0"):
            assert text in texts, (name, text)
    backlog_texts = {c[2] for c in cells(books["backlog"])}
    assert {"+1", "-1", "@SUM(1)", HOSTILE[0]} <= backlog_texts


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_reads_the_text_not_a_formula(mini_project: Path, tmp_path: Path) -> None:
    paths = write_all(tmp_path / "xlsx", workbooks(_load(_hostile_project(mini_project)), TODAY))
    out = tmp_path / "csv"
    profile = tmp_path / "lo-profile"
    # 44,34,76,1,,0,false,true,false,false,false,-1: comma, quote, UTF-8, …, -1 = every sheet in its own file
    done = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
         "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
         "--outdir", str(out), *map(str, paths)],
        capture_output=True, text=True, timeout=240, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    sheets = list(out.glob("backlog*.csv"))
    assert sheets, done.stdout + done.stderr
    values = {v for path in sheets for line in csv.reader(path.open(encoding="utf-8")) for v in line}
    assert {HOSTILE[0], "@SUM(1)", "+1", "=cmd|' /C calc'!A0"} <= values  # a formula would show "y", 1, #NAME?
    assert "y" not in values


TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)) | st.sampled_from("=+-@\t\r\n\x1b\x07\x00\x85"),
    max_size=40,
)
FORMULA_TEXT = st.sampled_from(["=", "+", "-", "@", "\t", "\r"]).flatmap(lambda p: TEXT.map(lambda t: p + t))
RUNS: list[float] = []


@pytest.fixture(scope="module")
def base_backlog(tmp_path_factory: pytest.TempPathFactory) -> Backlog:
    target = tmp_path_factory.mktemp("sheet") / "project"
    shutil.copytree(Path(__file__).resolve().parents[1] / "fixtures" / "mini", target)
    return _load(target)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXT | FORMULA_TEXT)
def test_any_text_in_every_field_is_text_in_every_workbook(base_backlog: Backlog, text: str) -> None:
    """Arbitrary Unicode (formula prefixes, control characters) in every text field: no formula cell anywhere,
    and the text, minus the characters a cell cannot hold, is in the workbooks."""
    started = time.perf_counter()
    backlog = copy.deepcopy(base_backlog)
    epic = backlog.epics[0]
    story = epic.stories[0]
    for target, name in [(epic, "title"), (story, "title"), (story, "i_want"), (story, "so_that"), (story, "notes")]:
        target.__dict__[name] = text  # unvalidated, as text from Jira can be
    for name, data in workbooks(backlog, TODAY).items():
        found = cells(data)
        assert not [c for c in found if c[3] == "f"], name
        everything = "\n".join(str(c[2]) for c in found)
        if name == "backlog":
            assert cell_text(text) in everything
    RUNS.append(time.perf_counter() - started)


def test_zz_report_property_runs() -> None:
    if RUNS:
        print(f"\nsheet property: {len(RUNS)} examples, {sum(RUNS):.1f} s")
