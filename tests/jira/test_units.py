"""Pure parts of the sync: the three-way decision, wiki escaping, Retry-After, sprints, statuses, settings."""

from __future__ import annotations

import pytest

from generators.jira.diff import decide, normalise
from generators.jira.errors import JiraSyncError
from generators.jira.settings import load_settings
from generators.jira.transport import JiraRetry
from generators.jira.workflow import sprint_number
from generators.model import JiraConfig
from generators.model.jira_text import backlog_id_of, wiki_escape


@pytest.mark.parametrize(
    ("yaml", "jira", "base", "prefer", "expected"),
    [
        ("a", "a", ("x", "x"), None, "sync"),
        ("b", "a", (None, None), None, "write"),  # never synced: YAML wins
        ("b", "a", ("a", "a"), None, "write"),  # changed in YAML only
        ("a", "b", ("a", "a"), None, "keep"),  # changed in Jira only: kept
        ("a", "b", ("a", "a"), "yaml", "write"),
        ("a", "b", ("a", "a"), "jira", "settle"),
        ("c", "b", ("a", "a"), None, "conflict"),  # changed on both sides
        ("c", "b", ("a", "a"), "yaml", "write"),
        ("c", "b", ("a", "a"), "jira", "settle"),
        ("a", "b", ("a", "b"), None, "sync"),  # settled earlier with --prefer jira
        ("c", "b", ("a", "b"), None, "write"),  # ...until the YAML changes again
    ],
)
def test_three_way_decision(yaml, jira, base, prefer, expected):
    assert decide(yaml, jira, base, prefer) == expected


def test_normalise_what_jira_returns():
    assert normalise("points", 5.0) == 5 and normalise("points", 0.5) == 0.5 and normalise("points", None) is None
    assert normalise("labels", ["b", "a", "b"]) == ["a", "b"]
    assert normalise("description", "x\r\ny  \n") == "x\ny"


def test_wiki_escape_neutralises_markup():
    assert wiki_escape("*gras* _it_ {code} [lien|http://x] -barré- h1. titre") == (
        r"\*gras\* \_it\_ \{code\} \[lien\|http://x\] \-barré- h1. titre"
    )
    assert wiki_escape("h2. Titre") == r"h2\. Titre"
    assert wiki_escape("e-mail") == "e-mail"
    assert backlog_id_of(["urgent", "fz:backlog", "fz:E01-S02"], "fz") == "E01-S02"


def test_retry_never_repeats_a_post_blindly_but_waits_out_rate_limits():
    from generators.jira.retry import RetryPolicy
    from generators.jira.transport import IDEMPOTENT, Budget, make_retry

    retry = make_retry(RetryPolicy(), Budget(60), IDEMPOTENT)
    assert isinstance(retry, JiraRetry)
    assert retry.is_retry("POST", 429) and retry.is_retry("POST", 503, has_retry_after=True)
    assert not retry.is_retry("POST", 500) and not retry.is_retry("POST", 503)
    assert retry.is_retry("GET", 500) and retry.is_retry("PUT", 502) and retry.is_retry("DELETE", 504)
    assert not retry.is_retry("GET", 400)
    assert retry.total == 5 and retry.respect_retry_after_header


def test_sprint_numbers_from_cloud_and_server_values():
    cloud = [{"id": 1, "name": "FZ Sprint 1", "state": "closed"}, {"id": 2, "name": "FZ Sprint 2", "state": "active"}]
    assert sprint_number(cloud, "Sprint") == 2
    assert (
        sprint_number([{"id": 5, "name": "Sprint 5", "state": "future"}, {"id": 4, "name": "Sprint 4"}], "Sprint") == 5
    )
    server = ["com.atlassian.greenhopper.service.sprint.Sprint@1[id=3,rapidViewId=1,state=CLOSED,name=Sprint 3,goal=]"]
    assert sprint_number(server, "Sprint") == 3
    assert sprint_number(None, "Sprint") is None and sprint_number([{"name": "Backlog"}], "Sprint") is None


def test_settings_from_the_environment_only():
    config = JiraConfig(url="https://fanzone.atlassian.net", project="FZ")
    cloud = load_settings(config, {"JIRA_EMAIL": "pm@fanzone.tv", "JIRA_API_TOKEN": "tok-1234"})
    assert cloud.url == "https://fanzone.atlassian.net" and cloud.credentials.kind == "basic"
    assert "tok-1234" not in repr(cloud)
    server = load_settings(config, {"JIRA_URL": "https://jira.fanzone.tv/", "JIRA_PAT": "pat-5678"})
    assert server.url == "https://jira.fanzone.tv" and server.credentials.kind == "bearer"
    with pytest.raises(JiraSyncError, match="must not contain credentials") as caught:
        load_settings(config, {"JIRA_URL": "https://pm:tok-1234@x.atlassian.net", "JIRA_PAT": "pat-5678"})
    assert "tok-1234" not in caught.value.message
    with pytest.raises(JiraSyncError, match="both JIRA_API_TOKEN and JIRA_PAT"):
        load_settings(config, {"JIRA_EMAIL": "a@b.c", "JIRA_API_TOKEN": "tok-1234", "JIRA_PAT": "pat-5678"})
    with pytest.raises(JiraSyncError, match="JIRA_EMAIL is not"):
        load_settings(config, {"JIRA_API_TOKEN": "tok-1234"})
    with pytest.raises(JiraSyncError, match="no Jira URL"):
        load_settings(JiraConfig(project="FZ"), {"JIRA_PAT": "pat-5678"})
