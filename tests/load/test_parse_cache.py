"""The parsed-YAML cache gives back exactly what parsing gives (data and every line), and never a stale or
damaged answer."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generators.load import parse_cache
from generators.load.loader import load_backlog
from generators.load.parse_cache import cache_dir, cached_parse
from generators.load.yamlread import YamlProblem, parse

REPO = Path(__file__).resolve().parent.parent.parent
MINI = REPO / "tests" / "fixtures" / "mini"


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("FANZONE_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


def _same(text: str) -> None:
    parsed = parse(text)
    first, again = cached_parse(text), cached_parse(text)  # the second comes from the cache when it can
    for doc in (first, again):
        assert doc.data == parsed.data and doc.root_line == parsed.root_line
        assert list(doc.paths()) == list(parsed.paths())


def test_every_yaml_file_of_the_shipped_project_reads_back_the_same() -> None:
    files = sorted((REPO / "backlog").rglob("*.yaml")) + sorted((REPO / "mockups").rglob("*.yaml"))
    assert len(files) > 20
    for path in files:
        _same(path.read_text(encoding="utf-8"))
    assert list(cache_dir().rglob("*.json"))  # something was cached


def test_a_damaged_entry_is_parsed_again_and_dates_are_never_cached(private_cache: Path) -> None:
    text = "id: E01\ntitle: Compte\nstories:\n  - id: E01-S01\n    points: 3\n"
    cached_parse(text)
    [entry] = list(cache_dir().rglob("*.json"))
    entry.write_text('{"d": {"id": "X"}, "r": 1, "t": []}', encoding="utf-8")  # too few tables: damaged
    assert cached_parse(text).data["id"] == "E01"
    entry.write_text("not json", encoding="utf-8")
    assert cached_parse(text).line(("stories", 0, "points")) == 5
    dated = "start: 2025-03-03\n"
    assert cached_parse(dated).data == parse(dated).data
    assert len(list(cache_dir().rglob("*.json"))) == 1  # the document with a date was not stored


def test_errors_are_not_cached() -> None:
    with pytest.raises(YamlProblem):
        cached_parse("a: b: c\n")
    assert not cache_dir().exists() or not list(cache_dir().rglob("*.json"))


def test_loading_twice_gives_the_same_backlog_and_locations() -> None:
    first = load_backlog(MINI)
    second = load_backlog(MINI)  # from the cache
    assert first.backlog is not None and second.backlog is not None
    assert [e.model_dump() for e in first.backlog.epics] == [e.model_dump() for e in second.backlog.epics]
    assert [s.model_dump() for s in first.backlog.screens] == [s.model_dump() for s in second.backlog.screens]
    for story in first.backlog.stories:
        assert first.backlog.location(story.id) == second.backlog.location(story.id)


keys = st.text(min_size=1, max_size=8).filter(lambda k: k.strip() == k and k)
scalars = st.one_of(st.text(max_size=20), st.integers(-1000, 1000), st.booleans(), st.none())
documents = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4), max_leaves=25
).filter(lambda d: isinstance(d, dict | list) and d)


@settings(max_examples=60, deadline=None)
@given(documents)
def test_any_plain_document_reads_back_the_same(data: object) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    try:
        parse(text)
    except YamlProblem:
        return  # text that is not plain data here (e.g. a key YAML reads as a date) is refused the same way
    _same(text)


def test_the_format_is_part_of_the_key(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "id: E01\n"
    cached_parse(text)
    monkeypatch.setattr(parse_cache, "_STAMP", "another format\n")
    cached_parse(text)
    assert len(list(cache_dir().rglob("*.json"))) == 2
