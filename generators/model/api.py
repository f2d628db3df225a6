"""API operations read from the OpenAPI 3.1 documents of `specs/api/`. Pure data; no I/O.

The loader keeps the operation as written (its `$ref`s resolved inside the document) in `spec`, for the
pages; the fields used by checks and cross-references are lifted out of it.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from .common import RuleId, StoryId

OPERATION_ID = r"^[a-z][A-Za-z0-9]*$"
OperationId = Annotated[str, StringConstraints(pattern=OPERATION_ID, max_length=64)]
HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")


class Operation(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    id: OperationId
    service: str  # the document's file stem (one document per service)
    document: str  # path of the document, relative to the project root
    method: str
    path: str
    webhook: bool = False
    summary: str = ""
    description: str = ""
    tags: list[str] = Field(default_factory=list)
    stories: list[StoryId] = Field(default_factory=list)
    rules: list[RuleId] = Field(default_factory=list)
    responses: list[str] = Field(default_factory=list)  # status codes as written ("200", "4XX", "default")
    problems: list[str] = Field(default_factory=list)  # located at the operation by the kind's checks
    spec: dict[str, Any] = Field(default_factory=dict, repr=False)  # the operation, references resolved

    @property
    def label(self) -> str:
        return f"{self.method.upper()} {self.path}"


class ApiDocument(BaseModel):
    """A whole OpenAPI document (a service), kept for its pages: info, servers, security schemes, schemas."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    id: str  # file stem
    file: str
    title: str
    version: str = ""
    description: str = ""
    data: dict[str, Any] = Field(default_factory=dict, repr=False)
    problems: list[str] = Field(default_factory=list)  # outside any operation (components, info, ...)
