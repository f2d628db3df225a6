"""`push --workers N`: with N > 1 updates and links go out in parallel (seen overlapping at the fake Jira), and
the result, in Jira and in the YAML, is the same as with one worker."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import blocks, yaml_keys
from jirafake import FakeJira


def _edit_titles(project: Path) -> None:
    for path in (project / "backlog/epics").glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("    title: ", "    title: Nouveau, "), encoding="utf-8")


def _snapshot(fake: FakeJira, project: Path) -> tuple:
    keys = yaml_keys(project)
    ids = {key: backlog_id for backlog_id, key in keys.items()}
    issues = sorted(
        (
            ids[issue["key"]],
            issue["fields"]["summary"],
            issue["fields"]["description"],
            tuple(sorted(issue["fields"]["labels"])),
            ids.get((issue["fields"].get("parent") or {}).get("key")),
        )
        for issue in fake.store.issues.values()
    )
    links = sorted((ids[a], ids[b]) for a, b in blocks(fake))
    files = {p.name: p.read_text(encoding="utf-8") for p in (project / "backlog/epics").glob("*.yaml")}
    return issues, links, files


def _max_overlap(fake: FakeJira, path: str) -> int:
    spans = [(r.start, r.end) for r in fake.requests if r.path.endswith(path) and r.method in ("PUT", "POST")]
    return max((sum(1 for s, e in spans if s < end and e > start) for start, end in spans), default=0)


@pytest.mark.parametrize("workers", ["1", "4"])
def test_workers_give_the_same_result_and_run_in_parallel(tmp_path, project, jira, workers):
    reference = FakeJira("cloud").start()
    tested = FakeJira("cloud", latency=0.15).start()
    other = tmp_path / "other"

    shutil.copytree(project, other)
    try:
        for fake, root, count in ((reference, other, "1"), (tested, project, workers)):
            assert jira(root, "jira", "push", "--workers", "1", fake=fake).code == 0
            _edit_titles(root)
            fake.reset_log()
            result = jira(root, "jira", "push", "--workers", count, fake=fake)
            assert result.code == 0, result.output
            assert "3 updated" in result.stdout, result.stdout
        assert _snapshot(tested, project) == _snapshot(reference, other)
        overlap = _max_overlap(tested, "")
        if workers == "1":
            assert overlap == 1
        else:
            assert overlap >= 2  # several updates in flight at once
    finally:
        reference.stop()
        tested.stop()
