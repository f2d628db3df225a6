"""Non-functional requirements: `ENF-VID-01` headings (or first cells of table rows) in specs/*.md.

Stories cite them with `requirements: [ENF-VID-01]`; an unknown id is an error, a requirement that no
story cites is reported at info level (the specification applies many of them to every story).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from ..model import Severity
from ..model.common import REQUIREMENT_ID, RequirementId
from .registry import Format, Kind, Ref


class Requirement(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)

    id: RequirementId
    title: str
    page: str  # Markdown page relative to specs/

    @property
    def anchor(self) -> str:
        return self.id.lower()


KINDS = [
    Kind(
        name="requirement",
        label="non-functional requirement",
        plural="non-functional requirements",
        model=Requirement,
        id_pattern=REQUIREMENT_ID,
        format=Format.MARKDOWN_IDS,
        files=("specs/**/*.md",),
        table_rows=True,
        hint=" (declare it as a heading or a table row in specs/)",
        duplicate_message="duplicate non-functional requirement id (first declared at {first})",
        cited_by=(("story", Ref("requirements", ("requirement",), uncited=Severity.INFO)),),
    )
]
