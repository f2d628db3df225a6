"""Property tests: arbitrary Unicode text mixed with every PlantUML preprocessor function and directive and
with HTML, Markdown, Jinja and Creole markup, in screen texts and notes, screen titles, epic, story and
phase names, and the Markdown of pages (titles, rule titles, cells, list items, raw HTML): every diagram is
rendered by the real jar (one batch per example) and every Markdown fragment by the site's extensions.
Nothing is read from a file or the environment, no script or link comes from the text, the text is shown."""

from __future__ import annotations

import html
import re
import shutil
import tempfile
from functools import cache
from pathlib import Path

import markdown
from escapehelpers import REPO, Secrets
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config
from test_plantuml_labels import MINI, expected, visible_text

from generators.escape.markdown import md_cell, md_text
from generators.escape.plantuml import BUILTIN_FUNCTIONS, DIRECTIVES, plantuml_label
from generators.load import load_backlog
from generators.model import Screen
from generators.plan import schedule
from generators.reports.gantt_puml import gantt_plantuml
from generators.site.default_config import yaml_string
from generators.site.flow import flow_diagram
from generators.site.plantuml import Diagram, Renderer
from generators.site.salt import wireframe

SECRET_FILE = "/tmp/fz-secret-for-tests.txt"  # the fixture's files are named in the labels through {file}
MARKUP = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "{{ 7*7 }}",
    "{% raw %}",
    "**gras**",
    "//ital//",
    "__sous__",
    "--barré--",
    '""mono""',
    "~~vague~~",
    "[[http://evil.example lien]]",
    "[lien](javascript:alert(1))",
    "![img](http://evil.example/i.png)",
    "<http://evil.example>",
    "*[FO]: x",
    "[^1]",
    "{: #pirate }",
    "| a | b |",
    "`code`",
    "&amp;",
    "&#60;",
    "\\n",
    "@enduml",
    "@startuml",
    "- ",
    "1. ",
    ": ",
    "# ",
    "<&person>",
    "<color:red>",
    "(X)",
    "^liste^",
]
FRAGMENTS = st.one_of(
    st.sampled_from(BUILTIN_FUNCTIONS).map(lambda name: f'{name}("{{file}}")'),
    st.sampled_from(DIRECTIVES).map(lambda name: f"\n{name} {{file}}"),
    st.sampled_from(MARKUP),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")), min_size=1, max_size=6),
)
TEXT = st.lists(FRAGMENTS, min_size=1, max_size=8).map("".join).filter(lambda text: text.strip() != "")
EXAMPLES = 3  # each example is one PlantUML run (a JVM start): 5-15 s on a shared 2-core machine


def _hostile(text: str, secrets: Secrets) -> str:
    return text.replace("{file}", str(secrets.file))


