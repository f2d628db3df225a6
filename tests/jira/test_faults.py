"""Rate limits, server errors, dropped connections and lost answers: retried within bounds, never duplicated;
4xx answers become messages that name the fix; the token never shows."""

from __future__ import annotations

import logging
from pathlib import Path

from helpers import assert_one_issue_per_item, blocks, yaml_keys


def _set_jira(project: Path, old: str, new: str) -> None:
    path = project / "backlog/project.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_429_waits_exactly_retry_after(cloud, project, jira):
    cloud.add_fault("429", r"/issue/bulk$", method="POST", retry_after="1")
    result = jira(project, "jira", "push", fake=cloud)
    assert result.code == 0, result.output
    bulk = [r for r in cloud.requests if r.path.endswith("/issue/bulk")]
    assert [r.status for r in bulk] == [429, 201, 201]
    waited = bulk[1].start - bulk[0].end
    assert 1.0 <= waited < 1.4, waited  # Retry-After honoured exactly (the library would wait 1 to 2 s)
    assert_one_issue_per_item(cloud, project)


def test_5xx_and_resets_on_reads_are_retried(cloud, project, jira):
    cloud.add_fault("500", r"/search/jql$", times=2)
    cloud.add_fault("reset", r"/field$")
    cloud.add_fault("503", r"/project/FZ$", retry_after=None)
    result = jira(project, "jira", "push", fake=cloud)
    assert result.code == 0, result.output
    assert cloud.count(path=r"/field$") == 2
    assert [r.status for r in cloud.requests if r.path.endswith("/search/jql")][:3] == [500, 500, 200]
    assert_one_issue_per_item(cloud, project)


def test_persistent_errors_give_up_after_a_bounded_number_of_attempts(cloud, project, jira):
    cloud.add_fault("502", r"/field$", times=100)
    result = jira(project, "jira", "plan", fake=cloud)
    assert result.code == 1
    assert "still failing after 6 attempts" in result.stderr
    assert cloud.count(path=r"/field$") == 6


def test_reset_before_processing_creates_once(cloud, project, jira):
    cloud.add_fault("reset", r"/issue/bulk$", method="POST")
    result = jira(project, "jira", "push", fake=cloud)
    assert result.code == 0, result.output
    assert "looking for the issues before sending again" in result.stderr
    assert_one_issue_per_item(cloud, project)


def test_lost_answer_after_creation_is_found_by_search_not_created_twice(cloud, project, jira):
    cloud.add_fault("drop", r"/issue/bulk$", method="POST", skip=1)  # the stories' batch is created, answer lost
    result = jira(project, "jira", "push", fake=cloud)
    assert result.code == 0, result.output
    assert cloud.count("POST", r"/issue/bulk$") == 2  # found by its labels: not sent again
    assert_one_issue_per_item(cloud, project)
    keys = yaml_keys(project)
    assert all(keys.values())


def test_lost_answer_with_a_lagging_search_index(cloud, project, jira):
    cloud.store.index_lag = 0.3  # new issues reach search results 0.3 s after creation (GET sees them at once)
    cloud.add_fault("drop", r"/issue/bulk$", method="POST")
    result = jira(project, "jira", "push", fake=cloud, env={"FANZONE_JIRA_BACKOFF_SCALE": "0.2"})
    assert result.code == 0, result.output
    assert_one_issue_per_item(cloud, project)


def test_lost_link_answer_is_checked_before_retrying(cloud, project, jira):
    cloud.add_fault("drop", r"/issueLink$", method="POST")
    result = jira(project, "jira", "push", fake=cloud)
    assert result.code == 0, result.output
    assert len(cloud.store.links) == 3 and len(blocks(cloud)) == 3


