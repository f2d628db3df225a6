"""Sign-off: approvals recorded in `backlog/approvals.yaml` with a fingerprint of the approved content.

An approval is *stale* when the object's content changed since (its fingerprint differs), and *suspect*
when an object it cites (a story's screen, rule, persona, dependency...) changed since, as Doorstop
flags suspect links. Workflow fields (status, assignee, sprint, Jira key) are not content: a Jira pull
never makes an approval stale.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from ..kinds import Registry
from ..load.atomic import atomic_write
from ..model import Backlog, Finding, Severity
from . import APPROVALS_FILE
from .content import Snapshot, snapshot
from .git import VersionError

WORKFLOW_FIELDS = ("status", "assignee", "sprint", "jira")
HEADER = "Approvals recorded by `fanzone approve` (who signed off which content). Commit this file.\n"
PAGE_KIND = "page"
APPROVABLE = ("epic", "story", "screen", "rule", "requirement")  # kinds counted as "never approved"
STATES = ("ok", "stale", "suspect", "missing", "never")


def fingerprint(content: Any) -> str:
    """SHA-256 of the canonical JSON of an object's content (sorted keys, no spaces, UTF-8)."""
    if isinstance(content, dict):
        content = {k: v for k, v in content.items() if k not in WORKFLOW_FIELDS}
    canonical = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _pages(shot: Snapshot) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for section in shot.objects.get("section", {}).values():
        found.setdefault(section["page"], []).append(section)
    return found


def _find(shot: Snapshot, target: str) -> tuple[str, Any] | None:
    """(kind, content) of an object id, or of a spec page (`regles.md` or `specs/regles.md`)."""
    for kind, objects in shot.objects.items():
        if kind != "section" and target in objects:
            return kind, objects[target]
    page = target.removeprefix("specs/")
    pages = _pages(shot)
    return (PAGE_KIND, pages[page]) if page in pages else None


def _links(shot: Snapshot, kind: str, target: str, registry: Registry) -> list[str]:
    if kind not in registry:
        return []
    obj = shot.backlog.find(target) if shot.backlog is not None else None
    if obj is None:
        return []
    ids: list[str] = []
    for ref in registry.refs_of(kind):
        try:
            ids += [i for i in ref.ids(obj) if i not in ids]
        except AttributeError:
            continue
    return ids


def _yaml() -> YAML:
    yaml = YAML()
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    return yaml


def read(root: Path) -> CommentedMap:
    path = root / APPROVALS_FILE
    if not path.is_file():
        data = CommentedMap()
        data["approvals"] = CommentedSeq()
        data.yaml_set_start_comment(HEADER)
        return data
    try:
        data = _yaml().load(path.read_text(encoding="utf-8"))
    except YAMLError as exc:
        raise VersionError(f"{APPROVALS_FILE}: not valid YAML ({exc}); fix the file by hand") from exc
    if not isinstance(data, CommentedMap) or not isinstance(data.get("approvals", []), list):
        raise VersionError(f"{APPROVALS_FILE}:1: expected a mapping with an `approvals:` list")
    data.setdefault("approvals", CommentedSeq())
    return data


def approve(
    root: Path,
    backlog: Backlog,
    registry: Registry,
    target: str,
    by: str,
    role: str,
    baseline: str | None,
    today: dt.date | None = None,
) -> dict[str, Any]:
    """Record an approval of `target` (an object id or a spec page) and return it."""
    by, role = by.strip(), role.strip()
    if not by or not role:
        raise VersionError("--by and --role must not be empty")
    shot = snapshot("working tree", backlog, registry)
    found = _find(shot, target)
    if found is None:
        raise VersionError(f"unknown id or spec page {target!r} (an id such as E01-S01, or a page such as regles.md)")
    kind, content = found
    record: dict[str, Any] = {
        "id": target.removeprefix("specs/") if kind == PAGE_KIND else target,
        "kind": kind,
        "by": by,
        "role": role,
        "date": (today or dt.date.today()).isoformat(),
        "baseline": baseline,
        "fingerprint": fingerprint(content),
    }
    links = {}
    for link in _links(shot, kind, target, registry):
        linked = _find(shot, link)
        if linked is not None:
            links[link] = fingerprint(linked[1])
    if links:
        record["links"] = links
    data = read(root)
    entry = CommentedMap(record)
    for key in ("by", "role"):  # a line break or control character (NEL, U+2028...) survives only when quoted
        if not entry[key].isprintable():
            entry[key] = DoubleQuotedScalarString(entry[key])
    if links:
        entry["links"] = CommentedMap(links)
    data["approvals"].append(entry)
    buffer = io.StringIO()
    _yaml().dump(data, buffer)
    atomic_write(root / APPROVALS_FILE, buffer.getvalue())
    return record


