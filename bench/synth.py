"""Generate a synthetic, valid backlog of N stories (for benchmarks and scale tests)."""

from __future__ import annotations

import argparse
import math
import random
import shutil
from pathlib import Path

PROJECT = """\
name: Synthetic backlog
calendar:
  start: 2025-03-03
  country: FR
sprints:
  length_weeks: 2
  first_start: 2025-03-17
  count: {sprints}
velocity: {velocity}
team:
  - id: dev
    name: Dev Team
    role: Développeurs
    develops: true
phases:
  - id: developpement
    name: Développement
    sprints: true
milestones:
  - id: M01
    name: Fin
    date: 2026-12-31
    depends_on: [E001]
statuses:
  - name: À faire
    category: todo
  - name: En cours
    category: in_progress
    wip_limit: 50
  - name: Terminé
    category: done
jira:
  project: SY
"""

PERSONAS = """\
personas:
  - id: P-fan
    name: Fan
    role: Spectateur
  - id: P-admin
    name: Admin
    role: Administrateur
"""

STATUSES = ["À faire", "À faire", "À faire", "En cours", "Terminé", "Terminé"]
POINTS = [1, 2, 3, 5, 8]
PRIORITIES = ["must", "must", "should", "could"]


MAX_SPRINTS = 200  # the model's limit on sprints.count
STORIES_PER_SPRINT = 80  # at velocity 400


def plan_size(stories: int) -> dict[str, int]:
    """Sprints and velocity for `stories`: one sprint per 80 stories up to the model's 200, then a faster team
    (at 50,000 stories: 200 sprints at velocity 1,600) so that the plan stays valid at any size."""
    sprints = min(MAX_SPRINTS, max(10, stories // STORIES_PER_SPRINT))
    speed_up = max(1, math.ceil(stories / (sprints * STORIES_PER_SPRINT)))
    return {"sprints": sprints, "velocity": 400 * speed_up}


def generate(root: Path, stories: int = 10_000, epics: int = 100, screens: int = 200, seed: int = 7) -> Path:
    """Write a valid project under `root` (replacing it) and return it."""
    rng = random.Random(seed)
    if root.exists():
        shutil.rmtree(root)
    (root / "backlog" / "epics").mkdir(parents=True)
    (root / "mockups" / "front-office").mkdir(parents=True)
    (root / "specs").mkdir(parents=True)
    per_epic = max(1, stories // epics)
    (root / "backlog" / "project.yaml").write_text(PROJECT.format(**plan_size(stories)), encoding="utf-8")
    (root / "backlog" / "personas.yaml").write_text(PERSONAS, encoding="utf-8")
    rules = [f"BR-R{n:03d}" for n in range(1, 51)]
    (root / "specs" / "regles.md").write_text(
        "# Règles\n\n" + "".join(f"### {rule} — Règle {rule}\n\nTexte.\n\n" for rule in rules), encoding="utf-8"
    )
    screen_ids = [f"FO-ecran-{n:03d}" for n in range(1, screens + 1)]
    all_ids: list[str] = []
    made = 0
    for e in range(1, epics + 1):
        eid = f"E{e:03d}"
        lines = [
            f"id: {eid}",
            f"title: Epic {e}",
            "area: front-office",
            "priority: must",
            f"description: Description de l'epic {e}.",
            "stories:",
        ]
        count = per_epic if e < epics else stories - made
        for s in range(1, count + 1):
            sid = f"{eid}-S{s:03d}"
            deps = rng.sample(all_ids[-200:], k=min(len(all_ids[-200:]), rng.choice([0, 0, 1, 2])))
            lines += [
                f"  - id: {sid}",
                f"    title: Story {sid} pour le fan",
                "    as_a: P-fan",
                "    i_want: regarder le match en direct sur mon téléphone",
                "    so_that: je ne rate aucune action de mon équipe",
                "    acceptance:",
                "      - given: je suis connecté",
                "        when: j'ouvre la page du direct",
                "        then: la vidéo démarre en moins de deux secondes",
                "      - given: je n'ai pas de pass",
                "        when: j'ouvre la page du direct",
                "        then: l'offre de pass m'est proposée",
                f"    points: {rng.choice(POINTS)}",
                f"    priority: {rng.choice(PRIORITIES)}",
                f"    status: {rng.choice(STATUSES)}",
                f"    depends_on: [{', '.join(deps)}]",
                f"    screens: [{rng.choice(screen_ids)}]",
                f"    rules: [{rng.choice(rules)}]",
            ]
            all_ids.append(sid)
        made += count
        (root / "backlog" / "epics" / f"{eid}-epic.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for sid in screen_ids:
        (root / "mockups" / "front-office" / f"{sid}.yaml").write_text(
            f"id: {sid}\ntitle: Écran {sid}\narea: front-office\ncomponents:\n"
            f"  - type: header\n    title: Fanzone\n  - type: button\n    label: Suivant\n    to: {screen_ids[0]}\n",
            encoding="utf-8",
        )
    return root


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("root", type=Path)
    parser.add_argument("--stories", type=int, default=10_000)
    parser.add_argument("--epics", type=int, default=100)
    args = parser.parse_args()
    generate(args.root, args.stories, args.epics)
    print(f"wrote {args.stories} stories under {args.root}")
