"""The dossier of a baseline: `fanzone export pdf --baseline NAME`, and the baselines' dossiers that
`fanzone build --pdf` offers for download. Wires the versions (the baseline's tree from git objects, its
changes since the previous baseline, its approvals), the site build and the PDF generator.

The baseline's committed project is written from git objects into a temporary folder under the project's
cache (the working tree is never read), loaded, built and printed exactly as the current project is. A
baseline never changes: its dossier is cached, keyed by the tag (name, commit, date, note) and the toolkit's
version, and printed once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import tempfile
from dataclasses import dataclass
from functools import cached_property
from importlib import metadata
from pathlib import Path
from typing import Any

from ..context import ProjectContext
from ..escape.terminal import terminal
from ..kinds import KINDS
from ..model import Backlog
from ..model.history import StatusHistory
from ..outputs import DOWNLOADS_DIR, Format
from .common import err_console

CACHE_DIR = "fanzone/baseline-pdf"  # under the project's cache folder (`.cache/`)
CACHE_FORMAT = 1  # bump when a baseline's dossier changes shape without a new toolkit version
LINKED_CACHES = ("tools", "plantuml")  # the project's PlantUML jar and render cache, shared with the tree
WORK_PREFIX = "baseline-tree-"  # the temporary folders a baseline is written and built in


@dataclass(frozen=True)
class BaselineDossier:
    name: str
    data: bytes
    cached: bool
    pages: int


def dossier_file(default_file: str, name: str) -> str:
    """`fanzone-specification.pdf` and `v1.0` -> `fanzone-specification-v1.0.pdf` (a safe file name)."""
    stem, _, suffix = default_file.rpartition(".")
    safe = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-.") or "baseline"
    return f"{stem}-{safe}.{suffix}"


def _toolkit_version() -> str:
    try:
        return metadata.version("fanzone-toolkit")
    except metadata.PackageNotFoundError:
        return "unknown"


def cache_file(root: Path, baseline: Any) -> Path:
    from ..site.build import cache_root

    key = "\0".join(
        (baseline.tag, baseline.commit, baseline.date, baseline.note, _toolkit_version(), str(CACHE_FORMAT))
    )
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]
    return cache_root(root) / CACHE_DIR / f"{baseline.commit}-{digest}.pdf"


class BaselineContext(ProjectContext):
    """The project context of a baseline's tree: its plan beside the previous baseline's, and the status
    history as it stood when it was tagged (both read from the real repository, never from the tree)."""

    def __init__(self, root: Path, backlog: Backlog, today: dt.date, plan: Any, history: Any) -> None:
        super().__init__(root, backlog, today=today)
        self._plan, self._history = plan, history

    @cached_property
    def baseline_plan(self) -> Any:
        return self._plan

    @cached_property
    def history(self) -> Any:
        return self._history


def _history_then(root: Path, tree: Path, tagged: dt.datetime) -> tuple[StatusHistory | None, list[Any]]:
    """The tree's own history.json, else the repository's git history cut at the tag's date."""
    from ..load.git_history import read_status_history

    found, findings = read_status_history(tree)
    if found is not None or findings:
        return found, findings
    history, findings = read_status_history(root)
    if history is None or history.source != "git":
        return None, findings
    stories = {key: [t for t in moves if t.at <= tagged] for key, moves in history.stories.items()}
    stories = {key: moves for key, moves in stories.items() if moves}
    return (history.model_copy(update={"stories": stories}) if stories else None), []


def _context(root: Path, baseline: Any, tree: Path, backlog: Backlog) -> BaselineContext:
    from ..context.baseline import baseline_plan, tag_day
    from ..load.revision import baselines
    from ..plan import schedule

    today = backlog.project.as_of or tag_day(baseline)
    found = baselines(root, backlog.project.baseline_prefix)
    index = [b.name for b in found].index(baseline.name)
    plan = None
    if index > 0:  # the Gantt shows the previous baseline's dates beside this one's
        plan = baseline_plan(root, backlog, schedule(backlog, today), found[index - 1].name)
    history = _history_then(root, tree, dt.datetime.fromisoformat(baseline.date))
    return BaselineContext(tree, backlog, today, plan, history)


def _link_caches(root: Path, tree: Path) -> None:
    """The tree's `.cache/tools` and `.cache/plantuml` are the project's (the pinned jar, rendered diagrams)."""
    from ..site.build import cache_root

    shared = cache_root(root)
    (tree / ".cache").mkdir(exist_ok=True)
    for name in LINKED_CACHES:
        if (shared / name).is_dir():
            (tree / ".cache" / name).symlink_to((shared / name).resolve(), target_is_directory=True)


