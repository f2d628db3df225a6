"""Screen-flow map of one area (front office or back office): which screen leads where, every box clickable."""

from __future__ import annotations

import shutil
from collections.abc import Callable

from ..escape.plantuml import plantuml_label
from ..model import Screen, iter_components

OTHER_AREA_COLOR = "#EEEEEE"


def _alias(screen_id: str) -> str:
    return screen_id.replace("-", "_")  # ids match ^(FO|BO)-[a-z0-9-]+$, so this is a valid PlantUML name


def _label(screen_id: str, title: str) -> str:
    return f"{screen_id}\\n{plantuml_label(title)}"


GLOBAL_NAVIGATION = ("header", "nav", "footer")


def content_links(screen: Screen) -> list[str]:
    """Screens reached from the page's content (buttons, cards, links, rows, tabs, forms), in drawing order:
    the global navigation (header, menu, footer) links almost every screen to every other and is left out."""
    found: list[str] = []
    for component in iter_components(screen.components):
        if component.type in GLOBAL_NAVIGATION:
            continue
        targets = [getattr(component, "to", None), getattr(component, "row_to", None)]
        for attr in ("links", "items", "tabs", "actions"):
            targets += [getattr(item, "to", None) for item in getattr(component, attr, None) or []]
        for target in targets:
            if target and target != screen.id and target not in found:
                found.append(target)
    return found


def global_links(screens: list[Screen]) -> list[str]:
    """Screens reached from the header, menu or footer of any of these screens, in order of first appearance."""
    found: list[str] = []
    for screen in screens:
        for component in iter_components(screen.components):
            if component.type not in GLOBAL_NAVIGATION:
                continue
            for item in [*getattr(component, "links", []), *getattr(component, "items", [])]:
                if item.to and item.to not in found:
                    found.append(item.to)
    return found


def flow_diagram(area: str, screens: list[Screen], link: Callable[[str], str]) -> str:
    """PlantUML source: the area's screens and their links; screens of the other area it links to, greyed."""
    by_id = {screen.id: screen for screen in screens}
    mine = [screen for screen in screens if screen.area == area]
    lines = ["@startuml"]
    if shutil.which("dot") is None:
        lines.append("!pragma layout smetana")  # PlantUML's built-in layout when Graphviz is not installed
    lines += [
        "top to bottom direction",
        "skinparam nodesep 25",
        "skinparam ranksep 45",
        "skinparam shadowing false",
        "skinparam rectangle {",
        "  BackgroundColor #FFFFFF",
        "  BorderColor #3F51B5",
        "  RoundCorner 8",
        "}",
        "skinparam ArrowColor #5C6BC0",
    ]
    edges: list[tuple[str, str]] = []
    outside: list[str] = []
    for screen in mine:
        lines.append(f'rectangle "{_label(screen.id, screen.title)}" as {_alias(screen.id)} [[{link(screen.id)}]]')
    for screen in mine:
        for target in content_links(screen):
            if target not in by_id:
                continue  # the validator reports unknown targets; nothing to draw
            edges.append((screen.id, target))
            if by_id[target].area != area and target not in outside:
                outside.append(target)
    for target in outside:
        other = by_id[target]
        lines.append(
            f'rectangle "{_label(other.id, other.title)}" as {_alias(other.id)} [[{link(other.id)}]] {OTHER_AREA_COLOR}'
        )
    pairs = set(edges)
    for source, target in edges:
        both_ways = (target, source) in pairs
        if both_ways and source > target:
            continue  # drawn once, with two heads
        line = ".." if target in outside or source in outside else "--"
        arrow = f"<{line}>" if both_ways else f"{line}>"
        lines.append(f"{_alias(source)} {arrow} {_alias(target)}")
    if not mine:
        lines.append('rectangle "Aucun écran" as none')
    lines.append("@enduml")
    return "\n".join(lines) + "\n"
