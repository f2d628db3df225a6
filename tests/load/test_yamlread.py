"""The YAML reader: plain data with line numbers, and every malformed-file class rejected with its line."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from generators.load import YamlProblem, load_file, parse


def test_values_and_lines() -> None:
    doc = parse("a: 1\nb:\n  - x: 2\n    y: [1, 2]\nc: 2025-03-03\nd: '007'\ne: ~\n")
    assert doc.data == {
        "a": 1,
        "b": [{"x": 2, "y": [1, 2]}],
        "c": __import__("datetime").date(2025, 3, 3),
        "d": "007",
        "e": None,
    }
    assert doc.line(("a",)) == 1
    assert doc.line(("b", 0, "y")) == 4
    assert doc.line(("b", 0, "missing")) == 3  # closest existing ancestor
    assert doc.line(()) == 1


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("a: 1\nb: [1, 2\nc: 3\n", 3, "YAML syntax error"),
        ("a: 1\nb:\n\t- x\n", 3, "tab character in indentation"),
        ("id: E01\ntitle: A\nid: E02\n", 3, "duplicate key 'id' (first at line 1)"),
        ("", 1, "file is empty"),
        ("# only a comment\n\n", 1, "file is empty"),
        ("a: &anchor [1, 2]\nb: *anchor\n", 1, "anchors and aliases"),
        ("base: {x: 1}\nother:\n  <<: {x: 2}\n", 3, "merge/value"),
        ("a: !!python/object/apply:os.system [ls]\n", 1, "unsupported YAML tag"),
        ("a: 1\n---\nb: 2\n", 2, "only one YAML document"),
        ("? [a, b]\n: 1\n", 1, "mapping keys must be plain scalars"),
    ],
)
def test_malformed_yaml_is_located(text: str, line: int, fragment: str) -> None:
    with pytest.raises(YamlProblem) as caught:
        parse(text)
    assert fragment in caught.value.message
    assert caught.value.line == line


def billion_laughs(levels: int = 10) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels):
        refs = ", ".join([f"*a{level - 1}"] * 10)
        lines.append(f"a{level}: &a{level} [{refs}]")
    return "\n".join(lines) + "\n"


def test_billion_laughs_is_rejected_fast() -> None:
    start = time.perf_counter()
    with pytest.raises(YamlProblem) as caught:
        parse(billion_laughs(10))
    assert "anchors and aliases" in caught.value.message
    assert time.perf_counter() - start < 0.5


def test_not_utf8_and_too_large(tmp_path: Path) -> None:
    bad = tmp_path / "latin1.yaml"
    bad.write_bytes("title: ok\nname: caf\xe9\n".encode("latin-1"))
    with pytest.raises(YamlProblem) as caught:
        load_file(bad)
    assert "not valid UTF-8" in caught.value.message
    assert caught.value.line == 2

    huge = tmp_path / "huge.yaml"
    huge.write_text("a: " + "x" * (3 * 1024 * 1024) + "\n", encoding="utf-8")
    with pytest.raises(YamlProblem) as caught:
        load_file(huge)
    assert "the limit is" in caught.value.message


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes("\ufefftitle: Équipe\n".encode())
    assert load_file(path).data == {"title": "Équipe"}


def test_nesting_beyond_the_limit_is_a_located_problem() -> None:
    from generators.load.yamlread import MAX_NESTING

    parse("x: " + "[" * (MAX_NESTING - 1) + "]" * (MAX_NESTING - 1) + "\n")  # the mapping + 99 lists: accepted
    deep = "[" * (MAX_NESTING + 1) + "]" * (MAX_NESTING + 1)
    with pytest.raises(YamlProblem, match=f"nested more than {MAX_NESTING} levels deep") as caught:
        parse("x: 1\ny: " + deep + "\n")
    assert caught.value.line == 2
