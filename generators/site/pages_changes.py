"""The "Changements" page: what changed since the last baseline and between consecutive baselines, with
word-level highlighting, the re-estimation summary and the approvals. It receives plain data (built by the
versions package, handed over by the plugin); every text in it is HTML-escaped there or here."""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import Any

from markupsafe import Markup

from ..context import ProjectContext
from ..model.markup import md_escape
from ..wording import date_long, plural
from . import paths, views
from .pages_backlog import GeneratedPage
from .render import render_md
from .screens_compare import side_by_side

PAGE = "planning/changements.md"
KIND_LABELS = {
    "project": "Projet",
    "persona": "Personas",
    "epic": "Épopées",
    "story": "Récits utilisateur",
    "screen": "Écrans",
    "rule": "Règles de gestion",
    "requirement": "Exigences non fonctionnelles",
    "phase": "Phases",
    "milestone": "Jalons",
    "section": "Sections de la spécification",
}
STATES = {"ok": "validé", "stale": "à revalider", "suspect": "à revalider (élément lié modifié)", "missing": "disparu"}
SUMMARY = {  # approval state -> (heading on the Changements page, its anchor, the dashboard's words)
    "ok": ("Validés", "validations-ok", ("validé", "validés")),
    "stale": ("À revalider : contenu modifié depuis", "validations-stale", ("à revalider", "à revalider")),
    "suspect": ("Suspects : un élément lié a changé", "validations-suspect", ("suspect", "suspects")),
    "missing": ("Disparus depuis leur validation", "validations-missing", ("disparu", "disparus")),
    "never": ("Jamais validés", "validations-never", ("jamais validé", "jamais validés")),
}
MAX_LISTED = 300  # ids listed per state on the Changements page (the rest counted)
NEVER_WORDS = {  # approvable kind -> its words in the count of the never-approved ("16 épopées")
    "epic": ("épopée", "épopées"),
    "story": ("story", "stories"),
    "screen": ("écran", "écrans"),
    "rule": ("règle", "règles"),
    "requirement": ("exigence", "exigences"),
}


def _e(value: object) -> str:
    return html.escape(str(value))


def _kind_html(entry: dict[str, Any]) -> str:
    label = KIND_LABELS.get(entry["kind"], entry["label"])
    rows = []
    for item in entry["added"]:
        rows.append(
            f'<tr><td>{_e(item["id"])}</td><td>{_e(item["title"])}</td><td><span class="fz-badge fz-new">'
            "nouveau</span></td></tr>"
        )
    for item in entry["removed"]:
        rows.append(
            f'<tr><td>{_e(item["id"])}</td><td>{_e(item["title"])}</td><td><span class="fz-badge fz-removed">'
            "supprimé</span></td></tr>"
        )
    for item in entry["changed"]:
        details = "".join(
            f'<div class="fz-change"><strong>{_e(row["field"])}</strong> : {row["html"]}</div>'
            for row in item.get("rows", ())
        )
        rows.append(f"<tr><td>{_e(item['id'])}</td><td>{_e(item['title'])}</td><td>{details}</td></tr>")
    return (
        f"<h3>{_e(label)}</h3>\n<table>\n<thead><tr><th>Id</th><th>Titre</th><th>Changement</th></tr></thead>\n"
        f"<tbody>\n{''.join(rows)}\n</tbody>\n</table>"
    )


def _reestimation_html(summary: dict[str, Any]) -> str:
    if not summary["epics"]:
        return (
            "<p>Rien à réestimer : aucune phrase ni aucun critère de récit n'a changé, "
            "aucun récit ajouté ni supprimé.</p>"
        )
    rows = []
    for row in summary["epics"]:
        ids = ", ".join(f"{_e(s['id'])} ({s['points']} pts)" for s in row["reestimate"]) or "—"
        rows.append(
            f"<tr><td>{_e(row['epic'])} — {_e(row['title'])}</td><td>{ids}</td><td>{row['reestimate_points']}</td>"
            f"<td>{len(row['added']['stories'])} ({row['added']['points']} pts)</td>"
            f"<td>{len(row['removed']['stories'])} ({row['removed']['points']} pts)</td></tr>"
        )
    head = "<tr><th>Épopée</th><th>À réestimer</th><th>Leurs points</th><th>Ajoutés</th><th>Retirés</th></tr>"
    return f"<table>\n<thead>{head}</thead>\n<tbody>\n{''.join(rows)}\n</tbody>\n</table>"


