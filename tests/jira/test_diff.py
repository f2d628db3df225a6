"""The pure plan (`diff.build_plan`): matching by key, state and marker label; three-way field decisions; links;
orphans; errors and warnings. No Jira here: fast, and the target of mutation testing."""

from __future__ import annotations

from typing import Any

from generators.jira.diff import STORY_FIELDS, build_plan, normalise
from generators.jira.remote import RemoteIssue, RemoteLink
from generators.jira.render import DesiredIssue
from generators.jira.state import IssueState, SyncState, fingerprint

SYNCED = {"epic": ("summary", "labels"), "story": ("summary", "labels", "points", "parent")}


def _labels(backlog_id: str, prefix: str = "fz") -> list[str]:
    return [f"{prefix}:backlog", f"{prefix}:{backlog_id}"]


def story(backlog_id: str, summary: str = "S", *, key: str | None = None, deps: tuple[str, ...] = (), **values: Any):
    base = {"summary": summary, "labels": _labels(backlog_id), "points": 3, "parent": None}
    return DesiredIssue(backlog_id, "story", {**base, **values}, deps, key, file="f.yaml", line=7)


def remote(key: str, backlog_id: str | None, summary: str = "S", links=(), **values: Any) -> RemoteIssue:
    base = {"summary": summary, "labels": _labels(backlog_id) if backlog_id else [], "points": 3.0, "parent": None}
    return RemoteIssue(key, key.split("-")[1], backlog_id, "Story", {**base, **values}, list(links))


def synced_state(*pairs: tuple[str, str], **overrides: Any) -> SyncState:
    """State after a push where YAML and Jira agreed: every field's base is the given value."""
    state = SyncState()
    for backlog_id, key in pairs:
        record = IssueState(key)
        values = {"summary": "S", "labels": sorted(_labels(backlog_id)), "points": 3, "parent": None}
        values.update(overrides.get(backlog_id, {}))
        for name, value in values.items():
            record.remember(name, fingerprint(normalise(name, value)), fingerprint(normalise(name, value)))
        state.issues[backlog_id] = record
    return state


def _div(d) -> tuple:
    return (d.id, d.key, d.field, d.yaml, d.jira)


def plan_of(desired, remotes, state=None, prefer=None, prefix="fz"):
    return build_plan(
        desired, {r.key: r for r in remotes}, state or SyncState(), prefix=prefix, synced=SYNCED, prefer=prefer
    )


def test_new_item_is_created_and_nothing_else():
    plan = plan_of([story("A")], [])
    assert [i.desired.id for i in plan.creates] == ["A"] and plan.pending
    assert not plan.updates and not plan.orphans and not plan.errors and plan.writes == 1


def test_in_sync_is_not_pending():
    plan = plan_of([story("A", key="FZ-1")], [remote("FZ-1", "A")], synced_state(("A", "FZ-1")))
    assert not plan.pending and plan.writes == 0 and not plan.kept and not plan.conflicts


def test_yaml_edit_is_an_update_of_that_field_only():
    plan = plan_of([story("A", "new", key="FZ-1")], [remote("FZ-1", "A")], synced_state(("A", "FZ-1")))
    [item] = plan.updates
    assert [(c.field, c.old, c.new) for c in item.changes] == [("summary", "S", "new")]
    assert item.new_base["summary"] == (fingerprint("new"), fingerprint("new"))


def test_jira_edit_is_kept_then_conflict_then_prefer():
    state = synced_state(("A", "FZ-1"))
    kept = plan_of([story("A", key="FZ-1")], [remote("FZ-1", "A", "jira")], state)
    assert [(d.field, d.yaml, d.jira) for d in kept.kept] == [("summary", "S", "jira")] and not kept.updates
    assert kept.pending
    both = plan_of([story("A", "yaml", key="FZ-1")], [remote("FZ-1", "A", "jira")], state)
    assert [(d.id, d.key, d.field) for d in both.conflicts] == [("A", "FZ-1", "summary")] and not both.updates
    yaml = plan_of([story("A", "yaml", key="FZ-1")], [remote("FZ-1", "A", "jira")], state, prefer="yaml")
    assert [c.new for c in yaml.updates[0].changes] == ["yaml"] and not yaml.conflicts
    jira = plan_of([story("A", "yaml", key="FZ-1")], [remote("FZ-1", "A", "jira")], state, prefer="jira")
    assert [_div(d) for d in jira.settled] == [("A", "FZ-1", "summary", "yaml", "jira")]
    assert not jira.updates
    assert jira.issues[0].new_base["summary"] == (fingerprint("yaml"), fingerprint("jira"))


