"""`plantuml_label`: every PlantUML preprocessor function and directive, in the labels of every diagram kind,
rendered by the real jar: the SVG shows the text and holds nothing the preprocessor could have read."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from escapehelpers import REPO, Secrets
from lxml import etree

from generators.escape.plantuml import BUILTIN_FUNCTIONS, DIRECTIVES, plantuml_label, shown
from generators.load import load_backlog
from generators.model import Screen
from generators.plan import schedule
from generators.reports.gantt_puml import gantt_plantuml
from generators.site.default_config import yaml_string
from generators.site.flow import flow_diagram
from generators.site.plantuml import Diagram, Renderer, RenderError
from generators.site.salt import wireframe

SVG_TEXT = "{http://www.w3.org/2000/svg}text"
MINI = REPO / "tests" / "fixtures" / "mini"
SPEC_FENCE = '@startuml\n!include {file}\nAlice -> Bob : %load_json("{json}") %getenv("{env}")\n@enduml\n'


def payloads(secrets: Secrets) -> list[str]:
    """Each builtin function called on a secret, each directive aimed at one, and a few closers."""
    out = []
    for name in BUILTIN_FUNCTIONS:
        if name == "%getenv":
            argument = secrets.env_name
        elif "json" in name:
            argument = str(secrets.json)
        else:
            argument = str(secrets.file)
        out.append(f'{name}("{argument}")')
    out += [f"{directive} {secrets.file}" for directive in DIRECTIVES]
    out += ["@enduml", "@endsalt", "$x", "!$x = 1", "##x", "<script>alert(1)</script>", "[[http://e.example x]]"]
    return out


def visible_text(svg: bytes) -> str:
    """The text an SVG shows, without spaces (PlantUML may split a label into several <text> elements)."""
    root = etree.fromstring(svg, etree.XMLParser(huge_tree=True))
    return re.sub(r"\s+", "", "".join("".join(t.itertext()) for t in root.iter(SVG_TEXT))).replace("\u200b", "")


def expected(text: str) -> str:
    return re.sub(r"\s+", "", shown(plantuml_label(text)))


def test_every_function_and_directive_is_listed() -> None:
    """The lists the tests feed the jar cover what PlantUML documents (and the brief names)."""
    for name in ("%getenv", "%load_json", "%filename", "%dirpath", "%version", "%date", "%chr", "%call_user_func"):
        assert name in BUILTIN_FUNCTIONS
    for name in ("%invoke_procedure", "%get_all_theme", "%file_exists", "%str2json", "%splitstr_regex"):
        assert name in BUILTIN_FUNCTIONS
    for name in ("!include", "!includeurl", "!import", "!theme", "!pragma", "!define", "!function", "!procedure"):
        assert name in DIRECTIVES
    assert "!if" in DIRECTIVES and "!$variable" in DIRECTIVES
    assert len(BUILTIN_FUNCTIONS) >= 70 and len(set(BUILTIN_FUNCTIONS)) == len(BUILTIN_FUNCTIONS)


def test_labels_hold_no_live_sigil(secrets: Secrets) -> None:
    for text in payloads(secrets):
        label = plantuml_label(text)
        assert not re.search(r"[!%$@#][A-Za-z_$]", label), (text, label)
        assert not set(label) & set('"[]{}|<>\\\n`~'), (text, label)
        assert not label.startswith(tuple("!'%$@.")), label


def _salt(texts: list[str]) -> str:
    components: list[dict] = [{"type": "header", "title": texts[0], "user": texts[1]}]
    components += [{"type": "text", "text": text} for text in texts]
    components += [{"type": "button", "label": text} for text in texts[:8]]
    components.append({"type": "table", "title": texts[2], "columns": texts[3:6], "rows": [texts[6:9]]})
    screen = Screen.model_validate({"id": "FO-x", "title": "x", "area": "front-office", "components": components})
    return wireframe(screen, lambda target: f"../{target}/").salt


def _flows(texts: list[str]) -> list[str]:
    diagrams = []
    for start in range(0, len(texts), 25):
        chunk = texts[start : start + 25]
        screens = [
            Screen.model_validate(
                {
                    "id": f"FO-p{start + i}",
                    "title": text,
                    "area": "front-office",
                    "components": [{"type": "button", "label": "Suite", "to": f"FO-p{start + (i + 1) % len(chunk)}"}],
                }
            )
            for i, text in enumerate(chunk)
        ]
        diagrams.append(flow_diagram("front-office", screens, lambda target: f"../{target}/"))
    return diagrams


def _gantt(texts: list[str], tmp_path: Path) -> tuple[str, list[str]]:
    """The mini project with hostile phase, epic, story and milestone names; the labels that carry them."""
    root = tmp_path / "project"
    shutil.copytree(MINI, root)
    slots = [
        ("backlog/project.yaml", "name: Cadrage"),
        ("backlog/project.yaml", "name: Conception UX/UI"),
        ("backlog/project.yaml", "name: Développement MVP"),
        ("backlog/project.yaml", "name: Recette"),
        ("backlog/project.yaml", "name: Lancement bêta"),
        ("backlog/epics/E01-compte.yaml", "title: Compte et authentification"),
        ("backlog/epics/E02-offres.yaml", "title: Offres et tarifs"),
    ]
    size = -(-len(texts) // len(slots))
    used = []
    for index, (file, line) in enumerate(slots):
        chunk = " · ".join(texts[index * size : (index + 1) * size])
        used.append(chunk)
        path = root / file
        key = line.split(":")[0]
        path.write_text(path.read_text(encoding="utf-8").replace(line, f"{key}: {yaml_string(chunk)}", 1), "utf-8")
    result = load_backlog(root)
    assert result.backlog is not None, [str(e) for e in result.errors]
    return gantt_plantuml(result.backlog, schedule(result.backlog)), used


def _other_kinds(texts: list[str]) -> dict[str, str]:
    """Sequence, class, state, activity, use case and mind map diagrams, labels written as future generators will."""
    labels = [plantuml_label(text) for text in texts]
    sequence = ["@startuml", *(f'participant "{label}" as P{i}' for i, label in enumerate(labels[:10]))]
    sequence += [f"P{i % 10} -> P{(i + 1) % 10} : {label}" for i, label in enumerate(labels)]
    sequence += [f"note over P0 : {label}" for label in labels[:5]]
    classes = ["@startuml", *(f'class "{label}" as C{i} {{\n  + {label}\n}}' for i, label in enumerate(labels))]
    states = ["@startuml", *(f'state "{label}" as S{i}' for i, label in enumerate(labels))]
    states += [f"S{i} --> S{i + 1} : {label}" for i, label in enumerate(labels[:-1])]
    activity = ["@startuml", "start", *(f":{label};" for label in labels), "stop"]
    usecase = ["@startuml", *(f'usecase "{label}" as U{i}' for i, label in enumerate(labels))]
    mindmap = ["@startmindmap", "* racine", *(f"** {label}" for label in labels), "@endmindmap"]
    kinds = {"sequence": sequence, "class": classes, "state": states, "activity": activity, "usecase": usecase}
    out = {name: "\n".join([*lines, "@enduml"]) + "\n" for name, lines in kinds.items()}
    out["mindmap"] = "\n".join(mindmap) + "\n"
    return out


def test_every_diagram_kind_shows_the_text_and_reads_nothing(
    unsandboxed: Renderer, secrets: Secrets, tmp_path: Path
) -> None:
    """Without PlantUML's sandbox: the labels alone keep every file and variable unread."""
    plantuml = unsandboxed
    texts = payloads(secrets)
    gantt, gantt_labels = _gantt(texts, tmp_path)
    diagrams: dict[str, tuple[str, list[str]]] = {"salt": (_salt(texts), texts)}
    for index, flow in enumerate(_flows(texts)):
        diagrams[f"flow {index}"] = (flow, texts[index * 25 : (index + 1) * 25])
    diagrams["gantt"] = (gantt, gantt_labels)
    for name, code in _other_kinds(texts).items():
        diagrams[name] = (code, texts)
    plantuml.render_many(Diagram(code, "svg", name) for name, (code, _) in diagrams.items())  # one JVM
    for name, (code, shown_texts) in diagrams.items():
        svg = plantuml.cached(code)
        assert svg is not None, name
        assert b"Syntax Error" not in svg and b"<svg" in svg, name
        for marker in secrets.markers:
            assert marker.encode() not in svg, f"{name}: the preprocessor read a secret ({marker})"
        text = visible_text(svg)
        missing = [t for t in shown_texts if expected(t) not in text]
        assert not missing, f"{name}: not shown as text: {missing[:5]}"


def test_a_spec_diagram_cannot_read_files_either(plantuml: Renderer, secrets: Secrets) -> None:
    """Diagrams written by hand in spec pages are not labels: PlantUML's sandbox refuses their file reads."""
    code = SPEC_FENCE.format(file=secrets.file, json=secrets.json, env=secrets.env_name)
    try:
        svg = plantuml.render(code, origin="specs/x.md")
    except RenderError as exc:
        assert "specs/x.md" in str(exc) and not any(marker in str(exc) for marker in secrets.markers)
    else:
        assert not any(marker.encode() in svg for marker in secrets.markers)