def test_bulk_partial_failure_reports_the_item_and_creates_the_others(cloud, project, jira):
    def reject(fields: dict) -> dict | None:
        if fields.get("summary") == "Se connecter":
            return {"summary": "Le résumé est refusé par une règle de validation."}
        return None

    cloud.store.reject = reject
    result = jira(project, "jira", "push", fake=cloud)
    assert result.code == 1
    assert (
        "backlog/epics/E01-compte.yaml:26: E01-S02: Jira refused to create it: summary: Le résumé est refusé"
        in result.stderr
    )
    assert "E02-S01: link from E01-S02 not created" in result.stderr
    assert len(cloud.store.issues) == 4
    assert yaml_keys(project)["E01-S02"] is None

    cloud.store.reject = None
    again = jira(project, "jira", "push", fake=cloud)
    assert again.code == 0, again.output
    assert_one_issue_per_item(cloud, project)
    assert len(blocks(cloud)) == 3


def test_bad_token_names_the_fix_and_never_shows_the_token(cloud, project, jira, caplog):
    caplog.set_level(logging.DEBUG)
    secret = "wrong-token-5f3e9d1c"
    result = jira(project, "jira", "plan", fake=cloud, env={"JIRA_API_TOKEN": secret})
    assert result.code == 1
    assert "401" in result.stderr and "JIRA_API_TOKEN" in result.stderr
    assert secret not in result.output and secret not in caplog.text


def test_token_never_in_output_logs_or_files(cloud, project, jira, caplog):
    caplog.set_level(logging.DEBUG)
    cloud.add_fault("429", r"/issue/bulk$", method="POST", retry_after="0")
    cloud.add_fault("drop", r"/issueLink$", method="POST")
    outputs = [jira(project, "jira", *args, fake=cloud).output for args in (("plan",), ("push",), ("pull",))]
    assert cloud.token not in "".join(outputs)
    assert cloud.token not in caplog.text
    for path in project.rglob("*"):
        if path.is_file():
            assert cloud.token.encode() not in path.read_bytes(), path


def test_no_permission_names_the_fix(cloud, project, jira):
    cloud.forbidden.add("create")
    result = jira(project, "jira", "push", fake=cloud)
    assert result.code == 1
    assert "403" in result.stderr and "Create issues" in result.stderr
    assert "You do not have permission to create issues" in result.stderr


def test_unknown_project_names_the_setting(cloud, project, jira):
    _set_jira(project, "  project: FZ\n", "  project: XX\n")
    result = jira(project, "jira", "plan", fake=cloud)
    assert result.code == 1
    assert "No project could be found with key 'XX'" in result.stderr and "jira.project" in result.stderr


def test_unknown_configured_field_names_the_setting(cloud, project, jira):
    _set_jira(
        project, "  project_name: Fanzone TV\n", "  project_name: Fanzone TV\n  fields:\n    story_points: Effort\n"
    )
    result = jira(project, "jira", "plan", fake=cloud)
    assert result.code == 1
    assert "jira.fields.story_points: Jira has no field 'Effort'" in result.stderr
    assert "Story point estimate" in result.stderr


def test_missing_credentials_name_the_variables(cloud, project, jira):
    result = jira(project, "jira", "plan", env={"JIRA_URL": cloud.url, "JIRA_EMAIL": "", "JIRA_API_TOKEN": ""})
    assert result.code == 1
    assert "JIRA_EMAIL and JIRA_API_TOKEN" in result.stderr and "JIRA_PAT" in result.stderr
    assert cloud.count() == 0


def test_old_search_endpoint_is_gone_on_cloud(cloud, project, jira):
    _set_jira(project, "  project: FZ\n", "  project: FZ\n  deployment: server\n")  # wrong setting on purpose
    result = jira(project, "jira", "plan", fake=cloud)
    assert result.code == 1
    assert "410" in result.stderr and "deployment: cloud" in result.stderr


def test_lost_transition_answer_is_checked_before_going_on(server, project, jira):
    server.add_fault("drop", r"/transitions$", method="POST")  # classic workflow: two steps to "Done"
    result = jira(project, "jira", "push", fake=server)
    assert result.code == 0, result.output
    issue = next(i for i in server.store.issues.values() if "fz:E01-S01" in i["fields"]["labels"])
    moves = [(h["items"][0]["fromString"], h["items"][0]["toString"]) for h in issue["histories"]]
    assert moves == [("To Do", "In Progress"), ("In Progress", "Done")]
