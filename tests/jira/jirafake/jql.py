"""A small JQL subset: `field = v`, `field != v`, `field in (...)`, `field not in (...)`, `field is [not] EMPTY`,
joined by AND, with an optional ORDER BY. Values with reserved characters (`:`, spaces...) must be quoted, as in
real JQL."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

_TOKEN = re.compile(
    r"""\s*(?:
        (?P<string>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')
      | (?P<op>!=|=|\(|\)|,)
      | (?P<word>[A-Za-z0-9_.\-\[\]]+)
      | (?P<bad>\S)
    )""",
    re.VERBOSE,
)


class JqlError(ValueError):
    pass


@dataclass
class Query:
    clauses: list[tuple[str, str, list[str]]]  # (field, op, values)
    order: list[tuple[str, bool]]  # (field, descending)

    @property
    def bounded(self) -> bool:
        return bool(self.clauses)


def _tokens(text: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    pos = 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if not match or match.end() == pos:
            break
        pos = match.end()
        kind = match.lastgroup
        if kind is None:
            continue
        value = match.group(kind)
        if kind == "bad":
            raise JqlError(f"Error in the JQL Query: The character '{value}' is a reserved JQL character.")
        if kind == "string":
            value = re.sub(r"\\(.)", r"\1", value[1:-1])
        out.append((kind, value))
    return out


def parse(text: str) -> Query:
    tokens = _tokens(text)
    clauses: list[tuple[str, str, list[str]]] = []
    order: list[tuple[str, bool]] = []
    i = 0

    def word(at: int) -> str:
        return tokens[at][1].lower() if at < len(tokens) and tokens[at][0] == "word" else ""

    while i < len(tokens):
        if word(i) == "order" and word(i + 1) == "by":
            i += 2
            while i < len(tokens):
                name = tokens[i][1].lower()
                i += 1
                descending = False
                if word(i) in ("asc", "desc"):
                    descending = word(i) == "desc"
                    i += 1
                order.append((name, descending))
                if i < len(tokens) and tokens[i][1] == ",":
                    i += 1
            break
        if clauses:
            if word(i) != "and":
                raise JqlError(f"Error in the JQL Query: Expecting 'AND' but got '{tokens[i][1]}'.")
            i += 1
        if i >= len(tokens):
            raise JqlError("Error in the JQL Query: Expecting a field name at the end of the query.")
        name = tokens[i][1].lower()
        i += 1
        if word(i) == "is":
            negate = word(i + 1) == "not"
            i += 2 if negate else 1
            if word(i) not in ("empty", "null"):
                raise JqlError("Error in the JQL Query: Expecting EMPTY after IS.")
            i += 1
            clauses.append((name, "is not empty" if negate else "is empty", []))
            continue
        negate = word(i) == "not"
        if negate:
            i += 1
        if word(i) == "in":
            i += 1
            if i >= len(tokens) or tokens[i][1] != "(":
                raise JqlError("Error in the JQL Query: Expecting '(' after IN.")
            i += 1
            values = []
            while i < len(tokens) and tokens[i][1] != ")":
                if tokens[i][1] != ",":
                    values.append(tokens[i][1])
                i += 1
            i += 1
            clauses.append((name, "not in" if negate else "in", values))
            continue
        if i >= len(tokens) or tokens[i][0] != "op" or tokens[i][1] not in ("=", "!="):
            raise JqlError(f"Error in the JQL Query: Expecting operator after '{name}'.")
        op = tokens[i][1]
        i += 1
        if i >= len(tokens) or tokens[i][0] not in ("word", "string"):
            raise JqlError("Error in the JQL Query: Expecting a value.")
        clauses.append((name, op, [tokens[i][1]]))
        i += 1
    return Query(clauses, order)


def matcher(query: Query, field_values: Callable[[dict[str, Any], str], list[str] | None]) -> Callable[[dict], bool]:
    def match(issue: dict[str, Any]) -> bool:
        for name, op, values in query.clauses:
            have = field_values(issue, name)
            if have is None:
                raise JqlError(f"Field '{name}' does not exist or you do not have permission to view it.")
            folded = {h.casefold() for h in have}
            wanted = {v.casefold() for v in values}
            if op in ("=", "in") and not folded & wanted:
                return False
            if op in ("!=", "not in") and folded & wanted:
                return False
            if op == "is empty" and have:
                return False
            if op == "is not empty" and not have:
                return False
        return True

    return match
