"""Read the project tree into one validated `Backlog`, or located findings: one loader for every registered kind."""

from __future__ import annotations

import gc
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import BaseModel, ValidationError

from ..kinds import KINDS, Format, Kind, Registry
from ..model import Backlog, Finding, Location, Locations, Severity
from .linesource import LineSource
from .markdown import declarations
from .parse_cache import cached_parse
from .references import check_all
from .safety import describe, forbidden_in_text, may_hide_controls, outside_root, strings_in
from .schema_errors import findings_from_validation, owner_of
from .yamlread import Document, YamlProblem, read_text

BACKLOG_DIR = "backlog"
_BUILTIN = {"project", "persona", "epic", "story", "screen", "rule", "phase", "milestone"}


@dataclass
class LoadResult:
    backlog: Backlog | None
    errors: list[Finding] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)
    infos: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def findings(self) -> list[Finding]:
        return sorted(self.errors + self.warnings, key=Finding.sort_key)


class _Reader:
    """Reads the files of every kind, keeping where each object is written."""

    def __init__(self, root: Path, registry: Registry) -> None:
        self.root = root
        self.registry = registry
        self.errors: list[Finding] = []
        self.locations = Locations()
        self.invalid_ids: set[str] = set()  # ids written in files that failed validation
        self.loaded: dict[str, list[tuple[Any, Any]]] = {kind.name: [] for kind in registry}  # (object, parent)
        self._texts: dict[Path, str | None] = {}
        self._folders: dict[Path, bool] = {}
        self.lines = LineSource()
        self._paths: dict[str, Path] = {}

    def rel(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def error(self, file: str, line: int, object_id: str, message: str, code: str) -> None:
        self.errors.append(Finding(file, line, object_id, message, code=code))

    def files(self, kind: Kind) -> list[Path]:
        """The kind's files, sorted; a link leading outside the project root is reported, never read."""
        found: dict[Path, None] = {}
        for pattern in kind.files:
            for path in sorted(self.root.glob(pattern)):
                found.setdefault(path, None)
        kept = []
        for path in found:
            if self._outside(path):
                self.error(
                    self.rel(path), 1, "-", "symbolic link to a file outside the project root: not read", "symlink"
                )
            elif path.is_file():
                kept.append(path)
        return kept

    def _outside(self, path: Path) -> bool:
        """A link (the file or a folder above it, up to the root) leading outside the root; folders once."""
        if path.is_symlink():
            return outside_root(path, self.root)
        folder = path.parent
        known = self._folders.get(folder)
        if known is None:
            known = self._folders[folder] = outside_root(folder, self.root)
        return known

    def text(self, path: Path, default_id: str) -> str | None:
        """The file's text, once per file, with the page-wide checks (size, UTF-8, control characters)."""
        if path in self._texts:
            return self._texts[path]
        text: str | None = None
        try:
            text = read_text(path)
        except YamlProblem as exc:
            self.error(self.rel(path), exc.line, default_id, exc.message, "yaml")
        except OSError as exc:
            self.error(self.rel(path), 1, default_id, f"cannot read file: {exc.strerror}", "io")
        self._texts[path] = text
        return text

    def record(self, object_id: str, file: str, doc: Document | None, at: tuple[Any, ...], line: int) -> None:
        path = self._paths.get(file)
        if path is None:
            path = self._paths[file] = self.root / file
        if self.lines.knows(path):  # a YAML file: its tree is dropped after loading, parsed again if asked for
            self.locations.add_object(object_id, file, line, self.lines.field_line(path, at))
            return

        def field_line(below: tuple[str | int, ...]) -> int | None:
            full = (*at, *below)
            return doc.line(full) if doc is not None and doc.has(full) else None

        self.locations.add_object(object_id, file, line, field_line)

    def duplicate(self, kind: Kind, object_id: str, file: str, line: Callable[[], int]) -> bool:
        first = self.locations.get(object_id)
        if first is None or not kind.unique:
            return False
        self.error(file, line(), object_id, kind.duplicate_message.format(first=first), "duplicate-id")
        return True


def load_backlog(root: Path | str = ".", registry: Registry = KINDS) -> LoadResult:
    """Load and check everything under `root`. Never raises for bad input: problems come back as findings."""
    # Loading builds hundreds of thousands of small acyclic objects: the cyclic garbage collector would
    # rescan them again and again (it tripled the load time of 10,000 stories). Nothing here makes cycles.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _load(Path(root), registry)
    finally:
        if was_enabled:
            gc.enable()


def _load(root: Path, registry: Registry) -> LoadResult:
    root = root.resolve()
    reader = _Reader(root, registry)
    if not (root / BACKLOG_DIR).is_dir():
        reader.error(BACKLOG_DIR, 1, "-", f"no {BACKLOG_DIR}/ folder in {root}", "missing-file")
        return LoadResult(None, reader.errors)

    missing = False
    for kind in registry.top_level():
        if kind.folder and not (root / kind.folder).is_dir():
            reader.error(kind.folder, 1, "-", f"missing folder {kind.folder}/", "missing-file")
            continue
        paths = reader.files(kind)
        if not paths and kind.required:
            reader.error(kind.files[0], 1, kind.default_id(PurePosixPath(kind.files[0])), kind.required, "missing-file")
        for path in paths:
            if kind.format is Format.MARKDOWN_IDS:
                _read_markdown(reader, kind, path)
            else:
                _read_data_file(reader, kind, path)
        if kind.required and not reader.loaded[kind.name]:
            missing = True
        if kind.sort_key is not None:
            sort_key = kind.sort_key
            reader.loaded[kind.name].sort(key=lambda pair: sort_key(pair[0]))

    if missing:
        return LoadResult(None, sorted(reader.errors, key=Finding.sort_key))

    objects = {name: [obj for obj, _ in pairs] for name, pairs in reader.loaded.items()}
    backlog = Backlog(
        project=objects["project"][0],
        personas=objects["persona"],
        epics=objects["epic"],
        screens=objects["screen"],
        rules=objects["rule"],
        root=str(root),
        locations=reader.locations,
        others={name: found for name, found in objects.items() if name not in _BUILTIN},
    )
    findings = check_all(backlog, registry, reader.loaded, reader.invalid_ids)
    by_severity: dict[Severity, list[Finding]] = {severity: [] for severity in Severity}
    for finding in findings:
        by_severity[finding.severity].append(finding)
    errors = sorted(reader.errors + by_severity[Severity.ERROR], key=Finding.sort_key)
    warnings = sorted(by_severity[Severity.WARNING], key=Finding.sort_key)
    infos = sorted(by_severity[Severity.INFO], key=Finding.sort_key)
    backlog.warnings, backlog.infos = warnings, infos
    return LoadResult(None if errors else backlog, errors, warnings, infos)


def _read_data_file(reader: _Reader, kind: Kind, path: Path) -> None:
    """A YAML file holding one object (YAML_OBJECT), a list of them (YAML_LIST), or a custom format."""
    file = reader.rel(path)
    default_id = kind.default_id(PurePosixPath(file))
    text = reader.text(path, default_id)
    if text is None:
        return
    if kind.format is Format.CUSTOM:
        assert kind.parse is not None
        try:
            raws = kind.parse(text, file)
        except YamlProblem as exc:
            reader.error(file, exc.line, default_id, exc.message, "parse")
            return
        for raw in raws:
            obj = _validate(reader, kind.model, Document(raw.data, raw.line), file, default_id)
            if obj is not None:
                _accept(reader, kind, obj, file, Document(raw.data, raw.line), (), None)
        return
    try:
        doc = cached_parse(text)
    except YamlProblem as exc:
        reader.error(file, exc.line, default_id, exc.message, "yaml")
        return
    reader.lines.keep(path, text, doc)
    if may_hide_controls(text):
        _control_characters(reader, doc, file, default_id)
    parsed = _validate(reader, kind.file_model or kind.model, doc, file, default_id)
    if parsed is None:
        _remember_invalid(reader, kind, doc.data)
        return
    if kind.format is Format.YAML_LIST:
        assert kind.list_key is not None
        for index, obj in enumerate(getattr(parsed, kind.list_key)):
            _accept(reader, kind, obj, file, doc, (kind.list_key, index), None)
    else:
        _accept(reader, kind, parsed, file, doc, (), None)


def _validate(reader: _Reader, model: type[BaseModel], doc: Document, file: str, default_id: str) -> Any:
    if not isinstance(doc.data, dict):
        found = type(doc.data).__name__
        message = f"expected a mapping at the top of the file, found {found}"
        reader.error(file, doc.line(()), default_id, message, "type")
        return None
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        reader.errors.extend(findings_from_validation(exc, doc, file, default_id))
        return None


def _remember_invalid(reader: _Reader, kind: Kind, data: Any) -> None:
    """Ids written in a file that did not validate: references to them are not reported as unknown."""
    if not isinstance(data, dict):
        return
    if isinstance(data.get("id"), str):
        reader.invalid_ids.add(data["id"])
    keys = [child.items for child in reader.registry.children(kind.name)] + [kind.list_key]
    for key in keys:
        items = data.get(key) if key else None
        for item in items if isinstance(items, list) else ():
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                reader.invalid_ids.add(item["id"])


def _accept(reader: _Reader, kind: Kind, obj: Any, file: str, doc: Document, at: tuple[Any, ...], parent: Any) -> None:
    """Record a valid object (and the objects of the kinds nested in it) unless its id is already taken."""
    object_id = kind.object_id(obj)
    if reader.duplicate(kind, object_id, file, lambda: doc.line((*at, "id"))):
        return
    reader.record(object_id, file, doc, at, doc.line(at))
    reader.loaded[kind.name].append((obj, parent))
    if kind.locate is not None:
        data: Any = doc.data
        for part in at:
            data = data[part]
        for key, below in kind.locate(obj, data):
            where = Location(file, doc.line((*at, *below)))
            known = dict.get(reader.locations, key)
            if known is None or known.line > where.line:
                reader.locations[key] = where
    for child in reader.registry.children(kind.name):
        assert child.items is not None
        for index, item in enumerate(getattr(obj, child.items)):
            _accept(reader, child, item, file, doc, (*at, child.items, index), obj)


def _control_characters(reader: _Reader, doc: Document, file: str, default_id: str) -> None:
    for path, text in strings_in(doc.data):
        char = forbidden_in_text(text)
        if char is None:
            continue
        owner, below = owner_of(path, doc.data, default_id)
        where = ".".join(str(part) for part in below) or "document"
        reader.error(
            file,
            doc.line(path),
            owner,
            f"{where}: control character {describe(char)} is not allowed in text (remove it)",
            "control-character",
        )


def _page_of(kind: Kind, file: str) -> str:
    """The page path relative to the folder of the kind's glob (`specs/a/b.md` -> `a/b.md`)."""
    for pattern in kind.files:
        base = []
        for part in PurePosixPath(pattern).parts:
            if any(char in part for char in "*?["):
                break
            base.append(part)
        prefix = "/".join(base) + "/"
        if base and file.startswith(prefix):
            return file[len(prefix) :]
    return file


def _read_markdown(reader: _Reader, kind: Kind, path: Path) -> None:
    file = reader.rel(path)
    first_read = path not in reader._texts
    text = reader.text(path, "-")
    if text is None:
        return
    if first_read:  # page-wide checks, once per page whatever the number of kinds declared in it
        for number, line in enumerate(text.splitlines(), start=1):
            char = forbidden_in_text(line)
            if char is not None:
                reader.error(
                    file, number, "-", f"control character {describe(char)} is not allowed in text", "control-character"
                )
    page = _page_of(kind, file)
    for number, object_id, title in declarations(text, kind.id_pattern, kind.table_rows):
        if reader.duplicate(kind, object_id, file, lambda line=number: line):
            continue
        doc = Document({"id": object_id, "title": title or object_id, "page": page}, number)
        obj = _validate(reader, kind.model, doc, file, object_id)
        if obj is None:
            continue
        reader.locations[object_id] = Location(file, number)
        reader.loaded[kind.name].append((obj, None))
