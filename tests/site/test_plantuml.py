"""PlantUML: finding the program, the render cache, batching, errors; fences and rule anchors in Markdown."""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

import pytest
from sitehelpers import REPO

from generators.site import engine as engine_module
from generators.site.anchors import rule_heading_ids
from generators.site.engine import DEFAULT_JAR, ENV_VAR, PLANTUML_VERSION, EngineNotFound, resolve_engine
from generators.site.fences import diagrams_in
from generators.site.plantuml import Diagram, Renderer, RenderError, prepare, prune
from generators.site.plantuml_ext import break_lines, natural_width
from generators.site.svg_safety import svg_problem

SALT = "@startsalt\n{\n  Bonjour | [OK]\n}\n@endsalt\n"


@pytest.fixture
def renderer(tmp_path: Path, plantuml_env: dict[str, str]) -> Renderer:
    """A renderer with the session's PlantUML program and an empty cache of its own."""
    return Renderer(resolve_engine(REPO), tmp_path / "cache")


# --- finding PlantUML ---------------------------------------------------------------------------------
def test_env_var_wins_and_a_missing_jar_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_VAR, "nowhere/plantuml.jar")
    with pytest.raises(EngineNotFound, match=r"jar not found: .*nowhere/plantuml.jar .*environment variable"):
        resolve_engine(tmp_path, "configured.jar")


def test_configured_command_must_exist(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)
    with pytest.raises(EngineNotFound, match="command not found: no-such-plantuml"):
        resolve_engine(tmp_path, "no-such-plantuml -v")


def test_configured_jar_runs_with_java(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)
    (tmp_path / "tools").mkdir()
    (tmp_path / "tools" / "p.jar").write_bytes(b"jar")
    engine = resolve_engine(tmp_path, "tools/p.jar")
    assert engine.command[-2:] == ("-jar", str((tmp_path / "tools" / "p.jar").resolve()))
    assert Path(engine.command[0]).name == "java"


def test_default_is_the_pinned_jar_then_the_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)
    toolkit = tmp_path / "toolkit"
    monkeypatch.setattr(engine_module, "TOOLKIT_ROOT", toolkit)
    project = tmp_path / "project"
    jar = project / DEFAULT_JAR
    jar.parent.mkdir(parents=True)
    jar.write_bytes(b"jar")
    assert resolve_engine(project).command[-1] == str(jar.resolve())
    jar.unlink()
    # a project of the user's own, outside the toolkit checkout, uses the toolkit's pinned jar
    toolkit_jar = toolkit / DEFAULT_JAR
    toolkit_jar.parent.mkdir(parents=True)
    toolkit_jar.write_bytes(b"jar")
    engine = resolve_engine(project)
    assert engine.origin == "pinned jar" and engine.command[-1] == str(toolkit_jar.resolve())
    toolkit_jar.unlink()
    tmp_path = project
    if shutil.which("plantuml"):
        assert resolve_engine(tmp_path).origin == "plantuml on the PATH"
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(EngineNotFound, match=r"scripts/install-plantuml\.sh"):
        resolve_engine(tmp_path)


def test_install_script_pins_the_same_version() -> None:
    script = (REPO / "scripts" / "install-plantuml.sh").read_text(encoding="utf-8")
    assert f'VERSION="{PLANTUML_VERSION}"' in script
    assert re.search(r'JAR_SHA256="[0-9a-f]{64}"', script) and re.search(r'TGZ_SHA256="[0-9a-f]{64}"', script)


# --- rendering ----------------------------------------------------------------------------------------
def test_render_then_cache(renderer: Renderer) -> None:
    svg = renderer.render(SALT)
    assert svg.lstrip().startswith(b"<") and b"<svg" in svg and b"Bonjour" in svg
    assert renderer.stats.rendered == 1 and renderer.stats.batches == 1
    assert renderer.render(SALT) == svg
    assert renderer.stats.rendered == 1 and renderer.stats.batches == 1  # the second time came from the cache
    again = Renderer(renderer.engine, renderer.cache_dir)  # a new build: the version is remembered too
    assert again.render(SALT) == svg and again.stats.batches == 0


