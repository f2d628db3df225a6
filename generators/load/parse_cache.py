"""A content-addressed cache of parsed YAML documents: sha256(format + PyYAML version + text) -> the data and
the line tables, as JSON (never pickle). Parsing is most of a large backlog's load time; a file that did not
change since the last command is read back instead of parsed again.

Only documents JSON keeps exactly are stored (string keys; text, integers, finite floats, booleans, null):
a document with dates or other keys (project.yaml) is parsed every time. Under `$FANZONE_CACHE` or
`$XDG_CACHE_HOME/fanzone` (default `~/.cache/fanzone`); a cache that cannot be read or written is not used,
and a damaged entry is parsed again. Entries read are touched, and the folder is pruned (`cache_prune`: unused
entries, least recently used first) at most once a day.
"""

from __future__ import annotations

import hashlib
import math
import os
from pathlib import Path
from typing import Any

import orjson
import yaml

from .cache_prune import maybe_prune_once, touch
from .validation_cache import cache_dir as _openapi_dir
from .yamlread import Document, parse

FORMAT = 1  # bump when `Document` or this encoding changes
_FOLDER = "yaml-parse"
_STAMP = f"fanzone-yaml-parse {FORMAT} pyyaml {yaml.__version__}\n"


def cache_dir() -> Path:
    return _openapi_dir().parent / _FOLDER


def _containers(data: Any) -> list[Any]:
    """Every dict and list of `data`, depth first, in document order (the same order after a JSON round trip).
    One flat loop: it runs once per container of every file (tens of thousands for a large backlog)."""
    found: list[Any] = []
    stack = [data]
    pop, push, extend = stack.pop, found.append, stack.extend
    while stack:
        node = pop()
        push(node)
        kids = [c for c in (node.values() if type(node) is dict else node) if type(c) is dict or type(c) is list]
        if kids:
            kids.reverse()
            extend(kids)
    return found


def _plain(data: Any) -> bool:
    """True when JSON gives `data` back exactly."""
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if not all(type(key) is str for key in node):
                return False
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
        elif type(node) is float:
            if not math.isfinite(node):
                return False
        elif node is not None and type(node) not in (str, int, bool):
            return False
    return True


def _encode(doc: Document) -> bytes | None:
    if not isinstance(doc.data, dict | list) or not _plain(doc.data):
        return None
    tables = [doc.tables[id(node)] for node in _containers(doc.data)]
    try:
        return orjson.dumps({"d": doc.data, "r": doc.root_line, "t": tables})
    except orjson.JSONEncodeError:  # an integer beyond 64 bits, a lone surrogate: parsed every time
        return None


def _decode(text: bytes) -> Document:
    stored = orjson.loads(text)
    data, tables = stored["d"], stored["t"]
    containers = _containers(data)
    if len(containers) != len(tables):
        raise ValueError("damaged entry")
    return Document(
        data=data, root_line=int(stored["r"]), tables={id(n): t for n, t in zip(containers, tables, strict=True)}
    )


def cached_parse(text: str) -> Document:
    """`parse(text)`, read back from the cache when the same text was parsed before."""
    key = hashlib.sha256((_STAMP + text).encode("utf-8")).hexdigest()
    folder = cache_dir()
    maybe_prune_once(folder)
    path = folder / key[:2] / f"{key}.json"
    try:
        found = _decode(path.read_bytes())
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass
    else:
        touch(path)  # used now: the pruning keeps it
        return found
    doc = parse(text)  # a YamlProblem propagates: errors are never cached
    encoded = _encode(doc)
    if encoded is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            scratch = path.with_suffix(f".{os.getpid()}.tmp")
            scratch.write_bytes(encoded)
            scratch.replace(path)
        except OSError:
            pass
    return doc