def _gantt(texts: list[str]) -> str:
    with tempfile.TemporaryDirectory(prefix="fz-prop-") as tmp:
        root = Path(tmp, "project")
        shutil.copytree(MINI, root)
        slots = [
            ("backlog/project.yaml", "name: Cadrage"),
            ("backlog/project.yaml", "name: Recette"),
            ("backlog/epics/E01-compte.yaml", "title: Compte et authentification"),
            ("backlog/epics/E02-offres.yaml", "title: Offres et tarifs"),
        ]
        for text, (file, line) in zip(texts, slots, strict=False):
            path = root / file
            key = line.split(":")[0].strip()
            indent = line[: len(line) - len(line.lstrip())]
            path.write_text(path.read_text("utf-8").replace(line, f"{indent}{key}: {yaml_string(text)}", 1), "utf-8")
        result = load_backlog(root)
        assert result.backlog is not None, [str(error) for error in result.errors]
        return gantt_plantuml(result.backlog, schedule(result.backlog))


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    phases=(Phase.explicit, Phase.reuse, Phase.generate),  # no shrinking: each step would start a JVM
)
@given(st.lists(TEXT, min_size=5, max_size=12))
def test_diagrams_show_any_text_and_read_nothing(unsandboxed: Renderer, secrets: Secrets, raw: list[str]) -> None:
    plantuml = unsandboxed  # without PlantUML's sandbox: the labels alone keep every file unread
    texts = [_hostile(text, secrets) for text in raw]
    components: list[dict] = [{"type": "text", "text": text, "note": text} for text in texts]
    components.append({"type": "header", "title": texts[0], "user": texts[1]})
    screen = Screen.model_validate({"id": "FO-p", "title": texts[2], "area": "front-office", "components": components})
    screens = [
        Screen.model_validate(
            {
                "id": f"FO-p{i}",
                "title": text,
                "area": "front-office",
                "components": [{"type": "button", "label": "Suite", "to": f"FO-p{(i + 1) % len(texts)}"}],
            }
        )
        for i, text in enumerate(texts)
    ]
    diagrams = {
        "salt": (wireframe(screen, lambda target: f"../{target}/").salt, texts),
        "flow": (flow_diagram("front-office", screens, lambda target: f"../{target}/"), texts),
        "gantt": (_gantt(texts), texts[:4]),
        "sequence": (
            "@startuml\nparticipant A\nparticipant B\n"
            + "".join(f"A -> B : {plantuml_label(text)}\n" for text in texts)
            + "@enduml\n",
            texts,
        ),
    }
    plantuml.render_many(Diagram(code, "svg", name) for name, (code, _) in diagrams.items())
    for name, (code, shown_texts) in diagrams.items():
        svg = plantuml.cached(code)
        assert svg is not None and b"Syntax Error" not in svg, name
        assert not any(marker.encode() in svg for marker in secrets.markers), name
        seen = visible_text(svg)
        missing = [text for text in shown_texts if expected(text) not in seen]
        assert not missing, f"{name}: not shown: {missing}"


@cache
def _markdown():

    config = load_config(str(REPO / "mkdocs.yml"))
    skip = ("pymdownx.snippets", "generators.site.plantuml_ext")
    extensions = [ext for ext in config.markdown_extensions if ext not in skip]
    options = {name: value for name, value in config.mdx_configs.items() if name in extensions}
    return extensions, options


def _render(text: str) -> str:

    extensions, options = _markdown()
    return markdown.Markdown(extensions=extensions, extension_configs=options).convert(text)


def _shown(fragment: str) -> str:
    fragment = re.sub(r'<a class="headerlink".*?</a>', "", fragment)
    return html.unescape(re.sub(r"<[^>]+>", "", fragment)).strip()


CONTEXTS = {
    "heading": "## {} {{: #e01 }}\n",
    "rule title link": "Règle : [{}](regles-metier.md#br-acc-01)\n",
    "list item": "- {}\n",
    "table cell": "| a |\n|---|\n| {} |\n",
    "raw html": '<span class="fz-badge">{}</span>\n',
    "prose": "Avant\n\n{}\n",
}


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(TEXT)
def test_markdown_shows_any_text_and_injects_nothing(text: str) -> None:
    flat = " ".join(text.split())
    value = md_text(text)
    assert "{{" not in value and "{%" not in value and "\n" not in value
    for name, template in CONTEXTS.items():
        out = _render(template.format(md_cell(text) if name == "table cell" else value))
        assert "<script" not in out and "<img" not in out and "<abbr" not in out, (name, out)
        assert not re.search(r"""(?:href|src)\s*=\s*["']?\s*(?:javascript|http)""", out), (name, out)
        assert out.count("<a ") == out.count('class="headerlink"') + (1 if name == "rule title link" else 0), (
            name,
            out,
        )
        shown = _shown(out)
        if name == "table cell":
            shown = shown.removeprefix("a").strip()
        elif name == "prose":
            shown = shown.removeprefix("Avant").strip()
        elif name == "rule title link":
            shown = shown.removeprefix("Règle :").strip()
        assert shown == flat, (name, out)
