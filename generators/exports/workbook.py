"""`fanzone export xlsx`: the whole backlog as a workbook, a summary sheet then one sheet per epic."""

from __future__ import annotations

import datetime as dt
import io
import warnings
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo

from ..context import ProjectContext
from ..escape.sheet import row, set_text, sheet_name
from ..load.atomic import atomic_write
from ..model import Backlog
from ..plan import Schedule
from ..wording import area_label, priority_label, story_sentence

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F3864")
TITLE_FONT = Font(bold=True, size=14)
WRAP = Alignment(wrap_text=True, vertical="top")
DATE_FORMAT = "dd/mm/yyyy"

SUMMARY_HEADERS = ["Épopée", "Titre", "Domaine", "Priorité", "Stories", "Points", "Points terminés"]
SUMMARY_HEADERS += ["Avancement (%)", "Début", "Fin", "Dépend de", "Chemin critique", "Jira"]
STORY_HEADERS = ["ID", "Titre", "User story", "En tant que", "Je veux", "Afin que", "Critères d'acceptation", "Points"]
STORY_HEADERS += ["Priorité"]
STORY_HEADERS += ["Statut", "Sprint", "Début", "Fin", "Dépend de", "Écrans", "Règles", "Assigné", "Jira"]
STORY_HEADERS += ["Étiquettes", "Notes"]
STORY_WIDTHS = [10, 36, 60, 20, 40, 40, 60, 7, 9, 11, 7, 11, 11, 16, 18, 16, 16, 10, 14, 30]


def sheet_title(epic_id: str, title: str, used: set[str]) -> str:
    """An Excel-safe, unique sheet name (`escape.sheet.sheet_name`)."""
    return sheet_name(f"{epic_id} {title}", used)


def _cell(ws: Any, value: Any, **style: Any) -> WriteOnlyCell:
    out = WriteOnlyCell(ws, value=None if isinstance(value, str) else value)
    for name, item in style.items():
        setattr(out, name, item)
    if isinstance(value, dt.date):
        out.number_format = DATE_FORMAT
    return set_text(out, value) if isinstance(value, str) else out


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


def _summary(wb: Workbook, backlog: Backlog, plan: Schedule) -> None:
    ws = wb.create_sheet("Synthèse")
    for index, width in enumerate([9, 40, 14, 9, 8, 8, 10, 10, 11, 11, 14, 10, 10], start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "A5"
    project = backlog.project
    _append(ws, [_cell(ws, project.name, font=TITLE_FONT)])
    points = sum(e.points for e in plan.epics.values())
    done = sum(e.done_points for e in plan.epics.values())
    _append(
        ws,
        [
            "Date de statut",
            _cell(ws, plan.today),
            "Stories",
            len(backlog.stories),
            "Points",
            points,
            "Terminés",
            done,
            "Fin prévue",
            _cell(ws, plan.end) if plan.end else None,
        ],
    )
    _append(ws, [])
    _append(ws, [_cell(ws, h, font=HEADER_FONT, fill=HEADER_FILL) for h in SUMMARY_HEADERS])
    for epic in backlog.epics:
        epic_plan = plan.epics[epic.id]
        _append(
            ws,
            [
                epic.id,
                epic.title,
                area_label(epic.area),
                priority_label(epic.priority),
                len(epic.stories),
                epic_plan.points,
                epic_plan.done_points,
                epic_plan.percent,
                _cell(ws, epic_plan.start) if epic_plan.start else None,
                _cell(ws, epic_plan.end) if epic_plan.end else None,
                ", ".join(epic.depends_on),
                "oui" if epic_plan.critical else "non",
                epic.jira,
            ],
        )
    _table(ws, "Synthese", SUMMARY_HEADERS, len(backlog.epics), 4)


def _acceptance(story: Any) -> str:
    blocks = []
    for criterion in story.acceptance:
        head = f"Scénario : {criterion.scenario}\n" if criterion.scenario else ""
        blocks.append(f"{head}Étant donné {criterion.given}\nQuand {criterion.when}\nAlors {criterion.then}")
    return "\n\n".join(blocks)


def backlog_workbook(ctx: ProjectContext) -> Workbook:
    backlog, plan = ctx.backlog, ctx.schedule
    wb = Workbook(write_only=True)
    _summary(wb, backlog, plan)
    used: set[str] = {"synthèse"}
    for epic in backlog.epics:
        ws = wb.create_sheet(sheet_title(epic.id, epic.title, used))
        for index, width in enumerate(STORY_WIDTHS, start=1):
            ws.column_dimensions[get_column_letter(index)].width = width
        ws.freeze_panes = "C2"
        _append(ws, [_cell(ws, h, font=HEADER_FONT, fill=HEADER_FILL) for h in STORY_HEADERS])
        for story in epic.stories:
            story_plan = plan.stories[story.id]
            sentence = story_sentence(story, ctx.persona_by_id.get(story.as_a))
            _append(
                ws,
                [
                    story.id,
                    _cell(ws, story.title, alignment=WRAP),
                    _cell(ws, str(sentence), alignment=WRAP),
                    sentence.persona,
                    _cell(ws, story.i_want, alignment=WRAP),
                    _cell(ws, story.so_that, alignment=WRAP),
                    _cell(ws, _acceptance(story), alignment=WRAP),
                    story.points,
                    priority_label(story.priority),
                    story.status,
                    story_plan.sprint,
                    _cell(ws, story_plan.start) if story_plan.start else None,
                    _cell(ws, story_plan.end) if story_plan.end else None,
                    ", ".join(story.depends_on),
                    ", ".join(story.screens),
                    ", ".join(story.rules),
                    story.assignee,
                    story.jira,
                    ", ".join(story.labels),
                    _cell(ws, story.notes, alignment=WRAP) if story.notes else None,
                ],
            )
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
