"""The theme's templates compiled once per user: a later environment (or process) reuses the code, an edited
template is compiled again, and environments of another syntax never share it."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from generators.site import jinja_cache
from generators.site.jinja_cache import compiled_templates


def _env(templates: dict[str, str], **options: object) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.DictLoader(templates), **options)  # type: ignore[arg-type]
    env.bytecode_cache = compiled_templates(env)
    return env


def test_a_later_environment_reuses_the_code_and_an_edited_template_is_compiled_again() -> None:
    templates = {"page.html": "{{ title }} !"}
    assert _env(templates).get_template("page.html").render(title="a") == "a !"
    cache = compiled_templates(_env(templates))
    assert any(True for _ in cache._code)  # the code is kept for the next environment
    templates["page.html"] = "<h1>{{ title }}</h1>"
    assert _env(templates).get_template("page.html").render(title="b") == "<h1>b</h1>"


def test_environments_of_another_syntax_do_not_share_code() -> None:
    assert compiled_templates(_env({})) is compiled_templates(_env({}))
    assert compiled_templates(_env({}, trim_blocks=True)) is not compiled_templates(_env({}))
    source = {"t": "{% if x %}\nyes{% endif %}"}
    assert _env(source).get_template("t").render(x=True) == "\nyes"
    assert _env(source, trim_blocks=True).get_template("t").render(x=True) == "yes"


def _fresh_process(monkeypatch: pytest.MonkeyPatch, cache: Path) -> None:
    """What a new process sees: no code in memory, the user's cache in `cache`."""
    monkeypatch.setattr(jinja_cache, "_CACHES", {})
    monkeypatch.setenv("FANZONE_CACHE", str(cache))


def test_the_next_process_reads_the_code_from_the_users_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    templates = {"page.html": "{% for x in items %}[{{ x }}]{% endfor %}"}
    _fresh_process(monkeypatch, tmp_path / "cache")
    assert _env(templates).get_template("page.html").render(items=[1, 2]) == "[1][2]"
    assert list((tmp_path / "cache" / jinja_cache.FOLDER).glob("theme-*/__jinja2_*.cache"))
    _fresh_process(monkeypatch, tmp_path / "cache")

    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("compiled again")

    with monkeypatch.context() as patched:
        patched.setattr(jinja2.Environment, "compile", refuse)
        assert _env(templates).get_template("page.html").render(items=[3]) == "[3]"
    # an edited template (another process, or this one) is compiled again, never served the old code
    _fresh_process(monkeypatch, tmp_path / "cache")
    templates["page.html"] = "<{{ items | length }}>"
    assert _env(templates).get_template("page.html").render(items=[3, 4]) == "<2>"


def test_a_cache_that_cannot_be_written_leaves_the_code_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    _fresh_process(monkeypatch, blocker)
    env = _env({"t": "{{ a }}-{{ b }}"})
    assert env.get_template("t").render(a=1, b=2) == "1-2"
    assert compiled_templates(env)._files is None
    assert blocker.read_text(encoding="utf-8") == "x"


def test_a_choosing_function_keeps_its_code_in_memory_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two `select_autoescape` functions have the same name and choose differently: never one folder for both."""
    _fresh_process(monkeypatch, tmp_path / "cache")
    html = _env({"t.html": "{{ a }}"}, autoescape=jinja2.select_autoescape(["html"]))
    plain = _env({"t.html": "{{ a }}"}, autoescape=jinja2.select_autoescape(["xml"]))
    assert html.get_template("t.html").render(a="<b>") == "&lt;b&gt;"
    assert plain.get_template("t.html").render(a="<b>") == "<b>"
    assert not (tmp_path / "cache" / jinja_cache.FOLDER).exists()
