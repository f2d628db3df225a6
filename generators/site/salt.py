"""Draw a wireframe screen (`mockups/*/*.yaml`) as a PlantUML Salt diagram, with clickable links and numbered notes.

Every YAML value goes through `plantuml_label` (generators/escape/plantuml.py), so it shows as text
whatever it contains. Links are `[[url label]]` with URLs built by the caller from screen ids (which
match a strict pattern).
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field

from ..escape.plantuml import plantuml_label
from ..model.screen import (
    Button,
    ButtonSpec,
    Cards,
    Footer,
    Form,
    FormField,
    Header,
    Image,
    Link,
    LinkItem,
    Modal,
    Nav,
    Row,
    Screen,
    Section,
    Table,
    Tabs,
    Text,
    Video,
    component_label,
)

LinkFn = Callable[[str], str]  # screen id -> URL relative to the page showing the diagram

NOTE_COLOR = "#C62828"
MUTED = "#666666"
LATER_COLOR = "#9E9E9E"
BADGE_COLOR = "#1565C0"
WRAP = 64
CARD_WRAP = 26
CELL_WRAP = 30
FIELD_WIDTH = 24

_REMOTE = "<&caret-left> <&caret-right> <&caret-top> <&caret-bottom> OK · <&action-undo> Retour"
DEVICE_FRAMES: dict[str, tuple[list[str], list[str], list[str]]] = {  # device -> (settings, top, bottom)
    "mobile": (
        [],
        ["  { <size:10>9:41</size> | . | <size:10><&signal> <&wifi> <&battery-full></size> }", "  --"],
        ["  --", "  { . | <size:10>━━━━━━━</size> | . }"],
    ),
    "tv": (  # 10-foot layout: drawn larger, with the remote's keys as the only input
        ["scale 1.5"],
        [f"  {{ <size:10><color:{MUTED}><&monitor> TV connectée · interface à dix pieds</color></size> }}", "  =="],
        ["  ==", f"  {{ <size:10><color:{MUTED}>Télécommande : {_REMOTE}</color></size> }}"],
    ),
}


def marker(number: int) -> str:
    """❶ … ⓴, then (21), (22) …: the same sign in the drawing and in the list under it."""
    if 1 <= number <= 10:
        return chr(0x2775 + number)
    if 11 <= number <= 20:
        return chr(0x24EB + number - 11)
    return f"({number})"


@dataclass(frozen=True)
class Annotation:
    number: int
    marker: str
    component: str  # what the note is attached to, e.g. "Formulaire « Se connecter »" (raw text)
    text: str  # raw text from the YAML


@dataclass
class Wireframe:
    salt: str
    annotations: list[Annotation] = field(default_factory=list)
    links: list[str] = field(default_factory=list)  # screen ids linked from the drawing, in order


class _SaltWriter:
    def __init__(self, link: LinkFn, later: Callable[[object], bool] = lambda component: False) -> None:
        self._url = link
        self._later = later  # components outside the release: drawn greyed, « hors MVP »
        self.annotations: list[Annotation] = []
        self.links: list[str] = []

    # --- small pieces -------------------------------------------------------------------------------
    def anchor(self, target: str | None, label: str, *, bold: bool = False) -> str:
        text = plantuml_label(label)
        if target:
            if target not in self.links:
                self.links.append(target)
            return f"[[{self._url(target)} {text}]]"
        return f"<b>{text}</b>" if bold else text

    def lines(self, text: str, width: int, target: str | None = None, *, bold: bool = False) -> list[str]:
        """Long text as several lines of at most `width` characters, each escaped (and linked)."""
        parts = textwrap.wrap(" ".join(str(text).split()), width=width) or [str(text)]
        return [self.anchor(target, part, bold=bold) for part in parts]

    def cell(self, text: str, width: int, target: str | None = None) -> str:
        """A table cell: one line, or a nested group when the text wraps."""
        parts = self.lines(text, width, target)
        return parts[0] if len(parts) == 1 else "{ " + "\n".join(parts) + " }"

    def item(self, item: LinkItem) -> str:
        return self.anchor(item.to, item.label, bold=item.active)

    def button(self, spec: Button | ButtonSpec) -> str:
        if spec.style == "link":
            return self.anchor(spec.to, spec.label) if spec.to else f"<u>{plantuml_label(spec.label)}</u>"
        inner = self.anchor(spec.to, spec.label)
        if not spec.to and spec.style == "primary":
            inner = f"<b>{inner}</b>"
        elif not spec.to and spec.style == "danger":
            inner = f"<color:{NOTE_COLOR}>{inner}</color>"
        return f"[ {inner} ]" if spec.to else f"[{inner}]"

    def note(self, component: object) -> str:
        text = getattr(component, "note", None)
        if not text or not str(text).strip():
            return ""
        number = len(self.annotations) + 1
        sign = marker(number)
        self.annotations.append(Annotation(number, sign, component_label(component), str(text)))
        return f"<color:{NOTE_COLOR}><b>{sign}</b></color>"

    # --- components -------------------------------------------------------------------------------
    def component(self, component: object, pad: str) -> list[str]:
        """Lines of one component as a single grid cell; its note marker right after it, in a grid of its own
        (a trailing column of the parent grid would line every marker up in a gutter, far from its element)."""
        body = getattr(self, f"_{component.type}")(component, pad + "  ")  # type: ignore[attr-defined]
        if self._later(component):
            story = getattr(component, "story", None)
            label = plantuml_label(component_label(component) + (f" ({story})" if story else ""))
            body = [f"{pad}  {{+", f"{pad}    <color:{LATER_COLOR}><i>{label} · hors MVP</i></color>", f"{pad}  }}"]
        note = self.note(component)
        if not note:
            return body
        return [f"{pad}{{", f"{pad}  {{", *body, f"{pad}  }} | {note}", f"{pad}}}"]

    def children(self, children: list, pad: str) -> list[str]:
        lines: list[str] = []
        for child in children:
            lines.extend(self.component(child, pad))
        return lines

    def _header(self, c: Header, pad: str) -> list[str]:
        cells = [f"<b>{plantuml_label(c.title)}</b>", *(self.item(link) for link in c.links)]
        if c.search:
            cells.append("<&magnifying-glass> Rechercher")
        if c.user:
            cells.append(f"<&person> {plantuml_label(c.user)}")
        return [f"{pad}{{* {' | '.join(cells)} }}"]

    def _nav(self, c: Nav, pad: str) -> list[str]:
        items = [self.item(item) for item in c.items]
        if c.vertical:
            return [f"{pad}{{+", *(f"{pad}  {item}" for item in items), f"{pad}}}"]
        return [f"{pad}{{/ {' | '.join(items)} }}"]

    def _text(self, c: Text, pad: str) -> list[str]:
        if c.style == "title":
            return [f"{pad}{{ <size:18><b>{plantuml_label(c.text)}</b> }}"]
        if c.style == "subtitle":
            return [f"{pad}{{ <size:14><b>{plantuml_label(c.text)}</b> }}"]
        width = WRAP if c.style == "body" else WRAP + 16
        lines = textwrap.wrap(" ".join(c.text.split()), width=width) or [c.text]
        if c.style == "caption":
            lines = [f"<size:10><color:{MUTED}>{plantuml_label(line)}</color>" for line in lines]
        else:
            lines = [plantuml_label(line) for line in lines]
        return [f"{pad}{{", *(f"{pad}  {line}" for line in lines), f"{pad}}}"]

    def _image(self, c: Image, pad: str) -> list[str]:
        label = self.anchor(c.to, c.label)
        return [f"{pad}{{+", f"{pad}  .", f"{pad}  <&image> {label}", f"{pad}  .", f"{pad}}}"]

    def _video(self, c: Video, pad: str) -> list[str]:
        title = f"<&video> <b>{plantuml_label(c.label)}</b>"
        if c.live:
            title += f" | <color:{NOTE_COLOR}><b>● EN DIRECT</b></color>"
        controls = " | ".join(["[<&media-play>]", *(f"[{plantuml_label(name)}]" for name in c.controls)])
        return [
            f"{pad}{{+",
            f"{pad}  {{ {title} }}",
            f"{pad}  .",
            f"{pad}  .",
            f"{pad}  {{ {controls} }}",
            f"{pad}}}",
        ]

    def _cards(self, c: Cards, pad: str) -> list[str]:
        cards = []
        for card in c.items:
            lines = self.lines(card.title, CARD_WRAP, card.to, bold=True)
            if card.subtitle:
                lines += self.lines(card.subtitle, CARD_WRAP + 4)
            if card.badge:
                lines.append(f"<color:{BADGE_COLOR}><b>{plantuml_label(card.badge)}</b></color>")
            cards.append("{+ " + "\n".join(lines) + " }")
        rows = [cards[i : i + c.columns] for i in range(0, len(cards), c.columns)]
        open_line = f'{pad}{{^"{plantuml_label(c.title)}"' if c.title else f"{pad}{{"
        return [open_line, *(f"{pad}  {{ {' | '.join(row)} }}" for row in rows), f"{pad}}}"]

    def _field(self, f: FormField) -> str:
        shown = plantuml_label(f.value or f.placeholder)
        if f.kind == "password":
            return '"' + ("••••••••" if f.value else shown).ljust(FIELD_WIDTH) + '"'
        if f.kind == "select":
            return f"^{plantuml_label(f.value or (f.options[0] if f.options else f.placeholder) or 'Choisir…')}^"
        if f.kind in ("checkbox", "toggle"):
            return f"[{'X' if f.value else ''}] {plantuml_label(f.label)}"
        if f.kind == "radio":
            options = f.options or [f.value or f.label]
            chosen = f.value or options[0]
            return "{ " + " | ".join(f"({'X' if o == chosen else ''}) {plantuml_label(o)}" for o in options) + " }"
        if f.kind == "textarea":
            return "{+ " + (shown or ".") + "\n . \n . }"
        if f.kind == "file":
            return "{ [<&data-transfer-upload> Parcourir…] | " + (shown or "Aucun fichier") + " }"
        if f.kind == "date":
            shown = shown or "jj/mm/aaaa"
        return '"' + shown.ljust(FIELD_WIDTH) + '"'

    def _form(self, c: Form, pad: str) -> list[str]:
        open_line = f'{pad}{{^"{plantuml_label(c.title)}"' if c.title else f"{pad}{{+"
        lines = [open_line]
        for f in c.fields:
            label = "." if f.kind in ("checkbox", "toggle") else plantuml_label(f.label) + (" *" if f.required else "")
            field_lines = self._field(f).split("\n")
            lines.append(f"{pad}  {label} | {field_lines[0]}")
            lines.extend(f"{pad}  {extra}" for extra in field_lines[1:])
        if c.actions:
            lines.append(f"{pad}  . | {{ {' | '.join(self.button(action) for action in c.actions)} }}")
        lines.append(f"{pad}}}")
        return lines

    def _button(self, c: Button, pad: str) -> list[str]:
        return [f"{pad}{{ {self.button(c)} }}"]

    def _table(self, c: Table, pad: str) -> list[str]:
        lines = [f'{pad}{{^"{plantuml_label(c.title)}"'] if c.title else []
        inner = pad + "  " if c.title else pad
        lines.append(f"{inner}{{#")
        lines.append(f"{inner}  {' | '.join(f'<b>{plantuml_label(col)}</b>' for col in c.columns)}")
        rows = c.rows or [["…"] * len(c.columns)]
        for row in rows:
            cells = []
            for index, value in enumerate(row):
                target = c.row_to if index == 0 else None
                cells.append(self.cell(value, CELL_WRAP, target) if str(value).strip() else ".")
            cells += ["."] * (len(c.columns) - len(cells))
            lines.append(f"{inner}  {' | '.join(cells)}")
        lines.append(f"{inner}}}")
        if c.title:
            lines.append(f"{pad}}}")
        return lines

    def _link(self, c: Link, pad: str) -> list[str]:
        return [f"{pad}{{ {self.anchor(c.to, c.label)} }}"]

    def _footer(self, c: Footer, pad: str) -> list[str]:
        cells = [f"<size:10><color:{MUTED}>{plantuml_label(c.text)}</color>"] if c.text else []
        cells += [self.item(link) for link in c.links]
        return [f"{pad}{{", f"{pad}  ..", f"{pad}  {{ {' | '.join(cells) or '.'} }}", f"{pad}}}"]

    def _tabs(self, c: Tabs, pad: str) -> list[str]:
        labels = []
        for index, tab in enumerate(c.tabs):
            labels.append(self.anchor(tab.to, tab.label, bold=index == c.active))
        lines = [f"{pad}{{", f"{pad}  {{/ {' | '.join(labels)} }}"]
        if c.children:
            lines += [f"{pad}  {{+", *self.children(c.children, pad + "    "), f"{pad}  }}"]
        lines.append(f"{pad}}}")
        return lines

    def _row(self, c: Row, pad: str) -> list[str]:
        cells = []
        for child in c.children:
            block = self.component(child, pad + "  ")
            cells.append("\n".join(block).strip())
        return [f"{pad}{{", f"{pad}  " + " | ".join(cells), f"{pad}}}"]

    def _section(self, c: Section, pad: str) -> list[str]:
        open_line = f'{pad}{{^"{plantuml_label(c.title)}"' if c.title else f"{pad}{{+"
        return [open_line, *self.children(c.children, pad + "  "), f"{pad}}}"]

    def _modal(self, c: Modal, pad: str) -> list[str]:
        return [
            f"{pad}{{+",
            f"{pad}  {{* <b>{plantuml_label(c.title)}</b> | <&x> }}",
            *self.children(c.children, pad + "  "),
            f"{pad}}}",
        ]


def wireframe(screen: Screen, link: LinkFn, later: Callable[[object], bool] = lambda component: False) -> Wireframe:
    """The Salt source of a screen, its numbered notes and the screens it links to; components for which
    `later` is true (outside the release) are drawn as a greyed « hors MVP » box."""
    writer = _SaltWriter(link, later)
    body = writer.children(screen.components, "  ")
    head, top, bottom = DEVICE_FRAMES.get(screen.device, ([], [], []))
    salt = "\n".join(["@startsalt", *head, "{+", *top, *body, *bottom, "}", "@endsalt"]) + "\n"
    return Wireframe(salt=salt, annotations=writer.annotations, links=writer.links)
