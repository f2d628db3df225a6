"""Secrets never shown: every form of every credential (raw, `email:token` in base64 as sent in the Basic header,
`Basic …`/`Bearer …` header values, URL-encoded) is masked by ONE function, `redact`, applied by ONE logging filter
(to every log record, message, arguments and traceback) and ONE output filter (sys.stdout/sys.stderr, so Rich,
typer.echo and Python's own tracebacks under FANZONE_DEBUG=1 all go through it)."""

from __future__ import annotations

import base64
import logging
import re
import sys
from typing import Any, TextIO
from urllib.parse import quote, quote_plus

MASK = "***"
_SECRETS: set[str] = set()
_PATTERN: re.Pattern[str] | None = None
# any Authorization-like header value, even for a secret we were never told about (a proxy's own credentials)
_HEADER_VALUE = re.compile(r"(?i)\b(Basic|Bearer)\s+[A-Za-z0-9+/=._~-]{8,}")


def register_secret(value: str | None, user: str | None = None) -> None:
    """Remember a secret (token, PAT) and the forms it travels in, so that `redact` removes all of them."""
    global _PATTERN
    if not value or len(value) < 4:
        return
    forms = {value, quote(value, safe=""), quote_plus(value)}
    if user:
        pair = f"{user}:{value}".encode("utf-8", "surrogatepass")
        forms.add(base64.b64encode(pair).decode("ascii"))
    _SECRETS.update(form for form in forms if len(form) >= 4)
    _PATTERN = re.compile("|".join(re.escape(form) for form in sorted(_SECRETS, key=len, reverse=True)))


def redact(text: str) -> str:
    """`text` with every known secret and every Basic/Bearer header value masked."""
    if _PATTERN is not None:
        text = _PATTERN.sub(MASK, text)
    return _HEADER_VALUE.sub(lambda match: f"{match.group(1)} {MASK}", text)


class SecretFilter(logging.Filter):
    """The logging filter: rewrites a record's message, arguments and traceback text with secrets masked."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: keep the raw parts, masked
            message = f"{record.msg} {record.args}"
        record.msg, record.args = redact(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


_FILTER = SecretFilter()


def _factory_with_filter(factory: Any) -> Any:
    def make(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = factory(*args, **kwargs)
        _FILTER.filter(record)
        return record

    make.fanzone_secret_filter = True  # type: ignore[attr-defined]
    return make


class RedactingStream:
    """The output filter: a text stream that masks secrets in everything written through it."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(redact(text))
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def install_filters() -> None:
    """Mask secrets in every log record created from now on and in everything printed (idempotent)."""
    factory = logging.getLogRecordFactory()
    if not getattr(factory, "fanzone_secret_filter", False):
        logging.setLogRecordFactory(_factory_with_filter(factory))
    if not isinstance(sys.stdout, RedactingStream):
        sys.stdout = RedactingStream(sys.stdout)  # type: ignore[assignment]
    if not isinstance(sys.stderr, RedactingStream):
        sys.stderr = RedactingStream(sys.stderr)  # type: ignore[assignment]
