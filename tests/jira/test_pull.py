"""Pull brings status (through status categories), assignee, sprint and the status history back into the backlog,
keeping the YAML's comments and formatting."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator

import pytest
from helpers import issue_of
from jirafake import FakeJira

from generators.load import load_backlog


@pytest.fixture
def cloud_short_changelog() -> Iterator[FakeJira]:
    fake = FakeJira("cloud", changelog_embed=3).start()  # expand=changelog keeps only the 3 latest histories
    yield fake
    fake.stop()


START = dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)  # after the push's own transitions


def _at(minute: int) -> str:
    return (START + dt.timedelta(minutes=minute)).strftime("%Y-%m-%dT%H:%M:%S.000+0000")


def _prepare(project, jira, fake):
    project_file = project / "backlog/project.yaml"
    text = project_file.read_text(encoding="utf-8")
    project_file.write_text(
        text.replace("    develops: true\n", "    develops: true\n    jira_account: Hugo Bernard\n")
    )
    stories = project / "backlog/epics/E01-compte.yaml"
    stories.write_text(
        stories.read_text(encoding="utf-8").replace(
            "    status: En cours\n", "    status: En cours  # suivi dans Jira\n"
        ),
        encoding="utf-8",
    )
    assert jira(project, "jira", "push", fake=fake).code == 0


def test_pull_status_assignee_sprint_and_history(cloud_short_changelog, project, jira):
    fake = cloud_short_changelog
    _prepare(project, jira, fake)
    s1, s2, s3 = (issue_of(fake, i)["key"] for i in ("E01-S01", "E01-S02", "E02-S01"))
    for minute, status in enumerate(["In Progress", "In Review", "Done"]):
        fake.store.transition(s1, status, at=_at(minute))
    fake.store.transition(s2, "Done", at=_at(5))
    fake.store.edit(s2, assignee={"accountId": "712020:hugo", "displayName": "Hugo Bernard"})
    fake.store.edit(
        s2,
        customfield_10020=[
            {"id": 3, "name": "FZ Sprint 2", "state": "closed", "boardId": 1},
            {"id": 4, "name": "FZ Sprint 3", "state": "active", "boardId": 1},
        ],
    )
    flips = ["In Progress", "To Do"] * 52 + ["In Progress", "In Review"]  # 106 changes: two changelog pages
    for minute, status in enumerate(flips):
        fake.store.transition(s3, status, at=_at(10 + minute), author="Zoé Lambert")
    fake.store.edit(s3, assignee={"accountId": "712020:zoe", "displayName": "Zoé Lambert"})
    fake.reset_log()

    result = jira(project, "jira", "pull", fake=fake)
    assert result.code == 0, result.output
    assert fake.count(writes=True) == 0
    pages = [r.query for r in fake.requests if r.path.endswith(f"/issue/{s3}/changelog")]
    assert len(pages) == 2 and "startAt=100" in pages[1]

    backlog = load_backlog(project).backlog
    assert backlog is not None
    assert backlog.story("E01-S01").status == "Terminé"
    story = backlog.story("E01-S02")
    assert (story.status, story.assignee, story.sprint) == ("Terminé", "dev-back", 3)
    other = backlog.story("E02-S01")
    assert (other.status, other.assignee) == ("En cours", "Zoé Lambert")  # "In Review" -> in_progress category
    text = (project / "backlog/epics/E01-compte.yaml").read_text(encoding="utf-8")
    # the comment stays at its column; new keys go right after the status
    assert re.search(r"\n    status: Terminé +# suivi dans Jira\n    sprint: 3\n    assignee: dev-back\n", text)

    history = json.loads((project / "backlog/history.json").read_text(encoding="utf-8"))
    assert history["source"] == "jira"
    s1_moves = [(t.get("from"), t["to"]) for t in history["stories"]["E01-S01"]]
    # created "To Do", moved to its YAML status by the push, then worked on in Jira
    assert s1_moves == [(None, "À faire"), ("À faire", "Terminé"), ("Terminé", "En cours"), ("En cours", "Terminé")]
    s3_moves = history["stories"]["E02-S01"]
    assert len(s3_moves) == 1 + 105  # creation, then every flip but the last (both "En cours")
    assert s3_moves[-1]["to"] == "En cours" and s3_moves[-1]["author"] == "Zoé Lambert"

    before = {p: p.read_bytes() for p in (project / "backlog").rglob("*") if p.is_file()}
    again = jira(project, "jira", "pull", fake=fake)
    assert again.code == 0 and "no change" in again.stdout
    assert {p: p.read_bytes() for p in (project / "backlog").rglob("*") if p.is_file()} == before


def test_pull_unassigned_removes_the_assignee(cloud, project, jira):
    _prepare(project, jira, cloud)
    key = issue_of(cloud, "E01-S02")["key"]
    cloud.store.edit(key, assignee={"accountId": "1", "displayName": "Hugo Bernard"})
    assert jira(project, "jira", "pull", "--no-history", fake=cloud).code == 0
    assert "assignee: dev-back" in (project / "backlog/epics/E01-compte.yaml").read_text(encoding="utf-8")
    cloud.store.edit(key, assignee=None)
    assert jira(project, "jira", "pull", "--no-history", fake=cloud).code == 0
    assert "assignee:" not in (project / "backlog/epics/E01-compte.yaml").read_text(encoding="utf-8")
    assert not (project / "backlog/history.json").exists()


def test_pull_on_server_parses_sprint_strings_without_changelog_paging(server, project, jira):
    _prepare(project, jira, server)
    key = issue_of(server, "E01-S02")["key"]
    server.store.transition(key, "In Progress")
    server.store.edit(
        key,
        customfield_10102=[
            "com.atlassian.greenhopper.service.sprint.Sprint@1f2e[id=7,rapidViewId=1,state=ACTIVE,name=Sprint 4,"
            "startDate=2025-05-05T09:00:00.000+02:00,endDate=2025-05-16T18:00:00.000+02:00,completeDate=<null>,"
            "sequence=7,goal=]"
        ],
    )
    server.reset_log()
    result = jira(project, "jira", "pull", fake=server)
    assert result.code == 0, result.output
    assert server.count(path="/changelog$") == 0
    story = load_backlog(project).backlog.story("E01-S02")
    assert (story.status, story.sprint) == ("En cours", 4)


def test_pull_does_not_write_a_sprint_beyond_the_plan(cloud, project, jira):
    _prepare(project, jira, cloud)
    key = issue_of(cloud, "E01-S02")["key"]
    cloud.store.edit(key, customfield_10020=[{"id": 9, "name": "FZ Sprint 12", "state": "active"}])
    result = jira(project, "jira", "pull", "--no-history", fake=cloud)
    assert result.code == 0
    assert "sprint 12 is beyond the plan" in result.stderr
    assert load_backlog(project).ok
