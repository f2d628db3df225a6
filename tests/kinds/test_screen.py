"""The screen kind's own checks: folder and area agree, files are named after their id."""

from __future__ import annotations

import shutil
from pathlib import Path

from loadhelpers import edit, errors, line_of, warnings

FO = "mockups/front-office/FO-connexion.yaml"


def test_screen_in_the_wrong_area_folder(mini_project: Path) -> None:
    edit(mini_project / FO, "area: front-office", "area: back-office")
    assert errors(mini_project) == [
        f"{FO}:{line_of(mini_project / FO, 'area:')}: FO-connexion: screen FO-connexion (area back-office) is in "
        "mockups/front-office/: front-office screens have ids FO-… and area front-office"
    ]


def test_screen_file_named_otherwise_is_a_warning(mini_project: Path) -> None:
    shutil.move(mini_project / FO, mini_project / "mockups/front-office/connexion.yaml")
    rel = "mockups/front-office/connexion.yaml"
    assert errors(mini_project) == []
    assert (
        f"{rel}:{line_of(mini_project / rel, 'id:')}: FO-connexion: warning: file is named 'connexion'; name "
        "screen files after their id (FO-connexion.yaml)" in warnings(mini_project)
    )


def test_unknown_link_is_located_at_its_first_mention(mini_project: Path) -> None:
    path = mini_project / FO
    edit(path, "      - {label: Connexion, to: BO-offres}", "      - {label: Connexion, to: BO-nulle-part}")
    edit(path, "  - type: form", "  - {type: link, label: Aide, to: BO-nulle-part}\n  - type: form")
    path.write_text(path.read_text(encoding="utf-8") + "  - {type: link, label: Encore, to: BO-nulle-part}\n")
    first = line_of(path, "to: BO-nulle-part")
    assert errors(mini_project) == [f"{FO}:{first}: FO-connexion: links to unknown screen BO-nulle-part"]
