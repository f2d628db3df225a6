"""Screens: the depth of a component tree (iterative) and its bound in validation."""

from __future__ import annotations

from pathlib import Path

from loadhelpers import errors, line_of

from generators.model import Screen
from generators.model.screen import MAX_DEPTH, Row, Text, depth

SCREEN = "mockups/front-office/FO-connexion.yaml"


def _nested(levels: int) -> list[dict]:
    component: dict = {"type": "text", "text": "feuille"}
    for _ in range(levels - 1):
        component = {"type": "row", "children": [component]}
    return [component]


def _screen(levels: int) -> Screen:
    data = {"id": "FO-x", "title": "x", "area": "front-office", "components": _nested(levels)}
    return Screen.model_validate(data)


def test_depth_counts_levels() -> None:
    assert depth([]) == 0
    assert depth(_screen(1).components) == 1
    assert depth(_screen(7).components) == 7
    flat_then_deep = _screen(3).components + _screen(5).components
    assert depth(flat_then_deep) == 5


def test_depth_needs_no_recursion() -> None:
    component: object = Text(type="text", text="feuille")
    for _ in range(4999):
        component = Row.model_construct(type="row", children=[component])
    assert depth([component]) == 5000  # type: ignore[list-item]


def _write(path: Path, levels: int) -> None:
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["components"] = _nested(levels)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_a_screen_nested_beyond_the_bound_is_a_located_error(mini_project: Path) -> None:
    path = mini_project / SCREEN
    _write(path, MAX_DEPTH)
    assert errors(mini_project) == []
    _write(path, MAX_DEPTH + 1)
    assert errors(mini_project) == [
        f"{SCREEN}:{line_of(path, 'components:')}: FO-connexion: components nest {MAX_DEPTH + 1} levels deep; "
        f"the limit is {MAX_DEPTH} (deeper wireframes take too long to draw): split the screen"
    ]
