"""Safe, fast YAML reading with line numbers.

PyYAML's libyaml-backed composer gives nodes that carry their marks; we turn the node tree into plain
Python data ourselves, recording the line of every mapping key and sequence item by its path. Anchors
and aliases are rejected (no "billion laughs"), as are duplicate keys and tab indentation.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

try:  # libyaml when available (it is in PyYAML's wheels); the pure-Python parser otherwise
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 2 * 1024 * 1024

Path_ = tuple[Any, ...]

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_ALLOWED_SCALARS = {_STR, _INT, _BOOL, _NULL, "tag:yaml.org,2002:float", "tag:yaml.org,2002:timestamp"}
_constructor = yaml.constructor.SafeConstructor()


class YamlProblem(Exception):
    """A file that cannot be read as data; carries the 1-based line."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass
class Document:
    """Plain data read from one YAML file, plus the line of every path in it."""

    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)

    def line(self, path: Path_) -> int:
        """Line of `path`, or of its closest existing ancestor."""
        path = tuple(path)
        while path:
            found = self.lines.get(path)
            if found is not None:
                return found
            path = path[:-1]
        return self.lines.get((), 1)


def read_text(path: Path) -> str:
    """Read a YAML file as UTF-8 text, with the checks that come before parsing."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise YamlProblem(1, f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,} (split it)")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise YamlProblem(line, f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02x})") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    return text


def _check_tabs(text: str) -> None:
    if "\t" not in text:
        return
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.lstrip(" ")
        if stripped.startswith("\t"):
            raise YamlProblem(number, "tab character in indentation; indent with spaces")


def parse(text: str) -> Document:
    """Parse YAML text into a `Document`; raise `YamlProblem` for anything that is not plain data."""
    _check_tabs(text)
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        raise YamlProblem(1, "file is empty")
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        problem = exc.problem or "invalid YAML"
        if exc.context:
            problem = f"{exc.context}: {problem}" if "while" not in exc.context else f"{problem} ({exc.context})"
        raise YamlProblem(line, f"YAML syntax error: {problem}") from None
    except yaml.YAMLError as exc:
        raise YamlProblem(1, f"YAML error: {exc}") from None
    if root is None:
        raise YamlProblem(1, "file is empty")
    doc = Document(data=None)
    doc.data = _convert(root, (), doc.lines, set())
    return doc


def load_file(path: Path) -> Document:
    return parse(read_text(path))


def _convert(node: yaml.Node, path: Path_, lines: dict[Path_, int], seen: set[int]) -> Any:
    key = id(node)
    if key in seen:
        raise YamlProblem(
            node.start_mark.line + 1,
            "anchors and aliases (&, *) are not allowed: this anchored value is reused by an alias",
        )
    seen.add(key)
    if path not in lines:
        lines[path] = node.start_mark.line + 1
    tag = node.tag
    if isinstance(node, yaml.ScalarNode):
        if tag == _STR:
            return node.value
        if tag not in _ALLOWED_SCALARS:
            raise YamlProblem(node.start_mark.line + 1, f"unsupported YAML tag {tag!r}")
        if tag == _NULL:
            return None
        try:
            value = _constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError) as exc:
            raise YamlProblem(node.start_mark.line + 1, f"invalid value {node.value!r}: {exc}") from None
        if isinstance(value, dt.datetime):
            return value
        return value
    if isinstance(node, yaml.SequenceNode):
        if tag != _SEQ:
            raise YamlProblem(node.start_mark.line + 1, f"unsupported YAML tag {tag!r}")
        out = []
        for index, item in enumerate(node.value):
            item_path = (*path, index)
            lines[item_path] = item.start_mark.line + 1
            out.append(_convert(item, item_path, lines, seen))
        return out
    if isinstance(node, yaml.MappingNode):
        if tag != _MAP:
            raise YamlProblem(node.start_mark.line + 1, f"unsupported YAML tag {tag!r}")
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise YamlProblem(key_node.start_mark.line + 1, "merge keys (<<) are not allowed")
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlProblem(key_node.start_mark.line + 1, "mapping keys must be plain scalars")
            name = key_node.value if key_node.tag == _STR else _convert(key_node, (*path, "<key>"), {}, seen)
            key_line = key_node.start_mark.line + 1
            if name in mapping:
                first = lines.get((*path, name), key_line)
                raise YamlProblem(key_line, f"duplicate key {name!r} (first at line {first})")
            child_path = (*path, name)
            lines[child_path] = key_line
            mapping[name] = _convert(value_node, child_path, lines, seen)
        return mapping
    raise YamlProblem(node.start_mark.line + 1, "unsupported YAML node")  # pragma: no cover