def test_points_compare_as_numbers_and_labels_as_sets():
    desired = story("A", key="FZ-1", points=5, labels=["fz:A", "fz:backlog"])
    plan = plan_of([desired], [remote("FZ-1", "A", points=5.0)], synced_state(("A", "FZ-1"), A={"points": 5}))
    assert not plan.pending


def test_removed_marker_labels_are_restored_even_when_jira_changed_them():
    state = synced_state(("A", "FZ-1"))
    plan = plan_of([story("A", key="FZ-1")], [remote("FZ-1", "A", labels=["fz:backlog"])], state)
    assert [c.field for c in plan.updates[0].changes] == ["labels"]
    assert "A: restoring the marker labels removed in Jira on FZ-1" in plan.warnings
    extra = plan_of([story("A", key="FZ-1")], [remote("FZ-1", "A", labels=[*_labels("A"), "mine"])], state)
    assert [d.field for d in extra.kept] == ["labels"] and not extra.warnings  # other labels: a Jira edit, kept


def test_match_by_label_when_the_yaml_has_no_key_is_an_adoption():
    plan = plan_of([story("A")], [remote("FZ-4", "A")])
    [item] = plan.adoptions
    assert (item.key, item.remote_id, item.adopted_from) == ("FZ-4", "4", "label") and not plan.creates
    assert not plan.warnings


def test_match_by_state_is_an_adoption_from_state():
    plan = plan_of([story("A")], [remote("FZ-4", None)], synced_state(("A", "FZ-4")))
    assert [(i.key, i.adopted_from) for i in plan.adoptions] == [("FZ-4", "state")]


def test_state_key_of_another_item_is_not_used():
    plan = plan_of([story("A")], [remote("FZ-4", "B")], synced_state(("A", "FZ-4")))
    assert [i.desired.id for i in plan.creates] == ["A"]


def test_several_labelled_issues_take_the_oldest_and_warn():
    plan = plan_of([story("A")], [remote("FZ-10", "A"), remote("FZ-9", "A")])
    assert plan.issues[0].key == "FZ-9"
    assert plan.warnings == ["A: several issues carry its marker label (FZ-9, FZ-10); using FZ-9"]


def test_yaml_key_missing_in_jira_is_an_error_naming_the_line():
    plan = plan_of([story("A", key="FZ-1")], [])
    assert plan.errors == [
        "f.yaml:7: A: jira: FZ-1 does not exist in Jira (deleted or moved?): remove the key from the YAML to create "
        "the issue again"
    ]


def test_yaml_key_of_another_item_is_an_error():
    plan = plan_of([story("A", key="FZ-1")], [remote("FZ-1", "B")])
    assert plan.errors == ["f.yaml:7: A: jira: FZ-1 is the issue of B (by its marker label): fix the key in the YAML"]


def test_duplicates_of_a_keyed_item_are_warned():
    remotes = [remote("FZ-1", "A"), remote("FZ-2", "A"), remote("FZ-3", "A")]
    plan = plan_of([story("A", key="FZ-1")], remotes, synced_state(("A", "FZ-1")))
    assert plan.warnings == ["A: FZ-2, FZ-3 also carry its marker label (duplicates?)"]
    assert not plan.orphans


