"""The diff as Markdown (`--format md`) and for the terminal (Rich, user text never parsed as markup)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from ..escape.terminal import terminal
from .words import word_ops


def value_text(value: Any, label: Callable[[str], str] | None = None) -> str:
    """One field value on one line: strings as they are, records and lists as compact JSON. A record's fields
    are `key: value`; with `label` (the site), `label(key) : value`, French-style."""
    if isinstance(value, str):
        return value
    if value is None:
        return "—"
    if isinstance(value, dict):  # a record (an acceptance criterion, a component): its non-empty fields
        shown = [(key, item) for key, item in value.items() if item not in ("", None, [])]
        if label is None:
            return "; ".join(f"{key}: {value_text(item)}" for key, item in shown)
        return " ; ".join(f"{label(key)} : {value_text(item, label)}" for key, item in shown)
    return json.dumps(value, ensure_ascii=False)


def field_lines(change: dict[str, Any]) -> list[str]:
    """Plain-text lines describing one field change (shared by Markdown and terminal output)."""
    name = change["field"]
    if "items" in change:
        lines = []
        for item in change["items"]:
            verb = {"added": "added", "removed": "removed", "changed": "changed"}[item["change"]]
            shown = item.get("to", item.get("from"))
            lines.append(f"{name} #{item['index']} {verb}: {value_text(shown)}")
            if item["change"] == "changed":
                lines.append(f"    was: {value_text(item['from'])}")
        return lines
    if "added" in change:
        parts = [f"+{value_text(v)}" for v in change["added"]] + [f"-{value_text(v)}" for v in change["removed"]]
        return [f"{name}: {' '.join(parts)}"]
    return [f"{name}: {value_text(change['from'])} → {value_text(change['to'])}"]


def _md_escape(text: str) -> str:
    out = text.replace("\\", "\\\\")
    for char in "`*_[]<>|#":
        out = out.replace(char, "\\" + char)
    return out.replace("\n", " ")


def markdown(document: dict[str, Any], summary: dict[str, Any]) -> str:
    old, new = document["from"]["label"], document["to"]["label"]
    t = document["totals"]
    lines = [
        f"# Changes from {_md_escape(old)} to {_md_escape(new)}",
        "",
        f"{t['added']} added, {t['changed']} changed, {t['removed']} removed.",
    ]
    for entry in document["kinds"]:
        lines += ["", f"## {entry['label'].capitalize()}", ""]
        for item in entry["added"]:
            lines.append(f"- **{item['id']}** added — {_md_escape(item['title'])}")
        for item in entry["removed"]:
            lines.append(f"- **{item['id']}** removed — {_md_escape(item['title'])}")
        for item in entry["changed"]:
            lines.append(f"- **{_md_escape(item['id'])}** changed — {_md_escape(item['title'])}")
            lines += [f"    - {_md_escape(line.strip())}" for c in item["fields"] for line in field_lines(c)]
    lines += ["", "## Re-estimation", ""]
    lines += _summary_md(summary)
    return "\n".join(lines) + "\n"


def _summary_md(summary: dict[str, Any]) -> list[str]:
    if not summary["epics"]:
        return ["Nothing to re-estimate: no story sentence or criterion changed, no story added or removed."]
    lines = ["| epic | to re-estimate | their points | added | removed |", "|---|---|---|---|---|"]
    for row in summary["epics"]:
        ids = ", ".join(f"{s['id']} ({s['points']})" for s in row["reestimate"]) or "—"
        added = f"{len(row['added']['stories'])} ({row['added']['points']} pts)"
        removed = f"{len(row['removed']['stories'])} ({row['removed']['points']} pts)"
        lines.append(
            f"| {row['epic']} {_md_escape(row['title'])} | {ids} | {row['reestimate_points']} | {added} | {removed} |"
        )
    t = summary["totals"]
    lines.append(
        f"| **total** | {t['reestimate']} | {t['reestimate_points']} | "
        f"{t['added_stories']} ({t['added_points']} pts) | {t['removed_stories']} ({t['removed_points']} pts) |"
    )
    return lines


def terminal_view(document: dict[str, Any], summary: dict[str, Any], word_marks: bool = False) -> Group:
    """The diff for the terminal; `word_marks`: changed words also marked in text (`[-old-]{+new+}`), for output
    without colours (a pipe, a file, NO_COLOR), where struck and underlined words would look alike."""
    parts: list[Any] = []
    head = Text("Changes from ", style="bold")
    head.append_text(terminal(document["from"]["label"], "bold cyan"))
    head.append(" to ", style="bold")
    head.append_text(terminal(document["to"]["label"], "bold cyan"))
    t = document["totals"]
    head.append(f": {t['added']} added, {t['changed']} changed, {t['removed']} removed")
    parts.append(head)
    marks = {"added": ("+", "green"), "removed": ("-", "red"), "changed": ("~", "yellow")}
    for entry in document["kinds"]:
        parts.append(Text(f"\n{entry['label'].capitalize()}", style="bold underline"))
        for state in ("added", "removed", "changed"):
            mark, style = marks[state]
            for item in entry[state]:
                line = Text(f"  {mark} ", style=style)
                line.append_text(terminal(item["id"], style="bold"))
                line.append(" ")
                line.append_text(terminal(item["title"]))
                parts.append(line)
                for change in item.get("fields", ()):
                    if isinstance(change.get("from"), str) and isinstance(change.get("to"), str):
                        parts.append(_word_line(change, word_marks))
                        continue
                    for text in field_lines(change):
                        parts.append(terminal("      " + text, style="dim" if text.startswith("    was") else ""))
    parts.append(Text("\nRe-estimation", style="bold underline"))
    if not summary["epics"]:
        parts.append(Text("  nothing to re-estimate"))
    else:
        table = Table(show_edge=False)
        for column in ("epic", "to re-estimate", "their points", "added", "removed"):
            table.add_column(column)
        for row in summary["epics"]:
            table.add_row(
                terminal(f"{row['epic']} {row['title']}"),
                terminal(", ".join(f"{s['id']} ({s['points']})" for s in row["reestimate"]) or "—"),
                str(row["reestimate_points"]),
                f"{len(row['added']['stories'])} ({row['added']['points']} pts)",
                f"{len(row['removed']['stories'])} ({row['removed']['points']} pts)",
            )
        parts.append(table)
    return Group(*parts)


WORD_MARKS = {"-": ("[-", "-]"), "+": ("{+", "+}")}  # git's --word-diff=plain markers


def _word_line(change: dict[str, Any], marks: bool = False) -> Text:
    line = terminal(f"      {change['field']}: ")
    styles = {"=": "", "-": "red strike", "+": "green underline"}
    ops = word_ops(change["from"], change["to"])
    for index, (op, text) in enumerate(ops):
        if op == "=":
            text = _context(text, keep_head=index > 0, keep_tail=index < len(ops) - 1)
        elif marks:
            words = text.rstrip()
            opening, closing = WORD_MARKS[op]
            text = f"{opening}{words}{closing}{text[len(words) :]}"
        line.append_text(terminal(text, styles[op]))
    return line


CONTEXT_WORDS = 8  # unchanged words shown on each side of a change in the terminal


def _context(text: str, keep_head: bool, keep_tail: bool) -> str:
    """An unchanged stretch shortened to the words next to the changes around it."""
    words = text.split(" ")
    if len(words) <= 2 * CONTEXT_WORDS:
        return text
    head = " ".join(words[:CONTEXT_WORDS]) if keep_head else ""
    tail = " ".join(words[-CONTEXT_WORDS:]) if keep_tail else ""
    return f"{head} … {tail}".strip(" ") if head or tail else text


def print_terminal(console: Console, document: dict[str, Any], summary: dict[str, Any]) -> None:
    console.print(terminal_view(document, summary, word_marks=console.no_color or console.color_system is None))
