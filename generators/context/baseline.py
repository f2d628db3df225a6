"""The baseline's plan for the project context: the baseline's content read from git objects, scheduled by
the same `plan.schedule`, its dates cached as JSON in the repository's git folder (a commit never changes).

The baseline's status date is its own `as_of`, else the day it was tagged: its plan as it stood then.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
from functools import lru_cache
from pathlib import Path

from ..load.atomic import atomic_write
from ..load.git_objects import Baseline, VersionError, git
from ..load.revision import baselines, find_baseline, revision
from ..model import Backlog
from ..plan import WorkCalendar, schedule, today_for
from ..plan.baseline import BaselinePlan, PlanDates, compare
from ..plan.model import Schedule

CACHE_DIR = "fanzone/plan"  # beside the diff's snapshots, inside the git folder: never an uncommitted change
_CODE = Path(__file__).resolve().parent.parent  # the generators package


@lru_cache(maxsize=1)
def _stamp() -> str:
    """A digest of the scheduling code and the models: a changed scheduler recomputes the baseline's dates."""
    digest = hashlib.sha256()
    for folder in ("plan", "model"):
        for path in sorted((_CODE / folder).glob("*.py")):
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _cache_file(root: Path, commit: str) -> Path:
    git_dir = Path(git(root, "rev-parse", "--git-common-dir").decode().strip())
    return (root / git_dir) / CACHE_DIR / f"{commit}-{_stamp()}.json"


def _baseline_dates(root: Path, baseline: Baseline) -> PlanDates:
    with contextlib.suppress(OSError, ValueError, KeyError, TypeError, VersionError):
        return PlanDates.from_json(json.loads(_cache_file(root, baseline.commit).read_text(encoding="utf-8")))
    tagged = tag_day(baseline)
    with revision(root, baseline.commit, f"baseline {baseline.name}") as then:
        dates = PlanDates.of(schedule(then, today_for(then.project, None, clock=lambda: tagged)))
    with contextlib.suppress(OSError, VersionError):  # a cache only: a read-only repository still plans
        target = _cache_file(root, baseline.commit)
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(target, json.dumps(dates.as_json()))
    return dates


def tag_day(baseline: Baseline) -> dt.date:
    return dt.date.fromisoformat(baseline.date[:10])


def baseline_plan(root: Path, backlog: Backlog, current: Schedule, name: str | None) -> BaselinePlan | None:
    """The plan of baseline `name` (None: the last one) against `current`; None outside git or without a
    baseline when none was named. Raises VersionError (a user error naming the fix) for a named baseline that
    does not exist, or a baseline whose content does not load."""
    prefix = backlog.project.baseline_prefix
    if name is None:
        try:
            found = baselines(root, prefix)
        except VersionError:
            return None  # not a git repository (or a shallow clone without tags): a plan without baseline
        if not found:
            return None
        chosen = found[-1]
    else:
        chosen = find_baseline(root, prefix, name)
    dates = _baseline_dates(root, chosen)
    calendar = WorkCalendar(backlog.project.calendar)
    return compare(chosen.name, tag_day(chosen), dates, current, calendar)