def test_cold_renders_are_batched_in_one_run(renderer: Renderer) -> None:
    diagrams = [Diagram(f"@startuml\nA{i} -> B{i}\n@enduml\n", "svg", f"page{i}.md") for i in range(6)]
    assert renderer.render_many(diagrams) == 6
    assert renderer.stats.batches == 1
    assert renderer.render_many(diagrams) == 0 and renderer.stats.batches == 1
    assert all(renderer.cached(d.code) for d in diagrams)


def test_key_depends_on_version_format_and_text(renderer: Renderer) -> None:
    renderer._version = "PlantUML version 1"
    first = renderer.key(SALT)
    assert renderer.key(SALT, "png") != first and renderer.key(SALT + " ") != first
    renderer._version = "PlantUML version 2"
    assert renderer.key(SALT) != first


def test_errors_name_the_diagram_and_line_and_are_not_cached(renderer: Renderer) -> None:
    good = Diagram(SALT, "svg", "specs/a.md", first_line=10)
    bad = Diagram("@startuml\nA -> B\nceci n'est pas ((( du PlantUML [[[\n@enduml\n", "svg", "specs/b.md", 20)
    with pytest.raises(RenderError) as caught:
        renderer.render_many([good, bad])
    message = str(caught.value)
    assert message.startswith("specs/b.md:22: PlantUML: syntax error near: ")
    assert "specs/a.md" not in message
    assert renderer.cached(good.code) is not None  # the good one is cached all the same
    assert renderer.cached(bad.code) is None
    with pytest.raises(RenderError):
        renderer.render(bad.code)


def test_old_unused_renders_are_pruned(renderer: Renderer) -> None:
    renderer.render(SALT)
    used = renderer.key(SALT)
    stale = renderer.cache_dir / "ab" / ("ab" + "0" * 62 + ".svg")
    stale.parent.mkdir(parents=True, exist_ok=True)
    stale.write_bytes(b"<svg/>")
    fresh = renderer.cache_dir / "cd" / ("cd" + "0" * 62 + ".svg")
    fresh.parent.mkdir(parents=True, exist_ok=True)
    fresh.write_bytes(b"<svg/>")
    old = time.time() - 40 * 86400
    os.utime(stale, (old, old))
    os.utime(renderer.cache_dir / used[:2] / f"{used}.svg", (old, old))
    assert prune(renderer.cache_dir, {used}) == 1
    assert not stale.exists() and fresh.exists() and renderer.cached(SALT) is not None


def test_prepare_wraps_and_names() -> None:
    assert prepare("A -> B") == ("@startuml\nA -> B\n@enduml\n", 1)
    assert prepare("@startuml mon-nom\nA -> B\n@enduml")[0].startswith("@startuml\n")
    with pytest.raises(ValueError, match="one diagram per block"):
        prepare("@startuml\n@enduml\n@startuml\n@enduml")
    with pytest.raises(ValueError, match="without @enduml"):
        prepare("@startuml\nA -> B")


def test_inline_svg_gets_its_natural_width_and_short_lines() -> None:
    svg = '<svg style="background:#FFF" width="100%" height="50px" viewBox="0 0 200 80">'
    svg += "<g><rect/><text>a</text></g></svg>"
    out = natural_width(svg, 1.5)
    assert 'width="300"' in out and "100%" not in out and "height=" not in out.split(">")[0]
    assert break_lines(out).split("\n")[1:] == ["<g>", "<rect/>", "<text>a</text>", "</g></svg>"]


