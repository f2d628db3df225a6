"""`fanzone build` answers "up to date" only when the site is what a full build would give: the files the
configuration and the pages read outside the project folders are inputs too (an inherited configuration, the
`!ENV` variables of the configuration, every snippet a page names: in a block list, with a line range, inside
another snippet, or missing yet). Real builds of the sample project through the command line."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

from generators.site.config_inputs import config_chain, env_names

Run = Callable[..., subprocess.CompletedProcess[str]]


def _build(fanzone: Run, project: Path, env: dict[str, str] | None = None) -> str:
    done = fanzone("build", cwd=project, env=env)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _page(project: Path, name: str) -> str:
    return (project / "site" / name).read_text(encoding="utf-8")


def test_an_inherited_configuration_is_an_input(site_project: Path, fanzone: Run) -> None:
    config = site_project / "mkdocs.yml"
    config.write_text("INHERIT: shared/base.yml\n" + config.read_text(encoding="utf-8"), encoding="utf-8")
    (site_project / "shared").mkdir()
    base = site_project / "shared" / "base.yml"
    base.write_text('copyright: "Droits zorglub"\n', encoding="utf-8")
    _build(fanzone, site_project)
    _build(fanzone, site_project)  # recorded as up to date
    base.write_text('copyright: "Droits bidule"\n', encoding="utf-8")
    _build(fanzone, site_project)
    assert "Droits bidule" in _page(site_project, "index.html")


def test_the_variables_the_configuration_reads_are_inputs(site_project: Path, fanzone: Run) -> None:
    config = site_project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = "\n".join(
        'site_name: !ENV [FZ_TEST_TITLE, "Défaut"]' if line.startswith("site_name:") else line
        for line in text.splitlines()
    )
    config.write_text(text + "\n", encoding="utf-8")
    _build(fanzone, site_project, env={"FZ_TEST_TITLE": "Titre zorglub"})
    _build(fanzone, site_project, env={"FZ_TEST_TITLE": "Titre zorglub"})
    _build(fanzone, site_project, env={"FZ_TEST_TITLE": "Titre bidule"})
    assert "<title>Titre bidule" in _page(site_project, "index.html")


def test_every_snippet_a_page_reads_is_an_input(site_project: Path, fanzone: Run) -> None:
    notes = site_project / "notes"
    notes.mkdir()
    (notes / "un.md").write_text('Note un zorglub\n\n--8<-- "notes/quatre.md"\n', encoding="utf-8")
    (notes / "deux.md").write_text("Note deux zorglub\n", encoding="utf-8")
    (notes / "quatre.md").write_text("Note quatre zorglub\n", encoding="utf-8")
    index = site_project / "specs" / "index.md"
    index.write_text(
        index.read_text(encoding="utf-8")
        + '\n--8<--\nnotes/un.md\nnotes/deux.md\n--8<--\n\n--8<-- "notes/trois.md"\n\n--8<-- "notes/cinq.md:1:1"\n',
        encoding="utf-8",
    )
    _build(fanzone, site_project)
    _build(fanzone, site_project)
    for name in ("deux", "quatre"):  # the second file of a block, a snippet inside a snippet
        (notes / f"{name}.md").write_text(f"Note {name} bidule\n", encoding="utf-8")
    (notes / "trois.md").write_text("Note trois bidule\n", encoding="utf-8")  # missing until now
    (notes / "cinq.md").write_text("Note cinq bidule\nligne deux\n", encoding="utf-8")  # with a line range
    _build(fanzone, site_project)
    for built in ("specifications.html", "print_page.html"):  # specs/index.md, and the print page
        page = _page(site_project, built)
        for name in ("deux", "trois", "quatre", "cinq"):
            assert f"Note {name} bidule" in page
        assert "ligne deux" not in page


def test_configuration_inputs_found_without_loading(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "INHERIT: 'a/base.yml'  # shared\nsite_name: !ENV SITE_TITLE\nrepo_url: !ENV [REPO_A, REPO_B, 'x y']\n",
        encoding="utf-8",
    )
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "base.yml").write_text("INHERIT: ../mkdocs.yml\n", encoding="utf-8")  # a cycle: stops
    assert config_chain(config) == [config, (tmp_path / "a" / "base.yml").resolve()]
    assert env_names([config, tmp_path / "a"]) == ["REPO_A", "REPO_B", "SITE_TITLE"]


def test_the_helpers_a_hook_imports_are_inputs(site_project: Path, fanzone: Run) -> None:
    hooks = site_project / "hooks"
    hooks.mkdir()
    (hooks / "principal.py").write_text(
        "import aide\n\n\ndef on_page_content(html, page, config, files):\n    return html + aide.TEXTE\n",
        encoding="utf-8",
    )
    helper = hooks / "aide.py"  # imported from the hook's folder, as MkDocs allows
    helper.write_text('TEXTE = "<p>Aide zorglub</p>"\n', encoding="utf-8")
    config = site_project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "hooks:\n  - hooks/principal.py\n", encoding="utf-8")
    _build(fanzone, site_project)
    _build(fanzone, site_project)
    helper.write_text('TEXTE = "<p>Aide bidule</p>"\n', encoding="utf-8")
    _build(fanzone, site_project)
    assert "Aide bidule" in _page(site_project, "specifications.html")


def test_a_project_without_configuration_is_up_to_date_too(site_project: Path, fanzone: Run) -> None:
    (site_project / "mkdocs.yml").unlink()  # the default configuration, written under the cache at each build
    _build(fanzone, site_project)
    _build(fanzone, site_project)
    tree = site_project / ".cache" / "fanzone" / "docs"
    shutil.rmtree(tree)
    assert "up to date" in _build(fanzone, site_project)
    assert not tree.exists()  # answered without generating a page


def test_a_snippet_outside_the_project_is_never_an_input(site_project: Path, tmp_path: Path) -> None:
    from mkdocs.config import load_config

    from generators.site.snippet_inputs import snippet_paths

    (tmp_path / "secret.md").write_text("secret\n", encoding="utf-8")  # beside the project, out of its base
    (site_project / "specs" / "x.md").write_text('--8<-- "../secret.md"\n\n--8<-- "notes/a.md"\n', encoding="utf-8")
    config = load_config(config_file=str(site_project / "mkdocs.yml"))
    found = snippet_paths(config, site_project / "specs", ["x.md"])
    assert found["../secret.md"] == []  # the extension does not read it (restrict_base_path): neither do we
    assert found["notes/a.md"] == [site_project.resolve() / "notes" / "a.md"]  # missing: where it will be read
