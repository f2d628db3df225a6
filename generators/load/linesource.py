"""Lines of fields asked after loading, without keeping every parsed YAML tree in memory.

The loader needs the line of an object's field long after it read the file (an error found by a later check,
a site link to `E05-S01.acceptance.1`). Keeping each file's data tree and line tables for that doubled the
memory of a large backlog (50,000 stories). Instead the last few parsed files are kept, and a file whose tree
was dropped is read and parsed again on demand, only if its text is unchanged (otherwise: no field line; the
object's own line, recorded at load time, is used).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .parse_cache import cached_parse
from .yamlread import Document, YamlProblem, read_text

KEPT_FILES = 4  # parsed files kept (the files being read and checked are asked for most)


class LineSource:
    """Parsed YAML files by path, the last `KEPT_FILES` kept, the others parsed again when asked for."""

    def __init__(self) -> None:
        self._docs: OrderedDict[Path, Document | None] = OrderedDict()
        self._fingerprints: dict[Path, int] = {}

    def keep(self, path: Path, text: str, doc: Document) -> None:
        """Remember a file just parsed (its text's fingerprint, to check it is unchanged when re-read)."""
        self._fingerprints[path] = hash(text)
        self._remember(path, doc)

    def _remember(self, path: Path, doc: Document | None) -> None:
        self._docs[path] = doc
        self._docs.move_to_end(path)
        while len(self._docs) > KEPT_FILES:
            self._docs.popitem(last=False)

    def knows(self, path: Path) -> bool:
        return path in self._fingerprints

    def document(self, path: Path) -> Document | None:
        if path in self._docs:
            self._docs.move_to_end(path)
            return self._docs[path]
        doc = None
        try:
            text = read_text(path)
            if hash(text) == self._fingerprints.get(path):
                doc = cached_parse(text)
        except (OSError, YamlProblem):
            doc = None
        self._remember(path, doc)
        return doc

    def field_line(self, path: Path, at: tuple[Any, ...]) -> Callable[[tuple[str | int, ...]], int | None]:
        """`line(below)`: the line of the field `below` of the object at `at` in the file, or None."""

        def line(below: tuple[str | int, ...]) -> int | None:
            doc = self.document(path)
            full = (*at, *below)
            return doc.line(full) if doc is not None and doc.has(full) else None

        return line
