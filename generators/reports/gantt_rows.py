"""The rows of a Gantt chart (phases, epics with their stories, milestones), shared by every output format."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..model import Backlog
from ..plan import Schedule
from ..plan.baseline import BaselinePlan, Slip
from ..wording import date_short, working_days
from .filters import StoryFilter

KIND_LABELS = {"phase": "Phase", "epic": "Épopée", "story": "Story", "milestone": "Jalon"}


@dataclass
class GanttRow:
    kind: str  # phase | epic | story | milestone
    id: str
    name: str
    start: dt.date | None
    end: dt.date | None
    percent: int = 0
    critical: bool = False
    level: int = 0  # 1 for stories (grouped under their epic)
    epic: str | None = None
    sprint: int | None = None
    points: int | None = None
    status: str | None = None
    planned: dt.date | None = None  # milestones: the committed date
    slips: bool = False
    reasons: tuple[str, ...] = ()
    beyond_plan: bool = False  # work planned after the plan's last sprint (or a sprint-phase extended past it)
    baseline: Slip | None = None  # epics and milestones: the baseline's dates and the slip since (None: no baseline)

    @property
    def dated(self) -> bool:
        return self.start is not None and self.end is not None


def gantt_rows(
    backlog: Backlog,
    plan: Schedule,
    story_filter: StoryFilter | None = None,
    *,
    with_stories: bool = True,
    baseline: BaselinePlan | None = None,
) -> list[GanttRow]:
    flt = story_filter or StoryFilter()
    rows: list[GanttRow] = []
    for phase in plan.phases.values():
        rows.append(
            GanttRow(
                "phase",
                phase.id,
                phase.name,
                phase.start,
                phase.end,
                phase.percent,
                phase.critical,
                planned=phase.planned_end,
                beyond_plan=phase.beyond_plan,
            )
        )
    critical = set(plan.critical_path)
    for epic in backlog.epics:
        if not flt.epic_ok(epic.id):
            continue
        stories = [s for s in epic.stories if flt.matches(s, backlog, plan)]
        if flt.active and not stories:
            continue
        epic_plan = plan.epics[epic.id]
        rows.append(
            GanttRow(
                "epic",
                epic.id,
                epic.title,
                epic_plan.start,
                epic_plan.end,
                epic_plan.percent,
                epic_plan.critical,
                points=epic_plan.points,
                beyond_plan=epic_plan.beyond_plan,
                baseline=baseline.epics.get(epic.id) if baseline else None,
            )
        )
        if not with_stories:
            continue
        for story in stories:
            story_plan = plan.stories[story.id]
            done = story_plan.status_category == "done"
            rows.append(
                GanttRow(
                    "story",
                    story.id,
                    story.title,
                    story_plan.start,
                    story_plan.end,
                    100 if done else (50 if story_plan.status_category == "in_progress" else 0),
                    story.id in critical,
                    level=1,
                    epic=epic.id,
                    sprint=story_plan.sprint,
                    points=story.points,
                    status=story.status,
                    beyond_plan=story_plan.beyond_plan,
                )
            )
    for milestone in plan.milestones.values():
        forecast = milestone.forecast
        rows.append(
            GanttRow(
                "milestone",
                milestone.id,
                milestone.name,
                forecast or milestone.planned,
                forecast or milestone.planned,
                critical=milestone.critical,
                planned=milestone.planned,
                slips=milestone.slips,
                reasons=tuple(milestone.reasons),
                baseline=baseline.milestones.get(milestone.id) if baseline else None,
            )
        )
    return rows


def milestone_state(forecast_known: bool, slips: bool, slip_days: int) -> tuple[str, str]:
    """(gap, state) of a milestone, the same words in every view."""
    if not forecast_known:
        return "—", "non planifié"
    if slips:
        return f"+{slip_days} j", "en retard"
    return "0 j", "dans les temps"


def slip_text(slip: Slip | None) -> str:
    """The slip since the baseline, the same words in every view: `+3 j ouvrés`, `−2 j ouvrés`, `0 j ouvré`."""
    if slip is None or slip.days is None:
        return "nouveau" if slip is not None and slip.new else "—"
    sign = "+" if slip.days > 0 else ("−" if slip.days < 0 else "")
    return sign + working_days(abs(slip.days)).replace("jours", "j").replace("jour", "j")


def baseline_dates(slip: Slip | None, milestone: bool = False) -> str:
    """The baseline's dates of a row: `03/03/2025 → 28/03/2025` (a milestone: its one date)."""
    if slip is None or slip.new:
        return "—"
    if milestone or slip.start == slip.end:
        return date_short(slip.end)
    return f"{date_short(slip.start)} → {date_short(slip.end)}"


def slip_header(baseline: BaselinePlan) -> str:
    return f"Écart depuis {baseline.name}"


def baseline_sentence(baseline: BaselinePlan) -> str:
    """What the baseline columns mean, written once for every view."""
    end = slip_text(baseline.end)
    return (
        f"Référence : la version {baseline.name} du {date_short(baseline.date)} (son planning au "
        f"{date_short(baseline.status_date)}, fin prévue alors le {date_short(baseline.end.end)}). "
        f"Les écarts depuis {baseline.name} se comptent en jours ouvrés (calendrier du projet, fériés exclus) : "
        f"« + » quand la prévision finit plus tard, « − » plus tôt. Fin prévisionnelle : {end}."
    )


def span(rows: list[GanttRow], today: dt.date | None = None) -> tuple[dt.date, dt.date] | None:
    """First and last date shown: every dated row, the milestones' planned dates, and today."""
    days = [d for r in rows for d in (r.start, r.end, r.planned) if d is not None]
    days += [d for r in rows if r.baseline is not None for d in (r.baseline.start, r.baseline.end) if d is not None]
    if today is not None and days:
        days.append(today)
    if not days:
        return None
    return min(days), max(days)


def week_starts(first: dt.date, last: dt.date) -> list[dt.date]:
    """Mondays from the week of `first` to the week of `last`."""
    monday = first - dt.timedelta(days=first.weekday())
    weeks = []
    while monday <= last:
        weeks.append(monday)
        monday += dt.timedelta(weeks=1)
    return weeks
