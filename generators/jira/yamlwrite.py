"""Write workflow values (`jira:` key, status, assignee, sprint) into the backlog YAML with a ruamel.yaml
round trip: comments, key order and the formatting of untouched lines are kept; the result is checked (same data
plus our edits, no other line changed) and written atomically. When ruamel would re-indent anything else (a
file mixing indentation styles), the same edits are made on the lines themselves, located by ruamel."""

from __future__ import annotations

import copy
import difflib
import io
import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..load.atomic import atomic_write
from ..load.yamlread import YamlProblem, parse
from .errors import JiraSyncError

# where a new key goes: after the first of these keys that exists
ANCHORS: dict[str, tuple[str, ...]] = {
    "jira": ("id",),
    "status": ("priority", "points", "id"),
    "sprint": ("status", "priority", "id"),
    "assignee": ("sprint", "status", "id"),
}


@dataclass
class YamlEdit:
    object_id: str
    set: dict[str, Any] = field(default_factory=dict)
    delete: tuple[str, ...] = ()


def _yaml() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    return yaml


def _mapping_indent(text: str) -> int:
    lines = [ln for ln in text.split("\n") if ln.strip() and not ln.lstrip().startswith("#")]
    for here, following in itertools.pairwise(lines):
        stripped = here.strip()
        if stripped.endswith(":") and not stripped.startswith("- "):
            outer = len(here) - len(here.lstrip(" "))
            inner = len(following) - len(following.lstrip(" "))
            if inner > outer and not following.lstrip().startswith("-"):
                return inner - outer
    return 2


def _find(node: Any, object_id: str) -> Any:
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if item.get("id") == object_id:
                return item
            stack.extend(reversed(list(item.values())))
        elif isinstance(item, list):
            stack.extend(reversed(item))
    return None


def _expected(data: Any, edits: list[YamlEdit]) -> Any:
    data = copy.deepcopy(data)
    for edit in edits:
        target = _find(data, edit.object_id)
        if target is None:
            raise JiraSyncError(f"{edit.object_id}: not found in its YAML file any more (edited meanwhile?)")
        target.update(edit.set)
        for key in edit.delete:
            target.pop(key, None)
    return data


def _move_trailing_comment(mapping: Any, source: str, target: str) -> None:
    """Comment lines after `source`'s value belong to the next key: give them to the key inserted after it."""
    token = mapping.ca.items.get(source)
    if not token or len(token) < 3 or token[2] is None:
        return
    value = token[2].value
    cut = value.find("\n")
    if cut == -1 or not value[cut + 1 :]:
        return
    moved = copy.copy(token[2])
    moved.value = "\n" + value[cut + 1 :]
    if value[: cut + 1].strip():
        token[2].value = value[: cut + 1]
    else:
        token[2] = None
    mapping.ca.items[target] = [None, None, moved, None]


def _apply_rt(mapping: Any, edit: YamlEdit) -> None:
    for key, value in edit.set.items():
        if key in mapping:
            mapping[key] = value
            continue
        keys = list(mapping.keys())
        anchor = next((a for a in ANCHORS.get(key, ()) if a in mapping), None)
        position = keys.index(anchor) + 1 if anchor else len(keys)
        mapping.insert(position, key, value)
        if anchor:
            _move_trailing_comment(mapping, anchor, key)
    for key in edit.delete:
        if key not in mapping:
            continue
        keys = list(mapping.keys())
        index = keys.index(key)
        token = mapping.ca.items.pop(key, None)
        del mapping[key]
        if token and len(token) > 2 and token[2] is not None and index > 0:
            rest = token[2].value.split("\n", 1)[1] if "\n" in token[2].value else ""
            if rest.strip():
                previous = keys[index - 1]
                prev_token = mapping.ca.items.get(previous)
                if prev_token and len(prev_token) > 2 and prev_token[2] is not None:
                    prev_token[2].value += rest
                else:
                    moved = copy.copy(token[2])
                    moved.value = "\n" + rest
                    mapping.ca.items[previous] = [None, None, moved, None]


def _sequence_indent(text: str, mapping_indent: int) -> tuple[int, int]:
    """(sequence, offset) for ruamel: where the dash of a block sequence sits, and where its content starts,
    relative to the parent key (ruamel's own guess parses the whole file again: too slow for big files)."""
    lines = [ln for ln in text.split("\n") if ln.strip() and not ln.lstrip().startswith("#")]
    for here, following in itertools.pairwise(lines):
        stripped = here.strip()
        item = re.match(r"^(\s*)-(\s+)\S", following)
        if stripped.endswith(":") and item:
            outer = len(here) - len(here.lstrip(" "))
            offset = len(item.group(1)) - outer
            if offset >= 0:
                return offset + 1 + len(item.group(2)), offset
    return mapping_indent + 2, mapping_indent


