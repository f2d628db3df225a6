"""The Gantt as people see it: drawn by the pinned PlantUML jar (0 % is empty, French, a legend) and printed
from the workbook by LibreOffice (the week header is a date, never `###`)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from reportkit import STATUS_DATE

from generators.load import load_backlog
from generators.model import Backlog
from generators.plan import schedule
from generators.reports.gantt_puml import gantt_plantuml
from generators.reports.gantt_xlsx import write_gantt_xlsx

REPO = Path(__file__).resolve().parents[2]
JARS = sorted((REPO / ".cache" / "tools").glob("plantuml-*.jar"))
WHITE = {"#FFF", "#FFFFFF", "white"}


def _load(root: Path) -> Backlog:
    backlog = load_backlog(root).backlog
    assert backlog is not None
    return backlog


def _bar_fills(svg: str, label: str) -> list[str]:
    """Fills of the bar drawn on the row of the task labelled `label` (rects crossing the label's baseline)."""
    match = re.search(r'<text[^>]*\by="([\d.]+)"[^>]*>' + re.escape(label) + "</text>", svg)
    assert match, f"no label {label!r} in the SVG"
    baseline = float(match.group(1))
    fills = []
    for rect in re.findall(r"<rect[^>]*/>", svg):
        y, height = (float(re.search(rf'\b{a}="([\d.]+)"', rect).group(1)) for a in ("y", "height"))  # type: ignore[union-attr]
        fill = re.search(r'fill="([^"]+)"', rect)
        if height < 20 and y < baseline <= y + height + 3 and fill:
            fills.append(fill.group(1))
    return fills


@pytest.mark.skipif(not JARS or shutil.which("java") is None, reason="the pinned PlantUML jar or Java is missing")
def test_a_zero_percent_bar_is_drawn_empty_in_french_with_a_legend(mini_project: Path) -> None:
    backlog = _load(mini_project)
    plan = schedule(backlog, STATUS_DATE)
    assert plan.epics["E02"].percent == 0 and 0 < plan.epics["E01"].percent < 100
    text = gantt_plantuml(backlog, plan)
    assert "language fr" in text and "[E2] is 0% completed" in text
    done = subprocess.run(
        ["java", "-Djava.awt.headless=true", "-jar", str(JARS[-1]), "-tsvg", "-pipe"],
        input=text.encode(),
        capture_output=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()[:500]
    svg = done.stdout.decode()
    unstarted = _bar_fills(svg, "E02 · Offres et tarifs (0 %)")
    started = _bar_fills(svg, "E01 · Compte et authentification (60 %)")
    assert unstarted and set(unstarted) <= WHITE, f"0 % drawn filled: {unstarted}"
    assert set(started) - WHITE, "a started bar shows its done part (the check above can see a fill)"
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    assert {"Début", "Fin", "Durée", "Légende"} <= set(texts)
    assert not {"Start", "End", "Duration"} & set(texts)


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None, reason="no LibreOffice")
def test_libreoffice_prints_the_week_header_as_dates_on_few_pages(mini_project: Path, tmp_path: Path) -> None:
    backlog = _load(mini_project)
    plan = schedule(backlog, STATUS_DATE)
    book = write_gantt_xlsx(backlog, plan, tmp_path / "gantt.xlsx")
    profile = tmp_path / "lo-profile"
    done = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(book)],
        capture_output=True, text=True, timeout=240, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    pdf = tmp_path / "gantt.pdf"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "###" not in text, "a week header too narrow for its date"
    first_monday = min(r.start for r in plan.phases.values())
    first_monday -= dt.timedelta(days=first_monday.weekday())
    assert first_monday.strftime("%d/%m") in text
    assert "prévisionnelle" in text and "Pourquoi" in text  # French headers (wrapped over two lines)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))
    assert pages <= 6, f"{pages} pages: print settings (fit to width) lost"
