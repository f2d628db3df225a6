"""Plain views of an OpenAPI document for the static API pages: parameters, schemas flattened into rows down
to nested fields, responses, security. Pure functions over the loaded data; every walk is iterative and
stops at a reference already being expanded (recursive schemas show once, marked)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ..kinds.openapi_read import deref

MAX_ROWS = 400  # a schema table stops there (a hostile document cannot make a page without end)
MAX_DEPTH = 12


@dataclass(frozen=True)
class FieldRow:
    name: str  # dotted path: `storage.tags[]`
    type: str
    required: bool
    description: str
    depth: int


def _resolve(document: dict[str, Any], node: Any) -> tuple[Any, str | None]:
    """The node behind `$ref`s, and the name of the last component referenced (for the type column)."""
    name = None
    if isinstance(node, dict) and isinstance(node.get("$ref"), str):
        name = node["$ref"].rsplit("/", 1)[-1]
    target, problem = deref(document, node)
    return (target if problem is None else {}), name


def type_label(document: dict[str, Any], schema: Any) -> str:
    schema, name = _resolve(document, schema)
    if not isinstance(schema, dict):
        return "—"
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = " | ".join(str(k) for k in kind)
    if kind == "array":
        item, item_name = _resolve(document, schema.get("items"))
        inner = item_name or (type_label(document, item) if isinstance(item, dict) else "—")
        label = f"array<{inner}>"
    else:
        label = str(kind or ("object" if "properties" in schema else "")) or "—"
        if schema.get("format"):
            label += f" ({schema['format']})"
    for combiner, word in (("oneOf", "un parmi"), ("anyOf", "au moins un de")):
        options = schema.get(combiner)
        if isinstance(options, list):
            names = [_resolve(document, option)[1] or type_label(document, option) for option in options]
            label = f"{word} : {', '.join(names)}"
    if isinstance(schema.get("enum"), list):
        label += " ∈ {" + ", ".join(str(v) for v in schema["enum"]) + "}"
    return f"{name} — {label}" if name else label


def _properties(document: dict[str, Any], schema: dict[str, Any]) -> tuple[dict[str, Any], set[str]]:
    """Properties and required names, merging `allOf` parts."""
    props: dict[str, Any] = {}
    required: set[str] = set()
    parts = [schema]
    index = 0
    while index < len(parts) and index < 50:
        part = parts[index]
        index += 1
        if isinstance(part.get("properties"), dict):
            props.update(part["properties"])
        if isinstance(part.get("required"), list):
            required.update(str(r) for r in part["required"])
        for sub in part.get("allOf") or []:
            resolved, _ = _resolve(document, sub)
            if isinstance(resolved, dict):
                parts.append(resolved)
    return props, required


def _children(
    document: dict[str, Any], node: Any, prefix: str, depth: int, seen: tuple[str, ...]
) -> list[tuple[str, Any, bool, int, tuple[str, ...]]]:
    """The properties below a resolved node (an object, or an array of objects), in document order."""
    if not isinstance(node, dict) or depth > MAX_DEPTH:
        return []
    if node.get("type") == "array":
        item, item_name = _resolve(document, node.get("items"))
        if item_name is not None and item_name in seen:
            return []
        return _children(document, item, f"{prefix}[]", depth, (*seen, item_name) if item_name else seen)
    props, required = _properties(document, node)
    base = f"{prefix}." if prefix else ""
    return [(f"{base}{name}", raw, name in required, depth, seen) for name, raw in props.items()]


def schema_rows(document: dict[str, Any], schema: Any) -> list[FieldRow]:
    """Rows for every field of a schema, nested fields included (depth first, in document order)."""
    rows: list[FieldRow] = []
    root, root_name = _resolve(document, schema)
    stack = list(reversed(_children(document, root, "", 0, (root_name,) if root_name else ())))
    while stack and len(rows) < MAX_ROWS:
        path, raw, required, depth, seen = stack.pop()
        resolved, ref_name = _resolve(document, raw)
        recursive = ref_name is not None and ref_name in seen
        if isinstance(resolved, dict) and resolved.get("type") == "array" and not recursive:
            _item, item_name = _resolve(document, resolved.get("items"))
            recursive = item_name is not None and item_name in seen
        description = ""
        for holder in (raw, resolved):
            if isinstance(holder, dict) and holder.get("description"):
                description = str(holder["description"])
                break
        label = type_label(document, raw) + (" (récursif)" if recursive else "")
        rows.append(FieldRow(path, label, required, description, depth))
        if not recursive:
            inner_seen = (*seen, ref_name) if ref_name else seen
            stack.extend(reversed(_children(document, resolved, path, depth + 1, inner_seen)))
    return rows


def parameters(document: dict[str, Any], path_item: dict[str, Any], operation: dict[str, Any]) -> list[dict[str, Any]]:
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for raw in [*(path_item.get("parameters") or []), *(operation.get("parameters") or [])]:
        param, _ = _resolve(document, raw)
        if isinstance(param, dict) and "name" in param:
            found[(str(param.get("in")), str(param["name"]))] = param
    return [
        {
            "name": str(p["name"]),
            "in": str(p.get("in", "")),
            "required": bool(p.get("required")),
            "type": type_label(document, p.get("schema")),
            "description": str(p.get("description") or ""),
        }
        for p in found.values()
    ]


def example_text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, default=str)


def bodies(document: dict[str, Any], holder: Any) -> list[dict[str, Any]]:
    """Each media type of a request body or response: its schema rows and examples."""
    resolved, _ = _resolve(document, holder)
    content = resolved.get("content") if isinstance(resolved, dict) else None
    out = []
    for media, entry in content.items() if isinstance(content, dict) else ():
        if not isinstance(entry, dict):
            continue
        examples = []
        if "example" in entry:
            examples.append(example_text(entry["example"]))
        for raw in (entry.get("examples") or {}).values():
            example, _ = _resolve(document, raw)
            if isinstance(example, dict) and "value" in example:
                examples.append(example_text(example["value"]))
        schema = entry.get("schema")
        out.append(
            {
                "media": str(media),
                "type": type_label(document, schema) if schema is not None else "—",
                "rows": schema_rows(document, schema) if schema is not None else [],
                "examples": examples,
            }
        )
    return out


def responses(document: dict[str, Any], operation: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for code, raw in (operation.get("responses") or {}).items():
        response, name = _resolve(document, raw)
        description = str(response.get("description") or "") if isinstance(response, dict) else ""
        out.append(
            {
                "code": str(code),
                "error": str(code)[:1] in "45" or str(code) == "default",
                "description": description,
                "component": name or "",
                "bodies": bodies(document, response),
            }
        )
    return out


def security(document: dict[str, Any], operation: dict[str, Any]) -> list[dict[str, Any]]:
    """The security requirements in force (the operation's, else the document's), with their schemes."""
    requirements = operation.get("security", document.get("security")) or []
    schemes = ((document.get("components") or {}).get("securitySchemes")) or {}
    out = []
    for requirement in requirements if isinstance(requirements, list) else ():
        for name, scopes in (requirement or {}).items():
            scheme, _ = _resolve(document, schemes.get(name))
            out.append({"name": str(name), "scheme": scheme_label(scheme), "scopes": [str(s) for s in scopes or []]})
    return out


def scheme_label(scheme: Any) -> str:
    if not isinstance(scheme, dict):
        return "—"
    kind = str(scheme.get("type", ""))
    if kind == "http":
        label = f"HTTP {scheme.get('scheme', '')}"
        if scheme.get("bearerFormat"):
            label += f" ({scheme['bearerFormat']})"
        return label
    if kind == "oauth2":
        flows = ", ".join(str(f) for f in (scheme.get("flows") or {}))
        pkce = f", PKCE {scheme['x-pkce']}" if scheme.get("x-pkce") else ""
        return f"OAuth 2.0 ({flows}{pkce})"
    if kind == "apiKey":
        return f"clé d'API ({scheme.get('in', '')} {scheme.get('name', '')})"
    return kind or "—"


def schemes(document: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for name, raw in (((document.get("components") or {}).get("securitySchemes")) or {}).items():
        scheme, _ = _resolve(document, raw)
        if not isinstance(scheme, dict):
            continue
        scopes: dict[str, str] = {}
        urls = []
        for flow_name, flow in (scheme.get("flows") or {}).items():
            if isinstance(flow, dict):
                scopes.update({str(k): str(v) for k, v in (flow.get("scopes") or {}).items()})
                for key in ("authorizationUrl", "tokenUrl"):
                    if flow.get(key):
                        urls.append(f"{flow_name} {key} : {flow[key]}")
        out.append(
            {
                "name": str(name),
                "label": scheme_label(scheme),
                "description": str(scheme.get("description") or ""),
                "scopes": sorted(scopes.items()),
                "urls": urls,
            }
        )
    return out
