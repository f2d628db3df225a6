"""Objects declared in Markdown: headings and table rows of a kind's id pattern, outside code fences."""

from __future__ import annotations

from generators.load.markdown import declarations, heading_pattern
from generators.model.common import REQUIREMENT_ID, RULE_ID

PAGE = """# Règles

### BR-PAY-01 — Remboursement {#remb}
## BR-PAY-02: Deux-points
#### BR-PAY-03
BR-PAY-04 — pas un titre
```
### BR-PAY-05 — dans un bloc
| ENF-X-01 | dans un bloc |
```
~~~
### BR-PAY-06 — autre bloc
~~~
| ENF-VID-01 | Démarrage | p90 < 2 s |
| Id | ENF-VID-02 | pas en première colonne |
### BR-PAY-٠٧ — chiffres arabes
"""


def test_headings_outside_fences() -> None:
    assert list(declarations(PAGE, RULE_ID)) == [
        (3, "BR-PAY-01", "Remboursement"),
        (4, "BR-PAY-02", "Deux-points"),
        (5, "BR-PAY-03", ""),
    ]


def test_table_rows_only_when_asked_and_only_in_the_first_cell() -> None:
    assert list(declarations(PAGE, REQUIREMENT_ID)) == []
    assert list(declarations(PAGE, REQUIREMENT_ID, table_rows=True)) == [(14, "ENF-VID-01", "Démarrage")]


def test_heading_pattern_is_ascii() -> None:
    assert heading_pattern(RULE_ID).match("### BR-PAY-٠٧ — x") is None
