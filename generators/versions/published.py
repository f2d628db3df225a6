"""What the site shows about versions, as plain data (the site generator never imports this package: the
plugin, which wires generators together, hands this data over): the diff since the last baseline, the
diffs between consecutive baselines, the badges of changed objects and the approvals' state."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path
from typing import Any

from ..kinds import Registry
from ..load.git_objects import Baseline
from ..model import Backlog
from ..wording.fields import field_label
from . import approvals, git
from .content import Snapshot, snapshot
from .diff import changed_ids, diff
from .git import VersionError
from .reestimate import reestimation
from .render import value_text
from .sides import WORKTREE, baselines, paused_gc, side, tag_prefix
from .words import html_words

MAX_PAIRS = 5  # consecutive baseline pairs shown on the site (newest first)


def _html_change(change: dict[str, Any]) -> list[dict[str, str]]:
    """One field change as rows {field, html}: strings word by word, lists item by item; HTML-escaped. Fields
    are named in French (« je veux », « critère n°2 »), as readers of the site and the PDF read them."""
    name = field_label(change["field"])

    def text(value: Any) -> str:
        return value_text(value, field_label)

    if "items" in change:
        return [
            {
                "field": f"{name} n°{item['index']}",
                "html": html_words(
                    text(item.get("from", "")) if "from" in item else "",
                    text(item.get("to", "")) if "to" in item else "",
                ),
            }
            for item in change["items"]
        ]
    if "added" in change:
        old = " ".join(text(v) for v in change["removed"])
        new = " ".join(text(v) for v in change["added"])
        return [{"field": name, "html": html_words(old, new)}]
    return [{"field": name, "html": html_words(text(change["from"]), text(change["to"]))}]


SIDE_BY_SIDE = ("screen",)  # kinds whose changed objects the site draws then and now


def _with_html(document: dict[str, Any], old: Snapshot, new: Snapshot) -> dict[str, Any]:
    """The diff with, per changed object, its changes as HTML rows and, for screens, both versions' content."""
    labels = {"before": old.label, "after": "version de travail" if new.commit is None else new.label}
    for entry in document["kinds"]:
        for item in entry["changed"]:
            item["rows"] = [row for change in item["fields"] for row in _html_change(change)]
            if entry["kind"] in SIDE_BY_SIDE:
                item["sides"] = {
                    key: {"label": labels[key], "content": shot.objects[entry["kind"]][item["id"]]}
                    for key, shot in (("before", old), ("after", new))
                }
    return document


def site_versions(backlog: Backlog, registry: Registry) -> dict[str, Any] | None:
    """None when the project is not in git or has no baseline; else the data of the Changements page."""
    with paused_gc():
        return _site_versions(backlog, registry)


def _site_versions(backlog: Backlog, registry: Registry) -> dict[str, Any] | None:
    root = Path(backlog.root)
    prefix = tag_prefix(backlog)
    try:
        found = baselines(root, prefix)
    except VersionError:
        return None
    current = snapshot(WORKTREE, backlog, registry)
    result: dict[str, Any] = {"baseline": None, "since": None, "pairs": [], "badges": {}, "approvals": {}}
    result["approvals"] = approvals.status(backlog, registry, current)
    result["approval_summary"] = approvals.summary(current, result["approvals"])
    result["never_by_kind"] = approvals.never_by_kind(current, result["approvals"])
    if not found:
        return result
    last = found[-1]
    shots = {}
    try:
        for b in found[-(MAX_PAIRS + 1) :]:
            shots[b.name] = side(root, b.name, prefix, backlog, registry)
    except (VersionError, git.VersionError):
        return result
    return _compared(result, last, shots, current, registry)


def _compared(
    result: dict[str, Any], base: Baseline, shots: dict[str, Snapshot], current: Snapshot, registry: Registry
) -> dict[str, Any]:
    """`result` with the changes from baseline `base` to `current` (page, badges) and the earlier pairs."""
    since = diff(shots[base.name], current, registry)
    result["baseline"] = {"name": base.name, "date": base.date[:10], "note": base.note}
    result["since"] = {
        "document": _with_html(since, shots[base.name], current),
        "reestimation": reestimation(shots[base.name], current),
    }
    result["badges"] = changed_ids(since)
    result["pairs"] = _pairs(shots, registry)
    return result


def _pairs(shots: dict[str, Snapshot], registry: Registry) -> list[dict[str, Any]]:
    """The diffs between consecutive snapshots, newest first."""
    pairs = []
    for old, new in reversed(list(pairwise(list(shots)))):
        document = diff(shots[old], shots[new], registry)
        pairs.append(
            {
                "document": _with_html(document, shots[old], shots[new]),
                "reestimation": reestimation(shots[old], shots[new]),
            }
        )
    return pairs


def baseline_versions(root: Path, name: str, backlog: Backlog, registry: Registry) -> dict[str, Any]:
    """The Changements page's data as of baseline `name`, whose written tree `backlog` was loaded from: the
    changes since the PREVIOUS baseline (none for the first), the pairs before it, and the approvals recorded
    in that version (their state against that version's content)."""
    with paused_gc():
        prefix = tag_prefix(backlog)
        found = baselines(root, prefix)
        index = next(i for i, b in enumerate(found) if b.name == name)
        this = found[index]
        current = snapshot(this.name, backlog, registry, commit=this.commit, date=this.date)
        records = approvals.status(backlog, registry, current)
        result: dict[str, Any] = {"baseline": None, "since": None, "pairs": [], "badges": {}}
        result["approvals"], result["approval_summary"] = records, approvals.summary(current, records)
        result["never_by_kind"] = approvals.never_by_kind(current, records)
        if index == 0:
            return result
        shots = {b.name: side(root, b.name, prefix, None, registry) for b in found[max(0, index - MAX_PAIRS) : index]}
        return _compared(result, found[index - 1], shots, current, registry)