def print_baseline(root: Path, baseline: Any) -> BaselineDossier:
    """The baseline's dossier, from the cache or printed (then cached). Raises a FanzoneError naming the fix."""
    from ..load.atomic import atomic_write
    from ..pdf.assemble import page_count
    from ..pdf.chromium import executable, requirements
    from ..site.build import build_site, cache_root
    from ..site.provided import provide_context, provide_versions
    from ..versions.published import baseline_versions
    from ..versions.tree import load_tree, outside_git, write_tree

    stored = cache_file(root, baseline)
    if stored.is_file():
        data = stored.read_bytes()
        return BaselineDossier(baseline.name, data, True, page_count(data))
    work_parent = cache_root(root) / "fanzone"
    work_parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=WORK_PREFIX, dir=work_parent) as work:
        tree = Path(work) / "tree"
        write_tree(root, baseline, tree)
        backlog = load_tree(baseline, tree, KINDS)
        requirements()
        executable()
        versions = baseline_versions(root, baseline.name, backlog, KINDS)
        project = _context(root, baseline, tree, backlog)
        _link_caches(root, tree)
        printed: dict[str, Any] = {}

        def finish(site: Path) -> None:
            from ..pdf.dossier import print_dossier
            from .pdf_output import print_page_file

            printed["dossier"] = print_dossier(site, print_page_file(site), baseline_cover(backlog, baseline))

        with outside_git(tree), provide_context(project), provide_versions(versions):
            build_site(tree, site_dir=Path(work) / "site", finish=finish)
    dossier = printed["dossier"]
    stored.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(stored, dossier.data)
    if dossier.blank:
        pages = ", ".join(str(n) for n in dossier.blank)
        err_console.print(terminal(f"warning: blank page(s) {pages} in the dossier of {baseline.name}"), style="yellow")
    return BaselineDossier(baseline.name, dossier.data, False, dossier.pages)


def baseline_cover(backlog: Backlog, baseline: Any) -> Any:
    """The cover of a baseline's dossier: its name, the day it was tagged, its note."""
    from ..context.baseline import tag_day
    from ..pdf.front import Cover
    from ..wording import date_long
    from .pdf_output import REFERENCE

    info = backlog.project
    day = date_long(tag_day(baseline))
    return Cover(info.name, info.client, info.integrator, baseline.name, day, REFERENCE, baseline.note)


def export_baseline(root: Path, name: str, output: Path | None, fmt: Format) -> None:
    """`fanzone export pdf --baseline NAME [-o FILE]`: nothing is written unless the whole dossier printed.
    Depends on the baseline's tree only: the working tree gives the tag prefix (its project.yaml, read alone)."""
    from ..load.atomic import atomic_write
    from ..load.revision import find_baseline
    from ..versions.sides import project_prefix

    baseline = find_baseline(root, project_prefix(root), name)
    target = output or Path(dossier_file(fmt.default_file or "fanzone-specification.pdf", baseline.name))
    dossier = print_baseline(root, baseline)
    atomic_write(target, dossier.data)
    how = "from the cache" if dossier.cached else "printed and cached"
    err_console.print(terminal(f"wrote {target}: dossier of baseline {baseline.name}, {dossier.pages} pages ({how})"))


def site_dossiers(project: ProjectContext, fmt: Format) -> dict[str, tuple[str, bytes]]:
    """Every baseline's dossier for the site's downloads (name -> (site path, PDF)), printed once each and
    cached; a baseline that cannot be printed is a warning (the site is still built)."""
    from ..errors import FanzoneError
    from ..load.revision import baselines

    try:
        found = baselines(project.root, project.backlog.project.baseline_prefix)
    except FanzoneError:
        return {}
    dossiers = {}
    for baseline in found:
        if not cache_file(project.root, baseline).is_file():
            err_console.print(terminal(f"printing the dossier of baseline {baseline.name} (once: it is cached)"))
        try:
            dossier = print_baseline(project.root, baseline)
        except FanzoneError as exc:
            err_console.print(terminal(f"warning: no dossier for baseline {baseline.name}: {exc}"), style="yellow")
            continue
        path = f"{DOWNLOADS_DIR}/{dossier_file(fmt.default_file or 'fanzone-specification.pdf', baseline.name)}"
        dossiers[baseline.name] = (path, dossier.data)
    return dossiers
