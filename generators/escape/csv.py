"""CSV fields: text is never read as a formula by a spreadsheet that opens the file (OWASP "CSV Injection").

The only CSV the toolkit writes is the file for Jira's CSV importer, which people also open in Excel or
LibreOffice to check it before importing. A field that starts with `=`, `+`, `-`, `@`, a tab or a carriage
return is prefixed with an apostrophe, as OWASP recommends: a spreadsheet then shows it as text.

Jira's importer does not strip that apostrophe: the issue's summary or description shows it (`'=1+1`). That is
the price of a file that is safe to open; it only touches text that starts with one of those characters (ids,
numbers and ordinary titles are unchanged), and the apostrophe is visible, so nothing is hidden. A leading space
would not do: LibreOffice and Google Sheets still evaluate ` =1+1` after trimming in some import modes.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def csv_field(text: str) -> str:
    """The field as written to a CSV file: an apostrophe before a leading formula character."""
    return QUOTE + text if text.startswith(FORMULA_PREFIXES) else text


def csv_document(rows: Iterable[Iterable[str]]) -> str:
    """Rows as CSV text (RFC 4180: CRLF line ends, quotes doubled), every field through `csv_field`."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerows([csv_field(field) for field in row] for row in rows)
    return buffer.getvalue()
