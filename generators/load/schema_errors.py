"""Turn Pydantic validation errors into located, readable findings."""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError

from ..model import Finding
from .yamlread import Document

_UNION_TAGS = {
    "header",
    "nav",
    "text",
    "image",
    "video",
    "cards",
    "form",
    "button",
    "table",
    "link",
    "footer",
    "tabs",
    "row",
    "section",
    "modal",
}


def _data_path(loc: tuple[Any, ...], data: Any) -> tuple[Any, ...]:
    """Drop the union/discriminator tags Pydantic inserts, keeping the path that exists in the data."""
    path: list[Any] = []
    node = data
    for part in loc:
        if (isinstance(node, dict) and part in node) or (
            isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        ):
            path.append(part)
            node = node[part]
        elif isinstance(part, str) and (part in _UNION_TAGS or part.startswith(("function-", "tagged-union"))):
            continue
        else:
            path.append(part)
            node = None
    return tuple(path)


def _owner(path: tuple[Any, ...], data: Any, default: str) -> tuple[str, tuple[Any, ...]]:
    """The id of the innermost object on the path that has one (a story inside an epic, say), and the
    rest of the path below that object. An `id` that is not id-shaped (a colon, a space, nothing: the finding's
    `file:line: ID:` would not read) names nothing: the enclosing object's, or `default`, is used."""
    owner, depth = default, 0
    node = data
    for number, part in enumerate(path):
        if _has_id(node):
            owner, depth = node["id"], number
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
    else:
        if _has_id(node):
            owner, depth = node["id"], len(path)
    return owner, path[depth:]


_ID_SHAPED = re.compile(r"[\w.\-]+")


def _has_id(node: Any) -> bool:
    return isinstance(node, dict) and isinstance(node.get("id"), str) and _ID_SHAPED.fullmatch(node["id"]) is not None


def _field_name(path: tuple[Any, ...]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _describe(error: dict[str, Any], path: tuple[Any, ...]) -> str:
    kind = error["type"]
    field = _field_name(path) or "document"
    names = [p for p in path if isinstance(p, str)]
    last = names[-1] if names else "document"
    value = error.get("input")
    message = str(error.get("msg", "invalid value"))
    if kind == "extra_forbidden":
        return f"unknown field {last!r}"
    if kind == "missing":
        return f"missing required field {last!r}"
    if kind == "union_tag_invalid":
        ctx = error.get("ctx", {})
        return f"{field}: unknown component type {ctx.get('tag')!r}; expected one of {ctx.get('expected_tags', '')}"
    if kind == "union_tag_not_found":
        return f"{field}: a component needs a 'type'"
    if kind == "string_pattern_mismatch":
        pattern = error.get("ctx", {}).get("pattern", "")
        return f"{field}: {value!r} is not a valid identifier (expected pattern {pattern})"
    if kind == "enum" or kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return f"{field}: {value!r} is not allowed; expected {expected}"
    if kind == "value_error":
        message = message.removeprefix("Value error, ")
        return f"{field}: {message}" if path else message
    if kind == "assertion_error":
        message = message.removeprefix("Assertion failed, ")
    shown = repr(value) if not isinstance(value, (dict, list)) else type(value).__name__
    if path:
        return f"{field}: {message[0].lower() + message[1:]} (got {shown})"
    return message


def findings_from_validation(exc: ValidationError, doc: Document, file: str, default_id: str) -> list[Finding]:
    findings = []
    for error in exc.errors(include_url=False):
        path = _data_path(tuple(error["loc"]), doc.data)
        owner, relative = _owner(path, doc.data, default_id)
        findings.append(
            Finding(
                file=file,
                line=doc.line(path),
                id=owner,
                message=_describe(error, relative),
                code=str(error["type"]),
            )
        )
    return findings


owner_of = _owner  # public name, used by the loader's text checks
