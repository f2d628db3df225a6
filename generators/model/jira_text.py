"""Jira texts for epics and stories (summary, wiki-markup description, labels), shared by the Jira sync and the
Jira CSV export. Pure string functions of the model."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Protocol

from .epic import Epic, Story

SUMMARY_MAX = 255
MANAGED = "backlog"  # `<prefix>:backlog` is on every issue the toolkit owns (one JQL clause finds them all)

_WIKI_SPECIAL = re.compile(r"([\\{}\[\]|*_+^~!#])")


def marker_label(prefix: str, backlog_id: str) -> str:
    """The label carrying an issue's backlog ID (searchable by JQL: `labels = "fz:E01-S01"`)."""
    return f"{prefix}:{backlog_id}"


def managed_label(prefix: str) -> str:
    return f"{prefix}:{MANAGED}"


def backlog_id_of(labels: list[str], prefix: str) -> str | None:
    """The backlog ID a Jira issue carries in its marker label, if any."""
    head = f"{prefix}:"
    for label in labels:
        if label.startswith(head) and label != managed_label(prefix):
            return label[len(head) :]
    return None


def wiki_escape(text: str) -> str:
    """User text made inert in Jira wiki markup (line breaks kept)."""
    out_lines = []
    for line in str(text).replace("\r\n", "\n").split("\n"):
        line = _WIKI_SPECIAL.sub(r"\\\1", line.rstrip())
        line = re.sub(r"(^|\s)-(?=\S)", r"\1\\-", line)  # -strike- and list dashes
        line = line.replace("--", "-\\-").replace("??", "?\\?")
        line = re.sub(r"^(h[1-6]|bq)\.", r"\1\\.", line)
        out_lines.append(line)
    return "\n".join(out_lines).strip()


def _inline(text: str) -> str:
    return wiki_escape(" ".join(str(text).split()))


def jira_label(label: str) -> str:
    """Jira labels cannot contain spaces."""
    return "_".join(label.split())


def issue_labels(prefix: str, backlog_id: str, labels: list[str]) -> list[str]:
    """The YAML labels plus the two marker labels, sorted."""
    wanted = {jira_label(label) for label in labels}
    wanted |= {managed_label(prefix), marker_label(prefix, backlog_id)}
    return sorted(wanted)


def summary(title: str) -> str:
    title = " ".join(title.split())
    return title if len(title) <= SUMMARY_MAX else title[: SUMMARY_MAX - 1] + "…"


class SentenceParts(Protocol):
    """The parts of the user-story sentence (`generators.wording.StorySentence`, the one function writing it)."""

    lead: str
    persona: str
    want: str
    i_want: str
    connector: str
    so_that: str


def story_sentence_wiki(sentence: SentenceParts) -> str:
    """The user-story sentence in wiki markup: the wording layer's parts, its words in bold, the text inert."""
    word, _, elided = sentence.connector.partition(" ")  # "afin que " -> "afin", "que "; "afin qu'" -> "afin", "qu'"
    return (
        f"*{sentence.lead}* {_inline(sentence.persona)}, *{sentence.want}* {_inline(sentence.i_want)} "
        f"*{word}* {elided}{_inline(sentence.so_that)}."
    )


def story_description(story: Story, sentence: SentenceParts, operations: Mapping[str, str] | None = None) -> str:
    """The story's Jira description; `sentence` is `generators.wording.story_sentence(story, persona)`;
    `operations` maps an API operation id to its label (`METHOD /path`)."""
    parts = [
        story_sentence_wiki(sentence),
        "",
        "h3. Critères d'acceptation",
    ]
    for criterion in story.acceptance:
        scenario = f"_{_inline(criterion.scenario)}_ : " if criterion.scenario else ""
        parts.append(
            f"# {scenario}*Étant donné* {_inline(criterion.given)}, *quand* {_inline(criterion.when)}, "
            f"*alors* {_inline(criterion.then)}"
        )
    if story.notes.strip():
        parts += ["", "h3. Notes", wiki_escape(story.notes)]
    refs = []
    if story.screens:
        refs.append("Écrans : " + ", ".join(story.screens))
    if story.rules:
        refs.append("Règles : " + ", ".join(story.rules))
    if story.operations:
        known = operations or {}
        calls = [f"{o} ({known[o]})" if o in known else o for o in story.operations]
        refs.append("Opérations d'API : " + ", ".join(calls))
    refs.append(f"Backlog : {story.id} (à modifier dans le dépôt git, pas dans Jira)")
    parts += ["", "----", " · ".join(_inline(ref) for ref in refs)]
    return "\n".join(parts)


def epic_description(epic: Epic) -> str:
    return "\n".join(
        [
            wiki_escape(epic.description),
            "",
            "----",
            _inline(f"Domaine : {epic.area.value} · Backlog : {epic.id} (à modifier dans le dépôt git, pas dans Jira)"),
        ]
    )