def _round_trip(text: str, edits: list[YamlEdit]) -> str:
    yaml = _yaml()
    mapping_indent = _mapping_indent(text)
    sequence, offset = _sequence_indent(text, mapping_indent)
    yaml.indent(mapping=mapping_indent, sequence=sequence, offset=offset)
    doc = yaml.load(text)
    for edit in edits:
        target = _find(doc, edit.object_id)
        _apply_rt(target, edit)
    out = io.StringIO()
    yaml.dump(doc, out)
    return out.getvalue()


def _scalar(key: str, value: Any) -> str:
    """How ruamel writes `key: value` (quoting when needed)."""
    out = io.StringIO()
    _yaml().dump({key: value}, out)
    return out.getvalue().rstrip("\n").split(": ", 1)[1] if ": " in out.getvalue() else "''"


_PLAIN_END = re.compile(r"\s+#")


def _value_end(line: str, start: int) -> int:
    if start >= len(line):
        return start
    quote = line[start]
    if quote in "'\"":
        index = start + 1
        while index < len(line):
            if quote == '"' and line[index] == "\\":
                index += 2
                continue
            if line[index] == quote:
                if quote == "'" and line[index + 1 : index + 2] == "'":
                    index += 2
                    continue
                return index + 1
            index += 1
        return len(line)
    match = _PLAIN_END.search(line, start)
    end = match.start() if match else len(line)
    return len(line[:end].rstrip())


def _surgical(text: str, edits: list[YamlEdit]) -> str:
    """The same edits made on the lines, at the positions ruamel reports."""
    doc = _yaml().load(text)
    lines = text.split("\n")
    inserts: list[tuple[int, str]] = []
    replaces: dict[int, str] = {}
    deletions: set[int] = set()
    for edit in edits:
        mapping = _find(doc, edit.object_id)
        for key, value in edit.set.items():
            if key in mapping:
                line_no, _ = mapping.lc.key(key)
                value_line, value_col = mapping.lc.value(key)
                if value_line != line_no:
                    raise JiraSyncError(f"{edit.object_id}: {key}: multi-line value, cannot rewrite it safely")
                line = replaces.get(line_no, lines[line_no])
                end = _value_end(line, value_col)
                replaces[line_no] = line[:value_col] + _scalar(key, value) + line[end:]
                continue
            anchor = next((a for a in ANCHORS.get(key, ()) if a in mapping), None) or list(mapping.keys())[-1]
            anchor_line, column = mapping.lc.key(anchor)
            inserts.append((anchor_line, " " * column + f"{key}: {_scalar(key, value)}"))
        for key in edit.delete:
            if key in mapping:
                deletions.add(mapping.lc.key(key)[0])
    after: dict[int, list[str]] = {}
    for line_no, new in inserts:
        after.setdefault(line_no, []).append(new)
    out: list[str] = []
    for line_no, line in enumerate(lines):
        if line_no not in deletions:
            out.append(replaces.get(line_no, line))
        out.extend(after.get(line_no, []))
    return "\n".join(out)


def _only_our_lines(old: str, new: str, keys: set[str]) -> bool:
    pattern = re.compile(r"^\s*(?:" + "|".join(re.escape(k) for k in sorted(keys)) + r"):")
    old_lines, new_lines = old.split("\n"), new.split("\n")
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if not all(pattern.match(line) for line in old_lines[i1:i2] + new_lines[j1:j2]):
            return False
    return True


def apply_edits(path: Path, edits: list[YamlEdit], display: str | None = None) -> bool:
    """Apply the edits to one YAML file; True when the file changed."""
    display = display or str(path)
    raw = path.read_bytes()
    text = raw.decode("utf-8")
    bom = text.startswith("\ufeff")
    text = text.removeprefix("\ufeff")
    newline = "\r\n" if "\r\n" in text else "\n"
    text = text.replace("\r\n", "\n")
    try:
        before = parse(text).data
    except YamlProblem as exc:
        raise JiraSyncError(f"{display}:{exc.line}: cannot update this file: {exc.message}") from None
    expected = _expected(before, edits)
    if expected == before:
        return False
    keys = {key for edit in edits for key in (*edit.set, *edit.delete)}
    new_text = None
    for attempt in (_round_trip, _surgical):
        try:
            candidate = attempt(text, edits)
            if parse(candidate).data == expected and _only_our_lines(text, candidate, keys):
                new_text = candidate
                break
        except (YamlProblem, JiraSyncError, ValueError, KeyError, IndexError, TypeError):
            continue
    if new_text is None:
        ids = ", ".join(edit.object_id for edit in edits)
        raise JiraSyncError(
            f"{display}:1: {ids}: cannot write {', '.join(sorted(keys))} without reformatting other lines; "
            "add the values by hand"
        )
    atomic_write(path, ("\ufeff" if bom else "") + new_text, newline=newline)
    return True
