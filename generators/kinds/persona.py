"""Personas: `backlog/personas.yaml`, a list under `personas:`."""

from __future__ import annotations

from ..model import Persona, PersonasFile
from ..model.common import PERSONA_ID
from .registry import Format, Kind

KINDS = [
    Kind(
        name="persona",
        label="persona",
        plural="personas",
        model=Persona,
        id_pattern=PERSONA_ID,
        format=Format.YAML_LIST,
        files=("backlog/personas.yaml",),
        list_key="personas",
        file_model=PersonasFile,
        required="missing file: the backlog needs backlog/personas.yaml",
        default_id=lambda path: "personas",
    )
]
