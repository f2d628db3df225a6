"""`fanzone export pdf --baseline NAME`: a baseline's dossier, printed once (real git, Chromium, PlantUML) from
that version's tree read from git objects, and read back with pypdf; the site offers it for download."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fanzone_cli import run_fanzone
from pdfhelpers import outline
from pypdf import PdfReader
from versionrepo import GIT_ENV, MINI, commit_all, edit_every_kind, fz, git, replace

from generators.cli.pdf_baseline import cache_file, dossier_file, site_dossiers
from generators.context import ProjectContext
from generators.load import load_backlog
from generators.load.revision import baselines
from generators.pdf.assemble import blank_pages

FRONT_PAGES = 2  # cover and contents of the mini project
UNCOMMITTED = "Texte jamais commité"  # in the working tree only: never in a baseline's dossier
AFTER = "Se connecter par lien magique"  # committed after v1.1: not in v1.1's dossier


@dataclass(frozen=True)
class Dossier:
    root: Path
    pdf: Path
    stderr: str
    reader: PdfReader
    pages: list[str]  # each page's text, spaces collapsed
    marks: list[tuple[int, str, int]]  # bookmarks: (level, title, 0-based page)

    def section(self, title: str, level: int = 1) -> str:
        """The text of the pages from bookmark `title` to the next bookmark of the same or a higher level."""
        starts = [(i, m) for i, m in enumerate(self.marks) if m[1] == title and m[0] == level]
        assert starts, (title, self.marks)
        index, (_, _, first) = starts[0]
        following = [page for lvl, _, page in self.marks[index + 1 :] if lvl <= level]
        last = following[0] if following else len(self.pages) - 1
        return " ".join(self.pages[first : last + 1])


@pytest.fixture(scope="module")
def dossier(tmp_path_factory: pytest.TempPathFactory, pdf_env: dict[str, str]) -> Iterator[Dossier]:
    """Two baselines (an approval recorded between them, changes of every kind), a commit after the second and
    an uncommitted edit; then the dossier of v1.1 printed once."""
    root = tmp_path_factory.mktemp("baseline-pdf") / "project"
    shutil.copytree(MINI, root)
    (root / ".gitignore").write_text(".cache/\nsite/\n*.pdf\n", encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    commit_all(root, "the project")
    assert fz(root, "baseline", "create", "v1.0", "--note", "Version chiffrée par Pixodeo").returncode == 0
    assert fz(root, "approve", "E01-S01", "--by", "Hugo Bernard", "--role", "Pixodeo").returncode == 0
    edit_every_kind(root)
    commit_all(root, "approval, then edits of every kind")
    assert fz(root, "baseline", "create", "v1.1", "--note", "Version validée en comité").returncode == 0
    replace(root / "backlog/epics/E01-compte.yaml", "title: Se connecter\n", f"title: {AFTER}\n")
    commit_all(root, "after v1.1")
    spec = root / "specs/index.md"
    spec.write_text(spec.read_text(encoding="utf-8") + f"\n{UNCOMMITTED}\n", encoding="utf-8")
    target = root / "v1.1.pdf"
    done = fz(root, "export", "pdf", "--baseline", "v1.1", "-o", str(target))
    assert done.returncode == 0, done.stderr
    reader = PdfReader(target)
    pages = [" ".join((page.extract_text() or "").split()) for page in reader.pages]
    yield Dossier(root, target, done.stderr, reader, pages, outline(reader))


def test_the_cover_names_the_baseline_its_date_and_its_note(dossier: Dossier) -> None:
    cover = dossier.pages[0]
    assert "Version v1.1" in cover and "version de référence" in cover and "Version validée en comité" in cover
    assert "brouillon" not in cover and "Fanzone TV — mini" in cover
    assert dossier.reader.metadata is not None and dossier.reader.metadata.title.endswith("— v1.1")
    for index in range(FRONT_PAGES, len(dossier.pages)):  # the version on every page's running lines
        assert "— v1.1" in dossier.pages[index] and "v1.1 page " in dossier.pages[index]


def test_the_changes_are_those_since_the_previous_baseline(dossier: Dossier) -> None:
    titles = [(level, title) for level, title, _ in dossier.marks]
    assert (1, "Changements") in titles
    assert (2, "Depuis v1.0") in titles
    assert (2, "Depuis v1.1") not in titles  # never since itself
    changes = dossier.section("Changements")
    assert "Comparé à la version v1.0" in changes and "Version chiffrée par Pixodeo" in changes
    assert "E02-S02" in changes and "FO-connexion" in changes  # a story added and a screen changed in v1.1
    assert "Glossaire" in changes  # a spec section added in v1.1


def test_the_tree_is_the_baselines_never_the_working_tree(dossier: Dossier) -> None:
    every = " ".join(dossier.pages)
    assert "trente minutes" in every  # v1.1's text (v1.0 said "quinze minutes")
    assert AFTER not in every  # committed after the baseline
    assert UNCOMMITTED not in every  # never committed
    status = git(dossier.root, "status", "--porcelain")
    assert status.split() == ["M", "specs/index.md"]  # the working tree as the user left it
    assert UNCOMMITTED in (dossier.root / "specs/index.md").read_text(encoding="utf-8")


def test_the_approvals_have_their_own_bookmarked_section(dossier: Dossier) -> None:
    titles = [(level, title) for level, title, _ in dossier.marks]
    assert (2, "Validations") in titles
    approvals = dossier.section("Validations", level=2)
    for expected in ("Élément Validé par Rôle Date Version État", "Hugo Bernard", "Pixodeo", "E01-S01"):
        assert expected in approvals, approvals
    # approved on v1.0; FO-connexion, which E01-S01 cites, changed before v1.1: to be reviewed again
    assert "v1.0 à revalider (élément lié modifié) : FO-connexion" in approvals
    # the never-approved: counted per kind, never listed one by one (the site folds their list)
    assert "Jamais validés (8) Par type : 2 épopées, 3 stories, 2 écrans, 1 règle." in approvals, approvals
    assert "La liste des" not in approvals and "E02-S02" not in approvals and "BO-offres" not in approvals


def test_no_blank_page_and_the_plan_is_printed(dossier: Dossier) -> None:
    assert blank_pages(dossier.pdf.read_bytes(), FRONT_PAGES) == []
    assert "Planning prévisionnel au" in dossier.section("Planning")
    assert len(dossier.pages) > FRONT_PAGES + 10
    assert f"dossier of baseline v1.1, {len(dossier.pages)} pages (printed and cached)" in dossier.stderr


def test_a_baseline_is_printed_once_then_read_from_the_cache(dossier: Dossier, tmp_path: Path) -> None:
    done = run_fanzone("--root", str(dossier.root), "export", "pdf", "--baseline", "v1.1", cwd=tmp_path, env=GIT_ENV)
    assert done.returncode == 0, done.stderr
    assert "(from the cache)" in done.stderr
    written = tmp_path / "fanzone-specification-v1.1.pdf"  # the default name
    assert written.read_bytes() == dossier.pdf.read_bytes()
    assert not list((dossier.root / ".cache" / "fanzone").glob("baseline-tree-*"))  # the work folders are gone


def test_the_site_offers_every_baselines_dossier(dossier: Dossier, tmp_path: Path) -> None:
    from generators.cli.pdf_output import pdf_format
    from generators.site.build import build_site
    from generators.site.provided import provide_baseline_pdfs, provide_context

    backlog = load_backlog(dossier.root).backlog
    assert backlog is not None
    found = baselines(dossier.root, "spec/")
    stand_in = cache_file(dossier.root, found[0])  # v1.0's dossier as if printed before (nothing printed here)
    stand_in.write_bytes(dossier.pdf.read_bytes())
    project = ProjectContext(dossier.root, backlog)
    offered = site_dossiers(project, pdf_format())
    assert {name: path for name, (path, _) in offered.items()} == {
        "v1.0": "downloads/fanzone-specification-v1.0.pdf",
        "v1.1": "downloads/fanzone-specification-v1.1.pdf",
    }
    with provide_context(project), provide_baseline_pdfs(offered):
        build_site(dossier.root, site_dir=tmp_path / "site")
    assert (tmp_path / "site/downloads/fanzone-specification-v1.1.pdf").read_bytes() == dossier.pdf.read_bytes()
    page = (tmp_path / "site/planning/changements.html").read_text(encoding="utf-8")
    assert '<a href="../downloads/fanzone-specification-v1.0.pdf">v1.0</a>' in page
    assert '<a href="../downloads/fanzone-specification-v1.1.pdf">v1.1</a>' in page
    folded = page[page.index('<details class="fz-never-list">') : page.index("</details>")]  # collapsed
    assert "<summary>La liste des 8 éléments</summary>" in folded and "E02-S02" in folded and "BO-offres" in folded
    assert "<p>Par type : 2 épopées, 3 stories, 2 écrans, 1 règle.</p>" in page


@pytest.mark.parametrize(
    ("name", "expected"),
    [("v1.0", "fanzone-specification-v1.0.pdf"), ("2026/T1 final", "fanzone-specification-2026-T1-final.pdf")],
)
def test_the_default_file_name_carries_the_baseline(name: str, expected: str) -> None:
    assert dossier_file("fanzone-specification.pdf", name) == expected
