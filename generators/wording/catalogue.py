"""The French wording of catalogue entries: a parameter's value with its unit, a message's text; and the plain
reference a diagram citation reads as outside the site (title and id).

`cited_text` is what a citation (`{{ param.x }}`, `{{ msg.X-001 }}`) reads as in plain text (Jira,
spreadsheets, wireframes); the site adds a link around the same words.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from ..model.catalogue import ChangedBy, Message, Parameter
from ..model.citations import expand
from ..model.domain import Entity, StateMachine
from ..model.sequence import Sequence
from . import number

CHANGED_BY_LABELS = {
    ChangedBy.ADMIN: "Administrateur (back-office, sans livraison)",
    ChangedBy.INTEGRATOR: "Intégrateur (configuration)",
    ChangedBy.FIXED: "Fixé par la loi ou le contrat",
}
NO_SPACE_UNITS = frozenset({"", "e"})  # units glued to the number (`3e`)


def amount(value: float | int | str, unit: str = "") -> str:
    text = value if isinstance(value, str) else number(value, 2)
    if not unit:
        return text
    return f"{text}{unit}" if unit in NO_SPACE_UNITS else f"{text}\u00a0{unit}"


def quoted(text: str) -> str:
    """A message in French quotes (its non-breaking spaces kept)."""
    return text if text.startswith("«") else f"«\u00a0{text}\u00a0»"


def parameter_value(parameter: Parameter) -> str:
    """`48 h`, `9,99 EUR`, `5,15 %`."""
    return amount(parameter.value, parameter.unit)


def parameter_range(parameter: Parameter) -> str:
    if parameter.min is None and parameter.max is None:
        return "—"
    if parameter.min is None:
        return f"au plus {amount(parameter.max or 0, parameter.unit)}"
    if parameter.max is None:
        return f"au moins {amount(parameter.min, parameter.unit)}"
    return f"de {number(parameter.min, 2)} à {amount(parameter.max, parameter.unit)}"


def changed_by_label(changed_by: ChangedBy) -> str:
    return CHANGED_BY_LABELS[changed_by]


def message_text(message: Message, find: Any = None) -> str:
    """The message's French text, its own parameter citations expanded (one level) when `find` is given."""
    if find is None:
        return message.text
    return expand(message.text, lambda kind, key: _plain(find(key), kind, None))


DIAGRAM_LABELS = {  # kind -> (model, French label of a plain reference)
    "sequence": (Sequence, "diagramme de séquence"),
    "state_machine": (StateMachine, "diagramme d'états"),
    "entity": (Entity, "entité"),
}


def diagram_reference(found: Any, kind: str) -> str | None:
    """A diagram's plain reference, never its source: `diagramme de séquence « Titre » (SEQ-PLAY-01)`."""
    model, label = DIAGRAM_LABELS.get(kind, (None, ""))
    if model is None or not isinstance(found, model):
        return None
    return f"{label} {quoted(found.title)} ({found.id})"


def _plain(found: Any, kind: str, find: Any) -> str | None:
    if kind == "parameter" and isinstance(found, Parameter):
        return parameter_value(found)
    if kind == "message" and isinstance(found, Message):
        return quoted(message_text(found, find))
    return diagram_reference(found, kind)


def cited_text(backlog: Any, kind: str, key: str) -> str | None:
    """What a citation reads as in plain text, or None for an unknown id (left as written)."""
    return _plain(backlog.find(key), kind, backlog.find)


def expand_plain(text: str, backlog: Any) -> str:
    """`text` with its catalogue citations replaced by their plain wording (Jira, spreadsheets, wireframes)."""
    return expand(text, lambda kind, key: cited_text(backlog, kind, key))


def _expand_strings(value: Any, backlog: Any) -> Any:
    if isinstance(value, str):
        return expand_plain(value, backlog) if "{" in value else value
    if isinstance(value, list):
        return [_expand_strings(item, backlog) for item in value]
    if isinstance(value, dict):
        return {key: _expand_strings(item, backlog) for key, item in value.items()}
    return value


def _cites(value: Any) -> bool:
    """Whether any text inside a model object may hold a citation (a cheap walk, no copy)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if "{" in item or "&#123;" in item:
                return True
        elif isinstance(item, list | tuple):
            stack.extend(item)
        elif isinstance(item, BaseModel):
            stack.extend(getattr(item, name) for name in type(item).model_fields)
    return False


def expanded_copy(obj: Any, backlog: Any) -> Any:
    """A copy of a model object with the citations of all its texts replaced by their plain wording (the
    object itself when none of its texts cites anything)."""
    if not _cites(obj):
        return obj
    data = obj.model_dump(mode="python", exclude_unset=True)
    return type(obj).model_validate(_expand_strings(data, backlog))


def plain_epic(epic: Any, backlog: Any) -> Any:
    """An epic whose description reads with its citations' values (its stories are left as they are)."""
    if "{" not in epic.description and "&#123;" not in epic.description:
        return epic
    return epic.model_copy(update={"description": expand_plain(epic.description, backlog)})
