"""The domain model: `specs/domain/*.yaml`, each file a domain holding entities, enums and state machines.

Types, enums and entities resolve across every domain file of the workspace. State machines are checked
on their enum's values (unknown states, unreachable states, non-final states with no way out), iteratively.
An OpenAPI schema with the name of a domain enum must list the same values (drift is an error).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..model import Backlog
from ..model.common import SLUG
from ..model.domain import MACHINE_ID, SCALAR_TYPES, TYPE_NAME, DomainEnum, DomainFile, Entity, StateMachine
from .registry import Issue, Kind, Ref

_SCALARS = ", ".join(sorted(SCALAR_TYPES))


def _state_machine_checks(machine: StateMachine, _parent: Any, backlog: Backlog) -> Iterator[Issue]:
    enum = backlog.find(machine.enum)
    if not isinstance(enum, DomainEnum):
        return  # reported by the reference check
    states = enum.names
    known = set(states)
    if not machine.initials:
        yield Issue("initial: at least one initial state is needed", "initial", "state")
    for value in machine.initials:
        if value not in known:
            yield Issue(f"initial: {value} is not a value of {enum.id}", "initial", "state")
    for value in machine.final:
        if value not in known:
            yield Issue(f"final: {value} is not a value of {enum.id}", "final", "state")
    exits: dict[str, list[str]] = {}
    for index, transition in enumerate(machine.transitions):
        for end in (transition.from_, transition.to):
            if end not in known:
                yield Issue(
                    f"transition {transition.from_} -> {transition.to}: unknown state {end} "
                    f"(the states are the values of {enum.id})",
                    f"transitions.{index}",
                    "state",
                )
        exits.setdefault(transition.from_, []).append(transition.to)
    reached = set(machine.initials)
    frontier = list(machine.initials)
    while frontier:
        for target in exits.get(frontier.pop(), ()):
            if target not in reached:
                reached.add(target)
                frontier.append(target)
    unreachable = [s for s in states if s not in reached]
    if unreachable and all(value in known for value in machine.initials):
        start = ", ".join(machine.initials)
        yield Issue(f"unreachable state(s) from {start}: {', '.join(unreachable)}", "transitions", "state")
    final = set(machine.final)
    dead_ends = [s for s in states if s not in final and s in reached and not exits.get(s)]
    if dead_ends:
        yield Issue(
            f"no way out of non-final state(s) {', '.join(dead_ends)} (add a transition or list them in final)",
            "final",
            "state",
        )


def _enum_checks(enum: DomainEnum, _parent: Any, backlog: Backlog) -> Iterator[Issue]:
    """Drift: a schema of the same name in an OpenAPI document must list exactly the same values."""
    where = backlog.location(enum.id)
    for service in backlog.objects("service"):
        schemas = (service.data.get("components") or {}).get("schemas") or {}
        schema = schemas.get(enum.id) if isinstance(schemas, dict) else None
        if not isinstance(schema, dict) or not isinstance(schema.get("enum"), list):
            continue
        values = [str(v) for v in schema["enum"]]
        if values != enum.names:
            yield Issue(
                f"drift: {service.file} components.schemas.{enum.id}.enum is [{', '.join(values)}], "
                f"{where.file if where else 'specs/domain'} says [{', '.join(enum.names)}]",
                "values",
                "drift",
            )


def _field_types(entity: Entity) -> list[str]:
    return entity.types_used


KINDS = [
    Kind(
        name="domain",
        label="domain",
        plural="domains",
        model=DomainFile,
        id_pattern=SLUG,
        files=("specs/domain/*.yaml", "specs/domain/*.yml"),
        default_id=lambda path: path.stem,
    ),
    Kind(
        name="entity",
        label="entity",
        plural="entities",
        model=Entity,
        id_pattern=TYPE_NAME,
        parent="domain",
        items="entities",
        hint=" (declare it in specs/domain/)",
        refs=(
            Ref("stories", ("story",)),
            Ref("rules", ("rule",)),
            Ref(
                "relations",
                ("entity",),
                message="relations: unknown entity {value}{hint}",
                values=lambda entity: [r.target for r in entity.relations],
            ),
            Ref(
                "fields",
                ("enum", "entity"),
                message=f"fields: unknown type {{value}} (a scalar type: {_SCALARS}; or an enum or entity of "
                "specs/domain/)",
                values=_field_types,
            ),
        ),
    ),
    Kind(
        name="enum",
        label="enum",
        plural="enums",
        model=DomainEnum,
        id_pattern=TYPE_NAME,
        parent="domain",
        items="enums",
        hint=" (declare it in specs/domain/)",
        checks=_enum_checks,
    ),
    Kind(
        name="state_machine",
        label="state machine",
        plural="state machines",
        model=StateMachine,
        id_pattern=MACHINE_ID,
        parent="domain",
        items="state_machines",
        refs=(
            Ref("enum", ("enum",)),
            Ref("rules", ("rule",), message="transitions: unknown {label} {value}{hint}", values=lambda m: m.rules),
        ),
        checks=_state_machine_checks,
    ),
]
