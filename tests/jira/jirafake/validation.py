"""Field validation as Jira does it on a create or edit screen."""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from . import catalog

if TYPE_CHECKING:
    from .store import Store


def validate_fields(
    store: Store, fields: dict[str, Any], creating: bool, version: str
) -> tuple[dict[str, Any], dict[str, str]]:
    """The values Jira would store for these fields, and its error per field (as a create or edit screen)."""
    errors: dict[str, str] = {}
    out: dict[str, Any] = {}
    for name, value in fields.items():
        if name in ("project", "issuetype") and creating:
            continue
        if name not in store.field_ids or name in ("status", "created", "updated", "issuelinks"):
            errors[name] = f"Field '{name}' cannot be set. It is not on the appropriate screen, or unknown."
            continue
        if name == "summary":
            if not isinstance(value, str) or not value.strip():
                errors[name] = "You must specify a summary of the issue."
            elif len(value) > 255:
                errors[name] = "Summary must be less than 255 characters."
            else:
                out[name] = value.strip()
        elif name == "description":
            if version == "3" and isinstance(value, str):
                errors[name] = "Operation value must be an Atlassian Document (see the Atlassian Document Format)"
            else:
                out[name] = store.rewrite_description(value) if store.rewrite_description and value else value
        elif name == "labels":
            bad = [label for label in value or [] if " " in label]
            if bad:
                errors[name] = f"The label '{bad[0]}' contains spaces which is invalid."
            else:
                out[name] = list(dict.fromkeys(value or []))
        elif name == "priority":
            wanted = (value or {}).get("name") if isinstance(value, dict) else None
            match = next(
                (p for p in catalog.PRIORITIES if p["name"] == wanted or p["id"] == (value or {}).get("id")), None
            )
            if match is None:
                errors[name] = "The priority selected is invalid."
            else:
                out[name] = copy.deepcopy(match)
        elif name == "parent":
            key = (value or {}).get("key") if isinstance(value, dict) else None
            if value is None:
                out[name] = None
            elif key not in store.issues:
                errors[name] = "Could not find issue by id or key."
            else:
                out[name] = store.brief(store.issues[key])
        elif name == store.epic_link_field:
            if value is not None and (
                value not in store.issues or store.issues[value]["fields"]["issuetype"]["name"] != "Epic"
            ):
                errors[name] = "Epic Link must be an epic."
            else:
                out[name] = value
        elif name == store.points_field or name == "customfield_10028":
            if value is not None and not isinstance(value, int | float):
                errors[name] = "Operation value must be a number."
            else:
                out[name] = float(value) if value is not None else None
        else:
            out[name] = value
    if store.reject is not None:
        errors.update(store.reject(fields) or {})
    return out, errors
