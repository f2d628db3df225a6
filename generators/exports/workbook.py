"""`fanzone export xlsx`: the whole backlog as a workbook, a summary sheet then one sheet per epic."""

from __future__ import annotations

import datetime as dt
import io
import warnings
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo

from ..context import ProjectContext
from ..escape.sheet import row, sheet_name
from ..load.atomic import atomic_write
from ..model import Backlog
from ..plan import Schedule
from ..plan.baseline import BaselinePlan
from ..sheet_layout import HEADER_HEIGHT, fit_row, print_setup, styled_cell
from ..wording import area_label, priority_label, story_sentence
from ..wording.catalogue import expanded_copy

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F3864")
TITLE_FONT = Font(bold=True, size=14)
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
HEAD = Alignment(wrap_text=True, vertical="center", horizontal="center")
BOLD = Font(bold=True)

SUMMARY_HEADERS = ["Épopée", "Titre", "Domaine", "Priorité", "Stories", "Points", "Points terminés"]
SUMMARY_HEADERS += ["Avancement (%)", "Won't have (points)", "Début", "Fin prévisionnelle", "Hors plan"]
SUMMARY_HEADERS += ["Dépend de", "Chemin critique", "Jira"]
SUMMARY_WIDTHS = [9, 40, 14, 22, 9, 9, 10, 12, 12, 11, 15, 9, 14, 10, 10]
FIGURE_LABELS = ["Stories de la version", "Points (must, should, could)", "Points terminés", "Avancement (%)"]
FIGURE_LABELS += ["Reste à faire (points)", "Au-delà du plan (points)", "Won't have (points)", "Won't have (stories)"]
STORY_HEADERS = ["ID", "Titre", "User story", "En tant que", "Je veux", "Afin que", "Critères d'acceptation", "Points"]
STORY_HEADERS += ["Priorité"]
STORY_HEADERS += ["Statut", "Sprint", "Début", "Fin", "Dépend de", "Écrans", "Règles", "Assigné", "Jira"]
STORY_HEADERS += ["Étiquettes", "Notes"]
STORY_WIDTHS = [10, 30, 50, 22, 36, 36, 55, 7, 22, 11, 7, 11, 12, 16, 18, 16, 16, 10, 14, 30]


def sheet_title(epic_id: str, title: str, used: set[str]) -> str:
    """An Excel-safe, unique sheet name (`escape.sheet.sheet_name`)."""
    return sheet_name(f"{epic_id} {title}", used)


def _cell(ws: Any, value: Any, **style: Any) -> WriteOnlyCell:
    return styled_cell(ws, value, **style)


def _append(ws: Any, values: list[Any]) -> None:
    """Every row goes through `escape.sheet.row`: each string a literal text cell, never a formula."""
    ws.append(row(ws, values))


def _table(ws: Any, name: str, headers: list[str], rows: int, first_row: int) -> None:
    if rows == 0:
        return
    ref = f"A{first_row}:{get_column_letter(len(headers))}{first_row + rows}"
    table = Table(displayName=name, ref=ref, autoFilter=AutoFilter(ref=ref))
    table.tableColumns = [TableColumn(id=i, name=h) for i, h in enumerate(headers, start=1)]
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    with warnings.catch_warnings():  # write-only mode warns even when the columns are given
        warnings.simplefilter("ignore", UserWarning)
        ws.add_table(table)


def _summary(wb: Workbook, backlog: Backlog, plan: Schedule, baseline: BaselinePlan | None = None) -> None:
    """The project's figures (the release scope, `plan.scope`: the same as every other view), then the epics;
    with a baseline, each epic's end in it and the slip since, in working days (`ProjectContext.baseline_plan`)."""
    ws = wb.create_sheet("Synthèse")
    headers, widths = list(SUMMARY_HEADERS), list(SUMMARY_WIDTHS)
    if baseline is not None:
        headers += [f"Fin en {baseline.name}", f"Écart depuis {baseline.name} (jours ouvrés)"]
        widths += [12, 14]
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    first = len(FIGURE_LABELS) + 5  # the epics' header row
    ws.freeze_panes = f"C{first + 1}"
    print_setup(ws, title_rows=f"{first}:{first}")
    project = backlog.project
    scope = plan.scope
    _append(ws, [_cell(ws, project.name, font=TITLE_FONT)])
    _append(ws, [None, _cell(ws, "Date de statut", font=BOLD), _cell(ws, plan.today)])
    _append(ws, [None, _cell(ws, "Fin prévisionnelle", font=BOLD), _cell(ws, plan.end) if plan.end else None])
    values = [
        scope.release.stories,
        scope.release.points,
        scope.release.points_done,
        scope.release.percent,
        scope.release.remaining_points,
        scope.beyond.points,
        scope.wont.points,
        scope.wont.stories,
    ]
    for label, value in zip(FIGURE_LABELS, values, strict=True):
        _append(ws, [None, _cell(ws, label, font=BOLD), value])
    _append(ws, [])
    ws.row_dimensions[first].height = HEADER_HEIGHT
    _append(ws, [_cell(ws, h, font=HEADER_FONT, fill=HEADER_FILL, alignment=HEAD) for h in headers])
    for number, epic in enumerate(backlog.epics, start=first + 1):
        epic_plan = plan.epics[epic.id]
        versus: list[Any] = []
        if baseline is not None:
            then = baseline.epics.get(epic.id)
            end = then.end if then is not None else None
            versus = [_cell(ws, end) if end else None, then.days if then is not None else None]
        fit_row(ws, number, [None, epic.title, None, priority_label(epic.priority)], [float(w) for w in SUMMARY_WIDTHS])
        _append(
            ws,
            [
                epic.id,
                _cell(ws, epic.title, alignment=WRAP),
                area_label(epic.area),
                priority_label(epic.priority),
                epic_plan.stories,
                epic_plan.points,
                epic_plan.done_points,
                epic_plan.percent,
                epic_plan.scope.wont.points,
                _cell(ws, epic_plan.start) if epic_plan.start else None,
                _cell(ws, epic_plan.end) if epic_plan.end else None,
                "oui" if epic_plan.beyond_plan else "non",
                ", ".join(epic.depends_on),
                "oui" if epic_plan.critical else "non",
                epic.jira,
                *versus,
            ],
        )
    _table(ws, "Synthese", headers, len(backlog.epics), first)


