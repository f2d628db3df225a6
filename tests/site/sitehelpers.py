"""Shared by the site tests (importable: tests/site/conftest.py puts this folder on sys.path)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
MINI = REPO / "tests" / "fixtures" / "mini"
HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
ARTIFACTS = REPO / "test-artifacts" / "site"
HOSTILE = "<script>alert(1)</script>"


def make_project(target: Path, *, hostile: bool = True) -> Path:
    """A copy of tests/fixtures/mini with the repo's mkdocs.yml, the all-components screen, and (by default)
    a hostile epic title and story values, a Jira key, and an abbreviations file."""
    shutil.copytree(MINI, target)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copy(FIXTURES / "FO-vitrine.yaml", target / "mockups" / "front-office" / "FO-vitrine.yaml")
    (target / "includes").mkdir()
    (target / "includes" / "abbreviations.md").write_text("*[VOD]: Vidéo à la demande\n", encoding="utf-8")
    if hostile:
        epic = target / "backlog" / "epics" / "E02-offres.yaml"
        text = epic.read_text(encoding="utf-8")
        text = text.replace("title: Offres et tarifs", f'title: "{HOSTILE}"')
        text = text.replace("title: Créer une offre", 'title: "Créer une offre | **gras** [lien](http://evil.example)"')
        epic.write_text(text, encoding="utf-8")
        first = target / "backlog" / "epics" / "E01-compte.yaml"
        text = first.read_text(encoding="utf-8")
        text = text.replace("    title: Créer un compte\n", "    title: Créer un compte\n    jira: FZ-12\n", 1)
        text = text.replace(
            "i_want: créer un compte avec mon e-mail", "i_want: créer un compte avec mon e-mail pour la VOD"
        )
        first.write_text(text, encoding="utf-8")
    return target


def render_markdown(text: str) -> str:
    """HTML of a Markdown text with the site's extensions (from mkdocs.yml; no abbreviations, no PlantUML)."""
    import markdown
    from mkdocs.config import load_config

    config = load_config(str(REPO / "mkdocs.yml"))
    skip = ("pymdownx.snippets", "generators.site.plantuml_ext")
    extensions = [ext for ext in config.markdown_extensions if ext not in skip]
    options = {name: value for name, value in config.mdx_configs.items() if name in extensions}
    return markdown.Markdown(extensions=extensions, extension_configs=options).convert(text)


def text_of(fragment: str) -> str:
    """Visible text of an HTML fragment (tags and permalink signs removed, entities decoded)."""
    import html
    import re

    fragment = re.sub(r'<a class="headerlink".*?</a>', "", fragment)
    return html.unescape(re.sub(r"<[^>]+>", "", fragment)).strip()


def stop(process: subprocess.Popen) -> None:
    """Stop a server started by a test: terminate, then kill if it does not stop within 20 s."""
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=20)
