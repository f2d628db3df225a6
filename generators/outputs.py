"""The registry of outputs: every report and export (kind x format), registered once.

A pure helper below every layer: plain data, no import of any generator. The CLI builds its commands,
choices and --help text from it; the site asks it which files it offers for download (`site_downloads`);
a test checks the README's command table against it. Each format names the function that produces it as a
lazy "module:function" target, imported only when that output is asked for, so that start-up stays light.

Adding an output: one `Output` entry here, its handler function, a row in README.md's command table.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

DOWNLOADS_DIR = "downloads"  # where the site puts its downloadable files (relative to the site root)


@dataclass(frozen=True)
class Format:
    name: str  # terminal | xlsx | svg | md | json | csv
    target: str  # "module:function" the CLI calls with (run, output); imported on use only
    default_file: str | None = None  # written there when --output is absent; None: stdout (or the terminal)
    download: bool = False  # the site offers this file in its downloads


@dataclass(frozen=True)
class Output:
    group: str  # the CLI command group: "report" | "export" | "" (a top-level command, such as `fanzone diff`)
    name: str  # gantt, kanban, ...
    help: str  # English, for the CLI's --help
    description_fr: str  # French, for the site's downloads
    formats: tuple[Format, ...]

    @property
    def command(self) -> str:
        return " ".join(part for part in ("fanzone", self.group, self.name) if part)

    @property
    def format_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.formats)

    def format(self, name: str) -> Format:
        for fmt in self.formats:
            if fmt.name == name:
                return fmt
        raise KeyError(f"{self.command} has no {name} format")


_REPORTS = "generators.cli.report_outputs"
_EXPORTS = "generators.cli.export_outputs"


def _report(
    name: str, help_text: str, description_fr: str, formats: tuple[str, ...], downloads: tuple[str, ...]
) -> Output:
    defaults = {"xlsx": f"fanzone-{name}.xlsx", "svg": f"fanzone-{name}.svg"}
    return Output(
        "report",
        name,
        help_text,
        description_fr,
        tuple(Format(f, f"{_REPORTS}:{name}_{f}", defaults.get(f), f in downloads) for f in formats),
    )


OUTPUTS: tuple[Output, ...] = (
    _report(
        "gantt",
        "Forecast Gantt: phases, epics (stories with a filter), milestones with slip reasons, critical path.",
        "Planning prévisionnel (Gantt) : phases, epics, jalons et chemin critique",
        ("terminal", "xlsx", "svg", "md", "json"),
        downloads=("xlsx",),
    ),
    _report(
        "kanban",
        "Kanban board: a column per declared status, a swimlane per epic, WIP limits and breaches.",
        "Tableau Kanban : une colonne par statut, un couloir par epic, limites de WIP",
        ("terminal", "xlsx", "md", "json"),
        downloads=("xlsx",),
    ),
    _report(
        "burndown",
        "Burndown/burnup per sprint and for the release, cumulative flow, cycle time, throughput, ageing WIP. "
        "History comes from backlog/history.json (Jira pull), else from the git history of backlog/.",
        "Burndown et flux : burnup de la release, flux cumulé, temps de cycle, débit, âge du WIP",
        ("terminal", "xlsx", "svg", "md", "json"),
        downloads=(),
    ),
    Output(
        "report",
        "forecast",
        "Monte Carlo forecast of the release scope and the milestones from the throughput history "
        "(50/85/95 % dates; --by DATE: how many stories by then).",
        "Prévision Monte-Carlo : dates de fin à 50, 85 et 95 % du périmètre et des jalons",
        tuple(
            Format(f, f"generators.cli.forecast_outputs:forecast_{f}", "fanzone-forecast.svg" if f == "svg" else None)
            for f in ("terminal", "md", "json", "svg")
        ),
    ),
    Output(
        "export",
        "json",
        "The resolved backlog with its computed schedule as JSON (stdout, or --output FILE).",
        "Le backlog résolu et son planning calculé (JSON)",
        (Format("json", f"{_EXPORTS}:export_json"),),
    ),
    Output(
        "export",
        "csv",
        "A file for Jira's CSV importer (epics before stories).",
        "Fichier pour l'import CSV de Jira (epics puis stories)",
        (Format("csv", f"{_EXPORTS}:export_csv"),),
    ),
    Output(
        "export",
        "xlsx",
        "The backlog as an Excel workbook: a summary and one sheet per epic.",
        "Le backlog au format Excel : une synthèse et une feuille par epic",
        (Format("xlsx", f"{_EXPORTS}:export_xlsx", "fanzone-backlog.xlsx", download=True),),
    ),
    Output(
        "export",
        "pdf",
        "The specification dossier as a PDF printed by headless Chromium: cover with the version, numbered "
        "contents, bookmarks, specification, backlog, wireframes, planning and changes.",
        "Dossier de spécification imprimable : couverture, sommaire paginé, signets, planning",
        (Format("pdf", "generators.cli.pdf_output:export_pdf", "fanzone-specification.pdf", download=True),),
    ),
    Output(
        "",
        "diff",
        "Semantic diff by id of every kind between two versions (default: the last baseline to the working "
        "tree), with the re-estimation summary per epic.",
        "Changements entre deux versions : différences par identifiant et stories à ré-estimer",
        tuple(Format(f, f"generators.cli.version_outputs:diff_{f}") for f in ("terminal", "json", "md")),
    ),
)


def outputs(group: str | None = None) -> tuple[Output, ...]:
    return tuple(o for o in OUTPUTS if group is None or o.group == group)


def get(group: str, name: str) -> Output:
    for output in OUTPUTS:
        if output.group == group and output.name == name:
            return output
    raise KeyError(f"no output {group} {name}")


def resolve(target: str) -> Callable[..., Any]:
    """Import a "module:function" target (lazily: only the chosen output's libraries are loaded)."""
    module, _, function = target.partition(":")
    return getattr(importlib.import_module(module), function)


@dataclass(frozen=True)
class SiteDownload:
    path: str  # relative to the site root, e.g. "downloads/fanzone-gantt.xlsx"
    label: str  # French, for the downloads list
    output: Output
    format: Format


_FORMAT_LABELS = {"xlsx": "Excel", "csv": "CSV", "json": "JSON", "svg": "SVG", "md": "Markdown", "pdf": "PDF"}


def site_downloads() -> list[SiteDownload]:
    """The files the site offers for download, in registry order (the MkDocs plugin lists these)."""
    return [
        SiteDownload(
            f"{DOWNLOADS_DIR}/{fmt.default_file}",
            f"{output.description_fr} ({_FORMAT_LABELS.get(fmt.name, fmt.name)})",
            output,
            fmt,
        )
        for output in OUTPUTS
        for fmt in output.formats
        if fmt.download and fmt.default_file
    ]
