"""The big generated pages' tables and link lists, written as HTML by the generation step (`prerender.py`), give
the very HTML Python-Markdown and MkDocs make of their Markdown: the same links (final URLs, with and without
directory URLs), the same escapes of user text, the same ids linked and abbreviations marked."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import _RelativePathTreeprocessor

from generators.escape.markdown import md_cell
from generators.site.diagram_blocks import DiagramBlocksExtension
from generators.site.idlinks import IdIndex, IdLinksExtension, with_id_map
from generators.site.paths import rel
from generators.site.prerender import CLOSE, OPEN, Settings
from generators.site.prerender import settings as prerender_settings
from generators.site.prerender_blocks import convert
from generators.site.render import markdown_env
from generators.site.views import id_link

PAGE = "backlog/tracabilite.md"
PAGES = [
    PAGE,
    "backlog/E01.md",
    "backlog/E02.md",
    "maquettes/FO-accueil.md",
    "regles.md",
    "index.md",
    "personas.md",
    "backlog/index.md",
]
TARGETS = {
    "E01": ("backlog/E01.md", ""),
    "E01-S01": ("backlog/E01.md", "e01-s01"),
    "E02-S07": ("backlog/E02.md", "e02-s07"),
    "FO-accueil": ("maquettes/FO-accueil.md", ""),
    "BR-PAY-02": ("regles.md", "br-pay-02"),
    "ENF-03": (PAGE, "enf-03"),  # declared on the page itself
}
GLOSSARY = {"VOD": "Vidéo à la demande", "API": 'Interface "de programmation" & co', "E2E": "de bout en bout"}
EXTENSIONS = ["attr_list", "def_list", "md_in_html", "tables", "toc", "admonition", "abbr"]


def _html(text: str, directory_urls: bool, *, ours: bool) -> str:
    """The page's HTML as MkDocs makes it: the site's extensions, then MkDocs' link processor."""
    config = MkDocsConfig()
    docs = str(Path(__file__).parent / "fixtures")  # any folder: no file is read
    config.load_dict(
        {"site_name": "t", "docs_dir": docs, "site_dir": "/nonexistent/site", "use_directory_urls": directory_urls}
    )
    assert not config.validate()[0]
    files = Files([File(page, "/docs", "/site", directory_urls) for page in PAGES])
    extensions: list[object] = [*EXTENSIONS, IdLinksExtension()]
    if ours:
        extensions.append(DiagramBlocksExtension())
    md = markdown.Markdown(extensions=extensions, extension_configs={"abbr": {"glossary": GLOSSARY}})
    _RelativePathTreeprocessor(files.get_file_from_path(PAGE), files, config)._register(md)
    return md.convert(text)


def _both(page_markdown: str, directory_urls: bool) -> tuple[str, str, str]:
    index = IdIndex(dict(TARGETS))
    converted = convert(page_markdown, PAGE, Settings(directory_urls, GLOSSARY), index, PAGES)
    plain = _html(with_id_map(page_markdown, PAGE, index), directory_urls, ours=False)
    ours = _html(with_id_map(converted, PAGE, index), directory_urls, ours=True)
    return plain, ours, converted


def _link(object_id: str, title: str | None = None) -> str:
    page, anchor = TARGETS[object_id]
    return str(id_link(object_id, title, rel(PAGE, page) + (f"#{anchor}" if anchor else "")))


def _table(rows: list[list[str]]) -> str:
    template = markdown_env().from_string(
        "## Stories\n| Story | Titre | Statut | Liens |\n|---|:-:|--:|---|\n"
        "{% for r in rows %}| {{ r[0] | cell }} | {{ r[1] | cell }} | {{ r[2] | cell }} | {{ r[3] | cell }} |\n"
        "{% endfor %}\n"
    )
    return template.render(rows=rows)


HOSTILE = [
    "<script>alert(1)</script>",
    "Voir E01-S01 et BR-PAY-02, E01 ou ENF-03",
    "L'API de VOD (E2E) & « co »",
    "**gras** [lien](http://evil.example) `code` | pipe",
    "&amp; &#42; &lt;b&gt; {: #x } ~~barré~~ ^sup^ ==m== $x$",
    "- liste",
    "1. numéro",
    "FO-inconnu-9 X-1 vod API's APIs",
    "E01-S01",
]


