"""The Planning page in Markdown: the PlantUML Gantt, milestones forecast vs planned with slip reasons,
the critical path, sprints and epics. Text from the YAML is escaped with `generators.model.markup`."""

from __future__ import annotations

from ..model import Backlog
from ..model.markup import md_cell, md_escape
from ..plan import Schedule
from ..plan.baseline import BaselinePlan
from ..plan.scope import release_end
from ..wording import date_short, day_month, number
from .filters import StoryFilter
from .gantt_puml import gantt_plantuml
from .gantt_rows import baseline_dates, baseline_sentence, gantt_rows, milestone_state, slip_header, slip_text
from .scope_views import scope_markdown, scope_sentence


def _table(headers: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    return [*lines, *("| " + " | ".join(row) + " |" for row in rows), ""]


def _name_of(backlog: Backlog, plan: Schedule, object_id: str) -> str:
    if object_id in plan.stories:
        return backlog.story(object_id).title
    if object_id in plan.phases:
        return plan.phases[object_id].name
    if object_id in plan.milestones:
        return plan.milestones[object_id].name
    return ""


def milestones_markdown(plan: Schedule, baseline: BaselinePlan | None = None) -> list[str]:
    if not plan.milestones:
        return ["Aucun jalon déclaré dans `backlog/project.yaml`.", ""]
    rows = []
    for m in plan.milestones.values():
        gap, state = milestone_state(m.forecast is not None, m.slips, m.slip_days)
        why = "<br>".join(md_cell(reason) for reason in m.reasons) or "—"
        row = [f"{m.id} · {md_cell(m.name)}", date_short(m.planned), date_short(m.forecast), gap]
        if baseline is not None:
            slip = baseline.milestones.get(m.id)
            row += [baseline_dates(slip, milestone=True), slip_text(slip)]
        rows.append([*row, f"**{state}**" if m.slips else state, why])
    headers = ["Jalon", "Date prévue", "Prévision", "Écart"]
    if baseline is not None:
        headers += [f"Prévision en {md_cell(baseline.name)}", md_cell(slip_header(baseline))]
    return _table([*headers, "État", "Pourquoi"], rows)


def planning_markdown(
    backlog: Backlog,
    plan: Schedule,
    *,
    title: str = "Planning",
    downloads: str | None = "../downloads/",
    story_filter: StoryFilter | None = None,
    baseline: BaselinePlan | None = None,
) -> str:
    project = backlog.project
    # on the site, the Gantt takes the page's whole width (no side bars); the tab's other pages are linked below
    out = ["---", "hide:", "  - navigation", "  - toc", "---", ""] if downloads is not None else []
    out += [f"# {title}", ""]
    if downloads is not None:
        out += ["Voir aussi : [Kanban](kanban.md) · [Burndown et flux](burndown.md).", ""]
    intro = (
        f"Planning prévisionnel au **{date_short(plan.today)}** (date de statut) · sprint courant : "
        f"**{plan.current_sprint}** · vélocité : {project.velocity} points par sprint de "
        f"{project.sprints.length_weeks} semaine{'s' if project.sprints.length_weeks > 1 else ''}"
    )
    if plan.plan_end is not None:
        intro += f" · fin des sprints du plan : {date_short(plan.plan_end)}"
    scope_end = release_end(plan.stories.values())
    if scope_end is not None:
        intro += f" · le plan termine le périmètre de la version le **{date_short(scope_end)}**"
    if plan.end is not None:
        intro += f" · fin prévisionnelle du projet (jalons et phases) : **{date_short(plan.end)}**"
    out += [intro + ".", "", md_escape(scope_sentence(plan)), ""]
    if baseline is not None:
        out += [md_escape(baseline_sentence(baseline)), ""]
    out += ["```plantuml", gantt_plantuml(backlog, plan, baseline=baseline).rstrip("\n"), "```", ""]
    out += [
        "En rouge : le chemin critique (la chaîne de dépendances qui fixe la date de fin). "
        "Le pourcentage indique l'avancement en points terminés du périmètre de la version (won't have exclus) ; "
        "une barre vide n'est pas commencée ; la ligne du jour marque la date de statut ; en gris, les semaines "
        "au-delà des sprints du plan. Les jalons sont placés à leur date prévue, et à leur prévision quand ils "
        "glissent.",
        "",
    ]
    out += scope_markdown(plan)
    out += ["## Jalons : prévu et prévision", ""]
    out += milestones_markdown(plan, baseline)
    out += ["## Chemin critique", ""]
    if plan.critical_path:
        for index, object_id in enumerate(plan.critical_path, start=1):
            name = md_escape(_name_of(backlog, plan, object_id))
            start = end = None
            if object_id in plan.stories:
                start, end = plan.stories[object_id].start, plan.stories[object_id].end
            elif object_id in plan.phases:
                start, end = plan.phases[object_id].start, plan.phases[object_id].end
            elif object_id in plan.milestones:
                start = end = plan.milestones[object_id].forecast
            out.append(f"{index}. **{md_escape(object_id)}** {name} ({date_short(start)} → {date_short(end)})")
        out.append("")
    else:
        out += ["Aucun élément planifié.", ""]
    out += ["## Sprints", ""]
    sprint_rows = []
    for s in plan.sprints:
        flags = []
        if s.number == plan.current_sprint:
            flags.append("en cours")
        if s.overcommitted:
            flags.append("**surchargé**")
        if not s.in_plan:
            flags.append("hors plan")
        off = ", ".join(f"{md_cell(name)} ({day_month(day)})" for day, name in s.days_off) or "—"
        sprint_rows.append(
            [
                md_cell(s.name),
                date_short(s.start),
                date_short(s.end),
                str(s.working_days),
                off,
                number(s.capacity),
                str(s.committed),
                ", ".join(flags) or "—",
            ]
        )
    out += _table(["Sprint", "Du", "Au", "Jours ouvrés", "Jours fériés", "Capacité", "Engagé", "État"], sprint_rows)
    beyond = sorted(plan.scope.beyond_ids)
    if beyond:
        out += [
            f"**Hors plan** : {len(beyond)} stories du périmètre sont planifiées après le dernier sprint du plan "
            f"({date_short(plan.plan_end)}) : " + ", ".join(md_escape(s) for s in beyond) + ".",
            "",
        ]
    out += ["## Épopées", ""]
    epic_rows = []
    for row in gantt_rows(backlog, plan, story_filter, with_stories=False, baseline=baseline):
        if row.kind != "epic":
            continue
        wont = plan.epics[row.id].scope.wont.points
        cells = [
            f"{md_cell(row.id)} · {md_cell(row.name)}",
            date_short(row.start),
            date_short(row.end) + (" **(hors plan)**" if row.beyond_plan else ""),
        ]
        if baseline is not None:
            cells += [baseline_dates(row.baseline), slip_text(row.baseline)]
        epic_rows.append(
            [
                *cells,
                str(row.points or 0),
                f"{row.percent} %",
                str(wont) if wont else "—",
                "oui" if row.critical else "non",
            ]
        )
    headers = ["Épopée", "Début", "Fin prévisionnelle"]
    if baseline is not None:
        headers += [f"Dates en {md_cell(baseline.name)}", md_cell(slip_header(baseline))]
    out += _table([*headers, "Points", "Avancement", "Won't have (points)", "Chemin critique"], epic_rows)
    if plan.warnings:
        out += ["## Points d'attention", ""]
        out += [f"- {md_escape(w)}" for w in plan.warnings]
        out.append("")
    if downloads is not None:
        out += [
            "## Téléchargements",
            "",
            f"- [Gantt (Excel)]({downloads}fanzone-gantt.xlsx)",
            f"- [Kanban (Excel)]({downloads}fanzone-kanban.xlsx)",
            f"- [Backlog complet (Excel)]({downloads}fanzone-backlog.xlsx)",
            "",
        ]
    return "\n".join(out)
