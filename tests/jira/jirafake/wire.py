"""What the fake Jira says on the wire: its error, page tokens, text and ADF helpers."""

from __future__ import annotations

import base64
import hashlib
import json
from typing import Any


class ApiError(Exception):
    def __init__(self, status: int, messages: list[str] | None = None, errors: dict[str, str] | None = None):
        super().__init__(status)
        self.status = status
        self.body = {"errorMessages": messages or [], "errors": errors or {}}


def page_token(offset: int, jql: str) -> str:
    raw = json.dumps({"o": offset, "q": hashlib.sha1(jql.encode()).hexdigest()[:8]})
    return base64.urlsafe_b64encode(raw.encode()).decode()


def read_token(token: str, jql: str) -> int:
    try:
        data = json.loads(base64.urlsafe_b64decode(token.encode()).decode())
    except (ValueError, UnicodeDecodeError):
        raise ApiError(400, ["The provided next page token is invalid or expired."]) from None
    if data.get("q") != hashlib.sha1(jql.encode()).hexdigest()[:8]:
        raise ApiError(400, ["The provided next page token does not match the query."])
    return int(data["o"])


def text_of(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dict):
        return value.get("name") or value.get("key") or value.get("displayName") or json.dumps(value)
    if isinstance(value, list):
        return " ".join(text_of(v) or "" for v in value)
    return str(value)


def adf(text: str) -> dict[str, Any]:
    return {
        "type": "doc",
        "version": 1,
        "content": [
            {"type": "paragraph", "content": [{"type": "text", "text": line}]} for line in text.split("\n") if line
        ],
    }
