"""Sequence diagrams: `specs/sequences/*.puml`, PlantUML with leading metadata comments.

    ' id: SEQ-PAY-01
    ' title: Achat d'un pass…
    ' stories: [E06-S01]
    ' rules: [BR-PPV-02]
    ' operations: [purchasePass]
    @startuml
    …
    @enduml

PlantUML's preprocessor is never given a chance: a line starting with `!` (`!include`, `!import`,
`!define`…), a builtin function call `%name(` anywhere, and `<img:` / `sprite` / `@start…` lines past the
first are refused with the line, before anything renders the diagram.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..model import Backlog, Severity
from ..model.sequence import SEQUENCE_ID, Sequence
from .registry import Format, Issue, Kind, Raw, Ref

_META = re.compile(r"^'\s*([a-z_]+)\s*:\s*(.*?)\s*$")
_LIST_KEYS = ("stories", "rules", "operations")
# PlantUML preprocessor and file-reading constructs
_FORBIDDEN = (
    (re.compile(r"^\s*!"), "preprocessor directive"),
    (re.compile(r"%[A-Za-z_]\w*\s*\("), "preprocessor function"),
    (re.compile(r"<\s*img\s*:", re.IGNORECASE), "image include"),
    (re.compile(r"^\s*sprite\b", re.IGNORECASE), "sprite definition"),
    (re.compile(r"^\s*@start(?!uml\s*$)", re.IGNORECASE), "diagram start other than @startuml"),
)


def _list(value: str) -> list[str]:
    inner = value.strip()
    if inner.startswith("[") and inner.endswith("]"):
        inner = inner[1:-1]
    return [item.strip() for item in inner.split(",") if item.strip()]


def parse_sequence(text: str, file: str) -> list[Raw]:
    from ..load.yamlread import YamlProblem

    lines = text.splitlines()
    meta: dict[str, Any] = {"file": file}
    start = None
    for number, line in enumerate(lines, start=1):
        for pattern, what in _FORBIDDEN:
            if pattern.search(line):
                raise YamlProblem(number, f"{what} refused in a sequence diagram (never executed): remove it")
        if start is None:
            match = _META.match(line)
            if match and match.group(1) in ("id", "title", *_LIST_KEYS):
                key, value = match.groups()
                meta[key] = _list(value) if key in _LIST_KEYS else value
            elif line.strip().lower() == "@startuml":
                start = number
    if start is None:
        raise YamlProblem(1, "no @startuml line: a sequence diagram goes from @startuml to @enduml")
    body = "\n".join(lines[start - 1 :]).strip()
    if not body.lower().endswith("@enduml") or body.lower().count("@startuml") != 1:
        raise YamlProblem(start, "one diagram a file, from @startuml to a last line @enduml")
    meta["source"] = body
    return [Raw(meta, 1)]


def _sequence_checks(sequence: Sequence, _parent: Any, backlog: Backlog) -> Iterator[Issue]:
    stem = sequence.file.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    if stem != sequence.id:
        yield Issue(
            f"file is named {stem!r}; name sequence files after their id ({sequence.id}.puml)",
            "id",
            "file-name",
            Severity.WARNING,
        )


KINDS = [
    Kind(
        name="sequence",
        label="sequence diagram",
        plural="sequence diagrams",
        model=Sequence,
        id_pattern=SEQUENCE_ID,
        format=Format.CUSTOM,
        files=("specs/sequences/*.puml",),
        parse=parse_sequence,
        default_id=lambda path: path.stem,
        refs=(
            Ref("stories", ("story",)),
            Ref("rules", ("rule",)),
            Ref("operations", ("operation",)),
        ),
        checks=_sequence_checks,
    )
]
