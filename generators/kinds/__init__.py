"""The registry of kinds (layer 1½: declarations over the model, no I/O).

Each module here declares one kind (or a kind and the kinds nested in it); `KINDS` lists them in load
order. Adding a kind = one module here + its line below (+ the field that cites it on the citing model).
"""

from __future__ import annotations

from . import api, catalogue, citation, domain, epic, persona, project, requirement, rule, screen, sequence
from .registry import Format, Issue, Kind, Raw, Ref, Registry

KINDS = Registry(
    [
        *project.KINDS,
        *persona.KINDS,
        *epic.KINDS,
        *screen.KINDS,
        *rule.KINDS,
        *requirement.KINDS,
        *domain.KINDS,
        *api.KINDS,
        *sequence.KINDS,
        *catalogue.KINDS,
        *citation.KINDS,
    ]
)

__all__ = ["KINDS", "Format", "Issue", "Kind", "Raw", "Ref", "Registry"]
