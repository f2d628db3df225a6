"""The files the snippets extension (`pymdownx.snippets`) reads outside the generated tree, as its own
preprocessor finds them: the auto-appended files and every file a page names (inline, in a block list, with line
ranges or a section, or inside another snippet), each with the places a missing one is looked for, so that its
creation is seen as a change too."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from pathlib import Path

import markdown
from mkdocs.config.defaults import MkDocsConfig
from pymdownx.snippets import SnippetMissingError

EXTENSION = "pymdownx.snippets"
MARKER = b"8<-"


def snippet_paths(config: MkDocsConfig, tree: Path, sources: Iterable[str]) -> dict[str, list[Path]]:
    """Snippet name -> the file read (one path), or every place it was looked for when missing."""
    if EXTENSION not in config.markdown_extensions:
        return {}
    # never downloads: a URL snippet is not a project file; never raises for a missing file: it is listed
    options = {**(config.mdx_configs.get(EXTENSION) or {}), "url_download": False, "check_paths": False}
    md = markdown.Markdown(extensions=[EXTENSION], extension_configs={EXTENSION: options})
    preprocessor = md.preprocessors["snippet"]
    found: dict[str, list[Path]] = {}
    look_up = preprocessor.get_snippet_path

    def recorded(name: str) -> str | None:
        snippet = look_up(name)
        if snippet:
            found[name] = [Path(snippet).resolve()]
        else:  # where it would be read (never outside its base folder when the extension restricts it)
            bases = [base for base, is_dir in preprocessor.get_bases() if is_dir]
            places = [(base, os.path.abspath(os.path.join(base, name))) for base in bases]
            found[name] = [
                Path(place)
                for base, place in places
                if not preprocessor.restrict_base_path or place.startswith(base.rstrip(os.sep) + os.sep)
            ]
        return snippet

    preprocessor.get_snippet_path = recorded
    pages: list[list[str]] = [[]]  # the auto-appended files, whatever the pages
    for source in sources:
        if source.endswith(".md"):
            with contextlib.suppress(OSError):
                data = (tree / source).read_bytes()
                if MARKER in data:
                    pages.append(data.decode("utf-8", "replace").splitlines())
    for lines in pages:
        with contextlib.suppress(OSError, ValueError, SnippetMissingError):
            preprocessor.run(lines)
    return dict(sorted(found.items()))
