"""Safe, fast YAML reading with line numbers.

PyYAML's libyaml-backed composer gives nodes that carry their marks; we turn the node tree into plain
Python data ourselves, recording the line of every mapping key and sequence item by its path. Anchors
and aliases are rejected (no "billion laughs"), as are duplicate keys and tab indentation.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import FanzoneError

try:  # libyaml when available (it is in PyYAML's wheels); the pure-Python parser otherwise
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_NESTING = 100  # mappings and lists inside each other; validation and drawing walk them (a screen needs ~30)

Path_ = tuple[Any, ...]

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_MAP = "tag:yaml.org,2002:map"
_MERGE = "tag:yaml.org,2002:merge"
_VALUE = "tag:yaml.org,2002:value"
_SEQ = "tag:yaml.org,2002:seq"
_ALLOWED_SCALARS = {_STR, _INT, _BOOL, _NULL, "tag:yaml.org,2002:float", "tag:yaml.org,2002:timestamp"}
_constructor = yaml.constructor.SafeConstructor()
_MISSING: Any = object()
_TAG_ALIASES = {
    f"!!{name}": f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "bool", "null", "float", "timestamp", "map", "seq")
}
# YAML 1.1 implicit resolvers (the safe loader's), indexed by first character
_RESOLVERS: dict[str, list[tuple[str, Any]]] = {
    first: [(tag, regexp) for tag, regexp in items]
    for first, items in yaml.resolver.Resolver.yaml_implicit_resolvers.items()
    if first is not None
}


class YamlProblem(FanzoneError):
    """A file that cannot be read as data; carries the 1-based line."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass
class Document:
    """Plain data read from one YAML file, plus the line of every mapping key and sequence item.

    Lines are kept beside the data, one small table per container (keyed by the container's id), so that
    reading costs no tuple per node; `line(path)` walks the data along the path.
    """

    data: Any
    root_line: int = 1
    tables: dict[int, Any] = field(default_factory=dict)

    def line(self, path: Path_) -> int:
        """Line of `path`, or of its closest existing ancestor."""
        node = self.data
        best = self.root_line
        for part in path:
            table = self.tables.get(id(node))
            if table is None:
                break
            try:
                best = table[part]
                node = node[part]
            except (KeyError, IndexError, TypeError):
                break
        return best

    def has(self, path: Path_) -> bool:
        node = self.data
        for part in path:
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                return False
        return True

    def paths(self) -> Iterator[tuple[Path_, int]]:
        """Every (path, line) in the document, depth first (used for small files, such as screens)."""
        stack: list[tuple[Any, Path_]] = [(self.data, ())]
        while stack:
            node, path = stack.pop()
            table = self.tables.get(id(node))
            if table is None:
                continue
            items = list(table.items()) if isinstance(table, dict) else list(enumerate(table))
            for part, line in reversed(items):
                yield (*path, part), line
                stack.append((node[part], (*path, part)))


def read_text(path: Path) -> str:
    """Read a YAML or Markdown file as NFC-normalised UTF-8 text, with the checks that come before parsing."""
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
    # One spelling per text: NFD and NFC forms of "À faire" compare equal (normalising never moves a line).
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


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
        loader = _Loader(text)
        try:
            return _build(_events(loader))
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        problem = exc.problem or "invalid YAML"
        if exc.context:
            problem = f"{exc.context}: {problem}" if "while" not in exc.context else f"{problem} ({exc.context})"
        raise YamlProblem(line, f"YAML syntax error: {problem}{_hint(problem)}") from None
    except yaml.YAMLError as exc:
        raise YamlProblem(1, f"YAML error: {exc}") from None


def _hint(problem: str) -> str:
    """A fix for the syntax errors people make most in French prose."""
    if "mapping values are not allowed" in problem:
        return (
            " (a ': ' inside unquoted text, as in French typography 'ceci : cela': quote the value or write "
            "it as a block with '>')"
        )
    if "found character '\\t'" in problem or "found a tab" in problem:
        return " (indent with spaces, not tabs)"
    if "could not find expected ':'" in problem:
        return " (a line that is neither 'key: value' nor a list item '- ...'; check the indentation)"
    return ""


