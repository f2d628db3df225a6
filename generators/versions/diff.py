"""The semantic diff of two snapshots: by kind, then by id, then field by field (lists item by item)."""

from __future__ import annotations

import json
from difflib import SequenceMatcher
from typing import Any

from ..kinds import Registry
from .content import SECTION_KIND, Snapshot

SECTION_LABEL = "spec sections"


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _list_items(old: list[Any], new: list[Any]) -> list[dict[str, Any]]:
    """Items of a list of records (acceptance criteria, components) added, removed or changed, 1-based."""
    matcher = SequenceMatcher(None, [_dumps(v) for v in old], [_dumps(v) for v in new], autojunk=False)
    items: list[dict[str, Any]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        paired = min(i2 - i1, j2 - j1) if op == "replace" else 0
        for k in range(paired):
            items.append({"index": j1 + k + 1, "change": "changed", "from": old[i1 + k], "to": new[j1 + k]})
        for k in range(i1 + paired, i2):
            items.append({"index": k + 1, "change": "removed", "from": old[k]})
        for k in range(j1 + paired, j2):
            items.append({"index": k + 1, "change": "added", "to": new[k]})
    return items


def field_changes(old: dict[str, Any], new: dict[str, Any]) -> list[dict[str, Any]]:
    """Every field whose value differs, in the new object's field order (then fields it lost)."""
    changes: list[dict[str, Any]] = []
    for name in [*new, *(key for key in old if key not in new)]:
        before, after = old.get(name), new.get(name)
        if before == after:
            continue
        if isinstance(before, list) and isinstance(after, list):
            records = any(isinstance(v, dict | list) for v in (*before, *after))
            if records:
                changes.append({"field": name, "items": _list_items(before, after)})
                continue
            added = [v for v in after if v not in before]
            removed = [v for v in before if v not in after]
            if added or removed:
                changes.append({"field": name, "added": added, "removed": removed})
                continue
        changes.append({"field": name, "from": before, "to": after})
    return changes


def _side(shot: Snapshot) -> dict[str, Any]:
    return {"label": shot.label, "commit": shot.commit, "date": shot.date}


def kind_labels(registry: Registry) -> dict[str, str]:
    return {**{kind.name: kind.plural for kind in registry}, SECTION_KIND: SECTION_LABEL}


def diff(old: Snapshot, new: Snapshot, registry: Registry) -> dict[str, Any]:
    """The whole diff as a JSON-ready document with a fixed key order."""
    kinds: list[dict[str, Any]] = []
    totals = {"added": 0, "removed": 0, "changed": 0}
    labels = kind_labels(registry)
    for name in [*(kind.name for kind in registry), SECTION_KIND]:
        before, after = old.objects.get(name, {}), new.objects.get(name, {})
        added = [{"id": i, "title": new.titles.get(i, i)} for i in after if i not in before]
        removed = [{"id": i, "title": old.titles.get(i, i)} for i in before if i not in after]
        changed = []
        for object_id, content in after.items():
            previous = before.get(object_id)
            if previous is None or previous == content:
                continue
            changes = field_changes(previous, content)
            changed.append({"id": object_id, "title": new.titles.get(object_id, object_id), "fields": changes})
        if added or removed or changed:
            kinds.append({"kind": name, "label": labels[name], "added": added, "removed": removed, "changed": changed})
            totals["added"] += len(added)
            totals["removed"] += len(removed)
            totals["changed"] += len(changed)
    return {"from": _side(old), "to": _side(new), "totals": totals, "kinds": kinds}


def changed_ids(document: dict[str, Any]) -> dict[str, str]:
    """id -> "added" | "changed" for every object the diff names (badges on the site)."""
    found: dict[str, str] = {}
    for entry in document["kinds"]:
        for item in entry["added"]:
            found[item["id"]] = "added"
        for item in entry["changed"]:
            found[item["id"]] = "changed"
    return found
