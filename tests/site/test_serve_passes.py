"""`fanzone serve`'s rebuilds in two passes: the pages of the saved file are shown first (the browsers reload),
then the whole build renders the rest; the site it leaves is byte for byte the one a full build makes. Changes
the first pass cannot make alone (a title in the navigation, an invalid backlog) go through the whole build.
Real builds of the sample project, driven through the server's builder (`Rebuilds`) with no HTTP server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generators.site.build import _config_file, cache_root, mkdocs_logging, prepare
from generators.site.firstpass import changed_files, stamps
from generators.site.rebuilds import Rebuilds
from generators.site.serve import error_page

E01 = "backlog/epics/E01-compte.yaml"
EPIC_PAGE, PRINT, SPEC = "backlog/E01.html", "print_page.html", "specifications.html"
OLD_WANT, NEW_WANT = "créer un compte avec mon e-mail pour la VOD", "créer un compte zorglub pour la VOD"
NEW_SHOWN, OLD_SHOWN = "créer un compte zorglub pour la", "créer un compte avec mon e-mail pour la"  # VOD: an <abbr>
SERVE_URL = "http://127.0.0.1:8000/"


class Server:
    """What the live-reload server sees of the builds: each time the pages are shown, what they held."""

    def __init__(self, site: Path) -> None:
        self.site = site
        self.shown: list[dict[str, str]] = []
        self.holds = 0

    def show(self) -> None:
        self.shown.append({name: data.decode("utf-8", "replace") for name, data in _files(self.site).items()})

    def hold(self) -> None:
        self.holds += 1


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


@pytest.fixture
def logs() -> Iterator[Any]:
    with mkdocs_logging(verbose=False) as handler:
        yield handler


def _serve(project: Path, site: Path, logs: Any) -> tuple[Rebuilds, Server]:
    """The server's builds of `project` into `site`, after the first build."""
    cache = cache_root(project)
    config_file = _config_file(project, cache)
    options = {"strict": False, "site_dir": str(site)}
    server = Server(site)
    builds = Rebuilds(
        project,
        config_file,
        cache,
        options,
        logs,
        show=server.show,
        hold=server.hold,
        failed=lambda e: error_page(site, e),
    )
    config = prepare(project, config_file, cache, **options)
    config.site_url = SERVE_URL
    builds.configure(config)
    builds(config)
    server.show()
    return builds, server


def _rebuild(builds: Rebuilds, server: Server) -> None:
    """One rebuild, as MkDocs' server runs it: the builder, then the pages shown."""
    builds()
    server.show()


def _full_build(project: Path, tmp_path: Path, logs: Any) -> dict[str, bytes]:
    site = tmp_path / "fresh"
    _serve(project, site, logs)
    return _files(site)


def test_an_edited_story_shows_its_epic_page_first_then_the_site_a_full_build_makes(
    site_project: Path, tmp_path: Path, logs: Any
) -> None:
    site = tmp_path / "served"
    builds, server = _serve(site_project, site, logs)
    assert builds.first_pages == [] and len(server.shown) == 1  # the first build: every page, shown once
    server.shown.clear()
    _edit(site_project / E01, OLD_WANT, NEW_WANT)
    _rebuild(builds, server)
    assert builds.first_pages == ["backlog/E01.md"]
    first, *later = server.shown
    assert NEW_SHOWN in first[EPIC_PAGE]  # shown with the edit, before the rest of the site
    assert "zorglub" not in first[PRINT] and OLD_SHOWN in first[PRINT]  # the printable page follows
    assert server.holds == 1 and later  # requests waited again while the second pass wrote its pages
    assert NEW_SHOWN in _read(site / PRINT)
    assert first[EPIC_PAGE] == _read(site / EPIC_PAGE)  # what the first pass showed is the final page
    assert _files(site) == _full_build(site_project, tmp_path, logs)


def test_a_spec_page_edited_is_rendered_first(site_project: Path, tmp_path: Path, logs: Any) -> None:
    site = tmp_path / "served"
    builds, server = _serve(site_project, site, logs)
    _edit(site_project / "specs" / "index.md", "le compte est verrouillé", "le compte est zorglubé")
    _rebuild(builds, server)
    assert builds.first_pages == ["specifications.md"]
    first = server.shown[1]  # the first build's, then the first pass's
    assert "zorglubé" in first[SPEC] and "zorglubé" not in first[PRINT]
    assert first[SPEC] == _read(site / SPEC)
    assert _files(site) == _full_build(site_project, tmp_path, logs)


