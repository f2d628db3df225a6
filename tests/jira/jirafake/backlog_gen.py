"""Generated backlogs of any size for tests and the benchmark: a copy of the mini project plus extra epics whose
stories depend on the previous story of the same epic (one Blocks link each)."""

from __future__ import annotations

import shutil
from pathlib import Path

VERBS = ["consulter", "filtrer", "partager", "exporter", "valider", "archiver", "programmer", "signaler"]
THINGS = ["les matchs", "les replays", "les offres", "les factures", "les diffusions", "les statistiques"]


def story_yaml(epic: int, number: int, depends: bool) -> str:
    verb, thing = VERBS[number % len(VERBS)], THINGS[(number // len(VERBS)) % len(THINGS)]
    lines = [
        f"  - id: E{epic:02d}-S{number:02d}",
        f"    title: {verb.capitalize()} {thing} (lot {number})",
        "    as_a: P-fan",
        f"    i_want: {verb} {thing} depuis mon espace",
        "    so_that: je gagne du temps",
        "    acceptance:",
        "      - given: je suis connecté",
        f"        when: je choisis de {verb} {thing}",
        "        then: l'action est confirmée à l'écran",
        f"    points: {[1, 2, 3, 5, 8][number % 5]}",
        f"    priority: {['should', 'could'][number % 2]}",
        "    status: À faire",
    ]
    if depends:
        lines.append(f"    depends_on: [E{epic:02d}-S{number - 1:02d}]")
    return "\n".join(lines)


def make_backlog(
    source: Path, target: Path, epics: int, stories_per_epic: int, first_epic: int = 3, total: int | None = None
) -> Path:
    """Copy `source` (a project folder) to `target` and add `epics` epics of `stories_per_epic` stories (fewer in
    the last one when `total` caps the number of generated stories)."""
    shutil.copytree(source, target)
    folder = target / "backlog" / "epics"
    remaining = epics * stories_per_epic if total is None else total
    for index in range(first_epic, first_epic + epics):
        count = min(stories_per_epic, remaining)
        remaining -= count
        if count <= 0:
            break
        parts = [
            f"# Epic generated for the Jira sync tests ({count} stories)",
            f"id: E{index:02d}",
            f"title: Lot fonctionnel {index}",
            "area: platform",
            "priority: should",
            "description: >",
            f"  Lot {index} généré pour mesurer la synchronisation avec Jira.",
            "stories:",
        ]
        parts += [story_yaml(index, n, n > 1) for n in range(1, count + 1)]
        (folder / f"E{index:02d}-lot.yaml").write_text("\n".join(parts) + "\n", encoding="utf-8")
    return target
