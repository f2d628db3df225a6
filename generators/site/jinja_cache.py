"""The site engine's templates compiled once per user: MkDocs makes a new Jinja environment for every build,
which compiles the theme's templates again (0.15 s of a cold build for Material, in the build's one sequential
step); `fanzone serve` builds many times.

A bytecode cache in memory, in front of one in the user's cache (`signed_cache.user_cache_dir()/jinja`, like the
toolkit's own templates in `render.py`, and as Python keeps its own bytecode): Jinja checks each template's
source against the checksum kept with its code, so an edited template is compiled again. One cache per kind of
environment (its extensions, autoescaping and syntax), named by a digest of them that is the same in every process.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import jinja2
from jinja2.bccache import Bucket

from ..signed_cache import user_cache_dir

FOLDER = "jinja"  # in the user's cache


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates in memory, and in `folder` when one is given (and can be made)."""

    def __init__(self, folder: Path | None = None) -> None:
        self._code: dict[str, bytes] = {}
        self._files: jinja2.FileSystemBytecodeCache | None = None
        if folder is not None:
            try:
                folder.mkdir(parents=True, exist_ok=True)
                self._files = jinja2.FileSystemBytecodeCache(str(folder))
            except OSError:
                pass  # in memory only

    def load_bytecode(self, bucket: Bucket) -> None:
        data = self._code.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)
        elif self._files is not None:
            self._files.load_bytecode(bucket)  # (Jinja drops code whose source checksum differs)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()
        if self._files is not None:
            try:
                self._files.dump_bytecode(bucket)
            except OSError:
                self._files = None  # a cache that cannot be written: memory only, from now on

    def clear(self) -> None:
        self._code.clear()


_CACHES: dict[tuple[Any, ...], MemoryBytecodeCache] = {}


# the settings a template's compiled code depends on, besides its source (those of Jinja's lexer, and more)
_SETTINGS = (
    "block_start_string",
    "block_end_string",
    "variable_start_string",
    "variable_end_string",
    "comment_start_string",
    "comment_end_string",
    "line_statement_prefix",
    "line_comment_prefix",
    "trim_blocks",
    "lstrip_blocks",
    "newline_sequence",
    "keep_trailing_newline",
    "optimized",
)


def compiled_templates(env: jinja2.Environment) -> MemoryBytecodeCache:
    """The cache for environments like `env` (same extensions, autoescaping and syntax)."""
    key = (tuple(sorted(env.extensions)), env.autoescape, *(getattr(env, name, None) for name in _SETTINGS))
    if key not in _CACHES:
        # a function choosing the autoescaping has no name that tells its choices: memory only, then
        kept = not callable(env.autoescape)
        identity = hashlib.sha256(repr((jinja2.__version__, key)).encode("utf-8")).hexdigest()[:16]
        _CACHES[key] = MemoryBytecodeCache(user_cache_dir() / FOLDER / f"theme-{identity}" if kept else None)
    return _CACHES[key]


def list_theme_once(theme: Any) -> None:
    """MkDocs lists the theme's files (14,000 for Material) on every build, to copy its static files: for
    `fanzone serve`, list them once per configuration (the theme does not change while it is served)."""
    make_env = theme.get_env
    listed: dict[tuple[Any, ...], list[str]] = {}

    def get_env() -> jinja2.Environment:
        env = make_env()
        list_all = env.list_templates

        def list_templates(extensions: Any = None, filter_func: Any = None) -> list[str]:
            key = (None if extensions is None else tuple(extensions), getattr(filter_func, "__code__", filter_func))
            if key not in listed:
                listed[key] = list_all(extensions, filter_func)
            return list(listed[key])

        env.list_templates = list_templates  # type: ignore[method-assign]
        return env

    theme.get_env = get_env
