"""Read the project tree (backlog/, mockups/, specs/) into one validated `Backlog`, or located findings."""

from __future__ import annotations

import gc
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..model import Backlog, Epic, Finding, Location, Locations, PersonasFile, Project, Screen, Severity
from .checks import cross_check
from .rules import scan_rules
from .schema_errors import findings_from_validation
from .yamlread import Document, YamlProblem, load_file

M = TypeVar("M", bound=BaseModel)

BACKLOG_DIR = "backlog"
MOCKUPS_DIR = "mockups"
SPECS_DIR = "specs"
SCREEN_AREAS = {"front-office": "FO", "back-office": "BO"}
_EPIC_IN_NAME = re.compile(r"^(E\d{2,3})")


@dataclass
class LoadResult:
    backlog: Backlog | None
    errors: list[Finding] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def findings(self) -> list[Finding]:
        return sorted(self.errors + self.warnings, key=Finding.sort_key)


class _Reader:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.errors: list[Finding] = []
        self.locations = Locations()
        self.invalid_ids: set[str] = set()  # ids written in files that failed validation
        self._rel: dict[Path, str] = {}

    def rel(self, path: Path) -> str:
        cached = self._rel.get(path)
        if cached is None:
            try:
                cached = path.relative_to(self.root).as_posix()
            except ValueError:
                cached = path.as_posix()
            self._rel[path] = cached
        return cached

    def read(self, path: Path, default_id: str) -> Document | None:
        try:
            return load_file(path)
        except YamlProblem as exc:
            self.errors.append(Finding(self.rel(path), exc.line, default_id, exc.message, code="yaml"))
        except OSError as exc:
            self.errors.append(Finding(self.rel(path), 1, default_id, f"cannot read file: {exc.strerror}", code="io"))
        return None

    def validate(self, model: type[M], doc: Document, path: Path, default_id: str) -> M | None:
        if not isinstance(doc.data, dict):
            self.errors.append(
                Finding(
                    self.rel(path),
                    doc.line(()),
                    default_id,
                    f"expected a mapping at the top of the file, found {type(doc.data).__name__}",
                    code="type",
                )
            )
            return None
        try:
            return model.model_validate(doc.data)
        except ValidationError as exc:
            self.errors.extend(findings_from_validation(exc, doc, self.rel(path), default_id))
            self.invalid_ids.update(_raw_ids(doc.data))
            return None

    def record(self, object_id: str, doc: Document, path: Path, at: tuple[Any, ...], data: dict[str, Any]) -> None:
        """Remember where an object is written; its fields' lines are resolved on demand."""
        line = doc.line(at)

        def field_line(below: tuple[str | int, ...]) -> int | None:
            full = (*at, *below)
            return doc.line(full) if doc.has(full) else None

        self.locations.add_object(object_id, self.rel(path), line, field_line)


def load_backlog(root: Path | str = ".") -> LoadResult:
    """Load and check everything under `root`. Never raises for bad input: problems come back as findings."""
    # Loading builds hundreds of thousands of small acyclic objects: the cyclic garbage collector would
    # rescan them again and again (it tripled the load time of 10,000 stories). Nothing here makes cycles.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _load(Path(root))
    finally:
        if was_enabled:
            gc.enable()


def _load(root: Path) -> LoadResult:
    root = root.resolve()
    reader = _Reader(root)
    backlog_dir = root / BACKLOG_DIR

    if not backlog_dir.is_dir():
        reader.errors.append(Finding(BACKLOG_DIR, 1, "-", f"no {BACKLOG_DIR}/ folder in {root}", code="missing-file"))
        return LoadResult(None, reader.errors)

    project = _load_project(reader, backlog_dir / "project.yaml")
    personas = _load_personas(reader, backlog_dir / "personas.yaml")
    epics, epic_files = _load_epics(reader, backlog_dir / "epics")
    screens, screen_files = _load_screens(reader, root / MOCKUPS_DIR)
    rules, rule_locations, rule_findings = scan_rules(root / SPECS_DIR, root)
    reader.errors.extend(rule_findings)
    reader.locations.update(rule_locations)

    if project is None or personas is None:
        return LoadResult(None, sorted(reader.errors, key=Finding.sort_key))

    backlog = Backlog(
        project=project,
        personas=personas,
        epics=epics,
        screens=screens,
        rules=rules,
        root=str(root),
        locations=reader.locations,
    )
    findings = cross_check(backlog, epic_files, screen_files, reader.invalid_ids)
    errors = reader.errors + [f for f in findings if f.severity is Severity.ERROR]
    warnings = [f for f in findings if f.severity is Severity.WARNING]
    errors.sort(key=Finding.sort_key)
    warnings.sort(key=Finding.sort_key)
    backlog.warnings = warnings
    return LoadResult(None if errors else backlog, errors, warnings)


def _raw_ids(data: Any) -> set[str]:
    """Ids written in a file that did not validate, so references to them are not reported as unknown."""
    found: set[str] = set()
    if isinstance(data, dict):
        if isinstance(data.get("id"), str):
            found.add(data["id"])
        for key in ("stories", "personas"):
            for item in data.get(key) or []:
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    found.add(item["id"])
    return found