def _acceptance(story: Any) -> str:
    blocks = []
    for criterion in story.acceptance:
        head = f"Scénario : {criterion.scenario}\n" if criterion.scenario else ""
        blocks.append(f"{head}Étant donné {criterion.given}\nQuand {criterion.when}\nAlors {criterion.then}")
    return "\n\n".join(blocks)


def backlog_workbook(ctx: ProjectContext) -> Workbook:
    backlog, plan = ctx.backlog, ctx.schedule
    wb = Workbook(write_only=True)
    _summary(wb, backlog, plan, ctx.baseline_plan)
    used: set[str] = {"synthèse"}
    for epic in backlog.epics:
        ws = wb.create_sheet(sheet_title(epic.id, epic.title, used))
        for index, width in enumerate(STORY_WIDTHS, start=1):
            ws.column_dimensions[get_column_letter(index)].width = width
        ws.freeze_panes = "C2"
        print_setup(ws, wide=True)
        ws.row_dimensions[1].height = HEADER_HEIGHT
        _append(ws, [_cell(ws, h, font=HEADER_FONT, fill=HEADER_FILL, alignment=HEAD) for h in STORY_HEADERS])
        for number, story in enumerate(epic.stories, start=2):
            story_plan = plan.stories[story.id]
            story = expanded_copy(story, backlog)  # catalogue citations as their values
            sentence = story_sentence(story, ctx.persona_by_id.get(story.as_a))
            texts = [None, story.title, str(sentence), None, story.i_want, story.so_that, _acceptance(story)]
            fit_row(ws, number, texts + [None] * 12 + [story.notes], [float(w) for w in STORY_WIDTHS])
            values = [
                story.id,
                _cell(ws, story.title, alignment=WRAP),
                _cell(ws, str(sentence), alignment=WRAP),
                _cell(ws, sentence.persona, alignment=WRAP),
                _cell(ws, story.i_want, alignment=WRAP),
                _cell(ws, story.so_that, alignment=WRAP),
                _cell(ws, _acceptance(story), alignment=WRAP),
                story.points,
                priority_label(story.priority),
                story.status,
                f"{story_plan.sprint} (hors plan)" if story_plan.beyond_plan else story_plan.sprint,
                _cell(ws, story_plan.start, alignment=TOP) if story_plan.start else None,
                _cell(ws, story_plan.end, alignment=TOP) if story_plan.end else None,
                ", ".join(story.depends_on),
                ", ".join(story.screens),
                ", ".join(story.rules),
                story.assignee,
                story.jira,
                ", ".join(story.labels),
                _cell(ws, story.notes, alignment=WRAP) if story.notes else None,
            ]
            # every cell at the top of the row, as the wrapped texts are: an id low in a tall row reads as the next's
            _append(ws, [v if v is None or isinstance(v, Cell) else _cell(ws, v, alignment=TOP) for v in values])
        _table(ws, f"Stories_{epic.id}", STORY_HEADERS, len(epic.stories), 1)
    return wb


def backlog_workbook_bytes(source: ProjectContext | Backlog, today: dt.date | None = None) -> bytes:
    """The workbook as bytes, from the command's context (or a backlog, for which one is built)."""
    ctx = source if isinstance(source, ProjectContext) else ProjectContext(source.root, source, today=today)
    buffer = io.BytesIO()
    backlog_workbook(ctx).save(buffer)
    return buffer.getvalue()


def write_backlog_workbook(source: ProjectContext | Backlog, path: Path | str, today: dt.date | None = None) -> Path:
    """Write the workbook atomically; the schedule's status date is `today`, else `as_of`, else the date."""
    return atomic_write(path, backlog_workbook_bytes(source, today))
