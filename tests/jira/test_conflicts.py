"""Edits made in Jira are never overwritten silently: Jira-only edits are kept (and reported), edits on both sides
are conflicts (exit 1, both values shown) until `--prefer yaml|jira` settles them."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import issue_of


def _retitle(project: Path, old: str, new: str) -> None:
    path = project / "backlog/epics/E01-compte.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(f"title: {old}\n", f"title: {new}\n", 1), encoding="utf-8")


def test_jira_only_edit_is_kept_and_reported(cloud, project, jira):
    assert jira(project, "jira", "push", fake=cloud).code == 0
    key = issue_of(cloud, "E01-S01")["key"]
    cloud.store.edit(key, summary="Créer un compte (renommé dans Jira)")

    plan = jira(project, "jira", "plan", "--json", fake=cloud)
    assert plan.code == 3  # drift is pending until settled
    kept = json.loads(plan.stdout)["kept_jira_edits"]
    assert kept == [
        {
            "id": "E01-S01",
            "key": key,
            "field": "summary",
            "yaml": "Créer un compte",
            "jira": "Créer un compte (renommé dans Jira)",
        }
    ]

    cloud.reset_log()
    push = jira(project, "jira", "push", fake=cloud)
    assert push.code == 0, push.output
    assert cloud.count(writes=True) == 0
    assert "kept: E01-S01" in push.stderr
    assert issue_of(cloud, "E01-S01")["fields"]["summary"] == "Créer un compte (renommé dans Jira)"

    restored = jira(project, "jira", "push", "--prefer", "yaml", fake=cloud)
    assert restored.code == 0, restored.output
    assert issue_of(cloud, "E01-S01")["fields"]["summary"] == "Créer un compte"
    assert jira(project, "jira", "plan", fake=cloud).code == 0


def test_edit_on_both_sides_is_a_conflict_with_both_values(cloud, project, jira):
    assert jira(project, "jira", "push", fake=cloud).code == 0
    key = issue_of(cloud, "E01-S01")["key"]
    cloud.store.edit(key, summary="Titre choisi dans Jira")
    _retitle(project, "Créer un compte", "Titre choisi dans le YAML")
    _retitle(project, "Se connecter", "Se connecter vite")  # a change without conflict still goes through

    cloud.reset_log()
    push = jira(project, "jira", "push", fake=cloud)
    assert push.code == 1
    assert f"conflict: E01-S01 ({key}) summary" in push.stderr
    assert '"Titre choisi dans le YAML"' in push.stderr and '"Titre choisi dans Jira"' in push.stderr
    assert "--prefer yaml" in push.stderr
    assert issue_of(cloud, "E01-S01")["fields"]["summary"] == "Titre choisi dans Jira"  # not overwritten
    assert issue_of(cloud, "E01-S02")["fields"]["summary"] == "Se connecter vite"
    assert jira(project, "jira", "plan", fake=cloud).code == 1

    settled = jira(project, "jira", "push", "--prefer", "jira", fake=cloud)
    assert settled.code == 0, settled.output
    assert issue_of(cloud, "E01-S01")["fields"]["summary"] == "Titre choisi dans Jira"
    # Jira's value is taken back into the YAML, the rest of the file untouched
    text = (project / "backlog/epics/E01-compte.yaml").read_text(encoding="utf-8")
    assert "    title: Titre choisi dans Jira\n" in text and "Titre choisi dans le YAML" not in text
    assert "took Jira's values into the YAML: E01-S01 title" in settled.stdout
    cloud.reset_log()
    assert jira(project, "jira", "plan", fake=cloud).code == 0  # settled: no more conflict, no pending write
    assert jira(project, "jira", "push", fake=cloud).code == 0
    assert cloud.count(writes=True) == 0

    _retitle(project, "Titre choisi dans Jira", "Titre final")  # a later YAML change is pushed again
    assert jira(project, "jira", "push", fake=cloud).code == 0
    assert issue_of(cloud, "E01-S01")["fields"]["summary"] == "Titre final"


def test_prefer_yaml_overwrites_the_jira_side(cloud, project, jira):
    assert jira(project, "jira", "push", fake=cloud).code == 0
    key = issue_of(cloud, "E02-S01")["key"]
    cloud.store.edit(key, customfield_10016=13.0)
    path = project / "backlog/epics/E02-offres.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("points: 5", "points: 8"), encoding="utf-8")
    assert jira(project, "jira", "push", fake=cloud).code == 1
    result = jira(project, "jira", "push", "--prefer", "yaml", fake=cloud)
    assert result.code == 0, result.output
    assert issue_of(cloud, "E02-S01")["fields"]["customfield_10016"] == 8.0


def test_same_edit_on_both_sides_is_no_conflict(cloud, project, jira):
    assert jira(project, "jira", "push", fake=cloud).code == 0
    cloud.store.edit(issue_of(cloud, "E01-S01")["key"], summary="Ouvrir un compte")
    _retitle(project, "Créer un compte", "Ouvrir un compte")
    cloud.reset_log()
    result = jira(project, "jira", "push", fake=cloud)
    assert result.code == 0, result.output
    assert cloud.count(writes=True) == 0


def test_link_removed_in_jira_is_kept_removed(cloud, project, jira):
    assert jira(project, "jira", "push", fake=cloud).code == 0
    link_id = next(iter(cloud.store.links))
    cloud.store.unlink(link_id)
    plan = json.loads(jira(project, "jira", "plan", "--json", fake=cloud).stdout)
    assert len(plan["kept_jira_edits"]) == 1 and plan["kept_jira_edits"][0]["field"].startswith("link from ")
    assert plan["link"] == []
    assert jira(project, "jira", "push", "--prefer", "yaml", fake=cloud).code == 0
    assert len(cloud.store.links) == 3


def test_marker_labels_removed_in_jira_are_restored(cloud, project, jira):
    assert jira(project, "jira", "push", fake=cloud).code == 0
    issue = issue_of(cloud, "E02-S01")
    cloud.store.edit(issue["key"], labels=["urgent"])
    result = jira(project, "jira", "push", fake=cloud)
    assert result.code == 0, result.output
    assert "restoring the marker labels" in result.stderr
    labels = cloud.store.issues[issue["key"]]["fields"]["labels"]
    assert {"fz:E02-S01", "fz:backlog"} <= set(labels)


def test_prefer_jira_takes_points_and_priority_back_into_the_yaml(cloud, project, jira):
    assert jira(project, "jira", "push", fake=cloud).code == 0
    key = issue_of(cloud, "E02-S01")["key"]
    cloud.store.edit(key, customfield_10016=8.0, priority={"name": "Highest"})
    assert jira(project, "jira", "plan", fake=cloud).code == 3  # Jira-only edits: pending, not overwritten
    result = jira(project, "jira", "push", "--prefer", "jira", fake=cloud)
    assert result.code == 0, result.output
    text = (project / "backlog/epics/E02-offres.yaml").read_text(encoding="utf-8")
    assert "    points: 8\n" in text and "    priority: must\n" in text
    assert jira(project, "jira", "plan", fake=cloud).code == 0
