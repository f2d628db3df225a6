"""One reference check for every registered kind: unknown ids, cycles where declared, targets nobody cites,
then each kind's own checks."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ..kinds import Kind, Ref, Registry
from ..model import Backlog, Finding, Location, Reference, Severity
from .graph import find_cycles

_NOWHERE = Location("backlog", 1)


def _at(backlog: Backlog, object_id: str, field: str | None) -> Location:
    return backlog.location(object_id, field) or _NOWHERE


def check_all(
    backlog: Backlog, registry: Registry, loaded: dict[str, list[tuple[Any, Any]]], invalid_ids: set[str]
) -> list[Finding]:
    """Findings of every kind; also fills `backlog.referrers` (target id -> who cites it)."""
    findings: list[Finding] = []
    ids = {kind.name: {kind.object_id(obj) for obj, _ in loaded[kind.name]} for kind in registry}
    referrers: dict[str, list[Reference]] = defaultdict(list)
    for kind in registry:
        refs = registry.refs_of(kind.name)
        if not refs:
            continue
        known: list[tuple[Ref, set[str], dict[str, list[str]]]] = [
            (ref, set().union(*(ids[target] for target in ref.targets)), {}) for ref in refs
        ]
        for obj, _parent in loaded[kind.name]:
            source = kind.object_id(obj)
            for ref, targets, graph in known:
                values = ref.ids(obj)
                if not values:
                    continue
                if ref.acyclic:
                    graph[source] = values
                citation = Reference(kind.name, ref.field, source)
                for value in values:
                    if value in targets:
                        referrers[value].append(citation)
                    elif value not in invalid_ids:  # an invalid file's ids are already reported
                        findings.append(_unknown(backlog, registry, source, ref, value))
        for ref, _targets, graph in known:
            if ref.acyclic:
                findings += _cycles(backlog, kind, ref, graph)
    backlog.referrers = dict(referrers)
    findings += _uncited(backlog, registry, loaded)
    for kind in registry:
        if kind.checks is None:
            continue
        for obj, parent in loaded[kind.name]:
            object_id = kind.object_id(obj)
            for issue in kind.checks(obj, parent, backlog):
                where = _at(backlog, object_id, issue.field)
                findings.append(Finding(where.file, where.line, object_id, issue.message, issue.severity, issue.code))
    return findings


def _unknown(backlog: Backlog, registry: Registry, source: str, ref: Ref, value: str) -> Finding:
    target = registry[ref.targets[0]]
    message = ref.message.format(field=ref.field, label=target.label, value=value, hint=target.hint)
    where = _at(backlog, source, ref.located_at(value) if ref.located_at else ref.field)
    return Finding(where.file, where.line, source, message, Severity.ERROR, "reference")


def _cycles(backlog: Backlog, kind: Kind, ref: Ref, graph: dict[str, list[str]]) -> list[Finding]:
    found = []
    for cycle in find_cycles(graph):
        if len(cycle) == 2:
            message = f"{ref.field}: {cycle[0]} depends on itself"
        else:
            message = f"dependency cycle between {kind.plural}: {' -> '.join(cycle)}"
        where = _at(backlog, cycle[0], ref.field)
        found.append(Finding(where.file, where.line, cycle[0], message, Severity.ERROR, "cycle"))
    return found


def _uncited(backlog: Backlog, registry: Registry, loaded: dict[str, list[tuple[Any, Any]]]) -> list[Finding]:
    """Targets that no object cites through a reference declared with `uncited=<severity>`."""
    found = []
    for source in registry:
        for ref in registry.refs_of(source.name):
            if ref.uncited is None:
                continue
            for target_name in ref.targets:
                target = registry[target_name]
                for obj, _ in loaded[target_name]:
                    object_id = target.object_id(obj)
                    if backlog.cited_by(object_id, source.name, ref.field):
                        continue
                    message = ref.uncited_message.format(source=source.label, label=target.label, field=ref.field)
                    where = _at(backlog, object_id, None)
                    found.append(Finding(where.file, where.line, object_id, message, ref.uncited, "uncited"))
    return found