def _load_project(reader: _Reader, path: Path) -> Project | None:
    if not path.is_file():
        reader.errors.append(
            Finding(
                reader.rel(path),
                1,
                "project",
                "missing file: the project needs backlog/project.yaml",
                code="missing-file",
            )
        )
        return None
    doc = reader.read(path, "project")
    if doc is None:
        return None
    project = reader.validate(Project, doc, path, "project")
    if project is not None:
        reader.record("project", doc, path, (), doc.data)
        for section, items in (("team", project.team), ("phases", project.phases), ("milestones", project.milestones)):
            for index, item in enumerate(items):
                reader.record(item.id, doc, path, (section, index), doc.data[section][index])
        for index, status in enumerate(project.statuses):
            reader.record(f"status:{status.name}", doc, path, ("statuses", index), doc.data["statuses"][index])
    return project


def _load_personas(reader: _Reader, path: Path) -> list[Any] | None:
    if not path.is_file():
        reader.errors.append(
            Finding(
                reader.rel(path),
                1,
                "personas",
                "missing file: the backlog needs backlog/personas.yaml",
                code="missing-file",
            )
        )
        return None
    doc = reader.read(path, "personas")
    if doc is None:
        return None
    parsed = reader.validate(PersonasFile, doc, path, "personas")
    if parsed is None:
        return None
    for index, persona in enumerate(parsed.personas):
        _duplicate_check(reader, persona.id, doc, path, ("personas", index))
        reader.record(persona.id, doc, path, ("personas", index), doc.data["personas"][index])
    return parsed.personas


def _duplicate_check(reader: _Reader, object_id: str, doc: Document, path: Path, at: tuple[Any, ...]) -> bool:
    first = reader.locations.get(object_id)
    if first is None:
        return False
    reader.errors.append(
        Finding(
            reader.rel(path),
            doc.line((*at, "id")),
            object_id,
            f"duplicate id (first defined at {first})",
            code="duplicate-id",
        )
    )
    return True


def _load_epics(reader: _Reader, folder: Path) -> tuple[list[Epic], dict[str, str]]:
    epics: list[Epic] = []
    files: dict[str, str] = {}
    if not folder.is_dir():
        reader.errors.append(Finding(reader.rel(folder), 1, "-", "missing folder backlog/epics/", code="missing-file"))
        return epics, files
    for path in sorted(folder.glob("*.y*ml")):
        match = _EPIC_IN_NAME.match(path.stem)
        default_id = match.group(1) if match else "-"
        doc = reader.read(path, default_id)
        if doc is None:
            continue
        epic = reader.validate(Epic, doc, path, default_id)
        if epic is None:
            continue
        if _duplicate_check(reader, epic.id, doc, path, ()):
            continue
        reader.record(epic.id, doc, path, (), doc.data)
        files[epic.id] = reader.rel(path)
        for index, story in enumerate(epic.stories):
            at = ("stories", index)
            if _duplicate_check(reader, story.id, doc, path, at):
                continue
            reader.record(story.id, doc, path, at, doc.data["stories"][index])
        epics.append(epic)
    epics.sort(key=lambda e: (int(e.id[1:]), e.id))
    return epics, files


def _load_screens(reader: _Reader, folder: Path) -> tuple[list[Screen], dict[str, str]]:
    screens: list[Screen] = []
    files: dict[str, str] = {}
    if not folder.is_dir():
        return screens, files
    for area, prefix in SCREEN_AREAS.items():
        area_dir = folder / area
        if not area_dir.is_dir():
            continue
        for path in sorted(area_dir.glob("*.y*ml")):
            doc = reader.read(path, path.stem)
            if doc is None:
                continue
            screen = reader.validate(Screen, doc, path, path.stem)
            if screen is None:
                continue
            if _duplicate_check(reader, screen.id, doc, path, ()):
                continue
            reader.record(screen.id, doc, path, (), doc.data)
            _record_links(reader, screen.id, doc, path)
            files[screen.id] = reader.rel(path)
            if screen.area != area or not screen.id.startswith(prefix + "-"):
                reader.errors.append(
                    Finding(
                        reader.rel(path),
                        doc.line(("area",)),
                        screen.id,
                        f"screen {screen.id} (area {screen.area}) is in mockups/{area}/: "
                        f"{area} screens have ids {prefix}-… and area {area}",
                        code="wrong-area",
                    )
                )
            screens.append(screen)
    return screens, files


def _record_links(reader: _Reader, screen_id: str, doc: Document, path: Path) -> None:
    """Remember the line of every `to:` / `row_to:` in a screen, keyed `SCREEN.to:TARGET`."""
    file = reader.rel(path)
    for at, line in doc.paths():
        if at[-1] in ("to", "row_to"):
            target: Any = doc.data
            for part in at:
                target = target[part]
            if isinstance(target, str):
                key = f"{screen_id}.to:{target}"
                if dict.get(reader.locations, key) is None or reader.locations[key].line > line:
                    reader.locations[key] = Location(file, line)
