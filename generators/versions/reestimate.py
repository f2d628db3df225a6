"""The re-estimation summary: per epic, stories whose sentence or criteria changed (with their points),
and the scope added and removed (stories and points)."""

from __future__ import annotations

from typing import Any

from .content import Snapshot

REESTIMATE_FIELDS = ("as_a", "i_want", "so_that", "acceptance")  # what the estimate was made on


def _stories(shot: Snapshot) -> dict[str, dict[str, Any]]:
    return shot.objects.get("story", {})


def reestimation(old: Snapshot, new: Snapshot) -> dict[str, Any]:
    before, after = _stories(old), _stories(new)
    epics: dict[str, dict[str, Any]] = {}

    def epic(epic_id: str, shot: Snapshot) -> dict[str, Any]:
        if epic_id not in epics:
            epics[epic_id] = {
                "epic": epic_id,
                "title": shot.titles.get(epic_id, epic_id),
                "reestimate": [],
                "reestimate_points": 0,
                "added": {"stories": [], "points": 0},
                "removed": {"stories": [], "points": 0},
            }
        return epics[epic_id]

    for story_id, story in after.items():
        previous = before.get(story_id)
        if previous is None:
            entry = epic(story["epic"], new)
            entry["added"]["stories"].append(story_id)
            entry["added"]["points"] += story["points"]
            continue
        what = [name for name in REESTIMATE_FIELDS if previous.get(name) != story.get(name)]
        if what:
            entry = epic(story["epic"], new)
            entry["reestimate"].append(
                {
                    "id": story_id,
                    "title": new.titles.get(story_id, story_id),
                    "points": story["points"],
                    "points_before": previous["points"],
                    "changed": what,
                }
            )
            entry["reestimate_points"] += story["points"]
    for story_id, story in before.items():
        if story_id not in after:
            entry = epic(story["epic"], old if story["epic"] not in new.objects.get("epic", {}) else new)
            entry["removed"]["stories"].append(story_id)
            entry["removed"]["points"] += story["points"]
    order = list(new.objects.get("epic", {})) + [
        e for e in old.objects.get("epic", {}) if e not in new.objects.get("epic", {})
    ]
    rows = [epics[e] for e in order if e in epics]
    totals = {
        "reestimate": sum(len(r["reestimate"]) for r in rows),
        "reestimate_points": sum(r["reestimate_points"] for r in rows),
        "added_stories": sum(len(r["added"]["stories"]) for r in rows),
        "added_points": sum(r["added"]["points"] for r in rows),
        "removed_stories": sum(len(r["removed"]["stories"]) for r in rows),
        "removed_points": sum(r["removed"]["points"] for r in rows),
    }
    return {"epics": rows, "totals": totals}
