"""Wireframe YAML -> PlantUML Salt: every component drawn, notes numbered, links kept, YAML text neutralised."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sitehelpers import FIXTURES

from generators.escape.plantuml import plantuml_label
from generators.load.yamlread import load_file
from generators.model import Screen
from generators.site.salt import marker, wireframe


def _screen(path: Path = FIXTURES / "FO-vitrine.yaml") -> Screen:
    return Screen.model_validate(load_file(path).data)


def _url(target: str) -> str:
    return f"../{target}/"


def test_every_component_type_is_drawn() -> None:
    salt = wireframe(_screen(), _url).salt
    assert salt.startswith("@startsalt\n{+\n") and salt.endswith("}\n@endsalt\n")
    expected = {
        "header (menu bar)": "{* <b>Fanzone TV</b>",
        "header search": "<&magnifying-glass> Rechercher",
        "title text": "<size:18><b>Finale de la coupe de France</b>",
        "image": "<&image> [[../FO-connexion/ Affiche du match]]",
        "live video": "● EN DIRECT",
        "video controls": "[<&media-play>] | [lecture] | [volume] | [plein écran]",
        "cards group": '{^"À la une"',
        "card badge": "<b>NOUVEAU</b>",
        "required e-mail field": 'E-mail * | "vous',
        "select": "Pays | ^France^",
        "radio with chosen value": "{ () Mensuelle | (X) Annuelle }",
        "checkbox": ". | [] J'accepte les conditions",
        "toggle on": ". | [X] Recevoir la newsletter",
        "file field": "Parcourir…] | Aucun fichier }",
        "date placeholder": '"jj/mm/aaaa',
        "linked primary action": "[ [[../BO-offres/ Payer]] ]",
        "danger action": "[<color:#C62828>Supprimer</color>]",
        "link-style action": "<u>Aide</u>",
        "tabs with the active one bold": "{/ [[../FO-connexion/ Infos]] | <b>Vidéos</b> }",
        "table grid": "{#",
        "table header": "<b>Offre</b> | <b>Prix</b> | <b>Durée</b>",
        "linked table row, short row padded": "[[../BO-offres/ Annuelle]] | 99 € | .",
        "section": '{^"Zone hostile"',
        "modal title bar": "{* <b>Confirmer l'achat</b> | <&x> }",
        "footer": "<size:10><color:#666666>© Fanzone TV 2025</color>",
    }
    missing = {name: text for name, text in expected.items() if text not in salt}
    assert not missing, f"not drawn: {missing}\n{salt}"


def test_long_body_text_is_wrapped() -> None:
    salt = wireframe(_screen(), _url).salt
    longest = max(len(line.strip()) for line in salt.splitlines() if "paragraphe" in line or "plusieurs" in line)
    assert longest <= 70
    assert "Un long paragraphe" in salt and "beaucoup trop large" in salt


def test_notes_are_numbered_in_drawing_order() -> None:
    drawing = wireframe(_screen(), _url)
    assert [a.number for a in drawing.annotations] == [1, 2, 3, 4]
    assert [a.marker for a in drawing.annotations] == ["❶", "❷", "❸", "❹"]
    assert drawing.annotations[0].component == "En-tête « Fanzone TV »"
    assert drawing.annotations[2].component == "Formulaire « Paiement »"
    assert drawing.annotations[2].text.startswith("Paiement par carte via Stripe")
    for annotation in drawing.annotations:
        assert f"<b>{annotation.marker}</b>" in drawing.salt


def test_a_marker_sits_right_after_its_element_not_in_a_gutter() -> None:
    """A note's marker shares a grid of its own with its element; a trailing column of the parent grid would
    put every marker in one far column at the right of the widest element."""
    salt = wireframe(_screen(), _url).salt
    lines = salt.splitlines()
    for annotation in wireframe(_screen(), _url).annotations:
        number = next(n for n, line in enumerate(lines) if f"<b>{annotation.marker}</b>" in line)
        line = lines[number]
        assert line.strip().startswith("} | <color:"), line  # the element's grid closes, then the marker
        indent = len(line) - len(line.lstrip())
        wrapper = lines[number + 1]  # the grid holding just the element and its marker closes next
        assert wrapper.strip() == "}" and len(wrapper) - len(wrapper.lstrip()) == indent - 2, (line, wrapper)


def test_a_named_component_labels_its_annotation() -> None:
    screen = _screen()
    screen.components[0].name = "Barre de marque"
    assert wireframe(screen, _url).annotations[0].component == "Barre de marque"


def test_links_are_listed_once_in_order() -> None:
    assert wireframe(_screen(), _url).links == ["FO-connexion", "BO-offres"]


def test_link_urls_come_from_the_caller() -> None:
    salt = wireframe(_screen(), lambda target: f"{target}.html").salt
    assert "[[FO-connexion.html Connexion]]" in salt
    assert "../FO-connexion/" not in salt


def test_hostile_text_cannot_escape_its_cell() -> None:
    salt = wireframe(_screen(), _url).salt
    assert "<script>" not in salt and "</script>" not in salt
    assert "‹script›alert(1)‹/script›" in salt
    assert "[[http" not in salt  # a YAML value cannot create a link
    assert "@enduml" not in salt and "@startsalt" in salt
    assert "%date()" not in salt  # PlantUML would run the preprocessor function
    for line in salt.splitlines():
        stripped = line.strip()
        assert not stripped.startswith(("!", "'")), f"a YAML value starts a directive or comment line: {line!r}"
    assert "\u200b(X)" in salt  # a label "(X)" stays a label, not a radio button


@pytest.mark.parametrize(
    ("text", "forbidden"),
    [
        ("<b>gras</b>", "<b>"),
        ('"champ"', '"'),
        ("a | b", "|"),
        ("[bouton]", "["),
        ("{groupe}", "{"),
        ("**gras** //italique//", "**"),
        ("!include /etc/passwd", "!include"),
        ("texte !include /etc/passwd", "!include"),
        ("`code`", "`"),
        ("%version()", "%version"),
        ("le %getenv('HOME') ici", "%getenv"),
        ("$secret", "$secret"),
        ("ligne 1\nligne 2", "\n"),
        ("ligne 1\\nligne 2", "\\n"),
        ("@enduml", "@enduml"),
        ("~~vague~~", "~~"),
        ("#red", "#red"),
    ],
)
def test_salt_text_neutralises(text: str, forbidden: str) -> None:
    assert forbidden in text  # the hostile part is really there before
    assert forbidden not in plantuml_label(text)
    assert "\n" not in plantuml_label(text)


def test_salt_text_protects_a_leading_widget_character() -> None:
    for text in ("(X)", "()", "^liste^", "..", "!include x", "'commentaire", "--"):
        assert plantuml_label(text).startswith("\u200b"), text
    assert plantuml_label("Bonjour") == "Bonjour"


def test_markers_beyond_twenty() -> None:
    assert marker(1) == "❶" and marker(10) == "❿" and marker(11) == "⓫" and marker(20) == "⓴"
    assert marker(21) == "(21)"


def test_screen_without_notes_or_links() -> None:
    screen = Screen.model_validate(
        {"id": "FO-simple", "title": "Simple", "area": "front-office", "components": [{"type": "text", "text": "x"}]}
    )
    drawing = wireframe(screen, _url)
    assert drawing.annotations == [] and drawing.links == []
    assert re.search(r"^\s+x$", drawing.salt, re.MULTILINE)
