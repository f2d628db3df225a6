"""Layer 3: scheduling. Pure functions from a `Backlog` to a dated `Schedule`."""

from .calendar import WorkCalendar
from .model import EpicPlan, MilestonePlan, PhasePlan, Placement, Schedule, SprintSlot, StoryPlan
from .schedule import schedule, today_for

__all__ = [
    "EpicPlan",
    "MilestonePlan",
    "PhasePlan",
    "Placement",
    "Schedule",
    "SprintSlot",
    "StoryPlan",
    "WorkCalendar",
    "schedule",
    "today_for",
]
