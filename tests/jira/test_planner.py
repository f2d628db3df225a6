"""What the plan reports beyond creations and updates: orphans (issues the toolkit made whose backlog id left the
YAML) and another label prefix than `fz`."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import issues_per_id


def _set_prefix(project: Path, prefix: str) -> None:
    path = project / "backlog/project.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  project: FZ\n", f"  project: FZ\n  label_prefix: {prefix}\n"), encoding="utf-8")


def _orphan_setup(cloud, project, jira) -> str:
    assert jira(project, "jira", "push", fake=cloud).code == 0
    key = next(i["key"] for i in cloud.store.issues.values() if "fz:E02-S01" in i["fields"]["labels"])
    path = project / "backlog/epics/E02-offres.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("  - id: E02-S01\n")].rstrip() + " []\n", encoding="utf-8")
    return key


def test_an_issue_whose_id_left_the_yaml_is_reported_as_orphan_and_left_alone(cloud, project, jira):
    key = _orphan_setup(cloud, project, jira)
    plan = jira(project, "jira", "plan", "--json", fake=cloud)
    assert plan.code in (0, 3), plan.output
    assert json.loads(plan.stdout)["orphans"] == [{"key": key, "id": "E02-S01"}]
    text = jira(project, "jira", "plan", fake=cloud)
    row = next(line for line in text.stdout.splitlines() if "orphan" in line)
    assert "E02-S01" in row and key in row and "not in the backlog any more (left alone)" in row
    cloud.reset_log()
    pushed = jira(project, "jira", "push", fake=cloud)
    assert pushed.code == 0, pushed.output
    assert key in cloud.store.issues and "fz:E02-S01" in cloud.store.issues[key]["fields"]["labels"]
    assert cloud.count("PUT", rf"/issue/{key}$") == 0 and cloud.count("DELETE") == 0


def test_an_issue_with_another_prefix_is_not_an_orphan(cloud, project, jira):
    key = _orphan_setup(cloud, project, jira)
    cloud.store.issues[key]["fields"]["labels"] = ["other:backlog", "other:E02-S01"]
    plan = jira(project, "jira", "plan", "--json", fake=cloud)
    assert json.loads(plan.stdout)["orphans"] == []


def test_another_label_prefix_marks_and_finds_the_issues(cloud, project, jira):
    _set_prefix(project, "ops")
    assert jira(project, "jira", "push", fake=cloud).code == 0
    labels = {label for issue in cloud.store.issues.values() for label in issue["fields"]["labels"]}
    assert "ops:backlog" in labels and "ops:E01-S02" in labels
    assert not any(label.startswith("fz:") for label in labels)
    assert sorted(issues_per_id(cloud, "ops").values()) == [1] * 5
    again = jira(project, "jira", "plan", fake=cloud)
    assert again.code == 0, again.output  # found again by the `ops:` labels: in sync


def test_issues_of_another_prefix_are_not_adopted(cloud, project, jira):
    assert jira(project, "jira", "push", fake=cloud).code == 0  # with fz: labels
    (project / "backlog/jira-state.json").unlink()
    for path in (project / "backlog/epics").glob("*.yaml"):
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        path.write_text("".join(line for line in lines if not line.strip().startswith("jira: ")), encoding="utf-8")
    _set_prefix(project, "ops")
    plan = jira(project, "jira", "plan", "--json", fake=cloud)
    assert plan.code == 3, plan.output
    document = json.loads(plan.stdout)
    assert len(document["create"]) == 5 and document["adopt"] == []
