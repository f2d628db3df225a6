"""CSV fields are neutralised against formula injection (OWASP), and read back as written."""

from __future__ import annotations

import csv
import io
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generators.escape.csv import FORMULA_PREFIXES, csv_document, csv_field


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("@SUM(1)", "'@SUM(1)"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        ("Créer un compte", "Créer un compte"),
        ("12", "12"),
        ("", ""),
        ("a=b", "a=b"),
    ],
)
def test_fields_starting_like_a_formula_get_an_apostrophe(text: str, written: str) -> None:
    assert csv_field(text) == written


def test_document_quotes_and_neutralises_every_field() -> None:
    text = csv_document([["Issue ID", "Summary"], ["1", '=HYPERLINK("http://x","y")'], ["2", "a,b\nc"]])
    assert text == 'Issue ID,Summary\r\n1,"\'=HYPERLINK(""http://x"",""y"")"\r\n2,"a,b\nc"\r\n'


RUNS: list[float] = []
FIELD = st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from("=+-@\t\r\n\",'\x00\x1b"), max_size=30)


@settings(max_examples=300, deadline=None)
@given(rows=st.lists(st.lists(FIELD, min_size=1, max_size=6), min_size=1, max_size=8))
def test_any_text_round_trips_neutralised(rows: list[list[str]]) -> None:
    """Read back by a CSV reader, every field is the neutralised text, and none starts like a formula."""
    started = time.perf_counter()
    back = list(csv.reader(io.StringIO(csv_document(rows), newline="")))
    assert back == [[csv_field(field) for field in row] for row in rows]
    assert not any(field.startswith(FORMULA_PREFIXES) for row in back for field in row)
    RUNS.append(time.perf_counter() - started)


def test_zz_report_property_runs() -> None:
    if RUNS:
        print(f"\ncsv property: {len(RUNS)} examples, {sum(RUNS):.2f} s")
