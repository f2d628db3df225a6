"""Charts and workbooks kept by the hash of their own inputs: a warm build reads them back (no matplotlib, no
openpyxl), an edit makes again exactly the ones whose inputs changed, and the files are the same as made fresh."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from loadhelpers import edit
from reportkit import STATUS_DATE

from generators.context import ProjectContext
from generators.load import load_backlog
from generators.signed_cache import SignedCache
from generators.site import plugin as plugin_module
from generators.site import reports_wiring
from generators.site.pages_backlog import LatePage

REPO = Path(__file__).resolve().parents[2]
WORKBOOKS = {"fanzone-gantt.xlsx", "fanzone-kanban.xlsx", "fanzone-backlog.xlsx"}
CHARTS = {"burnup.svg", "cfd.svg", "cycle-time.svg", "throughput.svg", "ageing-wip.svg"}


@pytest.fixture
def user_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("FANZONE_CACHE", str(tmp_path / "user"))
    return tmp_path / "user"


def _build(root: Path, store: SignedCache | None) -> dict[str, bytes]:
    backlog = load_backlog(root).backlog
    assert backlog is not None
    return reports_wiring.report_assets(ProjectContext(root, backlog, today=STATUS_DATE), store)


def _workbook_content(data: bytes) -> dict[str, bytes]:
    """Every part of a workbook but its save time (docProps/core.xml)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist() if name != "docProps/core.xml"}


def _made(store: SignedCache) -> set[str]:
    return set(store.made)


def test_warm_reads_back_the_same_bytes_and_fresh_files_match(history_project: Path, user_cache: Path) -> None:
    cold_store = SignedCache(history_project / ".cache" / "derived")
    cold = _build(history_project, cold_store)
    sprints = {Path(path).name for path in cold if "/sprint-" in path}
    assert sprints and _made(cold_store) == WORKBOOKS | CHARTS | sprints
    warm_store = SignedCache(history_project / ".cache" / "derived")
    assert _build(history_project, warm_store) == cold and warm_store.made == []
    fresh = _build(history_project, None)
    assert fresh.keys() == cold.keys()
    for path, data in cold.items():
        if path.endswith(".svg"):
            assert fresh[path] == data, path
        else:  # a workbook made now differs only by its save time
            assert _workbook_content(fresh[path]) == _workbook_content(data), path


def test_an_edit_makes_again_only_what_it_changes(history_project: Path, user_cache: Path) -> None:
    folder = history_project / ".cache" / "derived"
    _build(history_project, SignedCache(folder))
    epic = history_project / "backlog" / "epics" / "E01-compte.yaml"
    edit(epic, "title: Se connecter\n", "title: Se connecter avec son e-mail\n")
    store = SignedCache(folder)
    _build(history_project, store)
    assert _made(store) == WORKBOOKS  # titles are in every workbook, in no chart

    edit(epic, "    points: 2\n", "    points: 3\n")  # E01-S02, in progress: the release scope grows by a point
    store = SignedCache(folder)
    _build(history_project, store)
    # the burnup (scope) and the burndown of the sprint E01-S02 is planned in; counts, ages and sprint 1 kept
    assert _made(store) == WORKBOOKS | {"burnup.svg", "sprint-2.svg"}


def test_a_tampered_entry_is_made_again(history_project: Path, user_cache: Path) -> None:
    folder = history_project / ".cache" / "derived"
    expected = _build(history_project, SignedCache(folder))
    for entry in folder.glob("??/*.bin"):
        data = entry.read_bytes()
        entry.write_bytes(data[:32] + data[32:].replace(b"</svg>", b"<script>alert(1)</script></svg>"))
    store = SignedCache(folder)
    assets = _build(history_project, store)
    assert _made(store) >= CHARTS and all(b"alert" not in data for data in assets.values())
    assert {p: d for p, d in assets.items() if p.endswith(".svg")} == {
        p: d for p, d in expected.items() if p.endswith(".svg")
    }


def test_a_warm_build_imports_no_matplotlib_openpyxl_or_numpy(history_project: Path, user_cache: Path) -> None:
    cold = SignedCache(history_project / ".cache" / "derived")
    backlog = load_backlog(history_project).backlog
    pages = plugin_module.planning_pages(ProjectContext(history_project, backlog, today=STATUS_DATE), False, cold)
    assert "forecast" not in cold.made  # the forecast's page is made last (`LatePage`), when asked
    [page.made() for page in pages if isinstance(page, LatePage)]
    _build(history_project, cold)
    assert "forecast" in cold.made
    code = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from reportkit import STATUS_DATE\n"
        "from generators.context import ProjectContext\n"
        "from generators.load import load_backlog\n"
        "from generators.signed_cache import SignedCache\n"
        "from generators.site.reports_wiring import planning_pages, report_assets\n"
        f"root = Path({str(history_project)!r})\n"
        "ctx = ProjectContext(root, load_backlog(root).backlog, today=STATUS_DATE)\n"
        "store = SignedCache(root / '.cache' / 'derived')\n"
        "[page.made() for page in planning_pages(ctx, False, store) if hasattr(page, 'made')]\n"
        "assets = report_assets(ctx, store)\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'matplotlib', 'openpyxl', 'numpy'})\n"
        "print(json.dumps({'made': store.made, 'heavy': heavy, 'assets': len(assets)}))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent)}
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["made"] == [] and result["heavy"] == [] and result["assets"] > len(WORKBOOKS)