def status(backlog: Backlog, registry: Registry, shot: Snapshot | None = None) -> dict[str, dict[str, Any]]:
    """The latest approval of each approved id, with `state`: ok | stale | suspect | missing, and `changed`
    (the linked ids that changed, for suspect ones)."""
    root = Path(backlog.root)
    try:
        data = read(root)
    except VersionError:
        return {}
    shot = shot or snapshot("working tree", backlog, registry)
    latest: dict[str, dict[str, Any]] = {}
    for index, entry in enumerate(data["approvals"]):
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            continue
        line = entry.lc.line + 1 if hasattr(entry, "lc") else index + 1
        record = {**{k: v for k, v in entry.items() if k != "links"}, "line": line}
        record["links"] = dict(entry.get("links") or {})
        found = _find(shot, entry["id"])
        if found is None:
            record["state"], record["changed"] = "missing", []
        elif fingerprint(found[1]) != entry.get("fingerprint"):
            record["state"], record["changed"] = "stale", []
        else:
            changed = []
            for link, print_ in record["links"].items():
                linked = _find(shot, link)
                if linked is None or fingerprint(linked[1]) != print_:
                    changed.append(link)
            record["state"], record["changed"] = ("suspect" if changed else "ok"), changed
        latest[entry["id"]] = record
    return latest


def findings(backlog: Backlog, registry: Registry) -> list[Finding]:
    """Warnings for `fanzone validate`: stale, suspect and dangling approvals."""
    found = []
    try:
        read(Path(backlog.root))
    except VersionError as exc:
        return [Finding(APPROVALS_FILE, 1, "-", str(exc), Severity.WARNING, "approvals")]
    for object_id, record in status(backlog, registry).items():
        who = f"approval by {record.get('by')} ({record.get('role')}) on {record.get('date')}"
        again = f"review it, then `fanzone approve {object_id} --by … --role …`"
        if record["state"] == "stale":
            message, code = f"{who} is stale: the content changed since; {again}", "stale-approval"
        elif record["state"] == "suspect":
            names = ", ".join(record["changed"])
            message, code = f"{who} is suspect: {names} changed since; {again}", "suspect-approval"
        elif record["state"] == "missing":
            message, code = f"{who}: no such id or page any more", "dangling-approval"
        else:
            continue
        found.append(Finding(APPROVALS_FILE, record["line"], object_id, message, Severity.WARNING, code))
    return found


def summary(shot: Snapshot, records: dict[str, dict[str, Any]]) -> dict[str, list[str]]:
    """Ids by approval state: ok, stale, suspect, missing (approved, then gone) and never (objects of the
    approvable kinds with no approval at all), in backlog order."""
    found: dict[str, list[str]] = {state: [] for state in STATES}
    for object_id, record in records.items():
        found[record["state"]].append(object_id)
    for ids in never_by_kind(shot, records).values():
        found["never"] += ids
    return found


def never_by_kind(shot: Snapshot, records: dict[str, dict[str, Any]]) -> dict[str, list[str]]:
    """The ids never approved, per approvable kind (kinds with none left out), in backlog order."""
    found = {
        kind: [object_id for object_id in shot.objects.get(kind, {}) if object_id not in records] for kind in APPROVABLE
    }
    return {kind: ids for kind, ids in found.items() if ids}
