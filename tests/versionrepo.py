"""Helpers for real git repositories made from the mini project in tests."""

from __future__ import annotations

import subprocess
from pathlib import Path

from fanzone_cli import run_fanzone

MINI = Path(__file__).resolve().parent / "fixtures" / "mini"
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Claire Martin",
    "GIT_AUTHOR_EMAIL": "claire@fanzone.tv",
    "GIT_COMMITTER_NAME": "Claire Martin",
    "GIT_COMMITTER_EMAIL": "claire@fanzone.tv",
    "GIT_CONFIG_GLOBAL": "/dev/null",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(root: Path, *args: str) -> str:
    import os

    done = subprocess.run(
        ["git", "-C", str(root), *args], capture_output=True, text=True, env={**os.environ, **GIT_ENV}, check=True
    )
    return done.stdout


def commit_all(root: Path, message: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def fz(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The real `fanzone` command line run on `root`."""
    return run_fanzone("--root", str(root), *args, env=GIT_ENV)


def edit_every_kind(root: Path) -> None:
    """Changes of every kind after v1.0: story fields and a criterion, a new story, a renamed epic file (no
    change), a screen's components, a rule's text, a new spec section, a project setting."""
    e01 = root / "backlog/epics/E01-compte.yaml"
    replace(e01, "    points: 2\n", "    points: 3\n")
    replace(e01, "le compte est verrouillé quinze minutes", "le compte est verrouillé trente minutes")
    replace(e01, "    depends_on: [E01-S01]\n", "    depends_on: [E01-S01]\n    rules: [BR-ACC-01]\n")
    renamed = root / "backlog/epics/E02-catalogue.yaml"
    (root / "backlog/epics/E02-offres.yaml").rename(renamed)
    renamed.write_text(renamed.read_text(encoding="utf-8") + NEW_STORY, encoding="utf-8")
    screen = root / "mockups/front-office/FO-connexion.yaml"
    replace(screen, "    title: Fanzone TV\n", "    title: Fanzone\n")
    screen.write_text(
        screen.read_text(encoding="utf-8") + "  - type: text\n    text: Mot de passe oublié ?\n", encoding="utf-8"
    )
    spec = root / "specs/index.md"
    replace(spec, "quinze minutes", "trente minutes")
    spec.write_text(spec.read_text(encoding="utf-8") + "\n## Glossaire\n\nFan : utilisateur final.\n", encoding="utf-8")
    replace(root / "backlog/project.yaml", "velocity: 20", "velocity: 25")


NEW_STORY = """\
  - id: E02-S02
    title: Archiver une offre
    as_a: P-admin
    i_want: archiver une offre
    so_that: elle ne soit plus proposée
    acceptance:
      - given: une offre active
        when: je l'archive
        then: elle disparaît du catalogue
    points: 2
    priority: could
    status: À faire
    screens: [BO-offres]
"""
