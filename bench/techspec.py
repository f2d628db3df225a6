"""Benchmark: validate a technical specification of 200 API operations and 100 domain entities.

Usage: .venv/bin/python bench/techspec.py [--operations N] [--entities M] [--repeat K]
Builds the small sample project (tests/fixtures/mini) plus N operations in 10 OpenAPI documents (each with
a request body, a `$ref`'d response schema, parameters and an error response), M entities with an enum and a
state machine each in 10 domain files, and one sequence diagram; times `load_backlog()` (reading, OpenAPI
validation with openapi-spec-validator, models, references both ways, state-machine checks, drift) and
prints the best and median wall time. Target: under 0.5 s.
OpenAPI validation (openapi-spec-validator, ~0.1 s a document) is cached by content (see
generators/load/validation_cache.py): pass --cold to time it with an empty cache.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generators.load import load_backlog  # noqa: E402 - after the sys.path line

TARGET_SECONDS = 0.5
DOCUMENTS = 10
DOMAINS = 10


def _document(index: int, count: int) -> str:
    lines = [
        "openapi: 3.1.0",
        f"info: {{title: Service {index}, version: 1.0.0}}",
        "paths:",
    ]
    for n in range(count):
        lines += [
            f"  /things{index}/{{id}}/op{n}:",
            "    parameters:",
            "      - {name: id, in: path, required: true, schema: {type: string}}",
            "    post:",
            f"      operationId: op{index}x{n}",
            "      summary: Opération",
            "      x-stories: [E01-S01]",
            "      x-rules: [BR-ACC-01]",
            "      requestBody:",
            "        content:",
            "          application/json:",
            "            schema: {$ref: '#/components/schemas/Thing'}",
            "      responses:",
            "        '200':",
            "          description: ok",
            "          content:",
            "            application/json:",
            "              schema: {$ref: '#/components/schemas/Thing'}",
            "        '404': {description: inconnu}",
        ]
    lines += [
        "components:",
        "  schemas:",
        "    Thing:",
        "      type: object",
        "      required: [id]",
        "      properties:",
        "        id: {type: string}",
        "        tags: {type: array, items: {type: string}}",
        "        parent: {$ref: '#/components/schemas/Thing'}",
    ]
    return "\n".join(lines) + "\n"


def _domain(index: int, count: int) -> str:
    lines = [f"domain: d{index}", f"title: Domaine {index}", "entities:"]
    for n in range(count):
        lines += [
            f"  - id: Entity{index}x{n}",
            "    title: Entité",
            "    fields:",
            "      - {name: id, type: uuid, required: true}",
            f"      - {{name: status, type: Status{index}x{n}, required: true}}",
            "    relations:",
            f"      - {{name: first, target: Entity{index}x0, cardinality: many-to-one}}",
            "    stories: [E01-S01]",
        ]
    lines.append("enums:")
    for n in range(count):
        lines += [
            f"  - id: Status{index}x{n}",
            "    title: Statut",
            "    values:",
            "      - {value: OPEN, meaning: ouvert}",
            "      - {value: DONE, meaning: fait}",
        ]
    lines.append("state_machines:")
    for n in range(count):
        lines += [
            f"  - id: machine-{index}-{n}",
            "    title: Cycle",
            f"    enum: Status{index}x{n}",
            "    initial: OPEN",
            "    final: [DONE]",
            "    transitions:",
            "      - {from: OPEN, to: DONE, trigger: fin, actor: système, rule: BR-ACC-01}",
        ]
    return "\n".join(lines) + "\n"


def generate(root: Path, operations: int, entities: int) -> Path:
    shutil.copytree(REPO / "tests" / "fixtures" / "mini", root)
    for folder in ("api", "domain", "sequences"):
        (root / "specs" / folder).mkdir(parents=True)
    per_document = operations // DOCUMENTS
    for index in range(DOCUMENTS):
        (root / "specs" / "api" / f"service{index}.yaml").write_text(_document(index, per_document), encoding="utf-8")
    per_domain = entities // DOMAINS
    for index in range(DOMAINS):
        (root / "specs" / "domain" / f"d{index}.yaml").write_text(_domain(index, per_domain), encoding="utf-8")
    (root / "specs" / "sequences" / "SEQ-B-01.puml").write_text(
        "' id: SEQ-B-01\n' title: Banc\n' operations: [op0x0]\n@startuml\nA -> B : appel\n@enduml\n", encoding="utf-8"
    )
    epic = root / "backlog" / "epics" / "E01-compte.yaml"
    ops = ", ".join(f"op{i}x{n}" for i in range(DOCUMENTS) for n in range(per_document))
    text = epic.read_text(encoding="utf-8")
    epic.write_text(
        text.replace("    rules: [BR-ACC-01]\n", f"    rules: [BR-ACC-01]\n    operations: [{ops}]\n", 1),
        encoding="utf-8",
    )
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--operations", type=int, default=200)
    parser.add_argument("--entities", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--cold", action="store_true", help="no validation cache: every run validates every document")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["FANZONE_CACHE"] = str(Path(tmp) / "cache")
        if not args.cold:
            load_backlog(generate(Path(tmp) / "warm-up", args.operations, args.entities))
        root = generate(Path(tmp) / "techspec", args.operations, args.entities)
        times, cpu = [], []
        for _ in range(args.repeat):
            from generators.kinds.openapi_read import analyse

            analyse.cache_clear()  # every run parses the documents again
            if args.cold:
                shutil.rmtree(Path(tmp) / "cache", ignore_errors=True)
            start, start_cpu = time.perf_counter(), time.process_time()
            result = load_backlog(root)
            times.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
            if not result.ok or result.warnings:
                for finding in [*result.errors, *result.warnings][:10]:
                    print(finding)
                raise SystemExit("the synthetic technical specification did not validate")
        assert result.backlog is not None
        counts = {kind: len(result.backlog.objects(kind)) for kind in ("operation", "entity", "enum", "state_machine")}
        best = min(times)
        print(", ".join(f"{kind}={count}" for kind, count in counts.items()))
        print(
            f"load+validate: best {best:.3f} s, median {statistics.median(times):.3f} s over {args.repeat} runs "
            f"(target < {TARGET_SECONDS} s: {'ok' if best < TARGET_SECONDS else 'MISSED'}); CPU best {min(cpu):.3f} s; "
            f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
        )


if __name__ == "__main__":
    main()