# --- Markdown --------------------------------------------------------------------------------------------
def test_fences_are_found_with_their_line() -> None:
    page = "# Titre\n\n```plantuml\n@startuml\nA -> B\n@enduml\n```\n\n````md\n```plantuml\nexemple\n```\n````\n"
    found = diagrams_in(page, "svg_inline", "specs/x.md")
    assert len(found) == 1
    assert found[0].code == "@startuml\nA -> B\n@enduml\n" and found[0].fmt == "svg" and found[0].first_line == 4
    assert diagrams_in(page, "png", "x", located=False)[0] == Diagram("@startuml\nA -> B\n@enduml\n", "png", "x", 0)


def test_rule_headings_get_their_id() -> None:
    page = "\n".join(
        [
            "### BR-PAY-01 — Paiement par carte",
            "```",
            "### BR-PAY-99 — dans du code",
            "```",
            "## BR-SUB-02 — Annuel {: .important }",
            "## BR-REF-01 : Rétractation {#retractation}",
            "## Autre titre",
        ]
    )
    out, notes = rule_heading_ids(page)
    lines = out.split("\n")
    assert lines[0] == "### BR-PAY-01 — Paiement par carte {: #br-pay-01 }"
    assert lines[2] == "### BR-PAY-99 — dans du code"
    assert lines[4] == "## BR-SUB-02 — Annuel {: #br-sub-02 .important }"
    assert lines[5] == "## BR-REF-01 : Rétractation {: #br-ref-01 }"
    assert lines[6] == "## Autre titre"
    assert notes == ["heading id #retractation replaced by #br-ref-01 so that links to BR-REF-01 work"]


CRAFTED_SVGS = {
    "script": b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    "event handler": b'<svg xmlns="http://www.w3.org/2000/svg"><rect onclick="alert(1)"/></svg>',
    "javascript link": (
        b'<svg xmlns="http://www.w3.org/2000/svg"><a href=" jav&#x09;ascript:alert(1)"><text>x</text></a></svg>'
    ),
    "xlink javascript": (
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
        b'<a xlink:href="JAVASCRIPT:alert(1)"><text>x</text></a></svg>'
    ),
    "foreignObject": b'<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p>x</p></foreignObject></svg>',
    "external image": b'<svg xmlns="http://www.w3.org/2000/svg"><image href="https://evil.example/x.png"/></svg>',
    "animation": b'<svg xmlns="http://www.w3.org/2000/svg"><a><set attributeName="href" to="javascript:x"/></a></svg>',
    "style url": b'<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:url(https://evil.example/)"/></svg>',
    "entity": b'<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>',
    "html": b"<html><body><script>alert(1)</script></body></html>",
    "not xml": b"<svg><script>",
}


def test_crafted_svg_in_the_cache_is_discarded_and_rendered_again(renderer: Renderer) -> None:
    svg = renderer.render(SALT)
    assert svg_problem(svg) is None  # PlantUML's own output passes the check
    path = renderer.cache_dir / renderer.key(SALT)[:2] / f"{renderer.key(SALT)}.svg"
    for name, crafted in CRAFTED_SVGS.items():
        path.write_bytes(crafted)
        assert svg_problem(crafted) is not None, name
        assert renderer.cached(SALT) is None and not path.exists(), name  # checked on read, whatever an index says
    path.write_bytes(CRAFTED_SVGS["script"])
    assert renderer.render(SALT) == svg and b"alert" not in path.read_bytes()
    path.write_bytes(CRAFTED_SVGS["event handler"])
    assert renderer.render_many([Diagram(SALT)]) == 1  # a batch renders it again too
    assert renderer.cached(SALT) == svg


def test_plantuml_output_with_a_script_link_is_an_error(renderer: Renderer) -> None:
    code = "@startuml\nAlice -> Bob : [[javascript:alert(1) clic]]\n@enduml\n"
    try:
        svg = renderer.render(code, origin="specs/x.md")
    except RenderError as exc:
        assert "unsafe SVG output" in str(exc) and "specs/x.md" in str(exc)
    else:  # PlantUML itself dropped the link
        assert svg_problem(svg) is None
