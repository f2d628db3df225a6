"""Business-rule headings (`### BR-PAY-01 — Remboursement sous 14 jours`); the rule kind is declared in
`generators.kinds.rule` and read by the generic loader. `RULE_HEADING` stays for the site's anchors."""

from __future__ import annotations

from ..model.common import RULE_ID
from .markdown import heading_pattern

RULE_HEADING = heading_pattern(RULE_ID)
