"""Business rules: headings `### BR-PAY-01 — Titre` in the specification's Markdown pages."""

from __future__ import annotations

from ..model import BusinessRule
from ..model.common import RULE_ID
from .registry import Format, Kind

KINDS = [
    Kind(
        name="rule",
        label="business rule",
        plural="business rules",
        model=BusinessRule,
        id_pattern=RULE_ID,
        format=Format.MARKDOWN_IDS,
        files=("specs/**/*.md",),
        hint=" (declare it as a heading in specs/)",
        duplicate_message="duplicate business rule id (first declared at {first})",
    )
]
