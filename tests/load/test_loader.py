"""The loader never raises on bad input: fuzzed bytes, text and mutated valid files give located findings."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generators.load import LoadResult, load_backlog

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
TARGETS = [
    "backlog/epics/E01-compte.yaml",
    "backlog/project.yaml",
    "backlog/personas.yaml",
    "mockups/front-office/FO-connexion.yaml",
    "specs/index.md",
]
FUZZ = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@contextmanager
def _project() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "project"
        shutil.copytree(MINI, root)
        yield root


def _check(result: LoadResult, root: Path) -> None:
    assert isinstance(result, LoadResult)
    for finding in result.errors + result.warnings:
        assert finding.line >= 1
        assert (root / finding.file).exists() or finding.file in ("backlog", "backlog/epics")
        assert finding.id and finding.message
    assert (result.backlog is None) == bool(result.errors)


@FUZZ
@given(target=st.sampled_from(TARGETS), data=st.binary(max_size=400))
def test_arbitrary_bytes(target: str, data: bytes) -> None:
    with _project() as root:
        (root / target).write_bytes(data)
        _check(load_backlog(root), root)


# Text made of YAML's structural characters, control characters and ordinary text, so that most
# examples get past the first syntax error.
_PIECES = st.sampled_from(
    [
        "\n",
        "  ",
        "- ",
        ": ",
        "id: ",
        "E01",
        "-S01",
        "[",
        "]",
        "{",
        "}",
        "'",
        '"',
        "\\x1b",
        "\t",
        "#",
        "&a",
        "*a",
        "!!python/object",
        "stories:",
        "title: ",
        "\u202e",
        "\x85",
        "é",
        "10",
        "null",
        "~",
        "|",
        ">",
        "---\n",
    ]
)
_TEXT = st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=60).map("".join)


@FUZZ
@given(target=st.sampled_from(TARGETS), text=_TEXT)
def test_arbitrary_text(target: str, text: str) -> None:
    with _project() as root:
        (root / target).write_text(text, encoding="utf-8", errors="surrogatepass")
        _check(load_backlog(root), root)


@FUZZ
@given(
    target=st.sampled_from(TARGETS),
    cuts=st.lists(st.tuples(st.floats(0, 1), st.floats(0, 1), _TEXT), min_size=1, max_size=4),
)
def test_mutated_valid_files(target: str, cuts: list[tuple[float, float, str]]) -> None:
    text = (MINI / target).read_text(encoding="utf-8")
    for start, length, insert in cuts:
        at = int(start * len(text))
        end = min(len(text), at + int(length * 40))
        text = text[:at] + insert + text[end:]
    with _project() as root:
        (root / target).write_bytes(text.encode("utf-8", "surrogatepass"))
        _check(load_backlog(root), root)