def test_a_mockup_edited_renders_its_screen_page_first(site_project: Path, tmp_path: Path, logs: Any) -> None:
    site = tmp_path / "served"
    builds, server = _serve(site_project, site, logs)
    _edit(site_project / "mockups" / "front-office" / "FO-connexion.yaml", "Mot de passe}", "Phrase zorglub}")
    _rebuild(builds, server)
    assert builds.first_pages == ["maquettes/FO-connexion.md"]
    screen = _read(site / "maquettes" / "FO-connexion.html")
    assert "Phrase zorglub" in screen and "zorglub" not in server.shown[1][PRINT]
    assert server.shown[1]["maquettes/FO-connexion.html"] == screen  # what the first pass showed is final
    assert _files(site) == _full_build(site_project, tmp_path, logs)


def test_a_title_in_the_navigation_has_no_first_pass(site_project: Path, tmp_path: Path, logs: Any) -> None:
    """An epic's title is in every page's navigation; a spec heading is its page's title: the whole build."""
    site = tmp_path / "served"
    builds, server = _serve(site_project, site, logs)
    server.shown.clear()
    _edit(site_project / E01, "title: Compte et authentification", "title: Comptes zorglub")
    _rebuild(builds, server)
    assert builds.first_pages == [] and server.holds == 0
    assert "Comptes zorglub" in server.shown[0]["index.html"]  # the first pages shown already have the new nav
    _edit(site_project / "specs" / "index.md", "# Mini spécification", "# Spécification zorglub")
    server.shown.clear()
    _rebuild(builds, server)
    assert builds.first_pages == [] and "Spécification zorglub" in server.shown[0]["index.html"]
    assert _files(site) == _full_build(site_project, tmp_path, logs)


def test_an_invalid_edit_is_the_error_page_then_the_fix_brings_the_site_back(
    site_project: Path, tmp_path: Path, logs: Any
) -> None:
    site = tmp_path / "served"
    builds, server = _serve(site_project, site, logs)
    server.shown.clear()
    _edit(site_project / E01, "priority: must\n", "priority: urgent\n")
    _rebuild(builds, server)
    assert builds.first_pages == [] and len(server.shown) == 1  # shown once: the error page
    page = _read(site / "index.html")
    assert "Le site n'a pas pu être construit" in page and "backlog/epics/E01-compte.yaml:4: E01:" in page
    assert not (site / EPIC_PAGE).exists()
    _edit(site_project / E01, "priority: urgent\n", "priority: must\n")
    _edit(site_project / E01, OLD_WANT, NEW_WANT)
    _rebuild(builds, server)
    assert builds.first_pages == []  # the site was the error page: every page again
    assert NEW_SHOWN in _read(site / EPIC_PAGE)
    assert _files(site) == _full_build(site_project, tmp_path, logs)


def test_a_spec_page_made_a_link_outside_the_project_is_never_served(
    site_project: Path, tmp_path: Path, logs: Any
) -> None:
    site = tmp_path / "served"
    builds, server = _serve(site_project, site, logs)
    secret = tmp_path / "secret.md"
    secret.write_text("# Mini spécification\n\nZORGLUB-SECRET\n", encoding="utf-8")
    (site_project / "specs" / "index.md").unlink()
    (site_project / "specs" / "index.md").symlink_to(secret)
    _rebuild(builds, server)
    assert builds.first_pages == []
    assert not any("ZORGLUB-SECRET" in text for shown in server.shown for text in shown.values())
    assert "Le site n'a pas pu être construit" in _read(site / "index.html")


def test_files_added_or_removed_are_not_changes_in_place(tmp_path: Path) -> None:
    (tmp_path / "backlog").mkdir()
    (tmp_path / "backlog" / "a.yaml").write_text("a", encoding="utf-8")
    (tmp_path / "backlog" / ".hidden").write_text("h", encoding="utf-8")
    before = stamps(tmp_path, [tmp_path / "backlog", tmp_path / "missing"])
    assert list(before) == ["backlog/a.yaml"]
    (tmp_path / "backlog" / "a.yaml").write_text("ab", encoding="utf-8")
    assert changed_files(before, stamps(tmp_path, [tmp_path / "backlog"])) == {"backlog/a.yaml"}
    (tmp_path / "backlog" / "b.yaml").write_text("b", encoding="utf-8")
    assert changed_files(before, stamps(tmp_path, [tmp_path / "backlog"])) is None
