"""Reading one OpenAPI 3.1 document into a service and its operations, for the `service` and `operation` kinds.

Pure on the text (no I/O): `$ref`s are followed inside the document only. A `$ref` to a URL or to another
file is refused before anything else looks at the document, so nothing is ever fetched or read for it;
chains of `$ref`s that loop are reported, and no walk here recurses (deep or cyclic documents are safe).
The analysis is memoised by text: the two kinds reading the same file share one parse.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import PurePosixPath
from typing import Any

from ..model.api import HTTP_METHODS
from .registry import Raw

LOCAL_REF = "#/"


@dataclass
class Analysis:
    service: dict[str, Any] | None = None
    operations: list[Raw] = field(default_factory=list)
    problem: tuple[int, str] | None = None  # a document-level problem: (line, message)


def _refs(data: Any) -> list[tuple[tuple[Any, ...], str]]:
    """Every `$ref` value with its path, iteratively."""
    found: list[tuple[tuple[Any, ...], str]] = []
    stack: list[tuple[Any, tuple[Any, ...]]] = [(data, ())]
    while stack:
        node, path = stack.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "$ref" and isinstance(value, str):
                    found.append(((*path, key), value))
                elif isinstance(value, dict | list):
                    stack.append((value, (*path, key)))
        elif isinstance(node, list):
            stack.extend((value, (*path, index)) for index, value in enumerate(node))
    found.sort(key=lambda item: [str(part) for part in item[0]])
    return found


def pointer_target(document: Any, ref: str) -> tuple[bool, Any]:
    """(found, node) for a local JSON pointer `#/a/b~1c`."""
    node = document
    for raw in ref[len(LOCAL_REF) :].split("/"):
        part = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return False, None
    return True, node


def deref(document: Any, node: Any, limit: int = 64) -> tuple[Any, str | None]:
    """Follow `$ref`s from `node` until a node that is not a bare reference; (node, problem)."""
    seen: list[str] = []
    while isinstance(node, dict) and isinstance(node.get("$ref"), str):
        ref = node["$ref"]
        if not ref.startswith(LOCAL_REF):
            return None, f"$ref {ref!r} refused: only references inside the document (#/…) are followed"
        if ref in seen or len(seen) >= limit:
            return None, f"circular $ref: {' -> '.join([*seen, ref])}"
        seen.append(ref)
        found, node = pointer_target(document, ref)
        if not found:
            return None, f"unresolved $ref {ref!r}"
    return node, None


def _operation_of(path: tuple[Any, ...]) -> tuple[str, str, str] | None:
    if len(path) >= 3 and path[0] in ("paths", "webhooks") and path[2] in HTTP_METHODS:
        return path[0], path[1], path[2]
    return None


@lru_cache(maxsize=1)
def _spec_validator_class() -> type:
    """openapi-spec-validator's 3.1 validator, with its meta-schema's one `$dynamicRef: "#meta"` made the plain
    `$ref` it resolves to for the default dialect (same verdicts, three times faster with jsonschema)."""
    import json

    from jsonschema import Draft202012Validator
    from openapi_spec_validator import OpenAPIV31SpecValidator
    from openapi_spec_validator.schemas import schema_v31

    text = json.dumps(dict(schema_v31)).replace('"$dynamicRef": "#meta"', '"$ref": "#/$defs/schema"')
    return type(
        "FastOpenAPIV31SpecValidator",
        (OpenAPIV31SpecValidator,),
        {"schema_validator": Draft202012Validator(json.loads(text))},
    )


def _validator_problems(data: dict[str, Any]) -> list[tuple[tuple[Any, ...], str]]:
    problems: list[tuple[tuple[Any, ...], str]] = []
    try:
        for error in _spec_validator_class()(data).iter_errors():
            where = tuple(getattr(error, "absolute_path", None) or getattr(error, "path", ()) or ())
            message = str(getattr(error, "message", error)).splitlines()[0][:300]
            problems.append((where, f"invalid OpenAPI document: {message}"))
            if len(problems) >= 20:
                break
    except RecursionError:
        problems.append(((), "invalid OpenAPI document: references nest too deeply to validate"))
    except Exception as exc:  # the validator's own failures on hostile input become findings
        problems.append(((), f"invalid OpenAPI document: {type(exc).__name__}: {str(exc).splitlines()[0][:200]}"))
    return problems


def validated(text: str, data: dict[str, Any]) -> list[tuple[tuple[Any, ...], str]]:
    """The validator's verdict on a document, kept in a content-addressed cache (validation is the slow part
    of loading: ~0.1 s a document). The cache holds only the validator's messages for that exact text."""
    from ..load.validation_cache import cached

    return cached(text, lambda: _validator_problems(data))


