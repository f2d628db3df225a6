"""The forecast as a JSON document (`fanzone report forecast --format json`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..plan.baseline import BaselinePlan
from ..plan.forecast import PERCENTILES, Forecast, Outlook
from . import forecast_words as words


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _outlook(outlook: Outlook, baseline: BaselinePlan | None = None) -> dict[str, Any]:
    row: dict[str, Any] = {}
    slip = None if baseline is None else words.baseline_slip(outlook, baseline)
    if slip is not None:  # a milestone, with a baseline
        then = None if slip.new else _iso(slip.end)
        row["baseline"] = {"date": then, "slip_working_days": slip.days, "new": slip.new}
    return row | {
        "label": outlook.label,
        "remaining": outlook.remaining,
        "planned": _iso(outlook.planned),
        "dates": {str(p): _iso(outlook.dates[p]) for p in PERCENTILES},
        "note": outlook.note or None,
    }


def forecast_document(forecast: Forecast, baseline: BaselinePlan | None = None) -> dict[str, Any]:
    sample = forecast.sample
    return {
        "as_of": forecast.today.isoformat(),
        "unit": forecast.unit,
        "headline": words.headline(forecast),
        "inputs": {
            "window_weeks": forecast.window_weeks,
            "window_start": sample.start.isoformat(),
            "window_end": sample.end.isoformat(),
            "days_sampled": len(sample.days),
            "daily_throughput": sample.values,
            "completed_in_window": sample.completed,
            "remaining": forecast.release.remaining,
            "scope": forecast.scope,
            "trials": forecast.trials,
            "seed": forecast.seed,
        },
        "release": _outlook(forecast.release, baseline),
        "milestones": [_outlook(m, baseline) for m in forecast.milestones],
        "baseline": None if baseline is None else baseline.as_json(),
        "by": None
        if forecast.by_date is None
        else {
            "date": forecast.by_date.isoformat(),
            "quantities": {str(p): forecast.by_quantities[p] for p in PERCENTILES},
        },
        "histogram": [{"week": week.isoformat(), "trials": count} for week, count in forecast.weekly_histogram()],
        "warnings": words.warnings(forecast),
    }
