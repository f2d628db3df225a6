"""A spec page whose URL is the one of a generated page (or of the spec home page) is a located error."""

from __future__ import annotations

from pathlib import Path

import pytest
from fanzone_cli import run_fanzone

from generators.site import paths

GENERATED = [paths.HOME, paths.BACKLOG_INDEX, "backlog/E01.md", "planning/index.md", paths.SCREENS_INDEX]


@pytest.mark.parametrize(
    ("src", "dest", "taken_by"),
    [
        ("planning.md", "planning/index.html", "a generated page (planning/index.md)"),
        ("backlog/index.md", "backlog/index.html", "a generated page (backlog/index.md)"),
        ("backlog.md", "backlog/index.html", "a generated page (backlog/index.md)"),
        ("backlog/E01/index.md", "backlog/E01/index.html", "a generated page (backlog/E01.md)"),
        ("specifications.md", "specifications/index.html", "the specification's home page"),
        ("specifications/index.md", "specifications/index.html", "the specification's home page"),
        ("index.html", "index.html", "the site's home page"),
    ],
)
def test_a_spec_file_in_the_way_is_named(src: str, dest: str, taken_by: str) -> None:
    errors = paths.spec_collisions([("index.md", "index.html"), (src, dest)], GENERATED, True)
    assert (
        len(errors) == 1 and errors[0].startswith(f"specs/{src}:1: {src}: is in the way of ") and taken_by in errors[0]
    )


def test_other_spec_files_are_fine() -> None:
    spec = [("index.md", "index.html"), ("perimetre.md", "perimetre/index.html"), ("img/a.png", "img/a.png")]
    assert paths.spec_collisions(spec, GENERATED, True) == []
    assert paths.spec_collisions([("planning.md", "planning.html")], GENERATED, False) == []  # planning/index.html
    assert paths.spec_collisions([("planning/index.md", "planning/index.html")], GENERATED, False) != []


def test_build_refuses_a_spec_page_that_would_replace_a_generated_one(site_project: Path) -> None:
    (site_project / "specs" / "planning").mkdir()
    (site_project / "specs" / "planning" / "index.md").write_text("# Mon planning\n", encoding="utf-8")
    (site_project / "specs" / "specifications.md").write_text("# Pirate\n", encoding="utf-8")
    result = run_fanzone("--root", str(site_project), "build")
    assert result.returncode == 1, result.stdout + result.stderr
    output = result.stdout + result.stderr
    assert (
        "specs/planning/index.md:1: planning/index.md: is in the way of a generated page (planning/index.md), "
        "both at /planning/index.html" in output
    )
    assert "specs/specifications.md:1:" in output and "Traceback" not in output