def _scalar(event: yaml.ScalarEvent) -> Any:
    """Resolve a scalar like YAML 1.1's safe loader does, with a fast path for ordinary text."""
    value = event.value
    tag = event.tag
    if tag is not None and tag != "!":
        full = _TAG_ALIASES.get(tag, tag)
        if full not in _ALLOWED_SCALARS:
            raise YamlProblem(event.start_mark.line + 1, f"unsupported YAML tag {tag!r}")
        if full == _STR:
            return value
    elif not event.implicit[0]:  # quoted or block scalar: always a string
        return value
    else:
        resolvers = _RESOLVERS.get(value[:1] if value else "")
        if not resolvers:
            return value
        for candidate, regexp in resolvers:
            if regexp.match(value):
                full = candidate
                break
        else:
            return value
    if full == _NULL:
        return None
    if full in (_MERGE, _VALUE):
        raise YamlProblem(event.start_mark.line + 1, f"{value!r} keys (merge/value) are not allowed")
    node = yaml.ScalarNode(full, value, event.start_mark, event.end_mark)
    try:
        return _constructor.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError) as exc:
        raise YamlProblem(event.start_mark.line + 1, f"invalid value {value!r}: {exc}") from None


def _events(loader: Any) -> Iterator[Any]:
    """Parser events; like `yaml.parse` but with one C call per event instead of two."""
    get_event = loader.get_event
    stream_end = yaml.StreamEndEvent
    while True:
        event = get_event()
        if event is None or type(event) is stream_end:
            return
        yield event


def _build(events: Any) -> Document:
    """Turn parser events into plain data, recording the line of every mapping key and sequence item.

    Written as one flat loop: it runs once per YAML node (hundreds of thousands for a large backlog).
    """
    tables: dict[int, Any] = {}
    stack: list[list[Any]] = []  # frames: [container, line table, pending key, pending key line]
    root: Any = _MISSING
    root_line = 1
    documents = 0
    scalar_event, map_start, seq_start = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
    map_end, seq_end, alias_event, doc_start = (
        yaml.MappingEndEvent,
        yaml.SequenceEndEvent,
        yaml.AliasEvent,
        yaml.DocumentStartEvent,
    )
    for event in events:
        kind = type(event)
        if kind is scalar_event or kind is map_start or kind is seq_start:
            line = event.start_mark.line + 1
            if event.anchor is not None:
                raise YamlProblem(line, "anchors and aliases (&, *) are not allowed")
            if kind is scalar_event:
                value = _scalar(event)
                table = None
            else:
                tag = event.tag
                if tag is not None and tag != "!" and _TAG_ALIASES.get(tag, tag) not in (_MAP, _SEQ):
                    raise YamlProblem(line, f"unsupported YAML tag {tag!r}")
                if kind is map_start:
                    value, table = {}, {}
                else:
                    value, table = [], []
                tables[id(value)] = table
            if not stack:
                root, root_line = value, line
            else:
                frame = stack[-1]
                container = frame[0]
                if type(container) is list:
                    container.append(value)
                    frame[1].append(line)
                elif frame[2] is _MISSING:  # this node is a key
                    if table is not None:
                        raise YamlProblem(line, "mapping keys must be plain scalars")
                    if value in container:
                        raise YamlProblem(line, f"duplicate key {value!r} (first at line {frame[1][value]})")
                    frame[2] = value
                    frame[3] = line
                else:
                    key = frame[2]
                    container[key] = value
                    frame[1][key] = frame[3]
                    frame[2] = _MISSING
            if table is not None:
                stack.append([value, table, _MISSING, 0])
                if len(stack) > MAX_NESTING:
                    raise YamlProblem(line, f"data nested more than {MAX_NESTING} levels deep")
        elif kind is map_end or kind is seq_end:
            stack.pop()
        elif kind is alias_event:
            raise YamlProblem(event.start_mark.line + 1, "anchors and aliases (&, *) are not allowed")
        elif kind is doc_start:
            documents += 1
            if documents > 1:
                raise YamlProblem(event.start_mark.line + 1, "only one YAML document per file")
    if root is _MISSING or root is None:
        raise YamlProblem(1, "file is empty")
    return Document(data=root, root_line=root_line, tables=tables)


def load_file(path: Path) -> Document:
    return parse(read_text(path))
