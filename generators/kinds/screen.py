"""Screens: low-fidelity wireframes, `mockups/front-office/*.yaml` and `mockups/back-office/*.yaml`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..model import Backlog, Screen, Severity, screen_links
from ..model.common import SCREEN_ID, Priority
from ..model.screen import (
    DEVICE_PLATFORMS,
    MAX_DEPTH,
    component_label,
    component_stories,
    components_with_paths,
    depth,
    is_bare_type,
    iter_components,
)
from .registry import Issue, Kind, Ref

AREAS = {"front-office": "FO", "back-office": "BO"}


def _screen_checks(screen: Screen, _parent: Any, backlog: Backlog) -> Iterator[Issue]:
    where = backlog.location(screen.id)
    file = where.file if where else ""
    parts = file.split("/")
    folder = parts[1] if len(parts) > 2 else ""
    if folder in AREAS:
        prefix = AREAS[folder]
        if screen.area != folder or not screen.id.startswith(prefix + "-"):
            yield Issue(
                f"screen {screen.id} (area {screen.area}) is in mockups/{folder}/: "
                f"{folder} screens have ids {prefix}-… and area {folder}",
                "area",
                "wrong-area",
            )
    stem = parts[-1].rsplit(".", 1)[0]
    if stem and stem != screen.id:
        yield Issue(
            f"file is named {stem!r}; name screen files after their id ({screen.id}.yaml)",
            "id",
            "file-name",
            Severity.WARNING,
        )
    if not screen.stories and not backlog.cited_by(screen.id, "story", "screens"):
        yield Issue(
            "no story uses this screen (list it in a story's screens, or stories here)",
            None,
            "unused-screen",
            Severity.WARNING,
        )
    yield from _scope_checks(screen, backlog)
    yield from _device_checks(screen, backlog)
    yield from _annotation_checks(screen)
    levels = depth(screen.components)
    if levels > MAX_DEPTH:
        yield Issue(
            f"components nest {levels} levels deep; the limit is {MAX_DEPTH} (deeper wireframes take too long "
            "to draw): split the screen",
            "components",
            "depth",
        )


def _annotation_checks(screen: Screen) -> Iterator[Issue]:
    """An annotation labelled only by its component's type (« Rangée », « Tableau ») says nothing to a reader."""
    for path, component in components_with_paths(screen.components):
        if not (component.note and component.note.strip()):
            continue
        label = component_label(component)
        if is_bare_type(label):
            yield Issue(
                f"the annotation of this {component.type} is labelled only « {label} »: "
                "say what it is for with `name:` (e.g. name: Filtres des contenus)",
                f"{path}.note",
                "bare-annotation",
                Severity.WARNING,
            )


def out_of_release(component: Any, backlog: Backlog) -> bool:
    """A component drawn for later: marked so, or realising a story classed won't-have."""
    if component.out_of_release:
        return True
    story = backlog.find(component.story) if component.story else None
    return story is not None and getattr(story, "priority", None) is Priority.WONT


def _scope_checks(screen: Screen, backlog: Backlog) -> Iterator[Issue]:
    """A screen of the release must not show, unmarked, a component of a won't-have story."""
    serving = [backlog.find(s) for s in [*screen.stories, *backlog.cited_by(screen.id, "story", "screens")]]
    if not any(s is not None and s.priority is not Priority.WONT for s in serving):
        return  # not a screen of the release
    for component in iter_components(screen.components):
        story = backlog.find(component.story) if component.story else None
        if story is not None and story.priority is Priority.WONT and not component.out_of_release:
            yield Issue(
                f"a {component.type} realises {story.id}, a won't-have story, on a screen of the release: "
                "remove it or mark it out_of_release: true (drawn greyed, « hors MVP »)",
                "components",
                "scope",
                Severity.WARNING,
            )


def _device_checks(screen: Screen, backlog: Backlog) -> Iterator[Issue]:
    """A story listed by the screen, or cited by a component, that does not apply to the screen's device (a
    web-only story on a TV screen, an app story on the desktop player)."""
    shown = DEVICE_PLATFORMS[screen.device]
    reported: set[str] = set()
    for story_id in screen.stories:
        story = backlog.find(story_id)
        if story is None or not backlog.has_story(story.id):
            continue  # reported by the reference check
        platforms = [p.value for p in backlog.epic_of(story.id).platforms_of(story)]
        if not shown & set(platforms):
            yield Issue(
                f"lists {story.id}, which applies to {', '.join(platforms)}, on a {screen.device} screen (shows "
                f"{', '.join(sorted(shown))}): list it on a screen of its device or add the platform to the story",
                "stories",
                "device",
                Severity.WARNING,
            )
    for component in iter_components(screen.components):
        if not component.story or component.story in reported or component.out_of_release:
            continue
        story = backlog.find(component.story)
        if story is None or not backlog.has_story(story.id):
            continue  # reported by the reference check
        platforms = [p.value for p in backlog.epic_of(story.id).platforms_of(story)]
        if not shown & set(platforms):
            reported.add(story.id)
            yield Issue(
                f"a {component.type} realises {story.id}, which applies to {', '.join(platforms)}, on a "
                f"{screen.device} screen (shows {', '.join(sorted(shown))}): cite a story of this device or add "
                "the platform to the story",
                "components",
                "device",
                Severity.WARNING,
            )


def _locate(screen: Screen, data: Any) -> Iterator[tuple[str, tuple[Any, ...]]]:
    """The first place each link target is written (`to:` / `row_to:`), keyed `to:TARGET`."""
    stack: list[tuple[Any, tuple[Any, ...]]] = [(data, ())]
    while stack:
        node, path = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for key, value in items:
            if key in ("to", "row_to") and isinstance(value, str):
                yield f"{screen.id}.to:{value}", (*path, key)
            elif isinstance(value, dict | list):
                stack.append((value, (*path, key)))


KINDS = [
    Kind(
        name="screen",
        label="screen",
        plural="screens",
        model=Screen,
        id_pattern=SCREEN_ID,
        files=tuple(f"mockups/{area}/*.y*ml" for area in AREAS),
        default_id=lambda path: path.stem,
        refs=(
            Ref("stories", ("story",)),
            Ref(
                "components",
                ("story",),
                message="a component realises unknown {label} {value}",
                values=component_stories,
            ),
            Ref(
                "links",
                ("screen",),
                message="links to unknown {label} {value}",
                values=screen_links,
                located_at=lambda target: f"to:{target}",
            ),
        ),
        checks=_screen_checks,
        locate=_locate,
    )
]
