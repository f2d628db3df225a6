"""Citations found in the text of specs, epics, screens and the catalogues themselves: catalogue entries
(`{{ param.x }}`, `{{ msg.X }}`), diagrams (`{{ seq.ID }}`, `{{ sm.ID }}`, `{{ entity.ID }}`) and plan figures
(`{{ plan.KEY }}`, spec pages only).

A citation object is derived, not written: one per (owner, cited id), where the owner is the nearest id
declared above the citation (a story, an epic, a screen, a rule heading, a message) or else the file. Its
references make `{{ param.x }}` of an unknown parameter a located error, and a parameter no text cites a
warning; an unknown plan key is a located error too (`checks`). The parse is a plain regular-expression scan
of the raw text (nothing is evaluated).
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import StringConstraints

from ..model import Backlog, Severity
from ..model.catalogue import MessageId, ParameterId
from ..model.citations import citations
from ..model.common import Strict
from ..model.plan_keys import problem
from .registry import Format, Issue, Kind, Raw, Ref

CITATION_ID = r"^[A-Za-z0-9_./-]+:(?:parameter|message|sequence|state_machine|entity|plan)\.[A-Za-z0-9_.-]+$"
FILES = (
    "specs/**/*.md",
    "backlog/epics/*.y*ml",
    "backlog/catalogues/*.y*ml",
    "mockups/front-office/*.y*ml",
    "mockups/back-office/*.y*ml",
)
_YAML_ID = re.compile(r"^[ \t]*(?:-[ \t]+)?id:[ \t]*[\"']?([A-Za-z0-9_-]+)", re.ASCII)
_HEADING_ID = re.compile(r"^#{1,6}[ \t]+([A-Z]{2,5}-[A-Z0-9]+(?:-[A-Z0-9]+)*)\b", re.ASCII)


class Citation(Strict):
    id: Annotated[str, StringConstraints(pattern=CITATION_ID)]
    file: str
    owner: str
    parameter: ParameterId | None = None
    message: MessageId | None = None
    sequence: str | None = None
    state_machine: str | None = None
    entity: str | None = None
    plan: str | None = None

    @property
    def target(self) -> str:
        """The cited id (or plan key)."""
        return self.parameter or self.message or self.sequence or self.state_machine or self.entity or self.plan or ""


def parse(text: str, file: str) -> list[Raw]:
    """One raw citation per (owner, cited id), at the line of its first occurrence."""
    cited_here = list(citations(text))
    if not cited_here:  # most files cite nothing: no need to find the owners line by line
        return []
    owner_pattern = _HEADING_ID if file.endswith(".md") else _YAML_ID
    owners: list[tuple[int, str]] = []  # (offset, owner id)
    offset = 0
    for line in text.splitlines(keepends=True):
        match = owner_pattern.match(line)
        if match:
            owners.append((offset, match.group(1)))
        offset += len(line)
    found: dict[str, Raw] = {}
    index = 0
    owner = file
    for cited in cited_here:
        while index < len(owners) and owners[index][0] <= cited.offset:
            owner = owners[index][1]
            index += 1
        key = f"{owner}:{cited.kind}.{cited.id}"
        if key in found or not re.fullmatch(CITATION_ID, key, re.ASCII):
            continue
        line = text.count("\n", 0, cited.offset) + 1
        data = {"id": key, "file": file, "owner": owner, cited.kind: cited.id}
        found[key] = Raw(data, line)
    return list(found.values())


def _check(citation: Citation, _parent: object, backlog: Backlog) -> list[Issue]:
    if citation.plan is None:
        return []
    if not citation.file.startswith("specs/") or not citation.file.endswith(".md"):
        return [Issue(f"plan.{citation.plan}: plan figures may be cited in spec pages only", "plan", "plan")]
    project = backlog.project
    milestones, phases = [m.id for m in project.milestones], [p.id for p in project.phases]
    found = problem(citation.plan, milestones, phases, project.sprints.count)
    return [] if found is None else [Issue(f"plan.{citation.plan}: {found}", "plan", "plan")]


DIAGRAM_REF = "cites unknown {label} {value}{hint}"

KINDS = [
    Kind(
        name="citation",
        label="citation",
        plural="citations",
        model=Citation,
        id_pattern=CITATION_ID,
        format=Format.CUSTOM,
        files=FILES,
        parse=parse,
        unique=False,
        refs=(
            Ref(
                "parameter",
                ("parameter",),
                message="cites unknown {label} {value}{hint}",
                uncited=Severity.WARNING,
                uncited_message="no text cites this {label} (write {{{{ param.ID }}}} where the value is stated)",
            ),
            Ref("message", ("message",), message="cites unknown {label} {value}{hint}", uncited=Severity.INFO),
            Ref("sequence", ("sequence",), message=DIAGRAM_REF),
            Ref("state_machine", ("state_machine",), message=DIAGRAM_REF),
            Ref("entity", ("entity",), message=DIAGRAM_REF),
        ),
        checks=_check,
        extra={"derived": True},  # found in other files' text, not written as objects
    )
]
