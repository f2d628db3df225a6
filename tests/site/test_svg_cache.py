"""The SVG safety verdicts and inlined diagrams kept per SVG: checked once per distinct SVG, never trusted for
other bytes, another checker or a tampered entry; pages come out the same with and without them."""

from __future__ import annotations

from pathlib import Path

import pytest

from generators.signed_cache import SignedCache
from generators.site import plantuml as plantuml_module
from generators.site.engine import Engine
from generators.site.inline_svg import inline_diagrams
from generators.site.plantuml import CHECKED_DIR, Renderer

CODE = "@startuml\nA -> B\n@enduml\n"
SAFE = (
    b'<?xml version="1.0" encoding="us-ascii" standalone="no"?><svg xmlns="http://www.w3.org/2000/svg" '
    b'style="width:120px;height:40px;" viewBox="0 0 120 40" width="120px" height="40px">'
    b'<g><rect x="1" y="1" width="50" height="20"/><text x="5" y="15">A</text></g></svg>'
)
UNSAFE = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><script>alert(1)</script></svg>'
PAGE = f'# Page\n\nAvant.\n\n```plantuml format="svg_inline" classes="uml" alt="Schéma"\n{CODE}```\n\nAprès.\n'
OPTIONS = {"format": "svg_inline"}
# the same diagram twice, drawn differently (a wireframe is 1.4 times larger): one fragment each
TWICE = PAGE + f'\n```plantuml format="svg_inline" classes="fz_wireframe" alt="Maquette"\n{CODE}```\n'


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[bytes]:
    """Every SVG the safety checker really parses (the rest came from a verdict)."""
    monkeypatch.setenv("FANZONE_CACHE", str(tmp_path / "user"))
    checked: list[bytes] = []
    check = plantuml_module.svg_problem

    def counting(data: bytes) -> str | None:
        checked.append(data)
        return check(data)

    monkeypatch.setattr(plantuml_module, "svg_problem", counting)
    return checked


def _renderer(cache: Path, svg: bytes = SAFE, store: SignedCache | None = None) -> Renderer:
    """A renderer whose cache already holds `svg` for CODE (no PlantUML run)."""
    renderer = Renderer(Engine(("false",), "test"), cache, store)
    renderer._version = "PlantUML version test"
    path = cache / renderer.key(CODE)[:2] / f"{renderer.key(CODE)}.svg"
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_bytes() != svg:
        path.write_bytes(svg)
    return renderer


def test_an_svg_is_checked_once_then_its_verdict_is_read_back(tmp_path: Path, counted: list[bytes]) -> None:
    first = _renderer(tmp_path / "cache")
    assert first.render(CODE) == SAFE and first.render_many([plantuml_module.Diagram(CODE)]) == 0
    assert counted == [SAFE]  # read twice, checked once
    later = _renderer(tmp_path / "cache")  # the next build, another process
    assert later.cached(CODE) == SAFE and counted == [SAFE]


def test_other_bytes_or_a_forged_verdict_are_checked_again(tmp_path: Path, counted: list[bytes]) -> None:
    _renderer(tmp_path / "cache").render(CODE)
    crafted = _renderer(tmp_path / "cache", UNSAFE)  # the cached SVG replaced: its hash has no verdict
    assert crafted.cached(CODE) is None and counted[-1] == UNSAFE
    key = crafted.store.key(
        "svg-verdict", plantuml_module.checker_version(), plantuml_module.hashlib.sha256(UNSAFE).hexdigest()
    )
    forged = crafted.store.folder / key[:2] / f"{key}.bin"
    forged.parent.mkdir(parents=True, exist_ok=True)
    forged.write_bytes(b"\0" * 32 + b"safe")  # "safe" for the crafted bytes, without the user's key
    again = _renderer(tmp_path / "cache", UNSAFE)
    assert again.cached(CODE) is None and counted[-1] == UNSAFE and len(counted) == 3


def test_a_new_checker_checks_again(tmp_path: Path, counted: list[bytes], monkeypatch: pytest.MonkeyPatch) -> None:
    _renderer(tmp_path / "cache").render(CODE)
    monkeypatch.setattr(plantuml_module, "checker_version", lambda: "another checker")
    assert _renderer(tmp_path / "cache").render(CODE) == SAFE and counted == [SAFE, SAFE]


def test_pages_are_the_same_with_and_without_the_fragment_cache(tmp_path: Path, counted: list[bytes]) -> None:
    without = inline_diagrams(
        PAGE, _renderer(tmp_path / "a", store=SignedCache(tmp_path / "off", secret=False)), OPTIONS, "p.md"
    )
    assert '<div class="fz-diagram">' in without and "<svg" in without and "```" not in without
    cold = inline_diagrams(PAGE, _renderer(tmp_path / "b"), OPTIONS, "p.md")
    warm = _renderer(tmp_path / "b")
    assert cold == without and inline_diagrams(PAGE, warm, OPTIONS, "p.md") == without
    assert warm.store.hits == 2  # the verdict and the fragment were read back
    off = SignedCache(tmp_path / "off", secret=False)
    expected = inline_diagrams(TWICE, _renderer(tmp_path / "c", store=off), OPTIONS, "p.md")
    assert 'width="168"' in expected and 'width="120"' in expected
    assert inline_diagrams(TWICE, _renderer(tmp_path / "b"), OPTIONS, "p.md") == expected


def test_a_tampered_fragment_is_not_used(tmp_path: Path, counted: list[bytes]) -> None:
    expected = inline_diagrams(PAGE, _renderer(tmp_path / "cache"), OPTIONS, "p.md")
    entries = list((tmp_path / "cache" / CHECKED_DIR).glob("??/*.bin"))
    assert len(entries) == 2  # the verdict and the fragment
    for entry in entries:
        data = entry.read_bytes()
        if data[32:] != b"safe":
            entry.write_bytes(data[:32] + b"<svg><script>alert(1)</script></svg>")
    page = inline_diagrams(PAGE, _renderer(tmp_path / "cache"), OPTIONS, "p.md")
    assert page == expected and "alert" not in page
