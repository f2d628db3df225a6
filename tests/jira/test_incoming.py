"""Text from Jira (display names, summaries, statuses) is data: control characters are removed before it is written
or printed (with a warning naming the issues), and Rich markup in it is printed literally without changing exit
codes."""

from __future__ import annotations

import json

from helpers import issue_of
from hypothesis import given, settings
from hypothesis import strategies as st

from generators.jira.incoming import CONTROL, clean, strip_controls

HOSTILE = "Zoé \x1b[2J[red]x[/] \x1b]8;;https://evil.example\x07lien\x1b]8;;\x07 Lam\u202ebert\x07"
SHOWN = "Zoé [red]x[/] lien Lambert"


def _no_control(text: str) -> None:
    assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text, repr(text)


def test_pull_writes_a_hostile_display_name_cleaned_and_literal(cloud, project, jira):
    assert jira(project, "jira", "push", fake=cloud).code == 0
    key = issue_of(cloud, "E01-S02")["key"]
    cloud.store.edit(key, assignee={"accountId": "712020:zoe", "displayName": HOSTILE})
    result = jira(project, "jira", "pull", fake=cloud)
    assert result.code == 0, result.output  # `[/]` neither crashes nor fails the command after writing
    yaml_text = (project / "backlog/epics/E01-compte.yaml").read_text(encoding="utf-8")
    assert f"assignee: {SHOWN}" in yaml_text
    _no_control(yaml_text)
    assert f"E01-S02: assignee: - → {SHOWN}" in result.stdout  # markup shown as text
    _no_control(result.output)
    assert (
        f"warning: control characters (terminal escapes, bidirectional overrides) removed from Jira text of {key}"
        in (result.stderr)
    )
    history = project / "backlog/history.json"
    if history.exists():
        _no_control(history.read_text(encoding="utf-8"))


def test_plan_shows_markup_from_jira_and_yaml_literally_and_still_exits_3(cloud, project, jira):
    assert jira(project, "jira", "push", fake=cloud).code == 0
    key = issue_of(cloud, "E01-S01")["key"]
    cloud.store.edit(key, summary="Se [bold]connecter[/] \x1b[31mvite\x1b[0m")  # a Jira-only edit: kept
    path = project / "backlog/epics/E02-offres.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("title: Créer une offre", "title: Créer [/] une [red]offre"),
        encoding="utf-8",
    )
    result = jira(project, "jira", "plan", fake=cloud)
    assert result.code == 3, result.output  # changes pending, not 1
    assert "Se [bold]connecter[/] vite" in result.stdout
    _no_control(result.output)
    assert key in result.stderr and "control characters" in result.stderr
    as_json = jira(project, "jira", "plan", "--json", fake=cloud)
    assert as_json.code == 3
    kept = json.loads(as_json.stdout)["kept_jira_edits"]
    assert kept[0]["jira"] == "Se [bold]connecter[/] vite"


def test_yaml_text_with_markup_is_listed_literally_in_a_first_plan(cloud, project, jira):
    path = project / "backlog/epics/E01-compte.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("title: Se connecter", "title: Se [/]connecter"))
    result = jira(project, "jira", "plan", fake=cloud)
    assert result.code == 3, result.output
    assert "Se [/]connecter" in result.stdout


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_cleaning_leaves_no_control_character_and_keeps_plain_text(text):
    cleaned = strip_controls(text)
    assert not CONTROL.search(cleaned)
    plain = "".join(char for char in text if not CONTROL.match(char) and char not in "\x1b\r")
    if "\x1b" not in text and "\x9b" not in text:
        assert cleaned == plain


def test_clean_walks_json_and_says_whether_it_changed():
    value, changed = clean({"a": ["x\x1b[1my", 3, None], "b": "ligne\r\nsuivante"})
    assert value == {"a": ["xy", 3, None], "b": "ligne\nsuivante"} and changed
    assert clean({"b": "ligne\r\nsuivante"})[1] is False  # CRLF alone is not worth a warning
