"""`fanzone build` of the shipped project: each expensive step runs once, and no output shows broken wording."""

from __future__ import annotations

import html.parser
import json
import re
from pathlib import Path

from openpyxl import load_workbook
from shippedbuild import ShippedBuild
from typer.testing import CliRunner

# "afin de" takes an infinitive: followed by a subject pronoun it is the broken sentence of old
AFIN_DE_SUBJECT = re.compile(r"\bafin de (?:je|j'|j’|tu|il|elle|on|nous|vous|ils|elles)\b", re.IGNORECASE)
PERSONA_IN_SENTENCE = re.compile(r"En tant que\s*(?:«\s*)?P-[a-z0-9-]+")
BACKSLASH_ESCAPE = re.compile(r"\\[\\`*_{}\[\]()#+\-.!|&]")
DOUBLED_QUOTES = re.compile(r"«\s*«|»\s*»")
PERSONA_ID = re.compile(r"^P-[a-z0-9-]+$")


def _problems(text: str) -> list[str]:
    found = []
    for name, pattern in (
        ("'afin de' before a subject", AFIN_DE_SUBJECT),
        ("a persona id in a user-story sentence", PERSONA_IN_SENTENCE),
        ("a visible backslash escape", BACKSLASH_ESCAPE),
        ("doubled quotes", DOUBLED_QUOTES),
    ):
        found += [f"{name}: …{text[max(0, m.start() - 40) : m.end() + 40]!r}…" for m in pattern.finditer(text)]
    return found


class _Text(html.parser.HTMLParser):
    """The text a reader sees: everything but scripts and styles (code and diagrams included)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def _page_text(path: Path) -> str:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return " ".join("".join(parser.parts).split())


def test_the_build_succeeds(shipped_build: ShippedBuild) -> None:
    assert shipped_build.exit_code == 0, shipped_build.output
    assert (shipped_build.site / "index.html").is_file()


def test_a_build_loads_schedules_and_reads_the_history_once(shipped_build: ShippedBuild) -> None:
    assert shipped_build.exit_code == 0, shipped_build.output
    assert shipped_build.calls == {"load": 1, "schedule": 1, "history": 1, "kanban": 1}


def test_no_built_page_shows_broken_wording(shipped_build: ShippedBuild) -> None:
    pages = sorted(shipped_build.site.rglob("*.html"))
    assert len(pages) > 50
    problems = [f"{page.relative_to(shipped_build.site)}: {p}" for page in pages for p in _problems(_page_text(page))]
    assert problems == []


def test_the_story_pages_say_afin_que_and_name_the_persona(shipped_build: ShippedBuild) -> None:
    text = _page_text(shipped_build.site / "backlog" / "E05.html")
    assert "En tant que Léa Morel, fan de handball, je veux souscrire l'offre mensuelle" in text
    assert "afin que j'accède immédiatement à tous les directs et replays inclus, sans engagement." in text
    personas = _page_text(shipped_build.site / "personas.html")
    assert "identifiant P-fan" in personas
    assert "« Je veux juste voir le match de mon club" in personas


def test_no_download_cell_shows_broken_wording(shipped_build: ShippedBuild) -> None:
    workbooks = sorted((shipped_build.site / "downloads").glob("*.xlsx"))
    assert {w.name for w in workbooks} >= {"fanzone-backlog.xlsx", "fanzone-gantt.xlsx", "fanzone-kanban.xlsx"}
    problems, persona_cells = [], []
    for workbook in workbooks:
        for sheet in load_workbook(workbook, read_only=True).worksheets:
            columns: dict[int, str] = {}
            for row in sheet.iter_rows(values_only=True):
                cells = ["" if value is None else str(value) for value in row]
                if "En tant que" in cells:
                    columns = {i: c for i, c in enumerate(cells)}
                    continue
                for index, cell in enumerate(cells):
                    problems += [f"{workbook.name}/{sheet.title}: {p}" for p in _problems(cell)]
                    if columns.get(index) == "En tant que" and PERSONA_ID.match(cell):
                        persona_cells.append(f"{workbook.name}/{sheet.title}: {cell}")
    assert problems == []
    assert persona_cells == []


def test_the_json_export_shows_no_broken_wording(shipped_build: ShippedBuild, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import generators.cli as cli

    target = shipped_build.root / "export.json"
    monkeypatch.chdir(shipped_build.root)
    result = CliRunner().invoke(cli.app, ["export", "json", "--output", str(target)])
    assert result.exit_code == 0, result.output
    document = json.loads(target.read_text(encoding="utf-8"))
    texts: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str):
            texts.append(value)

    walk(document)
    assert len(texts) > 100
    assert [p for text in texts for p in _problems(text)] == []


def test_the_home_page_offers_the_registry_downloads(shipped_build: ShippedBuild) -> None:
    from generators.outputs import site_downloads

    assert shipped_build.exit_code == 0, shipped_build.output
    home = _page_text(shipped_build.site / "index.html")
    # the PDF dossier is printed only by `build --pdf` / `export pdf` (tests/pdf checks that it is offered then)
    offered = [d for d in site_downloads() if d.format.name != "pdf"]
    assert offered
    assert "(PDF)" not in home  # a plain build does not offer a dossier it did not print
    for download in offered:
        assert download.label in home, download.label  # the registry's French label, not a file name
        assert (shipped_build.site / download.path).is_file(), download.path
