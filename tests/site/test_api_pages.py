"""The technical pages as Markdown (no build): which endpoint a story calls, which states a subscription can be
in and who makes each transition; schemas flattened down to nested fields, recursion marked; labels of the
class and state diagrams neutralised."""

from __future__ import annotations

from pathlib import Path

import pytest

from generators.context import ProjectContext
from generators.escape.plantuml import shown
from generators.model.domain import DomainEnum, DomainFile, StateMachine
from generators.site import openapi_view
from generators.site.domain_diagrams import class_diagram, state_diagram
from generators.site.pages_api import api_pages
from generators.site.pages_backlog import epic_page, traceability_page
from generators.site.pages_domain import domain_pages

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def fanzone() -> ProjectContext:
    result = ProjectContext.load(REPO)
    assert result.backlog is not None, result.errors
    return ProjectContext(REPO, result.backlog)


def test_a_story_page_lists_the_endpoints_it_calls(fanzone: ProjectContext) -> None:
    markdown = epic_page(fanzone, fanzone.epic_by_id["E05"]).markdown
    assert "Opérations d'API appelées" in markdown
    assert "createSubscription — POST /subscriptions" in markdown
    assert "../api/api-publique/createSubscription.md" in markdown


def test_the_subscription_states_and_who_moves_them(fanzone: ProjectContext) -> None:
    pages = {page.path: page.markdown for page in domain_pages(fanzone)}
    markdown = pages["donnees/objets/subscription-lifecycle.md"]
    for state in ("TRIALING", "ACTIVE", "CANCEL_SCHEDULED", "CHANGE_SCHEDULED", "PAST_DUE", "SUSPENDED", "CANCELED"):
        assert f"`{state}`" in markdown
    assert "| Acteur |" in markdown and "abonné" in markdown and "système" in markdown
    assert "```plantuml" in markdown and "[*] --> TRIALING" in markdown and "[*] --> ACTIVE" in markdown


def test_the_traceability_matrix_goes_from_story_to_operations_to_entities(fanzone: ProjectContext) -> None:
    markdown = traceability_page(fanzone).markdown
    # the Jira column appears only when some story has a Jira key (none in the shipped backlog)
    assert "| Story | Titre | Epic | Statut | Écrans | Règles | Exigences | Opérations | Entités |\n" in markdown
    row = next(line for line in markdown.splitlines() if line.startswith('| [<span class="fz-id">E05-S03</span>]'))
    assert "createSubscription" in row and "Subscription" in row


def test_every_operation_has_a_page(fanzone: ProjectContext) -> None:
    paths = {page.path for page in api_pages(fanzone)}
    for op in fanzone.backlog.objects("operation"):
        assert f"api/{op.service}/{op.id}.md" in paths


def test_schema_rows_go_down_nested_fields_and_stop_at_recursion() -> None:
    document = {
        "components": {
            "schemas": {
                "Node": {
                    "type": "object",
                    "required": ["name"],
                    "properties": {
                        "name": {"type": "string"},
                        "meta": {
                            "type": "object",
                            "properties": {"tags": {"type": "array", "items": {"type": "string"}}},
                        },
                        "children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}},
                        "parent": {"$ref": "#/components/schemas/Node"},
                    },
                }
            }
        }
    }
    rows = openapi_view.schema_rows(document, {"$ref": "#/components/schemas/Node"})
    names = [row.name for row in rows]
    assert names == ["name", "meta", "meta.tags", "children", "parent"]
    assert rows[0].required and "(récursif)" in rows[3].type and "(récursif)" in rows[4].type


def test_a_loop_of_references_does_not_hang_the_pages() -> None:
    document = {
        "components": {"schemas": {"A": {"$ref": "#/components/schemas/B"}, "B": {"$ref": "#/components/schemas/A"}}}
    }
    assert openapi_view.schema_rows(document, {"$ref": "#/components/schemas/A"}) == []


def test_diagram_labels_are_neutralised() -> None:
    hostile = '%getenv("HOME") !include /etc/passwd "} @enduml'
    domain = DomainFile.model_validate(
        {
            "domain": "d",
            "title": "D",
            "entities": [{"id": "Thing", "title": hostile, "fields": [{"name": "x", "type": "string"}]}],
            "enums": [
                {
                    "id": "State",
                    "title": "S",
                    "values": [{"value": "A", "meaning": "a"}, {"value": "B", "meaning": "b"}],
                }
            ],
            "state_machines": [
                {
                    "id": "m",
                    "title": "M",
                    "enum": "State",
                    "initial": "A",
                    "final": ["B"],
                    "transitions": [{"from": "A", "to": "B", "trigger": hostile}],
                }
            ],
        }
    )
    enum: DomainEnum = domain.enums[0]
    machine: StateMachine = domain.state_machines[0]
    for source in (class_diagram(domain, {"State": enum}), state_diagram(machine, enum)):
        assert "%getenv(" not in source and "!include" not in source
        assert source.count("@enduml") == 1
        assert "getenv" in shown(source)
