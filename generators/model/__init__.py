"""Layer 1: the data model. Pydantic v2 models and field rules; no I/O."""

from .backlog import Backlog, Finding, Location, Locations, Reference, Severity
from .common import FIBONACCI, Area, Platform, Priority, StatusCategory
from .epic import AcceptanceCriterion, Epic, Story
from .persona import Persona, PersonasFile
from .project import (
    Calendar,
    Deployment,
    JiraConfig,
    JiraFields,
    JiraIssueTypes,
    Milestone,
    Phase,
    Project,
    SprintPlan,
    StatusDef,
    TeamMember,
)
from .rule import BusinessRule
from .screen import Component, Screen, iter_components, screen_links

__all__ = [
    "FIBONACCI",
    "AcceptanceCriterion",
    "Area",
    "Backlog",
    "BusinessRule",
    "Calendar",
    "Component",
    "Deployment",
    "Epic",
    "Finding",
    "JiraConfig",
    "JiraFields",
    "JiraIssueTypes",
    "Location",
    "Locations",
    "Milestone",
    "Persona",
    "PersonasFile",
    "Phase",
    "Platform",
    "Priority",
    "Project",
    "Reference",
    "Screen",
    "Severity",
    "SprintPlan",
    "StatusCategory",
    "StatusDef",
    "Story",
    "TeamMember",
    "iter_components",
    "screen_links",
]
