"""`fanzone export csv`: a file for Jira's CSV importer (offline path). Epics come first so that stories can name
them in `Parent` (the parent's Issue ID); every row carries the backlog-ID marker labels, so that a later
`fanzone jira push` adopts the imported issues instead of creating them again."""

from __future__ import annotations

from ..escape.csv import csv_document
from ..model import Backlog
from ..model.jira_text import epic_description, issue_labels, story_description, summary
from ..wording import story_sentence
from ..wording.catalogue import expanded_copy, plain_epic


def csv_rows(backlog: Backlog) -> list[list[str]]:
    """Header row, then one row per epic, then one per story. `Labels` repeats: one value per column."""
    config = backlog.project.jira
    prefix = config.label_prefix
    rows: list[tuple[list[str], list[str]]] = []
    issue_ids: dict[str, int] = {}
    for epic in backlog.epics:
        issue_ids[epic.id] = len(issue_ids) + 1
        rows.append(
            (
                [
                    str(issue_ids[epic.id]),
                    config.issue_types.epic,
                    summary(epic.title),
                    epic_description(plain_epic(epic, backlog)),
                    "",
                    "",
                    config.priorities.get(epic.priority.value, ""),
                ],
                issue_labels(prefix, epic.id, epic.labels),
            )
        )
    personas = {persona.id: persona for persona in backlog.personas}
    operations = {op.id: op.label for op in backlog.objects("operation")}
    for epic in backlog.epics:
        for story in epic.stories:
            issue_ids[story.id] = len(issue_ids) + 1
            rows.append(
                (
                    [
                        str(issue_ids[story.id]),
                        config.issue_types.story,
                        summary(story.title),
                        story_description(
                            plain := expanded_copy(story, backlog),
                            story_sentence(plain, personas.get(story.as_a)),
                            operations,
                        ),
                        str(issue_ids[epic.id]),
                        str(story.points),
                        config.priorities.get(story.priority.value, ""),
                    ],
                    issue_labels(prefix, story.id, story.labels),
                )
            )
    width = max((len(labels) for _, labels in rows), default=1)
    header = ["Issue ID", "Issue Type", "Summary", "Description", "Parent", "Story Points", "Priority"]
    out = [header + ["Labels"] * width]
    for cells, labels in rows:
        out.append(cells + labels + [""] * (width - len(labels)))
    return out


def csv_text(backlog: Backlog) -> str:
    """The file's text; every field is neutralised against formula injection (`escape.csv`)."""
    return csv_document(csv_rows(backlog))
