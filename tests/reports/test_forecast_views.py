"""The forecast's views: terminal, Markdown, JSON and SVG agree with the forecast and keep backlog text inert."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET

from forecastkit import sample_forecast
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from generators.plan.forecast import PERCENTILES
from generators.reports import forecast_words as words
from generators.reports.forecast_json import forecast_document
from generators.reports.forecast_md import forecast_markdown
from generators.reports.forecast_svg import fan_svg, forecast_svg, histogram_svg
from generators.reports.forecast_terminal import forecast_renderable

SVG = "{http://www.w3.org/2000/svg}"


def _terminal(renderable) -> str:  # type: ignore[no-untyped-def]
    console = Console(width=200, record=True, color_system=None, emoji=False)
    console.print(renderable)
    return console.export_text()


def test_headline_is_the_85_percent_date_in_french() -> None:
    fc = sample_forecast()
    # 2 a day, 12 left: 6 working days after 8 July (14 July is off) = 17 July
    assert fc.release.dates[85] == dt.date(2025, 7, 17)
    assert words.headline(fc) == "85 % de chances de terminer le périmètre MVP d'ici le 17 juillet 2025"


def test_json_document_carries_the_inputs_and_dates() -> None:
    fc = sample_forecast(by=dt.date(2025, 7, 10))
    document = json.loads(json.dumps(forecast_document(fc)))
    assert document["release"]["dates"] == {str(p): "2025-07-17" for p in PERCENTILES}
    assert document["inputs"]["completed_in_window"] == 2 * document["inputs"]["days_sampled"]
    assert document["inputs"]["remaining"] == 12 and document["inputs"]["trials"] == 500
    assert document["by"] == {"date": "2025-07-10", "quantities": {"50": 4, "85": 4, "95": 4}}
    assert document["milestones"][0]["dates"]["85"] == "2025-07-09"
    assert document["warnings"] == []


def test_markdown_has_the_table_inputs_and_charts() -> None:
    fc = sample_forecast()
    text = forecast_markdown(fc)
    assert "| Périmètre de la version | 12 stories | 17/07/2025 | 17/07/2025 | 17/07/2025 |" in text
    assert f"{fc.sample.completed} stories terminées sur cette fenêtre" in text
    assert text.count("<svg") == 2 and "!!! warning" not in text


def test_short_history_warning_is_shown_everywhere() -> None:
    fc = sample_forecast(per_day=1, weeks=1)  # 5 working days of one story: fewer than 10 completed
    assert fc.short_history
    assert words.warnings(fc)[0].startswith("Historique trop court : ")
    assert '!!! warning "Attention"' in forecast_markdown(fc)
    assert "Historique trop court" in _terminal(forecast_renderable(fc))
    assert forecast_document(fc)["warnings"] == words.warnings(fc)


def test_svg_is_well_formed_with_three_markers_and_french_labels() -> None:
    fc = sample_forecast()
    root = ET.fromstring(forecast_svg(fc))
    texts = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    for percent in PERCENTILES:
        assert f"{percent} % : 17/07/2025" in texts
    assert "terminé" in texts and "tirages" in texts
    assert len([line for line in root.iter(f"{SVG}line") if line.get("class") == "mark"]) >= 3
    ET.fromstring(histogram_svg(fc))
    ET.fromstring(fan_svg(fc))


def test_terminal_shows_markup_and_control_characters_as_text() -> None:
    fc = sample_forecast(milestone_name="[bold red]Bêta[/] \x1b[2J")
    out = _terminal(forecast_renderable(fc))
    assert "[bold red]Bêta[/]" in out
    assert "\x1b" not in out


@settings(max_examples=25, deadline=None)
@given(name=st.text(min_size=1, max_size=40).filter(lambda s: s.strip()))
def test_property_milestone_names_stay_inert(name: str) -> None:
    fc = sample_forecast(milestone_name=name, trials=50)
    text = forecast_markdown(fc, charts=False)
    assert "<" not in text.split("| M01 ", 1)[1].split("\n", 1)[0]  # no raw HTML from the name
    assert "\x1b" not in _terminal(forecast_renderable(fc))
