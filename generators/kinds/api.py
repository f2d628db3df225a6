"""API contracts: OpenAPI 3.1 documents in `specs/api/` (one per service) and the operations they declare.

Findings are located at the operation (`file:line: operationId: message`); stories cite operations with
`operations: [createStorage]` and operations cite stories with `x-stories`: both sides must agree.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..model import Backlog, Severity
from ..model.api import OPERATION_ID, ApiDocument, Operation
from .openapi_read import analyse
from .registry import Format, Issue, Kind, Raw, Ref

FILES = ("specs/api/*.yaml", "specs/api/*.yml")


def _operations(text: str, file: str) -> list[Raw]:
    from ..load.yamlread import YamlProblem

    analysis = analyse(text, file)
    if analysis.problem is not None:
        raise YamlProblem(*analysis.problem)
    return analysis.operations


def _service(text: str, file: str) -> list[Raw]:
    """The document itself (its problems outside operations are reported by its checks)."""
    analysis = analyse(text, file)
    return [] if analysis.service is None else [Raw(analysis.service, 1)]


def _service_checks(service: ApiDocument, _parent: Any, _backlog: Backlog) -> Iterator[Issue]:
    for problem in service.problems:
        yield Issue(problem, None, "openapi")


def _is_success(code: str) -> bool:
    return code.startswith("2")


def _is_error(code: str) -> bool:
    return code[:1] in ("4", "5") or code == "default"


def _operation_checks(operation: Operation, _parent: Any, backlog: Backlog) -> Iterator[Issue]:
    for problem in operation.problems:
        yield Issue(problem, None, "openapi")
    if not operation.webhook or operation.responses:
        missing = [
            label
            for label, test in (("a success (2XX)", _is_success), ("an error (4XX, 5XX or default)", _is_error))
            if not any(test(code) for code in operation.responses)
        ]
        if missing:
            yield Issue(f"responses: no {' and no '.join(missing)} response", None, "responses")
    for story_id in operation.stories:
        if backlog.has_story(story_id) and operation.id not in backlog.story(story_id).operations:
            yield Issue(
                f"x-stories cites {story_id}, whose operations do not list {operation.id} (add it there)",
                None,
                "both-ways",
                Severity.WARNING,
            )
    for story_id in backlog.cited_by(operation.id, "story", "operations"):
        if story_id not in operation.stories:
            yield Issue(
                f"story {story_id} lists this operation, but its x-stories do not cite {story_id} (add it there)",
                None,
                "both-ways",
                Severity.WARNING,
            )


KINDS = [
    Kind(
        name="service",
        label="API document",
        plural="API documents",
        model=ApiDocument,
        id_pattern=r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$",
        format=Format.CUSTOM,
        files=FILES,
        parse=_service,
        default_id=lambda path: path.stem,
        object_id=lambda service: f"{service.id}-openapi",  # a domain file may share the stem (`comptes`)
        checks=_service_checks,  # the file stem; a domain file may have the same name (`comptes`): it keeps the id
    ),
    Kind(
        name="operation",
        label="API operation",
        plural="API operations",
        model=Operation,
        id_pattern=OPERATION_ID,
        format=Format.CUSTOM,
        files=FILES,
        parse=_operations,
        default_id=lambda path: path.stem,
        refs=(
            Ref("stories", ("story",), message="x-stories: unknown {label} {value}"),
            Ref("rules", ("rule",), message="x-rules: unknown {label} {value}{hint}"),
        ),
        cited_by=(("story", Ref("operations", ("operation",), message="operations: unknown {label} {value}{hint}")),),
        hint=" (declare it as an operationId in specs/api/)",
        duplicate_message="duplicate operationId (first defined at {first})",
        checks=_operation_checks,
    ),
]
