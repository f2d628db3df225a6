"""A MkDocs configuration for projects that have none: the toolkit works on any backlog/ + mockups/ + specs/."""

from __future__ import annotations

from pathlib import Path

import yaml
from jinja2 import Environment, PackageLoader, StrictUndefined

DEFAULT_CONFIG = ".cache/fanzone/mkdocs.yml"
EMPTY_SPECS = ".cache/fanzone/specs"


def _project_name(root: Path) -> str:
    """The project's name from backlog/project.yaml, without failing: the build validates it properly later."""
    try:
        data = yaml.safe_load((root / "backlog" / "project.yaml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return "Backlog"
    name = data.get("name") if isinstance(data, dict) else None
    return str(name) if isinstance(name, str) and name.strip() else "Backlog"


def write_default_config(root: Path, cache: Path | None = None) -> Path:
    """Write `<root>/.cache/fanzone/mkdocs.yml` (absolute paths; specs/ may be absent) and return its path.

    `cache` replaces `<root>/.cache` (a read-only checkout builds with its caches elsewhere).
    """
    root = root.resolve()
    base = cache or root / ".cache"
    docs_dir = root / "specs"
    if not docs_dir.is_dir():
        docs_dir = base / Path(EMPTY_SPECS).relative_to(".cache")
        docs_dir.mkdir(parents=True, exist_ok=True)
    env = Environment(
        loader=PackageLoader("generators", "templates"),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
    )
    name = _project_name(root)
    text = env.get_template("site/mkdocs.default.yml.j2").render(
        site_name=f"{name} — spécifications et backlog",
        site_description=f"Spécifications, backlog, maquettes et planning : {name}.",
        docs_dir=str(docs_dir),
        site_dir=str(root / "site"),
        root=str(root),
    )
    path = base / Path(DEFAULT_CONFIG).relative_to(".cache")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
