"""`fanzone build` and plain `mkdocs build` on a sample project: the pages, the safety of the swap, the errors."""

from __future__ import annotations

import html
import os
import re
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from sitehelpers import HOSTILE

Run = Callable[..., subprocess.CompletedProcess[str]]

EXPECTED_PAGES = [
    "index.html",  # the dashboard
    "specifications.html",  # specs/index.md, moved so that the dashboard is the home page
    "backlog/index.html",
    "backlog/E01.html",
    "backlog/E02.html",
    "backlog/personas.html",
    "backlog/tracabilite.html",
    "maquettes/index.html",
    "maquettes/front-office.html",
    "maquettes/back-office.html",
    "maquettes/FO-connexion.html",
    "maquettes/FO-vitrine.html",
    "maquettes/BO-offres.html",
    "print_page.html",
    "assets/fanzone/fanzone.css",
    "search/search_index.json",
]


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _build(fanzone: Run, project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return fanzone("build", *args, cwd=project)


def test_build_makes_every_page_and_writes_nothing_in_specs(site_project: Path, fanzone: Run) -> None:
    specs_before = _tree(site_project / "specs")
    done = _build(fanzone, site_project)
    assert done.returncode == 0, done.stderr
    assert re.search(r"built .*site in [0-9.]+ s: \d+ pages", done.stdout)
    site = site_project / "site"
    missing = [page for page in EXPECTED_PAGES if not (site / page).is_file()]
    assert not missing
    assert _tree(site_project / "specs") == specs_before
    assert not list(site_project.glob(".site.*")), "scratch folders left behind"


def test_second_build_renders_no_diagram(site_project: Path, fanzone: Run) -> None:
    assert _build(fanzone, site_project).returncode == 0
    again = _build(fanzone, site_project)
    assert again.returncode == 0
    assert re.search(r"\d+ diagrams \(0 rendered, the rest cached\)", again.stdout), again.stdout


def test_built_pages_link_rules_screens_and_jira(built_site: Path) -> None:
    spec = (built_site / "specifications.html").read_text(encoding="utf-8")
    assert 'id="br-acc-01"' in spec
    epic = (built_site / "backlog" / "E01.html").read_text(encoding="utf-8")
    assert 'href="../specifications.html#br-acc-01"' in epic
    assert 'href="../maquettes/FO-connexion.html"' in epic
    assert 'href="https://fanzone.atlassian.net/browse/FZ-12"' in epic
    assert 'href="personas.html#p-fan"' in epic
    assert '<abbr title="Vidéo à la demande">VOD</abbr>' in epic  # glossary tooltips on generated pages too


def test_wireframe_is_inline_svg_with_links_to_the_next_screens(built_site: Path) -> None:
    page = (built_site / "maquettes" / "FO-vitrine.html").read_text(encoding="utf-8")
    svg = re.search(r"<svg [^>]*class=\"uml fz_wireframe\".*?</svg>", page, re.DOTALL)
    assert svg, "no inline wireframe"
    links = set(re.findall(r'<a [^>]*href="([^"]+)"', svg.group(0)))
    assert links == {"FO-connexion.html", "BO-offres.html"}
    assert "Syntax Error" not in page
    flow = (built_site / "maquettes" / "front-office.html").read_text(encoding="utf-8")
    flow_svg = re.search(r'<svg [^>]*class="uml fz_flow".*?</svg>', flow, re.DOTALL)
    assert (
        flow_svg and 'href="FO-vitrine.html"' in flow_svg.group(0) and 'href="FO-connexion.html"' in flow_svg.group(0)
    )


def test_nothing_is_fetched_from_another_host(built_site: Path) -> None:
    for page in built_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for tag, url in re.findall(r"<(script|link|img|iframe|source|video)\b[^>]*?(?:src|href)=\"([^\"]+)\"", text):
            assert not re.match(r"^(https?:)?//", url), f"{page}: <{tag}> loads {url}"
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text
    css = "\n".join(p.read_text(encoding="utf-8") for p in built_site.rglob("*.css"))
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", css)


def test_hostile_title_is_text_everywhere(built_site: Path) -> None:
    for page in built_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert HOSTILE not in text, page
        title = re.search(r"<title>(.*?)</title>", text, re.DOTALL)
        assert title and "<" not in title.group(1), page
    epic = (built_site / "backlog" / "E02.html").read_text(encoding="utf-8")
    h1 = re.search(r"<h1[^>]*>(.*?)<a class=\"headerlink\"", epic, re.DOTALL)
    assert h1 and html.unescape(re.sub(r"<[^>]+>", "", h1.group(1))).strip() == f"E02 — {HOSTILE}"


def test_print_page_holds_the_specification(built_site: Path) -> None:
    page = (built_site / "print_page.html").read_text(encoding="utf-8")
    assert "Verrouillage du compte" in page  # a spec page
    assert "Créer un compte" in page  # the backlog
    assert "fz_wireframe" in page  # the wireframes
    assert "Tableau de bord" not in re.sub(r"<nav.*?</nav>", "", page, flags=re.DOTALL)
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert '<a href="print_page.html">Version imprimable de la spécification</a>' in home


def test_broken_backlog_stops_with_located_errors_and_keeps_the_site(site_project: Path, fanzone: Run) -> None:
    assert _build(fanzone, site_project).returncode == 0
    before = _tree(site_project / "site")
    epic = site_project / "backlog" / "epics" / "E02-offres.yaml"
    epic.write_text(epic.read_text(encoding="utf-8").replace("as_a: P-admin", "as_a: P-inconnu"), encoding="utf-8")
    done = _build(fanzone, site_project)
    assert done.returncode == 1
    assert "backlog/epics/E02-offres.yaml:10: E02-S01: as_a: unknown persona P-inconnu" in done.stderr
    assert "Traceback" not in done.stderr
    assert _tree(site_project / "site") == before


def test_diagram_error_fails_the_build_and_keeps_the_site(site_project: Path, fanzone: Run) -> None:
    assert _build(fanzone, site_project).returncode == 0
    before = _tree(site_project / "site")
    spec = site_project / "specs" / "index.md"
    spec.write_text(
        spec.read_text(encoding="utf-8") + "\n```plantuml\n@startuml\nA -> B\nceci ((( [[[ n'est pas\n@enduml\n```\n",
        encoding="utf-8",
    )
    line = spec.read_text(encoding="utf-8").splitlines().index("ceci ((( [[[ n'est pas") + 1
    done = _build(fanzone, site_project)
    assert done.returncode == 1
    assert f"specs/index.md:{line}: PlantUML: syntax error near: " in done.stderr
    assert "unchanged" in done.stderr and "Traceback" not in done.stderr
    assert _tree(site_project / "site") == before
    assert not list((site_project / ".cache").glob("site-*"))


def test_a_spec_page_in_the_way_of_a_generated_page(site_project: Path, fanzone: Run) -> None:
    (site_project / "specs" / "backlog").mkdir()
    (site_project / "specs" / "backlog" / "E01.md").write_text("# Doublon\n", encoding="utf-8")
    done = _build(fanzone, site_project)
    assert done.returncode == 1
    assert "specs/backlog/E01.md:1: backlog/E01.md: is in the way of a generated page" in done.stderr


def test_plain_mkdocs_build_works_too(site_project: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=site_project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (site_project / "site" / "maquettes" / "FO-vitrine.html").is_file()
    epic = site_project / "backlog" / "epics" / "E01-compte.yaml"
    epic.write_text(epic.read_text(encoding="utf-8").replace("points: 3", "points: 4"), encoding="utf-8")
    broken = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build"],
        cwd=site_project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert broken.returncode != 0
    assert "fanzone: the backlog is invalid" in broken.stderr
    assert "E01-compte.yaml" in broken.stderr and "Fibonacci" in broken.stderr


def test_site_dir_option(site_project: Path, fanzone: Run, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere" / "public"
    done = _build(fanzone, site_project, "--site-dir", str(target))
    assert done.returncode == 0, done.stderr
    assert (target / "maquettes" / "FO-vitrine.html").is_file()
    assert not (site_project / "site").exists()


def test_site_follows_the_umask_and_a_killed_swap_is_recovered(site_project: Path, fanzone: Run) -> None:
    """site/ and its files get the umask's permissions (readable by a web server), not mkdtemp's 0700; a site
    set aside by a killed swap comes back before the build, and scratch folders of dead builds go."""
    dead = int(subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True).stdout)
    aside = site_project / f".site.old-{dead}-x"
    aside.mkdir()
    (aside / "index.html").write_text("previous", encoding="utf-8")
    (site_project / f".site.build-{dead}-y").mkdir()
    previous = os.umask(0o027)
    try:
        done = _build(fanzone, site_project, "--site-dir", str(site_project / "site"), "--strict")
    finally:
        os.umask(previous)
    assert done.returncode == 0, done.stderr
    site = site_project / "site"
    assert stat.S_IMODE(site.stat().st_mode) == 0o750
    assert stat.S_IMODE((site / "index.html").stat().st_mode) == 0o640
    assert stat.S_IMODE((site / "backlog").stat().st_mode) == 0o750
    assert stat.S_IMODE((site / "backlog" / "E01.html").stat().st_mode) == 0o640
    assert "previous" not in (site / "index.html").read_text(encoding="utf-8")
    assert not list(site_project.glob(".site.*"))


def test_read_only_project_builds_into_a_writable_site_dir(site_project: Path, fanzone: Run, tmp_path: Path) -> None:
    """The caches fall back to $XDG_CACHE_HOME when the project cannot be written. Tests may run as root, which
    ignores permissions: `.cache` is then also made a file, so that creating anything under it fails."""
    os.remove(site_project / "mkdocs.yml")  # the generated configuration must go to the cache too
    (site_project / ".cache").write_text("not a folder", encoding="utf-8")
    subprocess.run(["chmod", "-R", "a-w", str(site_project)], check=True)
    target = tmp_path / "public" / "site"
    try:
        done = fanzone(
            "build", "--site-dir", str(target), cwd=site_project, env={"XDG_CACHE_HOME": str(tmp_path / "xdg")}
        )
    finally:
        subprocess.run(["chmod", "-R", "u+w", str(site_project)], check=True)
    assert done.returncode == 0, done.stderr
    assert (target / "backlog" / "E01.html").is_file()
    assert list((tmp_path / "xdg" / "fanzone").glob("project-*/fanzone/mkdocs.yml"))
    assert sorted(p.name for p in site_project.iterdir()) == sorted(
        [".cache", "backlog", "includes", "mockups", "specs"]
    )
