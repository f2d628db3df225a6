"""A small in-memory project with a known history for the forecast view tests."""

from __future__ import annotations

import datetime as dt

from planbuild import DOING, DONE, TODO, make_backlog, make_epic, make_project, make_story

from generators.model.history import StatusHistory
from generators.plan import WorkCalendar
from generators.plan.forecast import Forecast, forecast

TODAY = dt.date(2025, 7, 8)


def sample_forecast(title: str = "Story", milestone_name: str = "Bêta privée", per_day: int = 2, **options) -> Forecast:  # type: ignore[no-untyped-def]
    """`per_day` stories done on each working day of the 8 weeks before TODAY, 12 to do, one won't-have."""
    project = make_project(
        milestones=[
            {"id": "M01", "name": milestone_name, "date": dt.date(2025, 7, 31), "depends_on": ["E02-S01"]},
        ]
    )
    days = WorkCalendar(project.calendar).working_days(TODAY - dt.timedelta(weeks=8) + dt.timedelta(days=1), TODAY)
    done_ids = {f"E01-S{i:03d}": day for i, day in enumerate((d for d in days for _ in range(per_day)), start=1)}
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
