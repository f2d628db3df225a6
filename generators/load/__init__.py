"""Layer 2: read the YAML tree with line numbers, validate it, and cross-check references.

The names below are imported on first use, so that a light submodule (`atomic`, `parse_cache`…) can be
imported without the loader and its models (`fanzone build` checks whether anything changed first)."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .loader import LoadResult, load_backlog
    from .yamlread import Document, YamlProblem, load_file, parse

_WHERE = {
    "LoadResult": "loader",
    "load_backlog": "loader",
    "Document": "yamlread",
    "YamlProblem": "yamlread",
    "load_file": "yamlread",
    "parse": "yamlread",
}

__all__ = ["Document", "LoadResult", "YamlProblem", "load_backlog", "load_file", "parse"]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
