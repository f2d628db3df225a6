"""A small in-memory project with a known history for the forecast view tests."""

from __future__ import annotations

import datetime as dt

from planbuild import DOING, DONE, TODO, make_backlog, make_epic, make_project, make_story

from generators.model.history import StatusHistory
from generators.plan.forecast import Forecast, forecast

TODAY = dt.date(2025, 7, 8)


def sample_forecast(title: str = "Story", milestone_name: str = "Bêta privée", **options) -> Forecast:  # type: ignore[no-untyped-def]
    """Two stories done on each of the 10 working days before TODAY, 12 to do, one won't-have."""
    project = make_project(
        milestones=[
            {"id": "M01", "name": milestone_name, "date": dt.date(2025, 7, 31), "depends_on": ["E02-S01"]},
        ]
    )
    days = [dt.date(2025, 6, 25) + dt.timedelta(days=i) for i in range(14)]
    days = [d for d in days if d.weekday() < 5][:10]
    done_ids = {f"E01-S{i:02d}": day for i, day in enumerate((d for d in days for _ in range(2)), start=1)}
    done = [make_story(s, status=DONE, title=f"{title} {s}") for s in done_ids]
    todo = [make_story(f"E02-S{i:02d}", title=f"{title} {i}") for i in range(1, 13)]
    wont = [make_story("E03-S01", priority="wont")]
    backlog = make_backlog(project, [make_epic("E01", done), make_epic("E02", todo), make_epic("E03", wont)])
    history = StatusHistory.model_validate(
        {
            "source": "manual",
            "stories": {
                sid: [
                    {"at": dt.datetime.combine(day, dt.time(9), tzinfo=dt.UTC), "from": TODO, "to": DOING},
                    {"at": dt.datetime.combine(day, dt.time(17), tzinfo=dt.UTC), "from": DOING, "to": DONE},
                ]
                for sid, day in done_ids.items()
            },
        }
    )
    options.setdefault("trials", 500)
    return forecast(backlog, history, TODAY, **options)