def test_gone_state_key_is_warned_and_created_again():
    plan = plan_of([story("A")], [], synced_state(("A", "FZ-3")))
    assert plan.warnings == ["A: FZ-3 (from jira-state.json) no longer exists; it will be created"]
    assert [i.desired.id for i in plan.creates] == ["A"]


def test_orphans_are_labelled_issues_whose_id_left_the_yaml():
    plan = plan_of([story("A", key="FZ-1")], [remote("FZ-1", "A"), remote("FZ-2", "GONE"), remote("FZ-3", None)])
    assert plan.orphans == [("FZ-2", "GONE")]
    assert not plan.pending or plan.orphans  # orphans alone are reported, never written


def test_orphans_alone_are_not_pending():
    plan = plan_of([story("A", key="FZ-1")], [remote("FZ-1", "A"), remote("FZ-2", "GONE")], synced_state(("A", "FZ-1")))
    assert plan.orphans == [("FZ-2", "GONE")] and not plan.pending and plan.writes == 0


def test_parent_is_the_epic_key_or_a_placeholder_for_a_new_epic():
    epic = DesiredIssue("E", "epic", {"summary": "E", "labels": _labels("E")}, (), "FZ-1")
    child = story("A", parent="E")
    plan = plan_of([epic, child], [remote("FZ-1", "E")], synced_state(("E", "FZ-1")))
    assert not plan.errors
    new_epic = DesiredIssue("N", "epic", {"summary": "N", "labels": _labels("N")})
    orphan_child = story("B", parent="N")
    assert plan_of([new_epic, orphan_child], []).creates[1].desired.values["parent"] == "N"
    keyed = story("C", key="FZ-5", parent="E")
    updates = plan_of([epic, keyed], [remote("FZ-1", "E"), remote("FZ-5", "C")], synced_state(("E", "FZ-1")))
    [changed] = [item for item in updates.updates if item.desired.id == "C"]
    assert [(c.field, c.old, c.new) for c in changed.changes] == [("parent", None, "FZ-1")]


def test_status_moves_left_by_a_crash_are_planned_for_matched_items_only():
    state = synced_state(("A", "FZ-1"))
    state.statuses = {"A": "Done", "Z": "Done"}
    plan = plan_of([story("A", key="FZ-1")], [remote("FZ-1", "A")], state)
    assert plan.status_moves == [("A", "FZ-1", "Done")] and plan.writes == 1


def _linked(a_links=(), state_links=None):
    state = synced_state(("A", "FZ-1"), ("B", "FZ-2"))
    if state_links is not None:
        state.links_known = True
        state.links_yaml = set(state_links)
    return state


def test_links_added_removed_and_kept():
    desired = [story("A", key="FZ-1"), story("B", key="FZ-2", deps=("A",))]
    add = plan_of(desired, [remote("FZ-1", "A"), remote("FZ-2", "B")], _linked(state_links=[]))
    assert [(c.blocker, c.blocked) for c in add.link_adds] == [("A", "B")] and add.link_base == {"A>B": (True, True)}
    link = RemoteLink("77", "FZ-1", "FZ-2")
    plain = [story("A", key="FZ-1"), story("B", key="FZ-2")]
    remove = plan_of(plain, [remote("FZ-1", "A", links=[link]), remote("FZ-2", "B")], _linked(state_links=["A>B"]))
    assert [(c.blocker, c.blocked, c.link_id) for c in remove.link_removals] == [("A", "B", "77")]
    assert remove.link_base == {"A>B": (False, False)}
    first = plan_of(plain, [remote("FZ-1", "A", links=[link]), remote("FZ-2", "B")], _linked())
    assert not first.link_removals and first.link_base == {"A>B": (False, True)}  # made in Jira: left alone
    same = plan_of(desired, [remote("FZ-1", "A", links=[link]), remote("FZ-2", "B")], _linked(state_links=["A>B"]))
    assert not same.link_adds and not same.link_removals and not same.pending and same.link_base == {}


