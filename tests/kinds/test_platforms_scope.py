"""Platforms of stories and epics; scope of screen components (a story realised, or outside the release)."""

from __future__ import annotations

from pathlib import Path

from loadhelpers import edit, errors, line_of, warnings

from generators.load import load_backlog
from generators.model import Platform

E02 = "backlog/epics/E02-offres.yaml"
BO = "mockups/back-office/BO-offres.yaml"


def test_story_inherits_the_epic_platforms_and_may_narrow_them(mini_project: Path) -> None:
    edit(mini_project / E02, "priority: should\ndescription", "priority: should\nplatforms: [web, ios]\ndescription")
    result = load_backlog(mini_project)
    assert result.errors == [], result.errors
    assert result.backlog is not None
    epic = result.backlog.find("E02")
    assert epic.platforms_of(epic.stories[0]) == [Platform.WEB, Platform.IOS]
    edit(mini_project / E02, "    screens: [BO-offres]", "    screens: [BO-offres]\n    platforms: [ios]")
    result = load_backlog(mini_project)
    assert result.backlog is not None
    epic = result.backlog.find("E02")
    assert epic.platforms_of(epic.stories[0]) == [Platform.IOS]


def test_epic_without_platforms_means_web() -> None:
    from generators.model import Epic

    epic = Epic.model_validate(
        {"id": "E01", "title": "t", "area": "front-office", "priority": "must", "description": "d"}
    )
    assert epic.platforms == [] and epic.platforms_of  # the default is computed per story


def test_story_platform_outside_the_epic_is_an_error(mini_project: Path) -> None:
    edit(mini_project / E02, "priority: should\ndescription", "priority: should\nplatforms: [web]\ndescription")
    edit(mini_project / E02, "    screens: [BO-offres]", "    screens: [BO-offres]\n    platforms: [tvos]")
    assert errors(mini_project) == [
        f"{E02}:{line_of(mini_project / E02, '[tvos]')}: E02-S01: platforms: tvos not among the epic's platforms "
        "(web): add it to the epic"
    ]


def test_unknown_platform_is_refused(mini_project: Path) -> None:
    edit(mini_project / E02, "    screens: [BO-offres]", "    screens: [BO-offres]\n    platforms: [windows-phone]")
    found = errors(mini_project)
    assert len(found) == 1 and "platforms" in found[0] and "windows-phone" in found[0]


def _wont_story(root: Path) -> None:
    edit(
        root / E02,
        "    screens: [BO-offres]",
        "    screens: [BO-offres]\n  - id: E02-S02\n    title: Codes promo\n    as_a: P-admin\n"
        "    i_want: créer un code\n"
        "    so_that: les fans paient moins\n    acceptance:\n      - given: a\n        when: b\n        then: c\n"
        "    points: 3\n    priority: wont\n    status: À faire\n    screens: [BO-offres]",
    )


def test_component_of_a_wont_story_on_a_release_screen_is_a_warning(mini_project: Path) -> None:
    _wont_story(mini_project)
    text = (mini_project / BO).read_text(encoding="utf-8")
    first = text.index("  - type:")
    (mini_project / BO).write_text(
        text[:first] + "  - type: text\n    text: Code promo\n    story: E02-S02\n" + text[first:]
    )
    found = warnings(mini_project)
    assert len(found) == 1 and "E02-S02, a won't-have story" in found[0] and found[0].startswith(f"{BO}:")
    edit(mini_project / BO, "    story: E02-S02\n", "    story: E02-S02\n    out_of_release: true\n")
    assert warnings(mini_project) == []


def test_component_of_an_unknown_story_is_an_error(mini_project: Path) -> None:
    text = (mini_project / BO).read_text(encoding="utf-8")
    first = text.index("  - type:")
    (mini_project / BO).write_text(text[:first] + "  - type: text\n    text: X\n    story: E07-S07\n" + text[first:])
    found = errors(mini_project)
    assert len(found) == 1 and "a component realises unknown story E07-S07" in found[0]
