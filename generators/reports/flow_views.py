"""Burndown, burnup and flow metrics as Markdown (site, `--format md`) and in the terminal (Rich)."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..escape.terminal import terminal
from ..model.markup import md_cell
from ..plan import Schedule
from ..wording import date_short, day_month, number
from .flow import FlowReport

NO_HISTORY = (
    "Aucun historique des statuts n'est disponible : ni `backlog/history.json` (écrit par `fanzone jira pull` "
    "à partir de l'historique des tickets Jira), ni historique git du dossier `backlog/`. Les courbes de "
    "burndown, le flux cumulé, les temps de cycle, le débit et l'âge du travail en cours apparaîtront dès "
    "qu'un historique existera."
)
SOURCES = {"jira": "l'historique des tickets Jira", "git": "l'historique git du dossier backlog/", "manual": "saisie"}


def _table(headers: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return [*lines, ""]


def _image(charts: dict[str, str] | None, key: str, alt: str) -> list[str]:
    if not charts or key not in charts:
        return []
    return [f"![{alt}]({charts[key]})", ""]


def flow_markdown(report: FlowReport, plan: Schedule, charts: dict[str, str] | None = None, level: int = 2) -> str:
    """Sections for the release, each sprint, CFD, cycle time, throughput and ageing WIP, numbers in tables.

    `charts` maps a chart key (burnup, sprint-N, cfd, cycle-time, throughput, ageing-wip) to an image path.
    """
    h = "#" * level
    out = [
        f"Données : {SOURCES.get(report.source, report.source)}, du {date_short(report.days[0])} au "
        f"{date_short(report.today)}."
        if report.days
        else "",
        "",
    ]
    if report.without_history:
        out += [f"{len(report.without_history)} stories sans historique : comptées dans le périmètre seulement.", ""]
    out += [f"{h} Release : burnup et burndown", ""]
    out += _image(charts, "burnup", "Burnup et burndown de la release")
    weekly = report.weekly()
    out += _table(
        ["Date", "Périmètre (points)", "Terminé (points)", "Reste à faire (points)"],
        [
            [date_short(report.days[i]), str(report.scope[i]), str(report.done[i]), str(report.remaining[i])]
            for i in weekly
        ],
    )
    if plan.end is not None:
        out += [f"Fin prévue par le planning : **{date_short(plan.end)}**.", ""]
    out += [f"{h} Burndown par sprint", ""]
    if not report.sprints:
        out += ["Aucun sprint commencé à la date de statut.", ""]
    for sprint in report.sprints:
        out += [f"{h}# {md_cell(sprint.name)} ({sprint.total} points, {len(sprint.stories)} stories)", ""]
        out += _image(charts, f"sprint-{sprint.number}", f"Burndown du {sprint.name}")
        out += _table(
            ["Jour", "Reste à faire (points)", "Idéal (points)"],
            [
                [date_short(day), str(left), number(ideal)]
                for day, left, ideal in zip(sprint.days, sprint.remaining, sprint.ideal, strict=True)
            ],
        )
    out += [f"{h} Flux cumulé", ""]
    out += _image(charts, "cfd", "Diagramme de flux cumulé")
    out += _table(
        ["Date", *[md_cell(s) for s in report.statuses]],
        [[date_short(report.days[i]), *[str(report.cfd[s][i]) for s in report.statuses]] for i in weekly],
    )
    out += [f"{h} Temps de cycle", ""]
    out += _image(charts, "cycle-time", "Temps de cycle des stories terminées")
    if report.cycle_times:
        out += _table(["Centile", "Jours"], [[f"{rank}e", number(value)] for rank, value in report.percentiles.items()])
        out += _table(
            ["Story", "En cours le", "Terminée le", "Jours"],
            [
                [md_cell(c.story), date_short(c.started.date()), date_short(c.finished.date()), number(c.days)]
                for c in report.cycle_times[-30:]
            ],
        )
    else:
        out += ["Aucune story n'est passée par « en cours » puis « terminé ».", ""]
    out += [f"{h} Débit", ""]
    out += _image(charts, "throughput", "Débit hebdomadaire")
    out += _table(
        ["Semaine du", "Stories terminées", "Points"],
        [[date_short(week), str(count), str(points)] for week, count, points in report.throughput],
    )
    out += [f"{h} Âge du travail en cours", ""]
    out += _image(charts, "ageing-wip", "Âge du travail en cours")
    if report.ageing:
        p85 = report.percentiles.get(85)
        out += _table(
            ["Story", "Statut", "En cours depuis", "Âge (jours)", "Au-delà du 85e centile"],
            [
                [
                    md_cell(a.story),
                    md_cell(a.status),
                    date_short(a.started),
                    str(a.age),
                    "**oui**" if p85 is not None and a.age > p85 else "non",
                ]
                for a in report.ageing
            ],
        )
    else:
        out += ["Aucune story en cours.", ""]
    return "\n".join(out)


def flow_renderable(report: FlowReport, plan: Schedule, sprint: int | None = None) -> RenderableType:
    parts: list[RenderableType] = []
    source = SOURCES.get(report.source, report.source)
    parts.append(terminal(f"Historique : {source} — jusqu'au {date_short(report.today)}", "bold"))
    release = Table(title="Release (points)", title_justify="left")
    for title in ("Date", "Périmètre", "Terminé", "Reste"):
        release.add_column(title, justify="right")
    for i in report.weekly():
        release.add_row(date_short(report.days[i]), str(report.scope[i]), str(report.done[i]), str(report.remaining[i]))
    parts.append(release)
    chosen = [s for s in report.sprints if sprint is None or s.number == sprint]
    if sprint is None and chosen:
        chosen = [chosen[-1]]
    for burndown in chosen:
        table = Table(title=terminal(f"{burndown.name} : burndown ({burndown.total} points)"), title_justify="left")
        for title in ("Jour", "Reste", "Idéal", ""):
            table.add_column(title, justify="right" if title else "left")
        scale = max(burndown.total, 1)
        for day, left, ideal in zip(burndown.days, burndown.remaining, burndown.ideal, strict=True):
            bar = Text("█" * round(30 * left / scale), style="red" if left > ideal else "green")
            table.add_row(date_short(day), str(left), number(ideal), bar)
        parts.append(table)
    if sprint is not None and not chosen:
        parts.append(Text(f"Le sprint {sprint} n'a pas commencé ou n'a aucune story.", style="yellow"))
    if report.percentiles:
        values = ", ".join(f"{rank}e : {number(v)} j" for rank, v in report.percentiles.items())
        parts.append(Text(f"Temps de cycle ({len(report.cycle_times)} stories) — centiles {values}"))
    recent = report.throughput[-8:]
    if recent:
        parts.append(
            Text("Débit (8 dernières semaines) : " + ", ".join(f"{day_month(w)} {c}" for w, c, _ in recent), style="")
        )
    if report.ageing:
        ageing = Table(title="Travail en cours le plus ancien", title_justify="left")
        for title in ("Story", "Statut", "Depuis", "Âge (j)"):
            ageing.add_column(title)
        p85 = report.percentiles.get(85)
        for a in report.ageing[:15]:
            style = "bold red" if p85 is not None and a.age > p85 else ""
            ageing.add_row(terminal(a.story, style), terminal(a.status), date_short(a.started), str(a.age))
        parts.append(ageing)
    return Group(*parts)
