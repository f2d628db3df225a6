"""A finding prints as `file:line: ID: message` whatever the id a user wrote: an id holding a colon or a line
break (which would make the ID's end ambiguous) is shown as `-` and quoted at the message's end."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from generators.findings import Finding, Severity

LOCATED = re.compile(r"^[^:\n]+:\d+: [^:\n]+: .+")


@given(st.text(max_size=30), st.sampled_from(list(Severity)))
def test_any_id_prints_a_located_line(object_id: str, severity: Severity) -> None:
    line = str(Finding("specs/domain/comptes.yaml", 3, object_id, "missing required field 'domain'", severity))
    assert LOCATED.match(line), line
    assert "\n" not in line
    shown = line.split(": ", 2)[1]
    assert shown == object_id or (shown == "-" and (not object_id or line.endswith(f"(id {object_id!r})")))


def test_a_plain_id_is_shown_as_it_is_and_an_odd_one_quoted() -> None:
    assert str(Finding("backlog/e.yaml", 4, "US-001", "title missing")) == "backlog/e.yaml:4: US-001: title missing"
    assert str(Finding("x.yaml", 1, "", "empty")) == "x.yaml:1: -: empty"
    assert str(Finding("specs/domain/comptes.yaml", 1, ":", "missing required field 'domain'")) == (
        "specs/domain/comptes.yaml:1: -: missing required field 'domain' (id ':')"
    )
    odd = Finding("a.yaml", 2, "US\n1", "bad", Severity.WARNING)
    assert str(odd) == "a.yaml:2: -: warning: bad (id 'US\\n1')" and odd.as_dict()["id"] == "US\n1"
