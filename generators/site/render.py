"""Jinja2 environments for the generated pages: Markdown templates and HTML fragments, both escaping by default.

Markdown templates (`*.md.j2`): every `{{ value }}` is neutralised with `md_escape` unless it is `Markup`
(links and fragments built by this package). HTML templates (`*.html.j2`): Jinja2 autoescape.
"""

from __future__ import annotations

import hashlib
from functools import cache
from typing import Any

import jinja2
from jinja2 import Environment, FileSystemBytecodeCache, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from ..model.markup import md_cell, md_escape
from ..signed_cache import user_cache_dir
from ..wording import date_long, number, percent_value, plural


def _md_finalize(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Markup):
        return str(value)
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, int | float):
        return str(value)
    return md_escape(str(value))


def _cell(value: Any) -> Markup:
    if isinstance(value, Markup):
        return Markup(str(value).replace("|", "&#124;").replace("\n", " "))
    return Markup(md_cell("" if value is None else str(value)))


def _join(items: Any, separator: str = ", ") -> Markup:
    """Jinja's `join` returns a plain string (escaped again by finalize): join escaped items instead."""
    return Markup(separator.join(_md_finalize(item) for item in items))


def _days(count: int) -> str:
    return plural(count, "jour")


def _bytecode(name: str, **settings: Any) -> FileSystemBytecodeCache | None:
    """Compiled templates kept across processes, in the user's cache (like Python's own bytecode), one folder per
    environment and settings (Jinja keys its cache by template name and source only)."""
    identity = hashlib.sha256(repr((jinja2.__version__, sorted(settings.items()))).encode()).hexdigest()[:16]
    folder = user_cache_dir() / "jinja" / f"{name}-{identity}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None  # compiled in memory only
    return FileSystemBytecodeCache(str(folder))


@cache
def markdown_env() -> Environment:
    settings: dict[str, Any] = dict(trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env = Environment(
        loader=PackageLoader("generators", "templates/site"),
        autoescape=False,
        auto_reload=False,
        finalize=_md_finalize,
        undefined=StrictUndefined,
        bytecode_cache=_bytecode("markdown", autoescape=False, finalize=_md_finalize.__qualname__, **settings),
        **settings,
    )
    env.filters["cell"] = _cell
    env.filters["join"] = _join
    env.filters["date_fr"] = date_long
    env.filters["number"] = number
    env.filters["days"] = _days
    env.globals["percent"] = percent_value
    return env


@cache
def html_env() -> Environment:
    settings: dict[str, Any] = dict(trim_blocks=True, lstrip_blocks=True)
    env = Environment(
        loader=PackageLoader("generators", "templates/site"),
        autoescape=select_autoescape(enabled_extensions=("html", "html.j2", "j2"), default=True),
        auto_reload=False,
        undefined=StrictUndefined,
        bytecode_cache=_bytecode("html", autoescape="html, html.j2, j2", **settings),
        **settings,
    )
    env.filters["date_fr"] = date_long
    env.filters["number"] = number
    env.filters["days"] = _days
    env.globals["percent"] = percent_value
    return env


def render_md(template: str, **context: Any) -> str:
    return markdown_env().get_template(template).render(**context)


def render_html(template: str, **context: Any) -> Markup:
    """An HTML fragment, safe to drop into a Markdown template (kept on one line: no blank lines inside)."""
    html = html_env().get_template(template).render(**context)
    return Markup(" ".join(line.strip() for line in html.splitlines() if line.strip()))
