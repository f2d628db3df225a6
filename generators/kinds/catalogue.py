"""The catalogues: parameters, messages and notifications, `backlog/catalogues/*.yaml`.

Texts cite parameters and messages with `{{ param.ID }}` / `{{ msg.CODE }}`; the `citation` kind (in
`citation.py`) finds those citations and declares the references, so an unknown id is a located error and
a parameter no text cites is a warning.
"""

from __future__ import annotations

from ..model import Severity
from ..model.catalogue import (
    MESSAGE_ID,
    NOTIFICATION_ID,
    PARAMETER_ID,
    Message,
    MessagesFile,
    Notification,
    NotificationsFile,
    Parameter,
    ParametersFile,
)
from .registry import Format, Kind, Ref

FOLDER = "backlog/catalogues"

KINDS = [
    Kind(
        name="parameter",
        label="parameter",
        plural="parameters",
        model=Parameter,
        id_pattern=PARAMETER_ID,
        format=Format.YAML_LIST,
        files=(f"{FOLDER}/parametres.yaml",),
        list_key="parameters",
        file_model=ParametersFile,
        default_id=lambda path: "parameters",
        hint=f" (declare it in {FOLDER}/parametres.yaml)",
        refs=(Ref("rule", ("rule",)),),
        extra={"page": "catalogues/parametres.md", "prefix": "param"},
    ),
    Kind(
        name="message",
        label="message",
        plural="messages",
        model=Message,
        id_pattern=MESSAGE_ID,
        format=Format.YAML_LIST,
        files=(f"{FOLDER}/messages.yaml",),
        list_key="messages",
        file_model=MessagesFile,
        default_id=lambda path: "messages",
        hint=f" (declare it in {FOLDER}/messages.yaml)",
        refs=(Ref("rule", ("rule",)), Ref("screens", ("screen",))),
        extra={"page": "catalogues/messages.md", "prefix": "msg"},
    ),
    Kind(
        name="notification",
        label="notification",
        plural="notifications",
        model=Notification,
        id_pattern=NOTIFICATION_ID,
        format=Format.YAML_LIST,
        files=(f"{FOLDER}/notifications.yaml",),
        list_key="notifications",
        file_model=NotificationsFile,
        default_id=lambda path: "notifications",
        hint=f" (declare it in {FOLDER}/notifications.yaml)",
        refs=(Ref("rule", ("rule",)), Ref("stories", ("story",))),
        extra={"page": "catalogues/notifications.md"},
    ),
]

UNCITED = Severity.WARNING
