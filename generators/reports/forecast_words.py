"""The French sentences of the forecast, written once: the headline, the inputs explained, labels.

Every view of the forecast (terminal, Markdown, JSON, SVG, the site's Planning page and dashboard) takes its
sentences from here and adds only its own markup and escaping.
"""

from __future__ import annotations

from ..plan.baseline import BaselinePlan, Slip
from ..plan.forecast import MIN_COMPLETED, PERCENTILES, Forecast, Outlook
from ..wording import date_long, date_short, number, plural
from .gantt_rows import slip_header, slip_text

HEADLINE_PERCENT = 85  # the confidence quoted in the dashboard's sentence
SCOPE_NAME = "le périmètre MVP"


def unit_word(forecast: Forecast, count: int) -> str:
    return plural(count, "story", "stories") if forecast.unit == "stories" else plural(count, "point")


def headline(forecast: Forecast, percent: int = HEADLINE_PERCENT) -> str:
    """`85 % de chances de terminer le périmètre MVP d'ici le 2 décembre 2025` (or why there is no date); no final
    period: each view ends the sentence."""
    if forecast.release.remaining == 0:
        return f"Tout {SCOPE_NAME} est terminé au {date_long(forecast.today)}"
    day = forecast.release.dates[percent]
    if day is None:
        return f"Pas de date de fin probable pour {SCOPE_NAME} : {_no_date(forecast)}"
    return f"{percent} % de chances de terminer {SCOPE_NAME} d'ici le {date_long(day)}"


def _no_date(forecast: Forecast) -> str:
    if forecast.sample.total == 0:
        return "aucun travail terminé sur la fenêtre d'historique"
    return "la fin dépasse l'horizon de 20 ans au débit mesuré"


def warnings(forecast: Forecast) -> list[str]:
    """What makes the forecast fragile or impossible, in French (problems the caller found come first)."""
    out = list(forecast.problems)
    if forecast.short_history:
        done = plural(forecast.sample.completed, "story terminée", "stories terminées")
        out.append(
            f"Historique trop court : {done} sur la fenêtre de {forecast.window_weeks} semaines "
            f"(au moins {MIN_COMPLETED} pour une prévision fiable)."
        )
    if forecast.no_throughput:
        out.append("Aucun travail terminé sur la fenêtre : la prévision ne peut pas donner de date.")
    return out


def percent_label(percent: int) -> str:
    return f"{percent} %"


def when(day: object) -> str:
    """A forecast date in a table, or why there is none."""
    return date_short(day) if day is not None else "au-delà de l'horizon"  # type: ignore[arg-type]


def inputs(forecast: Forecast) -> list[str]:
    """The inputs of the simulation, explained (one sentence each)."""
    sample = forecast.sample
    done = forecast.scope - forecast.release.remaining
    measured = "points terminés" if forecast.unit == "points" else "stories terminées"
    return [
        f"Débit quotidien ({measured} par jour ouvré, jours sans livraison compris) mesuré sur les "
        f"{forecast.window_weeks} semaines précédant la date de statut, du {date_long(sample.start)} au "
        f"{date_long(sample.end)} : {plural(len(sample.days), 'jour ouvré', 'jours ouvrés')} tirés au sort.",
        f"{plural(sample.completed, 'story terminée', 'stories terminées')} sur cette fenêtre"
        + (f" ({unit_word(forecast, sample.total)})." if forecast.unit == "points" else "."),
        f"Reste à faire dans le périmètre de la version (must, should et could ; les won't-have en sont exclues) : "
        f"{unit_word(forecast, forecast.release.remaining)} sur {unit_word(forecast, forecast.scope)} "
        f"(déjà terminé : {unit_word(forecast, done)}).",
        f"{number(forecast.trials)} tirages avec la graine {forecast.seed} : les mêmes données donnent les mêmes "
        "dates.",
        "Une date à 85 % signifie que 85 % des tirages ont terminé ce jour-là ou avant ; les jours ouvrés suivent "
        "le calendrier du projet (week-ends, jours fériés et fermetures exclus).",
        "Un jalon attend les stories restantes dont il dépend (épopées, stories, phases, jalons), traitées en "
        "priorité par l'équipe ; une phase datée qui en dépend (recette, lancement) garde sa durée et ne démarre "
        "pas avant sa date prévue.",
    ]


def by_sentence(forecast: Forecast) -> str | None:
    """How much is done by the date asked for (`--by`)."""
    if forecast.by_date is None:
        return None
    parts = ", ".join(f"{unit_word(forecast, forecast.by_quantities[p])} à {percent_label(p)}" for p in PERCENTILES)
    left = unit_word(forecast, forecast.release.remaining)
    return f"D'ici le {date_long(forecast.by_date)} : au moins {parts} (sur {left} restant à faire)."


def milestone_note(outlook: Outlook) -> str:
    return outlook.note or ""


def baseline_slip(outlook: Outlook, baseline: BaselinePlan) -> Slip | None:
    """A milestone's forecast in the baseline and the plan's slip since (the Gantt's figures). None for the
    release scope: the baseline's end is the whole plan's (phases too), said by `baseline_sentence`."""
    return None if outlook.milestone is None else baseline.milestones.get(outlook.milestone)


def baseline_headers(baseline: BaselinePlan | None) -> list[str]:
    """The two columns a baseline adds: its date, and the plan's slip since (the Gantt's figure, not a percentile)."""
    if baseline is None:
        return []
    return [f"Prévision en {baseline.name}", slip_header(baseline) + " (plan)"]


def baseline_cells(outlook: Outlook, baseline: BaselinePlan | None) -> list[str]:
    if baseline is None:
        return []
    slip = baseline_slip(outlook, baseline)
    return [date_short(slip.end) if slip is not None and not slip.new else "—", slip_text(slip)]