def _diff_block(data: dict[str, Any], ctx: ProjectContext | None = None, urls: bool = True) -> Markup:
    document = data["document"]
    t = document["totals"]
    parts = [f"<p>{t['added']} ajout(s), {t['changed']} modification(s), {t['removed']} suppression(s).</p>"]
    for entry in document["kinds"]:
        parts.append(_kind_html(entry))
        for item in entry["changed"]:
            if "sides" in item:  # a changed screen: both wireframes, then and now
                parts += ["", side_by_side(ctx, item["id"], item["sides"], PAGE, urls), ""]
    parts.append("<h3>Réestimation</h3>")
    parts.append(_reestimation_html(data["reestimation"]))
    return Markup("\n".join(parts))


def _label(side: dict[str, Any]) -> str:
    return "la version de travail" if side["commit"] is None else side["label"]


def approval_text(record: dict[str, Any]) -> str:
    """ "validé par … le …" or "à revalider" for one approval."""

    try:
        when = date_long(dt.date.fromisoformat(str(record.get("date"))))
    except ValueError:
        when = str(record.get("date"))
    if record["state"] == "ok":
        return f"validé par {record.get('by')} ({record.get('role')}) le {when}"
    return f"{STATES[record['state']]} (validé par {record.get('by')} le {when})"


def item_link(ctx: ProjectContext | None, object_id: str, page: str = PAGE) -> Markup:
    """A link to an object's page (epic, story, screen, rule, requirement, spec page), or its escaped id."""
    if ctx is not None:
        if object_id in ctx.story_by_id:
            return views.story_link(ctx, ctx.story_by_id[object_id], page, with_title=True)
        if object_id in ctx.epic_by_id:
            return views.epic_link(ctx.epic_by_id[object_id], page)
        if object_id in ctx.screen_by_id:
            return views.screen_link(ctx.screen_by_id[object_id], page, with_title=True)
        if object_id in ctx.rule_by_id:
            return views.rule_link(ctx, object_id, page, with_title=True)
        found = ctx.backlog.find(object_id)
        if found is not None and isinstance(getattr(found, "page", None), str):  # a requirement: its page
            return views.link(object_id, paths.rel(page, paths.spec_page(found.page)))  # (table rows have no anchor)
        if object_id.endswith(".md"):
            return views.link(object_id, paths.rel(page, paths.spec_page(object_id)))
    return Markup(f"**{md_escape(object_id)}**")


def _approval_row(ctx: ProjectContext | None, object_id: str, record: dict[str, Any]) -> list[Markup | str]:
    """One approval as table cells: item, by, role, date, baseline, state (linked items named when suspect)."""

    try:
        when = date_long(dt.date.fromisoformat(str(record.get("date"))))
    except ValueError:
        when = str(record.get("date"))
    state = STATES[record["state"]]
    if record.get("changed"):
        state += " : " + ", ".join(record["changed"])
    cells = [str(record.get(key) or "—") for key in ("by", "role")] + [when, str(record.get("baseline") or "—"), state]
    return [item_link(ctx, object_id), *cells]  # the template escapes each cell


def _summary_sections(data: dict[str, Any], ctx: ProjectContext | None) -> list[dict[str, Any]]:
    """Per approval state: its heading and anchor, and a table row per approval (a list for "never")."""
    records: dict[str, dict[str, Any]] = data.get("approvals", {})
    sections = []
    for state, ids in data.get("approval_summary", {}).items():
        if not ids:
            continue
        heading, anchor, _ = SUMMARY[state]
        shown = ids[:MAX_LISTED]
        rows = [_approval_row(ctx, i, records[i]) for i in shown if i in records]
        items = [item_link(ctx, i) for i in shown if i not in records]
        more = len(ids) - len(shown)
        # the never-approved are counted per kind; their list is folded on the site, left out of the PDF
        kinds = _never_counts(data.get("never_by_kind", {})) if state == "never" else []
        sections.append(
            {"heading": heading, "anchor": anchor, "count": len(ids), "rows": rows, "entries": items, "more": more}
            | {"kinds": kinds}
        )
    return sections


