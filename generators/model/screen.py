"""Low-fidelity wireframes (`mockups/front-office/*.yaml`, `mockups/back-office/*.yaml`), one screen a file.

A screen is a tree of components. Every component may carry `note:` (a numbered annotation shown under
the drawing). Items that navigate carry `to:` (another screen's id), so screens chain into flows.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from .common import NonEmptyStr, ScreenId, StoryId, Strict, quotation


class Node(Strict):
    note: str | None = Field(default=None, description="Annotation, numbered under the drawing.")
    name: str | None = Field(
        default=None,
        description="What the component is for, in the list of annotations (« Filtres du catalogue »); "
        "default: its type and its title, label or text.",
    )
    story: StoryId | None = Field(default=None, description="The story this component realises.")
    out_of_release: bool = Field(default=False, description="Drawn for later: outside the release (greyed).")


class LinkItem(Strict):
    """A label that may lead to another screen (nav entries, header links, menu items)."""

    label: NonEmptyStr
    to: ScreenId | None = None
    active: bool = False


class Header(Node):
    type: Literal["header"]
    title: NonEmptyStr = Field(description="Brand or page title shown in the bar.")
    links: list[LinkItem] = Field(default_factory=list)
    search: bool = False
    user: str | None = Field(default=None, description="Account label at the right ('Mon compte').")


class Nav(Node):
    type: Literal["nav"]
    items: list[LinkItem] = Field(min_length=1)
    vertical: bool = False


class Text(Node):
    type: Literal["text"]
    text: NonEmptyStr
    style: Literal["title", "subtitle", "body", "caption"] = "body"


class Image(Node):
    type: Literal["image"]
    label: NonEmptyStr
    to: ScreenId | None = None


class Video(Node):
    type: Literal["video"]
    label: NonEmptyStr
    live: bool = False
    controls: list[NonEmptyStr] = Field(default_factory=lambda: ["lecture", "volume", "plein écran"])


class Card(Strict):
    title: NonEmptyStr
    subtitle: str = ""
    badge: str = ""
    to: ScreenId | None = None


class Cards(Node):
    type: Literal["cards"]
    title: str = ""
    items: list[Card] = Field(min_length=1)
    columns: int = Field(default=3, ge=1, le=6)


FieldKind = Literal[
    "input", "email", "password", "number", "date", "select", "checkbox", "radio", "textarea", "file", "toggle"
]


class FormField(Strict):
    kind: FieldKind = "input"
    label: NonEmptyStr
    placeholder: str = ""
    value: str = ""
    options: list[NonEmptyStr] = Field(default_factory=list, description="For select and radio.")
    required: bool = False


class Button(Node):
    type: Literal["button"]
    label: NonEmptyStr
    style: Literal["primary", "secondary", "link", "danger"] = "primary"
    to: ScreenId | None = None


class ButtonSpec(Strict):
    label: NonEmptyStr
    style: Literal["primary", "secondary", "link", "danger"] = "primary"
    to: ScreenId | None = None


class Form(Node):
    type: Literal["form"]
    title: str = ""
    fields: list[FormField] = Field(min_length=1)
    actions: list[ButtonSpec] = Field(default_factory=list)


class Table(Node):
    type: Literal["table"]
    title: str = ""
    columns: list[NonEmptyStr] = Field(min_length=1)
    rows: list[list[str]] = Field(default_factory=list)
    row_to: ScreenId | None = Field(default=None, description="Screen opened by clicking a row.")


class Link(Node):
    type: Literal["link"]
    label: NonEmptyStr
    to: ScreenId


class Footer(Node):
    type: Literal["footer"]
    text: str = ""
    links: list[LinkItem] = Field(default_factory=list)


class Tab(Strict):
    label: NonEmptyStr
    to: ScreenId | None = None


class Tabs(Node):
    type: Literal["tabs"]
    tabs: list[Tab] = Field(min_length=1)
    active: int = Field(default=0, ge=0, description="Index of the selected tab.")
    children: list[Component] = Field(default_factory=list, description="Content of the selected tab.")


class Row(Node):
    """Children side by side."""

    type: Literal["row"]
    children: list[Component] = Field(min_length=1)


class Section(Node):
    """Children stacked, in a titled box."""

    type: Literal["section"]
    title: str = ""
    children: list[Component] = Field(min_length=1)


class Modal(Node):
    type: Literal["modal"]
    title: NonEmptyStr
    children: list[Component] = Field(min_length=1)


Component = Annotated[
    Header | Nav | Text | Image | Video | Cards | Form | Button | Table | Link | Footer | Tabs | Row | Section | Modal,
    Field(discriminator="type"),
]

# The recursive models resolve `Component` when first used (the base config defers building their schemas:
# importing the model must not cost a schema build per kind, most commands never validate a screen).


DEVICE_PLATFORMS: dict[str, frozenset[str]] = {  # the platforms a screen drawn for a device can show
    "desktop": frozenset({"web"}),
    "tablet": frozenset({"web", "ios", "android"}),
    "mobile": frozenset({"web", "ios", "android"}),
    "tv": frozenset({"android-tv", "tvos"}),
}


class Screen(Strict):
    id: ScreenId
    title: NonEmptyStr
    area: Literal["front-office", "back-office"]
    description: str = ""
    device: Literal["desktop", "mobile", "tablet", "tv"] = "desktop"
    stories: list[StoryId] = Field(default_factory=list, description="Stories this screen serves.")
    components: list[Component] = Field(min_length=1)


COMPONENT_NAMES = {  # how a component type is called in French (annotations, greyed boxes)
    "header": "En-tête",
    "nav": "Navigation",
    "text": "Texte",
    "image": "Image",
    "video": "Lecteur vidéo",
    "cards": "Grille de cartes",
    "form": "Formulaire",
    "button": "Bouton",
    "table": "Tableau",
    "link": "Lien",
    "footer": "Pied de page",
    "tabs": "Onglets",
    "row": "Rangée",
    "section": "Section",
    "modal": "Fenêtre modale",
}
_LABEL_WIDTH = 40


def _short(text: str) -> str:
    short = " ".join(text.split())
    return short if len(short) <= _LABEL_WIDTH else short[: _LABEL_WIDTH - 1] + "…"


def component_label(component: object) -> str:
    """What an annotation is attached to (raw text): its `name`, else its type and its title, label or text
    (« Formulaire « Se connecter » »), else its type alone."""
    kind = str(getattr(component, "type", ""))
    type_name = COMPONENT_NAMES.get(kind, kind)
    name = getattr(component, "name", None)
    if isinstance(name, str) and name.strip():
        return _short(name)
    for attr in ("title", "label", "text"):
        value = getattr(component, attr, None)
        if isinstance(value, str) and value.strip():
            return f"{type_name} {quotation(_short(value))}"
    return type_name


def is_bare_type(label: str) -> bool:
    """A label that only says what kind of component it is (« Rangée », « tableau »): it tells a reader nothing."""
    folded = " ".join(label.split()).casefold()
    return folded in {name.casefold() for name in COMPONENT_NAMES.values()} | set(COMPONENT_NAMES)


def components_with_paths(components: list[Component], prefix: str = "components"):  # type: ignore[no-untyped-def]
    """Depth-first walk yielding (field path, component), e.g. ("components.2.children.0", row)."""
    stack = [(f"{prefix}.{index}", c) for index, c in reversed(list(enumerate(components)))]
    while stack:
        path, component = stack.pop()
        yield path, component
        children = getattr(component, "children", None) or []
        stack.extend((f"{path}.children.{index}", c) for index, c in reversed(list(enumerate(children))))


def iter_components(components: list[Component]):  # type: ignore[no-untyped-def]
    """Depth-first walk over a component tree."""
    stack = list(reversed(components))
    while stack:
        component = stack.pop()
        yield component
        children = getattr(component, "children", None)
        if children:
            stack.extend(reversed(children))


MAX_DEPTH = 12  # nesting levels a wireframe may have; Salt's drawing time grows fast beyond (bench/README.md)


def depth(components: list[Component]) -> int:
    """How many levels the component tree has (1 for a flat screen); iterative, any depth."""
    deepest = 0
    stack: list[tuple[list[Component], int]] = [(components, 1)]
    while stack:
        level_items, level = stack.pop()
        if level_items:
            deepest = max(deepest, level)
        for component in level_items:
            children = getattr(component, "children", None)
            if children:
                stack.append((children, level + 1))
    return deepest


def component_stories(screen: Screen) -> list[str]:
    """The stories the screen's components say they realise, in drawing order, without repeats."""
    return list(dict.fromkeys(c.story for c in iter_components(screen.components) if c.story))


def screen_links(screen: Screen) -> list[str]:
    """Every screen id this screen leads to, in drawing order, without repeats."""
    found: list[str] = []

    def add(target: str | None) -> None:
        if target and target not in found and target != screen.id:
            found.append(target)

    for component in iter_components(screen.components):
        add(getattr(component, "to", None))
        add(getattr(component, "row_to", None))
        for attr in ("links", "items", "tabs", "actions"):
            for item in getattr(component, attr, None) or []:
                add(getattr(item, "to", None))
    return found
