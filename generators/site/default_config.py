"""A MkDocs configuration for projects that have none: the toolkit works on any backlog/ + mockups/ + specs/.

Values from `project.yaml` are user text: they are written as plain YAML strings (`yaml_string`, never a
tag, an alias or a number), and `protect_theme_values` makes the ones the theme prints (some places escape
them, some do not) show as text in every place.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from jinja2 import Environment, PackageLoader, StrictUndefined
from mkdocs.config.defaults import MkDocsConfig

from ..escape.html import html_safe_value

DEFAULT_CONFIG = ".cache/fanzone/mkdocs.yml"
EMPTY_SPECS = ".cache/fanzone/specs"
# configuration values Material and print-site print into pages, raw in some templates (`{{ config.site_name }}`)
# and escaped in others (`{{ config.site_name | e }}`); `copyright` is HTML by MkDocs' definition and is left alone
THEME_TEXT_VALUES = ("site_name", "site_description", "site_author", "repo_name")


def yaml_string(value: object) -> str:
    """A double-quoted YAML scalar that loads back as exactly this string, whatever it contains."""
    dumped = yaml.safe_dump(str(value), default_style='"', allow_unicode=True, width=1 << 30)
    return dumped.removesuffix("\n...\n").removesuffix("\n").strip()


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
    env.filters["yaml_string"] = yaml_string
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


def protect_theme_values(config: MkDocsConfig) -> None:
    """Make the configuration values the theme prints show as text (called by the plugin's `on_config`)."""
    for key in THEME_TEXT_VALUES:
        value = config.get(key)
        if isinstance(value, str) and value:
            config[key] = html_safe_value(value)
