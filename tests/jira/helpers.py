"""Assertions shared by the Jira tests (no fixtures here)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from jirafake import FakeJira

from generators.load import load_backlog


def backlog_ids(root: Path) -> list[str]:
    result = load_backlog(root)
    assert result.ok, result.errors
    backlog = result.backlog
    return [epic.id for epic in backlog.epics] + [story.id for story in backlog.stories]


def issues_per_id(fake: FakeJira, prefix: str = "fz") -> Counter[str]:
    counts: Counter[str] = Counter()
    for issue in fake.store.issues.values():
        for label in issue["fields"]["labels"]:
            if label.startswith(f"{prefix}:") and label != f"{prefix}:backlog":
                counts[label.split(":", 1)[1]] += 1
    return counts


def assert_one_issue_per_item(fake: FakeJira, root: Path) -> None:
    ids = backlog_ids(root)
    counts = issues_per_id(fake)
    assert sorted(counts) == sorted(ids)
    duplicates = {key: n for key, n in counts.items() if n != 1}
    assert not duplicates, f"duplicated issues: {duplicates}"
    assert len(fake.store.issues) == len(ids)


def yaml_keys(root: Path) -> dict[str, str]:
    result = load_backlog(root)
    assert result.ok, result.errors
    backlog = result.backlog
    keys = {epic.id: epic.jira for epic in backlog.epics}
    keys.update({story.id: story.jira for story in backlog.stories})
    return keys


def issue_of(fake: FakeJira, backlog_id: str) -> dict:
    found = fake.issues_by_label(f"fz:{backlog_id}")
    assert len(found) == 1, found
    return found[0]


def blocks(fake: FakeJira) -> set[tuple[str, str]]:
    """(blocker key, blocked key) for every Blocks link."""
    return {(link["inward"], link["outward"]) for link in fake.store.links.values() if link["type"]["name"] == "Blocks"}
