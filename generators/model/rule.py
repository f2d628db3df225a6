"""Business rules: declared as headings `### BR-PAY-01 — Title` in the specification's Markdown pages."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from .common import RuleId


class BusinessRule(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)

    id: RuleId
    title: str
    page: str  # path of the Markdown page relative to specs/, e.g. "regles-metier.md"

    @property
    def anchor(self) -> str:
        return self.id.lower()
