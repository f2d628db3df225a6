"""The PDF dossier of a small project, printed once per session by the real command line (real Chromium)."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parent / "site"))

from pdfhelpers import Printed  # noqa: E402
from sitehelpers import make_project  # noqa: E402
from versionrepo import commit_all, fz, git  # noqa: E402

from generators.site.engine import DEFAULT_JAR  # noqa: E402

REPO = HERE.parents[1]


@pytest.fixture(scope="session")
def pdf_env() -> Iterator[dict[str, str]]:
    """The pinned PlantUML jar and the tests' render cache, for the command lines the tests run."""
    env = {"FANZONE_PLANTUML_CACHE": str(REPO / ".cache" / "plantuml-tests"), "NO_MKDOCS_2_WARNING": "1"}
    if (REPO / DEFAULT_JAR).is_file() and not os.environ.get("FANZONE_PLANTUML"):
        env["FANZONE_PLANTUML"] = str(REPO / DEFAULT_JAR)
    saved = {key: os.environ.get(key) for key in env}
    os.environ.update(env)
    yield env
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture(scope="session")
def printed(tmp_path_factory: pytest.TempPathFactory, pdf_env: dict[str, str]) -> Printed:
    """The sample project (hostile titles included) committed, baselined as v1.0, exported to PDF."""
    root = make_project(tmp_path_factory.mktemp("pdf") / "project")
    (root / ".gitignore").write_text("site/\n.cache/\n*.pdf\n", encoding="utf-8")
    git(root, "init", "-q")
    commit_all(root, "the project")
    made = fz(root, "baseline", "create", "v1.0", "--note", "Version chiffrée par Pixodeo")
    assert made.returncode == 0, made.stderr
    target = root / "dossier.pdf"
    done = fz(root, "export", "pdf", "-o", str(target))
    assert done.returncode == 0, done.stderr
    return Printed(root, target, root / ".cache" / "fanzone" / "pdf-site", done.stderr)