def _never_counts(by_kind: dict[str, list[str]]) -> list[str]:
    """["113 stories", "16 épopées", …]: the never-approved per kind."""
    counts = []
    for kind, ids in by_kind.items():
        one, many = NEVER_WORDS.get(kind, (kind, kind))
        counts.append(plural(len(ids), one, many))
    return counts


def approvals_line(data: dict[str, Any], page: str = paths.HOME) -> str:
    """The dashboard's approvals summary: counts by state, each linked to its list on the Changements page."""
    counts = data.get("approval_summary") or {}
    if not any(counts.values()):
        return ""
    target = paths.rel(page, PAGE)
    parts = []
    for state, ids in counts.items():
        if ids:
            _, anchor, (one, many) = SUMMARY[state]
            parts.append(f"[{len(ids)} {one if len(ids) < 2 else many}]({target}#{anchor})")
    return "**Validations** : " + " · ".join(parts) + "."


def changes_page(
    data: dict[str, Any], ctx: ProjectContext | None = None, use_directory_urls: bool = True
) -> GeneratedPage:
    since = data.get("since")
    blocks = []
    if since is not None:
        blocks.append((f"Depuis {data['baseline']['name']}", _diff_block(since, ctx, use_directory_urls)))
    for pair in data.get("pairs", []):
        document = pair["document"]
        title = f"De {document['from']['label']} à {_label(document['to'])}"
        blocks.append((title, _diff_block(pair, ctx, use_directory_urls)))
    markdown = render_md(
        "changes.md.j2",
        baseline=_dated(data.get("baseline")),
        blocks=blocks,
        approvals=_summary_sections(data, ctx),
        dossiers=[(d["name"], paths.rel(PAGE, d["path"])) for d in data.get("dossiers", [])],
    )
    return GeneratedPage(PAGE, "Changements", markdown)


def _date_of(baseline: dict[str, Any]) -> dt.date:
    return dt.date.fromisoformat(str(baseline["date"])[:10])


def _dated(baseline: dict[str, Any] | None) -> dict[str, Any] | None:
    """The baseline with its date as a date (the page writes it « 2 décembre 2026 », as everywhere else)."""
    return None if baseline is None else {**baseline, "date": _date_of(baseline)}


def compared_line(data: dict[str, Any]) -> str:
    """The dashboard line naming the baseline the site compares to."""
    baseline = data.get("baseline")
    if baseline is None:
        return "Aucune version de référence (baseline) n'est encore posée."
    return f"Comparé à la version {baseline['name']} du {date_long(_date_of(baseline))}."


_HEADING = re.compile(r"^(#{1,6})\s+(\S+?)(?=\s|$)(.*)$")
_FENCE = re.compile(r"^\s*(```|~~~)")


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def _badge(state: str, baseline: str) -> str:
    if state == "added":
        return '<span class="fz-badge fz-new">nouveau</span>'
    return f'<span class="fz-badge fz-changed">modifié depuis {html.escape(baseline)}</span>'


def with_badges(markdown: str, page: str, data: dict[str, Any]) -> str:
    """Insert, under each heading of a changed or approved object (`## E01-S02 — …`, `### BR-…`, a spec page's
    `## Section`), a line with its badge ("nouveau", "modifié depuis v1.0") and its approval state."""
    badges: dict[str, str] = data.get("badges", {})
    approved: dict[str, dict[str, Any]] = data.get("approvals", {})
    baseline = (data.get("baseline") or {}).get("name", "")
    if not badges and not approved:
        return markdown
    out, in_fence = [], False
    for line in markdown.split("\n"):
        out.append(line)
        if _FENCE.match(line):
            in_fence = not in_fence
        if in_fence or not line.startswith("#"):
            continue
        match = _HEADING.match(line)
        if match is None:
            continue
        keys = [_unescape(match.group(2))]  # generated pages escape Markdown: `FO\\-connexion`
        if len(match.group(1)) == 1:  # a page's title: the page's own approval
            keys.append(page)
        if len(match.group(1)) == 2:
            keys.append(f"{page}#{_unescape(line[3:].strip())}")
        marks = []
        for key in keys:
            if key in badges:
                marks.append(_badge(badges[key], baseline))
            if key in approved:
                state = "fz-approved" if approved[key]["state"] == "ok" else "fz-review"
                marks.append(f'<span class="fz-badge {state}">{html.escape(approval_text(approved[key]))}</span>')
        if marks:
            out += ["", " ".join(marks), ""]
    return "\n".join(out)
