"""Catalogues: configurable parameters, user-facing messages and notifications (pure models).

Texts cite them with `{{ param.ID }}` and `{{ msg.CODE }}` (see `generators.model.citations`); every
number the specification calls configurable is written once, in `backlog/catalogues/parametres.yaml`.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field, StringConstraints, model_validator

from .common import _SHORT, NonEmptyStr, RuleId, ScreenId, StoryId, Strict

PARAMETER_ID = r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$"
MESSAGE_ID = r"^[A-Z]{2,5}-[A-Z0-9]{2,6}$"
NOTIFICATION_ID = r"^NTF-[0-9]{2,3}$"

ParameterId = Annotated[str, StringConstraints(pattern=PARAMETER_ID), _SHORT]
MessageId = Annotated[str, StringConstraints(pattern=MESSAGE_ID), _SHORT]
NotificationId = Annotated[str, StringConstraints(pattern=NOTIFICATION_ID), _SHORT]


class ChangedBy(StrEnum):
    """Who may change a parameter's value."""

    ADMIN = "admin"  # a Fanzone administrator, in the back office, without a new release
    INTEGRATOR = "integrator"  # Pixodeo, by configuration (a deployment, no code change)
    FIXED = "fixed"  # law or contract: not configurable


class Parameter(Strict):
    id: ParameterId
    label: NonEmptyStr
    value: float | int | NonEmptyStr
    unit: str = ""
    min: float | None = None
    max: float | None = None
    changed_by: ChangedBy = ChangedBy.ADMIN
    rule: RuleId | None = None
    note: str = ""

    @model_validator(mode="after")
    def _in_range(self) -> Parameter:
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"min {self.min} is above max {self.max}")
        if isinstance(self.value, int | float) and not isinstance(self.value, bool):
            if self.min is not None and self.value < self.min:
                raise ValueError(f"value {self.value} is below min {self.min}")
            if self.max is not None and self.value > self.max:
                raise ValueError(f"value {self.value} is above max {self.max}")
        elif self.min is not None or self.max is not None:
            raise ValueError("min/max need a numeric value")
        return self


class MessageKind(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    LEGAL = "legal"


class Message(Strict):
    id: MessageId
    text: NonEmptyStr
    kind: MessageKind = MessageKind.ERROR
    shown: str = ""  # where and when the message appears
    screens: list[ScreenId] = Field(default_factory=list)
    rule: RuleId | None = None


class Channel(StrEnum):
    EMAIL = "email"
    PUSH = "push"
    IN_APP = "in-app"
    ALERT = "alert"  # an alert to the on-call team (Pixodeo) or an administrator


class Notification(Strict):
    id: NotificationId
    title: NonEmptyStr
    trigger: NonEmptyStr
    recipient: NonEmptyStr
    channels: list[Channel]
    timing: NonEmptyStr = "immédiat"
    variables: list[str] = Field(default_factory=list)
    legal: str = ""  # mandatory wording, if any
    stories: list[StoryId] = Field(default_factory=list)
    rule: RuleId | None = None


class ParametersFile(Strict):
    parameters: list[Parameter]


class MessagesFile(Strict):
    messages: list[Message]


class NotificationsFile(Strict):
    notifications: list[Notification]
