"""The abbreviations file appended to every page becomes `abbr`'s glossary: the same HTML, far less Markdown work;
files holding anything else, or lying outside the project, stay as the user configured them."""

from __future__ import annotations

from pathlib import Path

import markdown
from hypothesis import given
from hypothesis import strategies as st

from generators.site.glossary import abbreviations, fold_abbreviations

EXTENSIONS = ["abbr", "attr_list", "tables", "pymdownx.snippets"]
PAGE = """# Paiement

Le RGPD et la 2FA s'appliquent au paiement 3DS.

| Sigle | Usage |
|---|---|
| RGPD | données |

*[3DS]: défini dans la page
"""
DEFINITIONS = "*[RGPD]: Règlement général sur la protection des données\n\n*[2FA]: double authentification\n"


def _configs(root: Path, *appended: str) -> dict[str, dict]:
    return {"pymdownx.snippets": {"base_path": [str(root)], "auto_append": list(appended), "check_paths": False}}


def _html(extensions: list[str], configs: dict[str, dict]) -> str:
    return markdown.Markdown(extensions=extensions, extension_configs=configs).convert(PAGE)


def test_the_glossary_gives_the_same_html_as_the_appended_file(tmp_path: Path) -> None:
    (tmp_path / "includes").mkdir()
    (tmp_path / "includes" / "abbreviations.md").write_text(DEFINITIONS, encoding="utf-8")
    appended = _configs(tmp_path, "includes/abbreviations.md")
    before = _html(EXTENSIONS, appended)
    folded = _configs(tmp_path, "includes/abbreviations.md")
    extensions = list(EXTENSIONS)
    assert fold_abbreviations(extensions, folded, tmp_path) == ["includes/abbreviations.md"]
    assert folded["pymdownx.snippets"]["auto_append"] == []
    assert folded["abbr"]["glossary"]["RGPD"] == "Règlement général sur la protection des données"
    after = _html(extensions, folded)
    assert '<abbr title="Règlement général sur la protection des données">RGPD</abbr>' in before
    assert after == before


def test_a_file_with_other_text_stays_appended(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text(DEFINITIONS + "\nUne phrase ordinaire.\n", encoding="utf-8")
    configs = _configs(tmp_path, "notes.md")
    assert fold_abbreviations(list(EXTENSIONS), configs, tmp_path) == []
    assert configs["pymdownx.snippets"]["auto_append"] == ["notes.md"] and "abbr" not in configs


def test_a_file_outside_the_project_is_not_read(tmp_path: Path) -> None:
    outside, root = tmp_path / "outside", tmp_path / "project"
    outside.mkdir()
    root.mkdir()
    (outside / "abbreviations.md").write_text(DEFINITIONS, encoding="utf-8")
    configs = _configs(root, "../outside/abbreviations.md")
    assert fold_abbreviations(list(EXTENSIONS), configs, root) == []
    assert configs["pymdownx.snippets"]["auto_append"] == ["../outside/abbreviations.md"]


def test_nothing_changes_without_abbr(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(DEFINITIONS, encoding="utf-8")
    configs = _configs(tmp_path, "a.md")
    assert fold_abbreviations(["pymdownx.snippets"], configs, tmp_path) == []
    assert configs["pymdownx.snippets"]["auto_append"] == ["a.md"]


def _is_definition(line: str) -> bool:
    end = line.find("]:")
    return line.startswith("*[") and end > 2 and "]" not in line[2:end]


@given(
    st.lists(st.one_of(st.text(max_size=40), st.builds("*[{}]: {}".format, st.text(max_size=8), st.text(max_size=20))))
)
def test_any_text_is_read_as_definitions_only_when_every_line_is_one(lines: list[str]) -> None:
    text = "\n".join(lines)
    found = abbreviations(text)
    shown = [line for line in text.splitlines() if line.strip()]
    assert (found is not None) == all(_is_definition(line) for line in shown), text
    if found is not None:
        assert len(found) <= len(shown)
