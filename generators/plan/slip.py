"""Why a milestone slips: French sentences built from the plan (shown in reports and on the site)."""

from __future__ import annotations

import datetime as dt

from ..model import Backlog, StatusCategory
from ..wording import date_short, number
from .model import MilestonePlan, Placement, SprintSlot, StoryPlan


def fr_date(day: dt.date | None) -> str:
    """`03/03/2025`, `—` for no date (the wording layer's short date)."""
    return date_short(day)


def _points(value: float) -> str:
    return number(value)


class SlipExplainer:
    def __init__(
        self,
        backlog: Backlog,
        stories: dict[str, StoryPlan],
        sprints: list[SprintSlot],
        current: int,
        phase_ends: dict[str, dt.date],
        milestone_forecasts: dict[str, dt.date | None],
    ) -> None:
        self.backlog = backlog
        self.project = backlog.project
        self.stories = stories
        self.sprints = sprints
        self.current = current
        self.phase_ends = phase_ends
        self.milestone_forecasts = milestone_forecasts
        self.epic_titles = {e.id: e.title for e in backlog.epics}
        self.epic_stories = {e.id: [s.id for s in e.stories] for e in backlog.epics}
        self.phase_names = {p.id: p.name for p in self.project.phases}
        self.phase_defs = {p.id: p for p in self.project.phases}
        self.milestone_defs = {m.id: m for m in self.project.milestones}

    def sprint_name(self, number: int | None) -> str:
        if number is None:
            return "aucun sprint"
        return self.sprints[number - 1].name

    def _last_story(self, ids: list[str]) -> str | None:
        dated = [(self.stories[s].end, -i, s) for i, s in enumerate(ids) if self.stories[s].end is not None]
        return max(dated)[2] if dated else None

    def explain(self, milestone: MilestonePlan) -> list[str]:
        """Why the milestone is forecast where it is: always at least one sentence, early as well as late."""
        if milestone.forecast is None:
            return ["Aucune date : le jalon n'est pas planifié."]
        if not milestone.slips:
            return self._on_time(milestone)
        reasons = [
            f"Prévu le {fr_date(milestone.planned)}, prévision au {fr_date(milestone.forecast)} : "
            f"{milestone.slip_days} jours de retard."
        ]
        reasons += self._driver(milestone.driver, set())
        reasons += self._remaining(milestone)
        return reasons

    def _on_time(self, milestone: MilestonePlan) -> list[str]:
        deps = self.milestone_defs[milestone.id].depends_on
        if not deps:
            return [
                f"Date fixée dans backlog/project.yaml ({fr_date(milestone.planned)}) ; "
                "le jalon ne dépend d'aucun travail planifié."
            ]
        if milestone.ready is None or milestone.driver is None:
            return ["Aucune de ses dépendances n'est datée : la date prévue est conservée."]
        margin = (milestone.planned - milestone.ready).days
        what = self._label(milestone.driver)
        if margin == 0:
            head = (
                f"Dans les temps, sans marge : tout ce dont il dépend est prêt le {fr_date(milestone.ready)} "
                f"(en dernier : {what}), le jour prévu."
            )
        else:
            head = (
                f"Dans les temps : tout ce dont il dépend est prêt le {fr_date(milestone.ready)} "
                f"(en dernier : {what}), {margin} jour{'s' if margin > 1 else ''} avant la date prévue ; "
                "la date prévue est conservée."
            )
        return [head]

    def _label(self, node: str) -> str:
        if node in self.epic_titles:
            return f"l'épopée {node} « {self.epic_titles[node]} »"
        if node in self.phase_names:
            return f"la phase « {self.phase_names[node]} »"
        if node in self.milestone_defs:
            return f"le jalon {node} « {self.milestone_defs[node].name} »"
        return f"la story {node}"

    def _driver(self, node: str | None, seen: set[str]) -> list[str]:
        """The chain of reasons from `node` back through what drove it; a loop, not recursion (long chains)."""
        lines: list[str] = []
        while node is not None and node not in seen:
            seen.add(node)
            found, node = self._driver_step(node)
            lines += found
        return lines

    def _driver_step(self, node: str) -> tuple[list[str], str | None]:
        """The reasons `node` gives, and the next object of the chain (or None)."""
        if node in self.stories:
            return self._story(node), None
        if node in self.epic_stories:
            last = self._last_story(self.epic_stories[node])
            end = self.stories[last].end if last else None
            line = f"L'épopée {node} « {self.epic_titles[node]} » finit le {fr_date(end)}"
            if last:
                line += f" avec {last} ({self.sprint_name(self.stories[last].sprint)})."
                return [line, *self._story(last)], None
            return [line + "."], None
        if node in self.phase_defs:
            phase = self.phase_defs[node]
            line = f"La phase « {phase.name} » finit le {fr_date(self.phase_ends.get(node))}"
            if phase.sprints:
                last = self._last_story(list(self.stories))
                if last:
                    return [f"{line} avec {last}.", *self._story(last)], None
                return [line + "."], None
            if phase.start is None and phase.depends_on:
                dep = max(
                    (d for d in phase.depends_on if self._end(d) is not None),
                    key=lambda d: self._end(d) or dt.date.min,
                    default=None,
                )
                if dep is not None:
                    return [f"{line} ; elle commence après {dep}."], dep
            return [line + "."], None
        if node in self.milestone_defs:
            forecast = self.milestone_forecasts.get(node)
            line = f"Le jalon {node} « {self.milestone_defs[node].name} » est prévu au {fr_date(forecast)}."
            deps = self.milestone_defs[node].depends_on
            dep = max(
                (d for d in deps if self._end(d) is not None), key=lambda d: self._end(d) or dt.date.min, default=None
            )
            return [line], dep
        return [], None

    def _end(self, node: str) -> dt.date | None:
        if node in self.stories:
            return self.stories[node].end
        if node in self.epic_stories:
            last = self._last_story(self.epic_stories[node])
            return self.stories[last].end if last else None
        if node in self.phase_ends:
            return self.phase_ends[node]
        return self.milestone_forecasts.get(node)

    def _story(self, story_id: str) -> list[str]:
        plan = self.stories[story_id]
        sprint = plan.sprint
        name = self.sprint_name(sprint)
        lines: list[str] = []
        if plan.placement is Placement.PINNED:
            lines.append(f"{story_id} est fixée au {name} dans le YAML (champ sprint).")
        elif plan.placement is Placement.CARRIED_OVER:
            pinned = self.backlog.story(story_id).sprint
            lines.append(f"{story_id}, prévue au {self.sprint_name(pinned)}, n'est pas terminée : reportée au {name}.")
        elif plan.because_of is not None:  # a dependency set the earliest sprint (then maybe capacity)
            chain = [story_id]
            node: str | None = plan.because_of
            while node is not None and node not in chain and node in self.stories:
                chain.append(node)
                node = self.stories[node].because_of
            chain.reverse()
            dep = self.stories[plan.because_of]
            lines.append(
                f"{story_id} attend {plan.because_of} ({self.sprint_name(dep.sprint)}) : "
                f"chaîne de dépendances {' → '.join(chain)}."
            )
            if plan.placement is Placement.CAPACITY:
                lines += self._capacity(story_id, plan.earliest, sprint)
            root = self.stories[chain[0]]
            if root.placement is Placement.CAPACITY and root.id != story_id:
                lines += self._capacity(root.id, root.earliest, root.sprint)
        elif plan.placement is Placement.CAPACITY:
            lines += self._capacity(story_id, plan.earliest, sprint)
        elif plan.placement is Placement.FIRST_AVAILABLE:
            if sprint == self.current:
                lines.append(f"{story_id} n'est pas terminée : elle est planifiée dans le sprint courant ({name}).")
            else:
                lines.append(f"{story_id} est déjà au premier sprint possible ({name}).")
        elif plan.placement is Placement.DONE:
            lines.append(f"{story_id} a été terminée au {name}.")
        count = self.project.sprints.count
        if sprint is not None and sprint > count:
            if self.current > count:
                lines.append(
                    f"Les {count} sprints du plan sont finis depuis le {fr_date(self.sprints[count - 1].end)} : "
                    "le travail restant se poursuit au-delà."
                )
            else:
                needed = max((s.sprint or 0) for s in self.stories.values())
                lines.append(
                    f"Le plan compte {count} sprints ; le reste à faire en demande {needed} "
                    f"à la vélocité de {self.project.velocity} points par sprint."
                )
        if sprint is not None:
            lines += self._days_off(sprint)
        return lines

    def _capacity(self, story_id: str, earliest: int | None, sprint: int | None) -> list[str]:
        if sprint is None:
            return []
        first = earliest or self.current
        full = self.sprints[first - 1 : sprint - 1]
        if not full:
            return []
        committed = sum(s.committed for s in full)
        capacity = sum(s.capacity for s in full)
        span = f"{full[0].name} est plein" if len(full) == 1 else f"{full[0].name} à {full[-1].name} sont pleins"
        return [
            f"{story_id} est repoussée au {self.sprint_name(sprint)} faute de capacité : {span} "
            f"({committed} points engagés pour {_points(round(capacity, 1))} points de capacité)."
        ]

    def _days_off(self, sprint: int) -> list[str]:
        slots = self.sprints[min(self.current, sprint) - 1 : sprint]
        days = [(day, name) for slot in slots for day, name in slot.days_off]
        if not days:
            return []
        lost = round(sum(slot.lost for slot in slots), 1)
        listed = ", ".join(f"{name} ({fr_date(day)})" for day, name in days[:6])
        more = f" et {len(days) - 6} autres" if len(days) > 6 else ""
        return [
            f"Jours fériés et fermetures d'ici là : {listed}{more}, soit {_points(lost)} points de capacité en moins."
        ]

    def _remaining(self, milestone: MilestonePlan) -> list[str]:
        ids: set[str] = set()
        for dep in self.milestone_defs[milestone.id].depends_on:
            if dep in self.epic_stories:
                ids.update(self.epic_stories[dep])
            elif dep in self.stories:
                ids.add(dep)
        open_points = sum(
            self.stories[s].points
            for s in ids
            if self.stories[s].status_category != StatusCategory.DONE.value and self.stories[s].sprint is not None
        )
        if not open_points:
            return []
        velocity = self.project.velocity
        sprints = round(open_points / velocity, 1)
        return [
            f"Reste à faire pour ce jalon : {open_points} points, soit environ "
            f"{_points(sprints)} sprint{'s' if sprints >= 2 else ''} à {velocity} points."
        ]
