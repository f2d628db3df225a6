"""A small workspace (the mini sample) with an API document, a domain file and a sequence diagram."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"

API = """\
openapi: 3.1.0
info: {title: Comptes, version: 1.0.0}
paths:
  /accounts/{id}:
    get:
      operationId: getAccount
      summary: Lire un compte
      x-stories: [E01-S01]
      x-rules: [BR-ACC-01]
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        '200':
          description: Le compte
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Account'}
        '404': {description: Inconnu}
components:
  schemas:
    AccountStatus:
      type: string
      enum: [ACTIVE, LOCKED]
    Account:
      type: object
      required: [id]
      properties:
        id: {type: string}
        status: {$ref: '#/components/schemas/AccountStatus'}
        parent: {$ref: '#/components/schemas/Account'}
"""

DOMAIN = """\
domain: comptes
title: Comptes
entities:
  - id: Account
    title: Compte
    fields:
      - {name: id, type: uuid, required: true}
      - {name: status, type: AccountStatus, required: true}
    relations:
      - {name: sessions, target: Session, cardinality: one-to-many}
    stories: [E01-S01]
  - id: Session
    title: Session
    fields:
      - {name: id, type: uuid, required: true}
enums:
  - id: AccountStatus
    title: Statut d'un compte
    values:
      - {value: ACTIVE, meaning: Actif}
      - {value: LOCKED, meaning: Verrouillé}
state_machines:
  - id: account-lifecycle
    title: Cycle de vie d'un compte
    enum: AccountStatus
    initial: ACTIVE
    final: [LOCKED]
    transitions:
      - {from: ACTIVE, to: LOCKED, trigger: trois échecs de connexion, actor: système, rule: BR-ACC-01}
"""

SEQUENCE = """\
' id: SEQ-ACC-01
' title: Lecture d'un compte
' stories: [E01-S01]
' rules: [BR-ACC-01]
' operations: [getAccount]
@startuml
actor Fan
Fan -> API : GET /accounts/{id}
@enduml
"""


def workspace(tmp_path: Path, api: str = API, domain: str = DOMAIN, sequence: str = SEQUENCE) -> Path:
    """A copy of the mini sample with one API document, one domain file, one sequence; E01-S01 calls getAccount."""
    root = tmp_path / "project"
    shutil.copytree(MINI, root)
    for folder, name, text in (
        ("api", "comptes.yaml", api),
        ("domain", "comptes.yaml", domain),
        ("sequences", "SEQ-ACC-01.puml", sequence),
    ):
        (root / "specs" / folder).mkdir(parents=True, exist_ok=True)
        (root / "specs" / folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
    epic = root / "backlog" / "epics" / "E01-compte.yaml"
    text = epic.read_text(encoding="utf-8")
    epic.write_text(
        text.replace("    rules: [BR-ACC-01]\n", "    rules: [BR-ACC-01]\n    operations: [getAccount]\n", 1),
        encoding="utf-8",
    )
    return root