@lru_cache(maxsize=16)
def analyse(text: str, file: str) -> Analysis:
    from ..load.yamlread import YamlProblem, parse

    try:
        doc = parse(text)
    except YamlProblem as exc:
        return Analysis(problem=(exc.line, exc.message))
    data = doc.data
    if not isinstance(data, dict) or not str(data.get("openapi", "")).startswith("3.1"):
        return Analysis(problem=(1, "not an OpenAPI 3.1 document (expected `openapi: 3.1.x` at the top)"))
    per_operation: dict[tuple[str, str, str], list[str]] = {}
    document_problems: list[tuple[int, str]] = []

    def report(path: tuple[Any, ...], message: str) -> None:
        owner = _operation_of(path)
        line = doc.line(path)
        if owner is None:
            document_problems.append((line, message))
        else:
            per_operation.setdefault(owner, []).append(f"{message} (line {line})")

    refs = _refs(data)
    external = [(path, ref) for path, ref in refs if not ref.startswith(LOCAL_REF)]
    external.sort(key=lambda item: doc.line(item[0]))
    if external:  # refused before the validator sees the document: it would fetch or read them
        path, ref = external[0]
        more = f" (and {len(external) - 1} more)" if len(external) > 1 else ""
        message = f"$ref {ref!r} refused: only references inside the document (#/…) are followed{more}"
        return Analysis(problem=(doc.line(path), message))
    broken = False
    for path, ref in refs:
        _node, problem = deref(data, {"$ref": ref})
        if problem is not None:
            broken = True
            report(path, problem)
    if not broken:
        for path, message in validated(text, data):
            report(path, message)
    service = PurePosixPath(file).stem
    info = data.get("info") if isinstance(data.get("info"), dict) else {}
    analysis = Analysis(
        service={
            "id": service,
            "file": file,
            "title": str(info.get("title") or service),
            "version": str(info.get("version") or ""),
            "description": str(info.get("description") or ""),
            "data": data,
            "problems": [f"{message} (line {line})" for line, message in document_problems],
        }
    )
    for section in ("paths", "webhooks"):
        items = data.get(section)
        for route, item in items.items() if isinstance(items, dict) else ():
            if not isinstance(item, dict):
                continue
            for method in HTTP_METHODS:
                operation = item.get(method)
                if not isinstance(operation, dict):
                    continue
                responses = operation.get("responses")
                raw = {
                    "id": operation.get("operationId"),
                    "service": service,
                    "document": file,
                    "method": method,
                    "path": str(route),
                    "webhook": section == "webhooks",
                    "summary": str(operation.get("summary") or ""),
                    "description": str(operation.get("description") or ""),
                    "tags": [str(t) for t in operation.get("tags") or [] if isinstance(t, str)],
                    "stories": operation.get("x-stories") or [],
                    "rules": operation.get("x-rules") or [],
                    "responses": [str(code) for code in responses] if isinstance(responses, dict) else [],
                    "problems": per_operation.get((section, route, method), []),
                    "spec": {"path_item": item, "operation": operation},
                }
                analysis.operations.append(Raw(raw, doc.line((section, route, method))))
    return analysis
