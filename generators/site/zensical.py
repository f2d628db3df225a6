"""`fanzone build --engine zensical`: Zensical (Material for MkDocs' successor) builds the generated tree.

Zensical reads `mkdocs.yml` but runs no MkDocs plugin, ignores `hooks:` and rejects the `!relative` tag. The
generation step has already written every page, diagram and asset into the tree, so the project's config is
copied with the tree as `docs_dir`, the navigation written out, the plugins dropped and `!relative` paths made
absolute (`<cache>/fanzone/zensical.yml`), and `zensical build` runs on it. Optional: `pip install
'fanzone-toolkit[zensical]'`.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar

CONFIG = "fanzone/zensical.yml"
OUTPUT = "fanzone/zensical-site"  # Zensical writes only inside its config's folder; moved to the site folder after
DROPPED_EXTENSIONS = ("generators.site.plantuml_ext",)  # diagrams are inline SVG in the tree already
TIMEOUT_SECONDS = 1800


class EngineError(Exception):
    """The engine is missing or failed; the message is for the user."""


def zensical_command() -> list[str]:
    """`zensical` beside the running Python (the same virtual environment), else on the PATH."""
    beside = Path(sys.executable).with_name("zensical")
    if beside.is_file():
        return [str(beside)]
    found = shutil.which("zensical")
    if found:
        return [found]
    raise EngineError("zensical is not installed: pip install 'fanzone-toolkit[zensical]' (or use --engine mkdocs)")


def _absolute(value: Any, root: Path, docs: Path) -> Any:
    """Replace every `!relative` value by the absolute path it stands for (Zensical rejects the tag)."""
    if isinstance(value, TaggedScalar) and str(value.tag.value if hasattr(value.tag, "value") else value.tag) in (
        "!relative",
    ):
        text = str(value.value or "")
        if text.startswith("$docs_dir"):
            return str(docs) + text[len("$docs_dir") :]
        return str(root) + text[len("$config_dir") :] if text.startswith("$config_dir") else str(root)
    if isinstance(value, dict):
        for key in list(value):
            value[key] = _absolute(value[key], root, docs)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            value[index] = _absolute(item, root, docs)
    return value


def _name(item: Any) -> str:
    return str(next(iter(item))) if isinstance(item, dict) and item else str(item)


def zensical_config(config_file: Path, config: MkDocsConfig, site_dir: Path, base: Path | None = None) -> str:
    """The project's mkdocs.yml, rewritten for Zensical over the generated tree.

    With `base` (the folder the config is written to), `docs_dir` and `site_dir` are written relative to it:
    Zensical 0.0.73 panics on absolute ones ("invariant: Id(Format(Path(RootDir)))")."""
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 1_000_000  # never fold: a long navigation title folded as a plain key is not YAML any more
    data = yaml.load(config_file.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        data = CommentedMap()
    root = config_file.resolve().parent
    docs = Path(config.docs_dir)
    data = _absolute(data, root, docs)
    data["docs_dir"] = os.path.relpath(docs, base) if base else str(docs)
    data["site_dir"] = os.path.relpath(site_dir, base) if base else str(site_dir)
    data["nav"] = _plain(config.nav)
    plugins = [item for item in data.get("plugins") or [] if _name(item) == "search"]
    data["plugins"] = CommentedSeq(plugins)
    extensions = [item for item in data.get("markdown_extensions") or [] if _name(item) not in DROPPED_EXTENSIONS]
    data["markdown_extensions"] = CommentedSeq(extensions)
    data["extra_css"] = CommentedSeq([str(css) for css in config.extra_css])
    data["extra_javascript"] = CommentedSeq([str(getattr(js, "path", js)) for js in config.extra_javascript])
    data.pop("hooks", None)
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def _plain(nav: Any) -> Any:
    if isinstance(nav, list):
        return [_plain(item) for item in nav]
    if isinstance(nav, dict):
        return {str(key): _plain(value) for key, value in nav.items()}
    return nav


def run_zensical(root: Path, config_file: Path, config: MkDocsConfig, site_dir: Path, cache: Path) -> None:
    """Build the generated tree with Zensical into `site_dir`. Raises `EngineError`."""
    command = zensical_command()
    path = cache / CONFIG
    path.parent.mkdir(parents=True, exist_ok=True)
    output = cache / OUTPUT
    shutil.rmtree(output, ignore_errors=True)
    path.write_text(zensical_config(config_file, config, output, path.parent), encoding="utf-8")
    env = dict(os.environ)
    try:
        done = subprocess.run(
            [*command, "build", "--config-file", str(path)],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=TIMEOUT_SECONDS,
            check=False,
            env=env,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise EngineError(f"zensical could not run: {exc}") from None
    if done.returncode != 0:
        raise EngineError(f"zensical build failed (exit {done.returncode}):\n{(done.stderr or done.stdout)[-2000:]}")
    site_dir.mkdir(parents=True, exist_ok=True)
    for child in output.iterdir():
        shutil.move(child, site_dir / child.name)
    output.rmdir()
