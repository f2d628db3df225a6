"""`--prefer jira`: take the values chosen in Jira back into the YAML, where the YAML has a field for them.

The YAML stays the source of truth for content, so a value settled in Jira's favour is written into the
backlog (title, points, priority); derived fields (the description, built from the user-story sentence and
the criteria; the parent) cannot be mapped back and are reported for the YAML to be edited by hand.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..model import FIBONACCI
from ..model.jira_text import SUMMARY_MAX
from .diff import Divergence
from .yamlwrite import YamlEdit, apply_edits


def yaml_edits_for(
    settled: list[Divergence], priorities: dict[str, str]
) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """The YAML values to set per backlog id, and a note for each value that cannot be taken back."""
    by_priority = {jira_name: moscow for moscow, jira_name in priorities.items()}
    edits: dict[str, dict[str, Any]] = {}
    notes: list[str] = []
    for item in settled:
        value = item.jira
        if item.field == "summary" and isinstance(value, str) and value.strip():
            if len(value) >= SUMMARY_MAX and value.endswith("…"):
                notes.append(f"{item.id}: Jira's summary on {item.key} is truncated; edit the title by hand")
                continue
            edits.setdefault(item.id, {})["title"] = value
        elif item.field == "points" and isinstance(value, int) and value in FIBONACCI:
            edits.setdefault(item.id, {})["points"] = value
        elif item.field == "priority" and value in by_priority:
            edits.setdefault(item.id, {})["priority"] = by_priority[value]
        else:
            notes.append(
                f"{item.id}: {item.field} kept as in Jira ({item.key}) but not written to the YAML "
                "(no matching YAML value): edit the YAML by hand to match"
            )
    return edits, notes


def write_settled(root: Path, files: dict[str, str], edits: dict[str, dict[str, Any]]) -> set[str]:
    """Apply the edits, one atomic round trip per file; the files written, relative to `root`."""
    by_file: dict[str, list[YamlEdit]] = {}
    for object_id, values in edits.items():
        rel = files.get(object_id)
        if rel:
            by_file.setdefault(rel, []).append(YamlEdit(object_id, dict(values)))
    written: set[str] = set()
    for rel, file_edits in sorted(by_file.items()):
        if apply_edits(root / rel, file_edits, display=rel):
            written.add(rel)
    return written