def test_link_removed_in_jira_is_kept_then_settled():
    desired = [story("A", key="FZ-1"), story("B", key="FZ-2", deps=("A",))]
    remotes = [remote("FZ-1", "A"), remote("FZ-2", "B")]
    kept = plan_of(desired, remotes, _linked(state_links=["A>B"]))
    assert [_div(d) for d in kept.kept] == [("B", "FZ-2", "link from A", True, False)]
    settled = plan_of(desired, remotes, _linked(state_links=["A>B"]), prefer="jira")
    assert settled.link_base == {"A>B": (True, False)}
    assert [_div(d) for d in settled.settled] == [("B", "FZ-2", "link from A", True, False)]
    forced = plan_of(desired, remotes, _linked(state_links=["A>B"]), prefer="yaml")
    assert [(c.blocker, c.blocked) for c in forced.link_adds] == [("A", "B")]


def test_another_prefix_is_used_for_the_markers():
    desired = story("A", key="FZ-1", labels=_labels("A", "ops"))
    jira = remote("FZ-1", "A", labels=["ops:backlog"])
    state = synced_state(("A", "FZ-1"), A={"labels": sorted(_labels("A", "ops"))})
    plan = plan_of([desired], [jira], state, prefix="ops")
    assert "A: restoring the marker labels removed in Jira on FZ-1" in plan.warnings


def test_story_fields_cover_points_and_parent():
    assert STORY_FIELDS[-2:] == ("points", "parent")


def test_normalise_every_field_kind():
    assert normalise("labels", ["b", "a", "b"]) == ["a", "b"] and normalise("labels", None) == []
    assert normalise("points", "") is None and normalise("points", "2.5") == 2.5 and normalise("points", 8.0) == 8
    assert isinstance(normalise("points", 8.0), int)
    assert normalise("summary", "  Titre  ") == "Titre" and normalise("summary", None) == ""
    assert normalise("description", "a\\*b  c\r\n\r\n\r\n\r\nd ") == "a*b c\n\nd"
    assert normalise("description", None) == ""
    assert normalise("parent", "") is None and normalise("priority", "High") == "High"


def test_where_names_the_backlog_when_the_file_is_unknown():
    item = DesiredIssue("A", "story", {"summary": "S", "labels": _labels("A")}, (), "FZ-1", line=3)
    assert plan_of([item], []).errors[0].startswith("backlog:3: A: jira: FZ-1 does not exist")


def test_a_keyed_story_under_a_new_epic_points_at_a_placeholder():
    new_epic = DesiredIssue("N", "epic", {"summary": "N", "labels": _labels("N")})
    keyed = story("C", key="FZ-5", parent="N")
    plan = plan_of([new_epic, keyed], [remote("FZ-5", "C")], synced_state(("C", "FZ-5")))
    [changed] = plan.updates
    assert [(c.field, c.new) for c in changed.changes] == [("parent", "(new N)")]


def test_labels_edited_on_both_sides_without_our_markers_are_rewritten():
    state = synced_state(("A", "FZ-1"))
    desired = story("A", key="FZ-1", labels=[*_labels("A"), "yaml"])
    plan = plan_of([desired], [remote("FZ-1", "A", labels=["jira"])], state)
    assert [c.field for c in plan.updates[0].changes] == ["labels"] and not plan.conflicts
    assert plan.warnings == ["A: restoring the marker labels removed in Jira on FZ-1"]


def test_labels_reduced_to_exactly_our_markers_are_a_plain_jira_edit():
    base = sorted([*_labels("A"), "x"])
    state = synced_state(("A", "FZ-1"), A={"labels": base})
    plan = plan_of([story("A", key="FZ-1", labels=base)], [remote("FZ-1", "A", labels=_labels("A"))], state)
    assert [d.field for d in plan.kept] == ["labels"] and not plan.warnings and not plan.updates


def test_same_edit_on_both_sides_moves_the_base_and_nothing_else():
    state = synced_state(("A", "FZ-1"))
    plan = plan_of([story("A", "new", key="FZ-1")], [remote("FZ-1", "A", "new")], state)
    assert not plan.pending and plan.issues[0].new_base == {"summary": (fingerprint("new"), fingerprint("new"))}
    still = plan_of([story("A", key="FZ-1")], [remote("FZ-1", "A")], state)
    assert still.issues[0].new_base == {}


