"""Former home of the text neutralisers, kept as re-exports so that call sites keep working.

The functions live in `generators.escape` (one module per output language): import them from there.
"""

from __future__ import annotations

from ..escape.html import html_text
from ..escape.markdown import md_cell, md_text
from ..escape.plantuml import plantuml_label

md_escape = md_text
plantuml_text = plantuml_label
salt_text = plantuml_label

__all__ = ["html_text", "md_cell", "md_escape", "md_text", "plantuml_label", "plantuml_text", "salt_text"]
