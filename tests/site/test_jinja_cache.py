"""The theme's templates compiled once per process: a later environment reuses the code, an edited template is
compiled again, and environments of another syntax never share it."""

from __future__ import annotations

import jinja2

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