def test_links_to_issues_outside_the_backlog_are_ignored():
    desired = [story("A", key="FZ-1"), story("B", key="FZ-2")]
    outside = [RemoteLink("5", "FZ-1", "FZ-99"), RemoteLink("6", "FZ-98", "FZ-2")]
    plan = plan_of(desired, [remote("FZ-1", "A", links=outside), remote("FZ-2", "B")], _linked(state_links=[]))
    assert not plan.link_removals and not plan.kept and plan.link_base == {}


def test_a_link_known_only_on_the_jira_side_is_forgotten_when_gone():
    desired = [story("A", key="FZ-1"), story("B", key="FZ-2")]
    state = _linked(state_links=[])
    state.links_jira = {"A>B"}  # Jira had it, the YAML not (base: yaml False, jira True)
    plan = plan_of(desired, [remote("FZ-1", "A"), remote("FZ-2", "B")], state)
    assert plan.link_base == {"A>B": (False, False)} and not plan.pending


def test_every_link_made_in_jira_before_the_first_push_is_left_alone():
    desired = [story("A", key="FZ-1"), story("B", key="FZ-2"), story("C", key="FZ-3")]
    links = [RemoteLink("1", "FZ-1", "FZ-2"), RemoteLink("2", "FZ-1", "FZ-3")]
    remotes = [remote("FZ-1", "A", links=links), remote("FZ-2", "B"), remote("FZ-3", "C")]
    plan = plan_of(desired, remotes, synced_state(("A", "FZ-1"), ("B", "FZ-2"), ("C", "FZ-3")))
    assert plan.link_base == {"A>B": (False, True), "A>C": (False, True)} and not plan.link_removals


def test_first_push_adds_the_wanted_links():
    desired = [story("A", key="FZ-1"), story("B", key="FZ-2", deps=("A",))]
    plan = plan_of(desired, [remote("FZ-1", "A"), remote("FZ-2", "B")], _linked())
    assert [(c.blocker, c.blocked) for c in plan.link_adds] == [("A", "B")] and not plan.conflicts


def test_a_link_settled_earlier_is_not_added_again_then_conflicts_when_both_sides_move():
    desired = [story("A", key="FZ-1"), story("B", key="FZ-2", deps=("A",))]
    state = _linked(state_links=["A>B"])
    state.links_jira = {"A>B"}  # settled with --prefer jira: the YAML wants it, Jira does not have it
    remotes = [remote("FZ-1", "A"), remote("FZ-2", "B")]
    assert not plan_of(desired, remotes, state).pending
    link = RemoteLink("9", "FZ-1", "FZ-2")
    moved = [story("A", key="FZ-1"), story("B", key="FZ-2")]  # the YAML drops it, Jira gains it
    plan = plan_of(moved, [remote("FZ-1", "A", links=[link]), remote("FZ-2", "B")], state)
    assert [_div(d) for d in plan.conflicts] == [("B", "FZ-2", "link from A", False, True)]


def test_prefer_jira_keeps_jira_labels_but_puts_the_markers_back():
    state = synced_state(("A", "FZ-1"))
    desired = story("A", key="FZ-1", labels=[*_labels("A"), "yaml"])
    plan = plan_of([desired], [remote("FZ-1", "A", labels=["jira"])], state, prefer="jira")
    [change] = plan.updates[0].changes
    assert change.field == "labels" and change.new == sorted(["jira", *_labels("A")])
    assert plan.warnings == ["A: restoring the marker labels removed in Jira on FZ-1"]
    for name, (yaml_print, jira_print) in plan.issues[0].new_base.items():
        state.issues["A"].remember(name, yaml_print, jira_print)
    again = plan_of([desired], [remote("FZ-1", "A", labels=change.new)], state)
    assert not again.pending and not again.conflicts and not again.warnings
