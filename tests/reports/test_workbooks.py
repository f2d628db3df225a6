"""Excel outputs read back with openpyxl: Gantt timeline, Kanban board, whole-backlog export."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

from loadhelpers import edit
from openpyxl import load_workbook
from reportkit import E01, E02, STATUS_DATE

from generators.exports.workbook import sheet_title, write_backlog_workbook
from generators.load import load_backlog
from generators.model import Backlog
from generators.plan import schedule
from generators.reports.filters import StoryFilter
from generators.reports.gantt_xlsx import write_gantt_xlsx
from generators.reports.kanban import build_board
from generators.reports.kanban_xlsx import write_kanban_xlsx


def _load(root: Path) -> Backlog:
    backlog = load_backlog(root).backlog
    assert backlog is not None
    return backlog


def _fill(cell) -> str | None:  # type: ignore[no-untyped-def]
    return cell.fill.fgColor.rgb[-6:] if cell.fill is not None and cell.fill.fill_type == "solid" else None


def test_gantt_timeline_has_weekly_bars_frozen_panes_and_outline(mini_project: Path, tmp_path: Path) -> None:
    backlog = _load(mini_project)
    plan = schedule(backlog, STATUS_DATE)
    target = write_gantt_xlsx(backlog, plan, tmp_path / "out" / "gantt.xlsx")
    wb = load_workbook(target)
    assert wb.sheetnames == ["Gantt", "Données", "Sprints", "Jalons", "Périmètre"]
    ws = wb["Gantt"]
    assert ws.freeze_panes == "F3"
    assert [c.value for c in ws[2][:5]] == ["ID", "Nom", "Début", "Fin prévisionnelle", "%"]
    weeks = [c.value.date() for c in ws[2][5:]]
    assert weeks[0] == dt.date(2025, 3, 3) and all((b - a).days == 7 for a, b in itertools.pairwise(weeks))
    ids = [ws.cell(row=r, column=1).value for r in range(3, ws.max_row + 1)]
    phases = ["cadrage", "conception", "developpement", "recette"]
    assert ids == [*phases, "E01", "E01-S01", "E01-S02", "E02", "E02-S01", "M01"]
    rows = {ws.cell(row=r, column=1).value: r for r in range(3, ws.max_row + 1)}
    assert ws.row_dimensions[rows["E01-S01"]].outlineLevel == 1 and not ws.row_dimensions[rows["E01"]].outlineLevel
    # E01-S01 is done in sprint 1 (7 to 18 April): weeks of 7 and 14 April are filled, with the done colour
    column = {week: index + 6 for index, week in enumerate(weeks)}
    story = rows["E01-S01"]
    assert _fill(ws.cell(row=story, column=column[dt.date(2025, 4, 7)])) is not None
    assert _fill(ws.cell(row=story, column=column[dt.date(2025, 4, 14)])) is not None
    assert _fill(ws.cell(row=story, column=column[dt.date(2025, 3, 31)])) is None
    assert _fill(ws.cell(row=story, column=column[dt.date(2025, 4, 21)])) is None
    # the critical path (development timebox, recette) is drawn in the critical colour; today's week is red
    assert _fill(ws.cell(row=rows["recette"], column=column[dt.date(2025, 6, 30)])) == "F8CBAD"
    assert _fill(ws.cell(row=rows["E02-S01"], column=column[dt.date(2025, 4, 21)])) == "C6E0B4"
    assert _fill(ws.cell(row=2, column=column[dt.date(2025, 4, 21)])) == "FF0000"
    milestone = rows["M01"]
    # ready early (2 May): the milestone keeps its date, forecast = planned, one diamond
    assert ws.cell(row=milestone, column=column[dt.date(2025, 6, 30)]).value == "◆"
    assert "◇" not in [c.value for c in ws[milestone]]
    assert ws.cell(row=milestone, column=2).value.endswith("(prévu = prévision)")
    assert ws.print_title_rows == "$1:$2" and ws.page_setup.orientation == "landscape"
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    data = wb["Données"]
    assert list(data.tables) == ["GanttDonnees"] and data.max_row == len(ids) + 1
    assert wb["Sprints"]["E3"].value == "Lundi de Pâques (21/04), Fête du Travail (01/05)"


def test_gantt_workbook_follows_the_filters(mini_project: Path, tmp_path: Path) -> None:
    backlog = _load(mini_project)
    plan = schedule(backlog, STATUS_DATE)
    write_gantt_xlsx(backlog, plan, tmp_path / "g.xlsx", StoryFilter(epics=("E02",)))
    ws = load_workbook(tmp_path / "g.xlsx")["Gantt"]
    ids = [ws.cell(row=r, column=1).value for r in range(3, ws.max_row + 1)]
    assert "E01" not in ids and "E02-S01" in ids


def test_kanban_workbook_shows_columns_lanes_cards_and_wip_breaches(mini_project: Path, tmp_path: Path) -> None:
    edit(mini_project / "backlog/project.yaml", "wip_limit: 3", "wip_limit: 1")
    edit(mini_project / E02, "status: À faire", "status: En cours")
    edit(mini_project / E01, "    status: En cours", "    status: En cours\n    assignee: Hugo Bernard")
    backlog = _load(mini_project)
    board = build_board(backlog, schedule(backlog, STATUS_DATE))
    wb = load_workbook(write_kanban_xlsx(board, tmp_path / "kanban.xlsx"))
    ws = wb["Kanban"]
    assert ws.freeze_panes == "B2"
    assert [c.value for c in ws[1]] == ["Épopée", "À faire (0)", "En cours (2 / 1) ⚠ WIP dépassé", "Terminé (1)"]
    assert _fill(ws["C1"]) == "C00000" and _fill(ws["B1"]) == "1F3864"
    assert ws["A2"].value == "E01 · Compte et authentification"
    assert ws["C2"].value == "E01-S02 · Se connecter\n2 pts · Hugo Bernard"
    assert ws["D2"].value == "E01-S01 · Créer un compte\n3 pts"
    assert ws["C3"].value == "E02-S01 · Créer une offre\n5 pts · attend E01-S02"
    cards = wb["Cartes"]
    assert [c.value for c in cards[1]][:4] == ["ID", "Titre", "Épopée", "Statut"] and cards.max_row == 4
    assert [r[5].value for r in wb["Colonnes"].iter_rows(min_row=2)] == ["non", "oui", "non"]


def test_kanban_filters_keep_global_wip_counts(mini_project: Path) -> None:
    edit(mini_project / E01, "    status: En cours", "    status: En cours\n    assignee: Hugo Bernard")
    backlog = _load(mini_project)
    plan = schedule(backlog, STATUS_DATE)
    board = build_board(backlog, plan, StoryFilter(assignee="hugo bernard"))
    assert [c.id for c in board.cards] == ["E01-S02"]
    assert [c.count for c in board.columns] == [1, 1, 1]  # the whole team's columns
    assert [c.id for c in build_board(backlog, plan, StoryFilter(assignee="dev-back")).cards] == ["E01-S02"]
    assert [c.id for c in build_board(backlog, plan, StoryFilter(assignee="-")).cards] == ["E01-S01", "E02-S01"]
    assert [c.id for c in build_board(backlog, plan, StoryFilter(sprint=1)).cards] == ["E01-S01"]
    assert build_board(backlog, plan, StoryFilter(sprint=5)).lanes == []


def test_backlog_workbook_has_a_summary_and_one_sheet_per_epic(mini_project: Path, tmp_path: Path) -> None:
    edit(mini_project / E02, "title: Offres et tarifs", "title: 'Offres [BO] : tarifs/remises ?'")
    backlog = _load(mini_project)
    target = write_backlog_workbook(backlog, tmp_path / "backlog.xlsx", today=STATUS_DATE)
    wb = load_workbook(target)
    assert wb.sheetnames == ["Synthèse", "E01 Compte et authentification", "E02 Offres BO tarifs remises"]
    summary = wb["Synthèse"]
    assert summary["A1"].value == "Fanzone TV — mini" and summary["C2"].value.date() == STATUS_DATE
    figures = {summary.cell(row=r, column=2).value: summary.cell(row=r, column=3).value for r in range(4, 12)}
    assert figures["Points (must, should, could)"] == 10 and figures["Avancement (%)"] == 30  # the release scope
    assert figures["Won't have (points)"] == 0
    assert [summary.cell(row=r, column=1).value for r in (14, 15)] == ["E01", "E02"]
    assert summary["H14"].value == 60  # E01: 3 of 5 points done
    assert list(summary.tables) == ["Synthese"] and summary.print_title_rows == "$13:$13"
    e01 = wb["E01 Compte et authentification"]
    header = [c.value for c in e01[1]]
    assert header[:7] == ["ID", "Titre", "User story", "En tant que", "Je veux", "Afin que", "Critères d'acceptation"]
    row = {h: c.value for h, c in zip(header, e01[3], strict=True)}
    assert row["En tant que"] == "Léa, spectatrice occasionnelle qui suit son club"  # the persona's name, not P-fan
    assert row["User story"].startswith("En tant que Léa, spectatrice occasionnelle qui suit son club, je veux")
    assert row["User story"].endswith(" afin que je retrouve mes contenus.")
    assert row["ID"] == "E01-S02" and row["Sprint"] == 2 and row["Dépend de"] == "E01-S01"
    assert row["Critères d'acceptation"].startswith("Étant donné j'ai un compte\nQuand je saisis mes identifiants")
    assert row["Début"].date() == dt.date(2025, 4, 22)
    assert list(e01.tables) == ["Stories_E01"]
    assert e01.freeze_panes == "C2" and e01.print_title_rows == "$1:$1" and e01.page_setup.orientation == "landscape"
    assert e01.row_dimensions[3].height and e01.row_dimensions[3].height >= 4 * 15  # the criteria fit their row
    # in a tall row every cell is read from its top: the id is beside its title, not above the next story
    stories = [cell for line in e01.iter_rows(min_row=2) for cell in line if cell.value not in (None, "")]
    assert stories and all(cell.alignment.vertical == "top" for cell in stories)


def test_sheet_titles_are_excel_safe_and_unique() -> None:
    used: set[str] = set()
    assert sheet_title("E01", "Compte et authentification des utilisateurs", used) == "E01 Compte et authentification"
    assert sheet_title("E01", "Compte et authentification des fans", used) == "E01 Compte et authentificat (2)"
    assert sheet_title("E02", "a/b\\c?d*e[f]g:h", used) == "E02 a b c d e f g h"
