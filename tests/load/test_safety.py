"""What is read before it becomes data: nothing outside the project root, no control characters, one spelling."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest
from loadhelpers import edit, errors, line_of

from generators.load import load_backlog
from generators.load.safety import FORBIDDEN

E01 = "backlog/epics/E01-compte.yaml"


@pytest.mark.parametrize(
    ("link", "kind_folder"),
    [
        ("backlog/epics/E09-ailleurs.yaml", "epic"),
        ("mockups/front-office/FO-ailleurs.yaml", "screen"),
        ("specs/ailleurs.md", "rule"),
    ],
)
def test_symlink_out_of_the_root_is_an_error_and_never_read(
    mini_project: Path, tmp_path: Path, link: str, kind_folder: str
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "secret.yaml"
    secret.write_text("id: E09\n### BR-SECRET-01 — secret\n", encoding="utf-8")
    os.symlink(secret, mini_project / link)
    found = errors(mini_project)
    assert f"{link}:1: -: symbolic link to a file outside the project root: not read" in found
    assert not any("SECRET" in f or "E09" in f.split(": ", 1)[1] for f in found if not f.startswith(link))


def test_symlinked_folder_out_of_the_root(mini_project: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    (outside / "front-office").mkdir(parents=True)
    (outside / "front-office" / "FO-x.yaml").write_text("id: FO-x\n", encoding="utf-8")
    os.symlink(outside / "front-office", mini_project / "mockups" / "front-office-bis")
    os.rename(mini_project / "mockups" / "front-office", mini_project / "fo-save")
    os.symlink(outside / "front-office", mini_project / "mockups" / "front-office")
    found = errors(mini_project)
    assert "mockups/front-office/FO-x.yaml:1: -: symbolic link to a file outside the project root: not read" in found


def test_symlink_inside_the_root_is_read(mini_project: Path) -> None:
    (mini_project / "specs" / "index.md").rename(mini_project / "index-source.md")
    os.symlink(mini_project / "index-source.md", mini_project / "specs" / "index.md")
    assert errors(mini_project) == []


@pytest.mark.parametrize("char", ["\x1b", "\x07", "\x7f", "\x85", "\x9b", "\u202e", "\u2066", "\x00", "\r"])
def test_control_characters_in_text_are_located_errors(mini_project: Path, char: str) -> None:
    escaped = f"\\u{ord(char):04x}"
    edit(mini_project / E01, "title: Se connecter", f'title: "Se {escaped}connecter"')
    found = errors(mini_project)
    line = line_of(mini_project / E01, 'title: "Se ')
    assert found == [
        f"{E01}:{line}: E01-S02: title: control character U+{ord(char):04X} is not allowed in text (remove it)"
    ]


def test_raw_bidi_override_and_tab_and_newline(mini_project: Path) -> None:
    edit(mini_project / E01, "title: Se connecter", "title: Se \u202econnecter")
    assert any("E01-S02: title: control character U+202E" in f for f in errors(mini_project))
    edit(mini_project / E01, "title: Se \u202econnecter", 'title: "Se\\tconnecter"\n    notes: "a\\nb"')
    assert errors(mini_project) == []


def test_control_character_in_a_spec_page(mini_project: Path) -> None:
    page = mini_project / "specs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nTexte \x1b[2J effacé\n", encoding="utf-8")
    line = line_of(page, "Texte")
    assert errors(mini_project) == [f"specs/index.md:{line}: -: control character U+001B is not allowed in text"]


def test_forbidden_set_is_exactly_the_documented_one() -> None:
    allowed = {"\t", "\n"}
    for code in list(range(0x00, 0xA0)) + list(range(0x2020, 0x2070)):
        char = chr(code)
        expected = (
            (code < 0x20 and char not in allowed)
            or 0x7F <= code <= 0x9F
            or 0x202A <= code <= 0x202E
            or 0x2066 <= code <= 0x2069
        )
        assert bool(FORBIDDEN.search(char)) == expected, hex(code)


def test_nfd_status_equals_its_nfc_spelling(mini_project: Path) -> None:
    nfd = unicodedata.normalize("NFD", "À faire")
    assert nfd != "À faire"
    path = mini_project / "backlog/epics/E02-offres.yaml"
    edit(path, "status: À faire", f"status: {nfd}")
    result = load_backlog(mini_project)
    assert result.errors == []
    assert result.backlog is not None
    assert result.backlog.story("E02-S01").status == "À faire"
