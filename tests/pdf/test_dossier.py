"""`fanzone export pdf`: the dossier read back with pypdf (cover, numbered contents, bookmarks, pages)."""

from __future__ import annotations

import datetime as dt
import html
import re
import shutil
from pathlib import Path

import pytest
from fanzone_cli import run_fanzone
from pdfhelpers import Printed, outline, stranded_headings
from pypdf import PdfReader

from generators.cli.pdf_output import cover_data, print_page_file
from generators.context import ProjectContext
from generators.load import load_backlog
from generators.pdf.assemble import blank_pages
from generators.wording import date_long

FRONT_PAGES = 2  # cover and contents of the small project


def _reader(printed: Printed) -> PdfReader:
    return PdfReader(printed.pdf)


def _text(reader: PdfReader, index: int) -> str:
    return " ".join((reader.pages[index].extract_text() or "").split())


def test_the_cover_names_the_project_the_client_and_the_baseline(printed: Printed) -> None:
    cover = _text(_reader(printed), 0)
    for expected in ("Dossier de spécification fonctionnelle", "Fanzone TV", "Pixodeo", "v1.0"):
        assert expected.lower() in cover.lower(), cover
    assert "version de référence" in cover and "Version chiffrée par Pixodeo" in cover
    assert "page 1" not in cover  # the front matter has no page footer


def test_every_word_is_searchable_as_typed_no_ligature_glyph(printed: Printed) -> None:
    reader = _reader(printed)
    text = " ".join(_text(reader, index) for index in range(len(reader.pages)))
    assert "spécification" in text  # body, header and footer: "ﬁ" would not be found by a search for "fi"
    assert not re.findall(r"\S*[\ufb00-\ufb06]\S*", text)


def test_every_contents_entry_links_to_the_page_its_number_names_and_the_heading_is_there(printed: Printed) -> None:
    reader = _reader(printed)
    contents = reader.pages[1]
    links = [a.get_object() for a in contents.get("/Annots") or []]
    lines = re.findall(r"^(.*?)\s*\.*\s*(\d+)$", contents.extract_text() or "", re.M)
    entries = [(" ".join(title.split()), int(number)) for title, number in lines if title.strip()]
    assert len(entries) >= 10 and len(links) == len(entries)
    pages = {page.indirect_reference.idnum: i for i, page in enumerate(reader.pages)}
    for (title, number), link in zip(entries, links, strict=True):
        target = pages[link["/Dest"][0].idnum]
        assert target == FRONT_PAGES + number - 1, (title, number, target)
        assert title in _text(reader, target), (title, number)
        assert f"page {number} / {len(reader.pages) - FRONT_PAGES}" in _text(reader, target)
    titles = [title for title, _ in entries]
    assert "E02 — <script>alert(1)</script>" in titles  # user text printed as text, never run
    assert "Planning" in titles and "Prévision" in titles


def test_bookmarks_follow_every_heading_of_the_print_page(printed: Printed) -> None:
    reader = _reader(printed)
    marks = outline(reader)
    assert [title for _, title, _ in marks[:2]] == ["Couverture", "Sommaire"]
    page = (printed.site / print_page_file(printed.site)).read_text(encoding="utf-8")
    body = page[page.index('<section class="fz-print-page"') :]
    headings = re.findall(r"<h([1-6])[^>]*>(.*?)</h\1>", body, re.S)
    expected = [
        (
            int(level),
            " ".join(html.unescape(re.sub(r"<[^>]+>", "", re.sub(r'<a class="headerlink".*?</a>', "", text))).split()),
        )
        for level, text in headings
    ]
    assert [title for _, title, _ in marks[2:]] == [title for _, title in expected]
    for _, title, index in marks[2:]:
        assert title in _text(reader, index), (title, index)  # the bookmark opens the heading's page
    # the tree follows the headings: a page's title (h1) at the top, its sections (h2, h3...) below it
    depths = [depth for depth, _, _ in marks[2:]]
    assert all(
        (depth == 1) == (level == 1) and depth <= level for depth, (level, _) in zip(depths, expected, strict=True)
    )
    assert 2 in depths and 3 in depths


def test_no_blank_page_and_the_backlog_and_planning_are_printed(printed: Printed) -> None:
    reader = _reader(printed)
    assert blank_pages(printed.pdf.read_bytes(), FRONT_PAGES) == []
    every = [_text(reader, i) for i in range(len(reader.pages))]
    assert any("créer un compte avec mon e-mail pour la VOD" in text for text in every)  # a story's sentence
    pages = {title: index for level, title, index in outline(reader) if level == 1}
    assert "Planning prévisionnel au" in every[pages["Planning"]]
    assert "Jalons" in " ".join(every[pages["Planning"] : pages["Prévision"]])  # the milestone table
    assert "Monte-Carlo" in every[pages["Prévision"]]
    assert not any("hide:" in text for text in every)  # pages' front matter is not printed
    assert stranded_headings(reader, FRONT_PAGES) == []  # no heading left alone at the bottom of a page
    for index in range(FRONT_PAGES, len(reader.pages)):
        assert "v1.0" in every[index] and f"page {index - FRONT_PAGES + 1} / " in every[index]


def test_the_site_built_for_the_export_offers_the_dossier_for_download(printed: Printed) -> None:
    download = printed.site / "downloads" / "fanzone-specification.pdf"
    assert download.read_bytes() == printed.pdf.read_bytes()
    home = (printed.site / "index.html").read_text(encoding="utf-8")  # the dashboard lists the downloads
    assert '<a href="downloads/fanzone-specification.pdf">Dossier de spécification' in home
    assert "wrote" in printed.stderr and "pages" in printed.stderr


def test_a_draft_cover_says_brouillon_and_the_date(tmp_path: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(Path(__file__).resolve().parents[1] / "fixtures" / "mini", root)
    result = load_backlog(root)
    assert result.backlog is not None
    cover = cover_data(ProjectContext(root, result.backlog), today=dt.date(2026, 3, 1))
    assert cover.version == f"brouillon du {date_long(dt.date(2026, 3, 1))}" == "brouillon du 1er mars 2026"
    assert cover.status == "brouillon, aucune version de référence"


@pytest.mark.parametrize("kind", ["missing", "not executable", "not a browser"])
def test_without_a_working_chromium_a_clear_message_exit_1_and_nothing_written(
    tmp_path: Path, kind: str, pdf_env: dict[str, str]
) -> None:
    root = tmp_path / "project"
    shutil.copytree(Path(__file__).resolve().parents[1] / "fixtures" / "mini", root)
    chromium = tmp_path / "chromium"
    if kind != "missing":
        chromium.write_text("#!/bin/sh\nexit 3\n", encoding="utf-8")
        chromium.chmod(0o755 if kind == "not a browser" else 0o644)
    target = tmp_path / "out.pdf"
    done = run_fanzone("--root", str(root), "export", "pdf", "-o", str(target), env={"FANZONE_CHROMIUM": str(chromium)})
    assert done.returncode == 1, done.stderr
    if kind == "not a browser":
        assert f"error: Chromium ({chromium}) failed" in done.stderr
    else:
        assert f"error: Chromium not found at {chromium}" in done.stderr and "FANZONE_CHROMIUM" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert not target.exists() and not (root / "site").exists()
