"""The French wording of every output (site, reports, exports, Jira): one place for each sentence and label.

Pure functions; imports only `generators.model` and Babel (locale `fr_FR`).

The user-story sentence (decision, also in README "Data format")
-----------------------------------------------------------------
`so_that` is written in the YAML as a *clause in the subjunctive with its own subject*
(`j'accède à tout le catalogue`, `mes données soient supprimées`, `il puisse revoir le match`), and
rendered after **afin que**, elided to **afin qu'** before a word that starts with a vowel
(`afin qu'il…`, `afin qu'elle…`, `afin qu'on…`, `afin qu'une…`). The persona is shown by its *name*,
followed by the first clause of its role: `En tant que Léa Morel, fan de handball, je veux … afin que …`.
The persona's `name` may carry an age after a comma (`Léa Morel, 24 ans`): only the part before the comma
is used. `story_sentence` is the one function that composes the sentence; every output calls it and
adds only its own markup (bold, links) around the parts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

from ..model import Persona, Story
from ..model.common import StatusCategory
from ..model.common import quotation as quotation  # re-exported: the wording of every output

LOCALE = "fr_FR"

AREA_LABELS = {"front-office": "Front office", "back-office": "Back office", "platform": "Plateforme"}
PRIORITY_LABELS = {  # MoSCoW in French, the English key in brackets
    "must": "Indispensable (must)",
    "should": "Important (should)",
    "could": "Souhaitable (could)",
    "wont": "Pas dans cette version (won't)",
}
CATEGORY_LABELS = {
    StatusCategory.TODO: "À faire",
    StatusCategory.IN_PROGRESS: "En cours",
    StatusCategory.DONE: "Terminé",
}
DEVICE_LABELS = {"desktop": "Ordinateur", "mobile": "Mobile", "tablet": "Tablette", "tv": "TV connectée"}
PLATFORM_LABELS = {"web": "Web", "ios": "iOS", "android": "Android", "android-tv": "Android TV", "tvos": "tvOS"}

_VOWELS = frozenset("aeiouyàâäéèêëîïôöùûüœæ")


def area_label(area: object) -> str:
    key = str(getattr(area, "value", area))
    return AREA_LABELS.get(key, key)


def priority_label(priority: object) -> str:
    key = str(getattr(priority, "value", priority))
    return PRIORITY_LABELS.get(key, key)


def category_label(category: StatusCategory) -> str:
    return CATEGORY_LABELS[category]


def device_label(device: str) -> str:
    return DEVICE_LABELS.get(device, device)


# --- the user-story sentence -----------------------------------------------------------------------------
def platform_label(platform: object) -> str:
    key = str(getattr(platform, "value", platform))
    return PLATFORM_LABELS.get(key, key)


def persona_name(persona: Persona) -> str:
    """The persona's name without what follows its first comma (`Léa Morel, 24 ans` -> `Léa Morel`)."""
    return persona.name.split(",", 1)[0].strip() or persona.name


def persona_label(persona: Persona) -> str:
    """Name, then the first clause of the role, lower-cased unless it starts with an acronym."""
    role = persona.role.split(",", 1)[0].strip()
    if len(role) > 1 and role[1].islower():
        role = role[0].lower() + role[1:]
    return f"{persona_name(persona)}, {role}" if role else persona_name(persona)


def so_that_connector(clause: str) -> str:
    """`afin que`, or `afin qu'` when the clause starts with a vowel."""
    first = clause.lstrip()[:1].lower()
    return "afin qu'" if first in _VOWELS else "afin que "


@dataclass(frozen=True)
class StorySentence:
    """The parts of the sentence, for outputs that add markup around them; `str()` is the plain sentence."""

    persona: str  # "Léa Morel, fan de handball" (or the id when the persona is unknown)
    i_want: str
    connector: str  # "afin que " or "afin qu'"
    so_that: str

    lead: str = "En tant que"
    want: str = "je veux"

    def __str__(self) -> str:
        return f"{self.lead} {self.persona}, {self.want} {self.i_want} {self.connector}{self.so_that}."


def _clause(text: str) -> str:
    text = " ".join(text.split()).rstrip(" .")
    return text


def story_sentence(story: Story, persona: Persona | None) -> StorySentence:
    """The user-story sentence: `En tant que <name, role>, je veux <i_want> afin que <so_that>.`"""
    so_that = _clause(story.so_that)
    who = persona_label(persona) if persona is not None else story.as_a
    return StorySentence(who, _clause(story.i_want), so_that_connector(so_that), so_that)


# --- quotes: `quotation` lives with the model (a screen's annotation labels use it) and is re-exported here


# --- dates, numbers, plurals --------------------------------------------------------------------------
def date_long(day: dt.date | None) -> str:
    """`3 mars 2025`, `1er mars 2025`; empty for no date."""
    if day is None:
        return ""
    text = format_date(day, "d MMMM y", locale=LOCALE)
    return "1er" + text[1:] if day.day == 1 else text


def date_range(start: dt.date, end: dt.date) -> str:
    """`3 – 14 mars 2025`, `31 mars – 16 mai 2025`, `15 décembre 2025 – 9 janvier 2026`."""
    if start.year != end.year:
        return f"{date_long(start)} – {date_long(end)}"
    first = format_date(start, "d" if start.month == end.month else "d MMMM", locale=LOCALE)
    first = "1er" + first[1:] if start.day == 1 else first
    return f"{first} – {date_long(end)}"


def date_short(day: dt.date | None, empty: str = "—") -> str:
    """`03/03/2025`."""
    return format_date(day, "dd/MM/y", locale=LOCALE) if day else empty


def day_month(day: dt.date) -> str:
    """`03/03`."""
    return format_date(day, "dd/MM", locale=LOCALE)


def number(value: float, decimals: int = 1) -> str:
    """`1 234`, `12,5` (French separators)."""
    if float(value).is_integer():
        return format_decimal(int(value), locale=LOCALE)
    return format_decimal(round(value, decimals), format="#,##0." + "#" * decimals, locale=LOCALE)


def percent(part: float, whole: float) -> str:
    """`42 %` (the share rounded to a whole percent; 0 % of nothing)."""
    share = part / whole if whole else 0
    return format_percent(round(share, 2), locale=LOCALE)


def percent_value(part: float, whole: float) -> int:
    return round(100 * part / whole) if whole else 0


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """`1 story`, `2 stories`, `0 écran` (French: 0 and 1 take the singular)."""
    word = singular if abs(count) < 2 else (plural_form or _pluralise(singular))
    return f"{number(count)} {word}"


def _pluralise(phrase: str) -> str:
    return " ".join(w if w.endswith(("s", "x", "z")) else w + "s" for w in phrase.split())


def working_days(count: int) -> str:
    """`12 jours ouvrés`, `1 jour ouvré`."""
    return plural(count, "jour ouvré", "jours ouvrés")
