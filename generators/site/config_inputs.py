"""What a MkDocs configuration file reads besides itself, found without loading it (kept light: the up-to-date
check runs it before MkDocs is imported): the files it inherits from (`INHERIT:`, followed as MkDocs does, from
the folder of the file that names it) and the environment variables its `!ENV` tags read."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

INHERIT = re.compile(r"""^INHERIT:[ \t]*(?:"([^"\n]+)"|'([^'\n]+)'|([^\s#]+))""", re.MULTILINE)
ENV_TAG = re.compile(r"!ENV[ \t]+(?:\[([^\]]*)\]|([A-Za-z_][A-Za-z0-9_]*))")
NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
CONFIG_SUFFIXES = (".yml", ".yaml")
MAX_DEPTH = 20  # MkDocs itself stops a cycle with a RecursionError; a chain this long is a mistake


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def config_chain(config_file: Path) -> list[Path]:
    """The configuration file, then each file it inherits from (a missing one included: its creation matters)."""
    chain = [config_file]
    while len(chain) < MAX_DEPTH:
        found = INHERIT.search(_text(chain[-1]))
        if found is None:
            break
        parent = (chain[-1].parent / next(group for group in found.groups() if group)).resolve()
        if parent in chain:
            break
        chain.append(parent)
    return chain


def env_names(files: Iterable[Path]) -> list[str]:
    """The environment variables the `!ENV` tags of these configuration files read (a list's last item, its
    default value, included when it looks like a name: harmless)."""
    names: set[str] = set()
    for path in files:
        if path.suffix not in CONFIG_SUFFIXES:
            continue
        for listed, single in ENV_TAG.findall(_text(path)):
            items = [item.strip().strip("'\"") for item in listed.split(",")] if listed else [single]
            names.update(item for item in items if NAME.fullmatch(item))
    return sorted(names)
