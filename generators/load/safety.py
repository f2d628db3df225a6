"""Checks on what is read before it becomes data: files inside the project root, no control characters."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

# C0 controls except tab and line feed, DEL, C1 controls, and the bidirectional overrides and isolates
# (they can hide or reorder text: "Trojan Source").
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# A YAML file can only carry them raw (bidi, NEL) or through an escape in a double-quoted string.
_MAYBE_IN_YAML = re.compile("[\\\\\x85\u202a-\u202e\u2066-\u2069]")


def outside_root(path: Path, root: Path) -> bool:
    """True when `path` (a symbolic link, or a file under one) leads outside `root` (already resolved)."""
    try:
        path.resolve().relative_to(root)
    except (ValueError, OSError, RuntimeError):  # outside, or a link loop
        return True
    return False


def describe(char: str) -> str:
    return f"U+{ord(char):04X}"


def forbidden_in_text(text: str) -> str | None:
    """The first forbidden character of `text`, or None."""
    match = FORBIDDEN.search(text)
    return match.group() if match else None


def may_hide_controls(text: str) -> bool:
    """Cheap test on a YAML file's text: can its data hold a forbidden character at all?"""
    return _MAYBE_IN_YAML.search(text) is not None


def strings_in(data: Any) -> Iterator[tuple[tuple[Any, ...], str]]:
    """Every string (keys and values) in plain data, with its path; iterative."""
    stack: list[tuple[Any, tuple[Any, ...]]] = [(data, ())]
    while stack:
        node, path = stack.pop()
        if isinstance(node, str):
            yield path, node
        elif isinstance(node, dict):
            for key, value in node.items():
                if isinstance(key, str):
                    yield (*path, key), key
                stack.append((value, (*path, key)))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                stack.append((value, (*path, index)))
