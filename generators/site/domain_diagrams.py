"""PlantUML sources of the domain model: a class diagram per domain file, a state diagram per state machine.

Identifiers (entity, enum, field, state names) match strict ASCII patterns; every other text (titles,
triggers) goes through the one label neutraliser, `plantuml_label`.
"""

from __future__ import annotations

from ..escape.plantuml import plantuml_label
from ..model.domain import Cardinality, DomainEnum, DomainFile, StateMachine

_ENDS = {
    Cardinality.ONE_TO_ONE: ('"1"', '"1"'),
    Cardinality.ONE_TO_MANY: ('"1"', '"*"'),
    Cardinality.MANY_TO_ONE: ('"*"', '"1"'),
    Cardinality.MANY_TO_MANY: ('"*"', '"*"'),
}
TRIGGER_WIDTH = 28
WORDED_TRANSITIONS = 6  # above this many transitions, arrows carry only their number (the table has the words)


def class_diagram(domain: DomainFile, enums: dict[str, DomainEnum]) -> str:
    lines = ["@startuml", "hide empty members", "skinparam classAttributeIconSize 0", "left to right direction"]
    local = {entity.id for entity in domain.entities} | {enum.id for enum in domain.enums}
    for entity in domain.entities:
        lines.append(f'class "{plantuml_label(entity.title)}\\n{entity.id}" as {entity.id} {{')
        for item in entity.fields:
            lines.append(f"  {'+' if item.required else '-'}{item.name} : {item.type}")
        lines.append("}")
    for enum in domain.enums:
        lines.append(f"enum {enum.id} {{")
        lines += [f"  {value.value}" for value in enum.values]
        lines.append("}")
    outside: set[str] = set()
    for entity in domain.entities:
        for relation in entity.relations:
            if relation.target not in local:
                outside.add(relation.target)
            left, right = _ENDS[relation.cardinality]
            lines.append(f"{entity.id} {left} --> {right} {relation.target} : {relation.name}")
        for item in entity.fields:
            if item.type in enums:
                if item.type not in local:
                    outside.add(item.type)
                lines.append(f"{entity.id} ..> {item.type}")
    for name in sorted(outside):
        lines.append(f"{'enum' if name in enums else 'class'} {name} #f4f4f4")
    lines.append("@enduml")
    return "\n".join(lines)


def short(text: str, width: int = TRIGGER_WIDTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def state_diagram(machine: StateMachine, enum: DomainEnum | None) -> str:
    lines = ["@startuml", "hide empty description"]
    states = enum.names if enum is not None else []
    for state in states:
        lines.append(f"state {state}")
    lines += [f"[*] --> {state}" for state in machine.initials]
    worded = len(machine.transitions) <= WORDED_TRANSITIONS
    for index, transition in enumerate(machine.transitions, start=1):
        label = plantuml_label(f"{index}. {short(transition.trigger)}" if worded else f"({index})")
        lines.append(f"{transition.from_} --> {transition.to} : {label}")
    for state in machine.final:
        lines.append(f"{state} --> [*]")
    lines.append("@enduml")
    return "\n".join(lines)
