"""Id patterns: ASCII only, and short enough to become file names."""

from __future__ import annotations

import pytest
from pydantic import TypeAdapter, ValidationError

from generators.model.common import (
    MAX_ID_LENGTH,
    EpicId,
    JiraKey,
    MilestoneId,
    PersonaId,
    RequirementId,
    RuleId,
    ScreenId,
    Slug,
    StoryId,
)


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        (EpicId, "E٠١"),  # Arabic-Indic digits
        (StoryId, "E01-S٠١"),
        (MilestoneId, "M０1"),  # fullwidth zero
        (JiraKey, "FZ-١٢"),
        (RuleId, "BR-PAY-٠١"),
        (RequirementId, "ENF-VID-٠١"),
        (ScreenId, "FO-é"),
        (PersonaId, "P-léa"),
    ],
)
def test_non_ascii_digits_and_letters_are_rejected(kind: object, value: str) -> None:
    with pytest.raises(ValidationError):
        TypeAdapter(kind).validate_python(value)


@pytest.mark.parametrize("kind, prefix", [(PersonaId, "P-"), (ScreenId, "FO-"), (RuleId, "BR-"), (Slug, "a")])
def test_ids_longer_than_the_limit_are_rejected_with_a_clear_message(kind: object, prefix: str) -> None:
    fill = "A" if kind is RuleId else "a"
    adapter = TypeAdapter(kind)
    assert adapter.validate_python(prefix + fill * (MAX_ID_LENGTH - len(prefix))) is not None
    too_long = prefix + fill * (MAX_ID_LENGTH + 1 - len(prefix))
    with pytest.raises(ValidationError, match=f"id is {MAX_ID_LENGTH + 1} characters long; the limit is 64"):
        adapter.validate_python(too_long)