def _rows(titles: list[str]) -> list[list[str]]:
    links = [_link("E01-S01"), _link("E02-S07", "Payer"), _link("FO-accueil"), _link("BR-PAY-02", "Règle")]
    rows = []
    for number, title in enumerate(titles):
        badge = Markup(f'<span class="fz-badge fz-todo">{md_cell(title[:12])}</span>')
        jira = Markup("[FZ-12](https://jira.example/browse/FZ-12?a=1&b=2) [Accueil](../index.md) [Vue](index.md)")
        related = Markup(", ".join([links[number % 4], links[(number + 1) % 4], jira]))
        rows.append([Markup(links[number % 4]), title, badge, related])
    return rows


@pytest.mark.parametrize("directory_urls", [False, True])
def test_a_generated_table_and_link_list_give_the_same_html(directory_urls: bool) -> None:
    gaps = " · ".join([_link("E01-S01", HOSTILE[2]), _link("E02-S07", "Payer E01-S01"), _link("ENF-03")])
    page = "\n".join(["# Matrice", "", _table(_rows(HOSTILE)), "### 3 gaps {: #gaps }", "", gaps, "", "Fin."])
    plain, ours, converted = _both(page, directory_urls)
    assert converted.count(OPEN) == converted.count(CLOSE) == 2  # both blocks written as HTML
    assert "<abbr" in ours and 'class="fz-id fz-ref"' in ours and "<script>" not in ours
    assert ours == plain


def _story(title: str) -> str:
    """A story's body as the epic template writes it (badges, sentence, criteria, links), and a list."""
    text = md_cell(title)
    persona = "[Fan, " + text + "](../personas.md#p-fan)"
    return "\n".join(
        [
            f"## E01-S01 — {text} {{: #e01-s01 }}",
            "",
            f'<span class="fz-badge fz-todo">{text}</span> <span class="fz-badge fz-points">3 points</span> · Jira : '
            "[FZ-12](https://jira.example/browse/FZ-12)",
            "",
            f"> <strong>En tant que</strong> {persona}, <strong>je veux</strong> {text} <strong>afin de</strong> x.",
            "",
            "**Critères d'acceptation**",
            "",
            f"1. *Scénario : {text}*<br>**Étant donné** {text}<br>**Quand** E01-S01<br>**Alors** VOD",
            f"2. **Étant donné** a<br>**Quand** {text}<br>**Alors** b",
            "",
            f"**Écrans :** {_link('FO-accueil', title)}, {_link('E01')}",
            "",
            f"- {text}",
            "- API",
            "",
            "*Aucune user story n'est écrite pour ce persona.*",
            "",
        ]
    )


@pytest.mark.parametrize("directory_urls", [False, True])
def test_a_story_body_gives_the_same_html(directory_urls: bool) -> None:
    plain, ours, converted = _both("\n".join(_story(title) for title in HOSTILE), directory_urls)
    assert converted.count(OPEN) == len(HOSTILE)  # each story's body, all but its heading, in one block
    outside = [part.split(CLOSE)[-1] for part in converted.split(OPEN)]
    assert all(line.startswith("## ") for part in outside for line in part.split("\n") if line.strip())
    assert "<em>" in ours and "<ol>" in ours and "<ul>" in ours and "<blockquote>" in ours
    assert ours == plain


@pytest.mark.parametrize("directory_urls", [False, True])
def test_a_link_or_an_escape_that_differs_is_seen(directory_urls: bool) -> None:
    """The comparison above can fail: the HTML block with one link or one entity changed is not the same."""
    page = _table(_rows(HOSTILE[:3]))
    plain, ours, converted = _both(page, directory_urls)
    assert ours == plain
    index = IdIndex(dict(TARGETS))
    for before, after in ((".html#e01-s01", ".html#e01-s02"), ("/#e01-s01", "/#e01-s02"), ("&#39;", "'")):
        if before in converted:
            broken = _html(with_id_map(converted.replace(before, after, 1), PAGE, index), directory_urls, ours=True)
            assert broken != plain


def test_blocks_not_in_the_generated_form_stay_markdown() -> None:
    index = IdIndex(dict(TARGETS))
    first_cell_id = "| Id | Titre |\n|---|---|\n| ENF-03 | x |\n"  # a row declaring an id (its anchor)
    raw_text = "| A | B |\n|---|---|\n| `x` | y |\n"  # code in a cell
    for text in (
        first_cell_id,
        raw_text,
        "[a](b.md) `x`\n",
        "- [a](b.md)\n\n- b\n",
        "> a\n\n> b\n",
        "1. a\n\n    b\n",
        "- a\n- > b\n",
        "!!! note\n",
        "[a](b.md)\n\n: défini\n",
        "```\n| A | B |\n|---|---|\n| x | y |\n```\n",
    ):
        assert convert(text, PAGE, Settings(False), index, [*PAGES, "backlog/b.md"]) == text


