"""The site engine's templates compiled once per process: MkDocs makes a new Jinja environment for every build,
which compiles the theme's templates again (about 0.3 s for Material); `fanzone serve` builds many times.

A bytecode cache in memory: Jinja checks each template's source against the checksum kept with its code, so
an edited template is compiled again. One cache per kind of environment (its extensions, autoescaping and syntax).
"""

from __future__ import annotations

from typing import Any

import jinja2
from jinja2.bccache import Bucket


class MemoryBytecodeCache(jinja2.BytecodeCache):
    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        data = self._code.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()

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
    key = (tuple(sorted(env.extensions)), repr(env.autoescape), *(getattr(env, name, None) for name in _SETTINGS))
    return _CACHES.setdefault(key, MemoryBytecodeCache())


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
