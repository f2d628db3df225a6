"""The registry of kinds: each object kind declares, in one place, its files, format, model, id and references.

One generic loader (`generators.load.loader`) and one generic reference check (`generators.load.references`)
serve every kind declared here. A declaration is pure data (plus optional pure hooks): no I/O.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import PurePosixPath
from typing import Any, NamedTuple

from pydantic import BaseModel

from ..model import Backlog, Severity


class Format(StrEnum):
    YAML_OBJECT = "yaml-object"  # one object a file (an epic, a screen, the project)
    YAML_LIST = "yaml-list"  # a mapping whose `list_key` lists the objects (personas.yaml)
    MARKDOWN_IDS = "markdown-ids"  # headings `### BR-PAY-01 — Titre` (and, optionally, first table cells)
    CUSTOM = "custom"  # `parse(text, file)` returns the raw objects (OpenAPI, .puml, ...)


class Raw(NamedTuple):
    """One object found by a custom parse hook: its raw data (validated with the kind's model) and line."""

    data: dict[str, Any]
    line: int


class Issue(NamedTuple):
    """A problem found by a kind's own check; the loader locates it at `field` of the object."""

    message: str
    field: str | None = None
    code: str = "invalid"
    severity: Severity = Severity.ERROR


@dataclass(frozen=True)
class Ref:
    """A reference from a field of a kind to objects of other kinds (one id or a list of ids)."""

    field: str
    targets: tuple[str, ...]
    acyclic: bool = False  # report dependency cycles along this reference (same-kind edges)
    message: str = "{field}: unknown {label} {value}{hint}"
    values: Callable[[Any], Iterable[str]] | None = None  # default: the field's id(s)
    located_at: Callable[[str], str] | None = None  # location key below the object for one value
    uncited: Severity | None = None  # report targets that no object cites through this reference
    uncited_message: str = "no {source} cites this {label} ({field})"

    def ids(self, obj: Any) -> list[str]:
        if self.values is not None:
            return list(self.values(obj))
        value = getattr(obj, self.field)
        if type(value) is list:
            return value
        return [] if value is None else [value]


@dataclass(frozen=True)
class Kind:
    name: str  # registry key, singular: "story"
    label: str  # in messages: "unknown business rule BR-X"
    plural: str  # in messages: "dependency cycle between stories"
    model: type[BaseModel]
    id_pattern: str  # ASCII regular expression, anchored
    format: Format = Format.YAML_OBJECT
    files: tuple[str, ...] = ()  # globs under the project root; empty for a kind nested in another
    parent: str | None = None  # nested kind: the kind whose objects hold these
    items: str | None = None  # nested kind: the parent's field listing them
    list_key: str | None = None  # YAML_LIST: the key listing the objects
    file_model: type[BaseModel] | None = None  # YAML_LIST: the model of the whole file
    parse: Callable[[str, str], list[Raw]] | None = None  # CUSTOM: (text, file) -> raw objects
    table_rows: bool = False  # MARKDOWN_IDS: also read `| ID | Titre |` table rows
    required: str | None = None  # message when no file matches (the project cannot load without it)
    folder: str | None = None  # a folder that must exist (message names it)
    default_id: Callable[[PurePosixPath], str] = lambda path: "-"  # id of file-level findings
    object_id: Callable[[Any], str] = lambda obj: obj.id
    refs: tuple[Ref, ...] = ()
    cited_by: tuple[tuple[str, Ref], ...] = ()  # references declared here, held by another kind's field
    hint: str = ""  # appended to "unknown <label> X": how to declare one
    unique: bool = True  # ids must not be declared twice (across files and kinds)
    duplicate_message: str = "duplicate id (first defined at {first})"
    checks: Callable[[Any, Any, Backlog], Iterable[Issue]] | None = None  # (object, parent, backlog)
    sort_key: Callable[[Any], Any] | None = None
    locate: Callable[[Any, Any], Iterable[tuple[str, tuple[Any, ...]]]] | None = None  # (object, raw data) ->
    # extra location keys below the object ("to:FO-x", "status:À faire") and their data paths
    extra: dict[str, Any] = field(default_factory=dict)  # free room for the outputs (templates, ...)


class Registry:
    """Kinds in load order (a kind's parent and reference targets come first)."""

    def __init__(self, kinds: Iterable[Kind] = ()) -> None:
        self._kinds: dict[str, Kind] = {}
        self._children: dict[str, list[Kind]] = {}
        for kind in kinds:
            self.register(kind)

    def register(self, kind: Kind) -> Kind:
        if kind.name in self._kinds:
            raise ValueError(f"kind {kind.name!r} is registered twice")
        if kind.parent is not None and (kind.parent not in self._kinds or kind.items is None):
            raise ValueError(f"kind {kind.name!r}: parent {kind.parent!r} must be registered first, with items")
        if kind.parent is None and not kind.files:
            raise ValueError(f"kind {kind.name!r} needs files (or a parent)")
        if kind.format is Format.CUSTOM and kind.parse is None:
            raise ValueError(f"kind {kind.name!r}: a custom format needs a parse hook")
        self._kinds[kind.name] = kind
        self._children[kind.name] = []
        if kind.parent is not None:
            self._children[kind.parent].append(kind)
        return kind

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._kinds.values())

    def __getitem__(self, name: str) -> Kind:
        return self._kinds[name]

    def __contains__(self, name: object) -> bool:
        return name in self._kinds

    def refs_of(self, name: str) -> list[Ref]:
        """The references a kind's objects hold: its own, plus those other kinds declare as `cited_by`."""
        found = list(self._kinds[name].refs)
        for other in self:
            found += [ref for source, ref in other.cited_by if source == name]
        return found

    def top_level(self) -> list[Kind]:
        return [kind for kind in self if kind.parent is None]

    def children(self, name: str) -> list[Kind]:
        return self._children[name]

    def with_kind(self, kind: Kind) -> Registry:
        """A copy with one more kind (tests, plug-ins)."""
        return Registry([*self, kind])