pieces = st.sampled_from(["E01-S01", "BR-PAY-02", "E01", "VOD", "API", "E2E", "FO-accueil", " ", "&", "<", "'", "-"])
cell_text = st.lists(
    pieces | st.text(st.characters(blacklist_categories=("Cs",), min_codepoint=0x20, max_codepoint=0x17F), max_size=6),
    max_size=6,
).map("".join)


@settings(max_examples=60, deadline=None)
@given(titles=st.lists(cell_text, min_size=1, max_size=4), directory_urls=st.booleans())
def test_any_user_text_gives_the_same_html(titles: list[str], directory_urls: bool) -> None:
    gaps = ", ".join(_link("E02-S07", title) for title in titles)
    page = _table(_rows(titles)) + "\n" + gaps + "\n\n" + "\n".join(_story(title) for title in titles)
    plain, ours, _converted = _both(page, directory_urls)
    assert ours == plain


def test_settings_only_for_extensions_whose_effect_is_known() -> None:
    base = ["toc", "tables", "generators.site.idlinks", "abbr", "generators.site.diagram_blocks"]
    configs = {"abbr": {"glossary": {"VOD": "x"}}}
    assert prerender_settings(base, configs, True) == Settings(True, {"VOD": "x"})
    assert prerender_settings([*base, "pymdownx.emoji"], configs, True) is None  # `:smile:` in a title
    assert prerender_settings(base[:-1], configs, True) is None  # nothing would set the blocks aside
    repo = str(Path(__file__).resolve().parents[2])  # not the current folder: another test may have moved it
    appended = {**configs, "pymdownx.snippets": {"auto_append": ["x.md"], "base_path": [repo]}}
    assert prerender_settings(base, appended, False) == Settings(False, {"VOD": "x"})  # no such file: nothing added
    appended["pymdownx.snippets"]["auto_append"] = ["pyproject.toml"]  # appended to every page: unknown text
    assert prerender_settings(base, appended, False) is None


BUILT_PAGES = [
    "backlog/tracabilite.html",
    "backlog/plateformes.html",
    "backlog/E01.html",
    "backlog/E02.html",
    "print_page.html",
]


def test_a_built_site_is_the_same_as_from_the_pages_markdown(
    tmp_path: Path, plantuml_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sample project (hostile titles, a Jira key, an abbreviation), built with the blocks written as HTML
    and then from their Markdown: the same pages."""
    from sitehelpers import make_project

    from generators.site import plugin
    from generators.site.build import build_site

    project = make_project(tmp_path / "project")
    epic = project / "backlog" / "epics" / "E01-compte.yaml"
    epic.write_text(
        epic.read_text(encoding="utf-8").replace("title: Créer un compte\n", "title: Créer un compte VOD (E02)\n", 1),
        encoding="utf-8",
    )
    build_site(project, full=True)
    tree = project / ".cache" / "fanzone" / "docs"
    for page in ("tracabilite.md", "plateformes.md", "E01.md"):
        assert OPEN in (tree / "backlog" / page).read_text(encoding="utf-8"), page
    ours = {page: (project / "site" / page).read_text(encoding="utf-8") for page in BUILT_PAGES}
    assert "<abbr" in ours["backlog/tracabilite.html"]

    monkeypatch.setattr(plugin, "prerender_settings", lambda *args: None)
    build_site(project, full=True)
    assert OPEN not in (tree / "backlog" / "tracabilite.md").read_text(encoding="utf-8")
    for page in BUILT_PAGES:
        assert ours[page] == (project / "site" / page).read_text(encoding="utf-8"), page


@pytest.mark.parametrize("offline", [None, True, False])
def test_links_for_the_urls_mkdocs_will_use(offline: bool | None) -> None:
    """Material's offline plugin turns directory URLs off after the generation step read the setting."""
    from types import SimpleNamespace

    from generators.site.prerender import site_settings

    plugins = {} if offline is None else {"material/offline": SimpleNamespace(config={"enabled": offline})}
    extensions = ["toc", "tables", "generators.site.idlinks", "generators.site.diagram_blocks"]
    config = SimpleNamespace(plugins=plugins, markdown_extensions=extensions, mdx_configs={}, use_directory_urls=True)
    found = site_settings(config)  # type: ignore[arg-type]
    assert found is not None and found.use_directory_urls is (offline is not True)
