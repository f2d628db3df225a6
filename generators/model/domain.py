"""The domain model (`specs/domain/*.yaml`): entities, enums and state machines. Pure data; no I/O."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field, StringConstraints

from .common import NonEmptyStr, RuleId, Slug, StoryId, Strict

TYPE_NAME = r"^[A-Z][A-Za-z0-9]*$"  # entities and enums: PascalCase
FIELD_NAME = r"^[a-z][A-Za-z0-9_]*$"
ENUM_VALUE = r"^[A-Z][A-Z0-9_]*$"
MACHINE_ID = r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$"
SCALAR_TYPES = frozenset(
    ("string", "text", "integer", "decimal", "boolean", "date", "datetime", "duration", "uuid", "url", "email", "money")
)

TypeName = Annotated[str, StringConstraints(pattern=TYPE_NAME, max_length=64)]
FieldName = Annotated[str, StringConstraints(pattern=FIELD_NAME, max_length=64)]
EnumValueName = Annotated[str, StringConstraints(pattern=ENUM_VALUE, max_length=64)]
MachineId = Annotated[str, StringConstraints(pattern=MACHINE_ID, max_length=64)]


class Cardinality(StrEnum):
    ONE_TO_ONE = "one-to-one"
    ONE_TO_MANY = "one-to-many"
    MANY_TO_ONE = "many-to-one"
    MANY_TO_MANY = "many-to-many"


class EntityField(Strict):
    name: FieldName
    type: Annotated[str, StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9]*$", max_length=64)]
    required: bool = False
    description: str = ""

    @property
    def is_scalar(self) -> bool:
        return self.type in SCALAR_TYPES


class Relation(Strict):
    name: FieldName
    target: TypeName
    cardinality: Cardinality


class Entity(Strict):
    id: TypeName
    title: NonEmptyStr
    description: str = ""
    fields: list[EntityField] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)
    stories: list[StoryId] = Field(default_factory=list)
    rules: list[RuleId] = Field(default_factory=list)

    @property
    def types_used(self) -> list[str]:
        return [f.type for f in self.fields if not f.is_scalar]


class EnumValue(Strict):
    value: EnumValueName
    meaning: NonEmptyStr


class DomainEnum(Strict):
    id: TypeName
    title: NonEmptyStr
    values: list[EnumValue] = Field(min_length=1)

    @property
    def names(self) -> list[str]:
        return [v.value for v in self.values]


class Transition(Strict):
    from_: EnumValueName = Field(alias="from")
    to: EnumValueName
    trigger: NonEmptyStr
    guard: str = ""
    actor: str = ""
    rule: RuleId | None = None


class StateMachine(Strict):
    id: MachineId
    title: NonEmptyStr
    enum: TypeName
    initial: EnumValueName | list[EnumValueName] = Field(
        description="The initial state, or the list of them when an object may start in several states."
    )
    final: list[EnumValueName] = Field(default_factory=list)
    transitions: list[Transition] = Field(min_length=1)

    @property
    def initials(self) -> list[str]:
        return [self.initial] if isinstance(self.initial, str) else list(self.initial)

    @property
    def rules(self) -> list[str]:
        return list(dict.fromkeys(t.rule for t in self.transitions if t.rule))


class DomainFile(Strict):
    """One file of the domain model; `domain` is its id (the file's stem)."""

    id: Slug = Field(alias="domain")
    title: NonEmptyStr
    entities: list[Entity] = Field(default_factory=list)
    enums: list[DomainEnum] = Field(default_factory=list)
    state_machines: list[StateMachine] = Field(default_factory=list)
