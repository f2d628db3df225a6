"""`fanzone build` when nothing changed: the fingerprint of the inputs (`generators.inputs`) taken before the
last successful build, compared with today's, without loading the project, generating a page or importing MkDocs.

Each build (a plain `fanzone build` of the MkDocs engine) takes the fingerprint before it reads anything, with
the inputs the previous build named (or the usual folders on a first build), and records it afterwards with
what it printed: its figures and its warnings. The next build with the same fingerprint, the same site folder
and a site that was not touched since (its listing) prints the same thing again and stops. Anything else (a
file saved, a tag added, another day, a new toolkit, `--full`, `--strict`, `--pdf`, another engine) goes
through the build, whose own manifest then decides which pages MkDocs renders again.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..inputs import fingerprint
from ..load.atomic import atomic_write
from .cachedir import cache_root
from .config_inputs import env_names

FORMAT = 1
UP_TO_DATE, INCREMENTAL, FULL = "up to date", "incremental", "full"  # what a build did
# read by every build: the project folders and the configuration (the record then names the exact inputs)
USUAL_INPUTS = ("backlog", "mockups", "includes", "specs", "mkdocs.yml")
READ_ENV = ("SOURCE_DATE_EPOCH",)  # MkDocs dates the built site with it (the sitemap, `build_date_utc`)


@dataclass
class Record:
    """What the last build read and printed."""

    fingerprint: str
    inputs: list[str]  # absolute paths of the files and folders fingerprinted
    site: str
    outputs: str  # the hash of the built site's listing
    stats: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)  # MkDocs' warnings, shown again
    backlog_warnings: int = 0
    format: int = FORMAT


@dataclass
class Snapshot:
    """The fingerprint taken before a build, with the inputs it covers."""

    root: Path
    site_option: Path | None
    inputs: list[str]
    fingerprint: str | None


def output_listing(site: Path) -> dict[str, tuple[int, int]]:
    """Every file of a built site -> (size, mtime in ns)."""
    out: dict[str, tuple[int, int]] = {}
    for base, _dirs, names in os.walk(site):
        for name in names:
            path = Path(base) / name
            info = path.stat()
            out[path.relative_to(site).as_posix()] = (info.st_size, info.st_mtime_ns)
    return out


def _listing_digest(site: Path) -> str:
    listing = sorted(output_listing(site).items()) if site.is_dir() else None
    return hashlib.sha256(json.dumps(listing).encode("utf-8")).hexdigest()


def _record_file(root: Path, site_option: Path | None) -> Path:
    name = str(site_option.resolve()) if site_option is not None else ""
    key = hashlib.sha256(name.encode("utf-8")).hexdigest()[:16]
    return cache_root(root) / "fanzone" / "builds" / f"inputs-{key}.json"


def _load(path: Path) -> Record | None:
    try:
        data = json.loads(path.read_bytes())
        record = Record(**data)
    except (OSError, ValueError, TypeError):
        return None
    return record if record.format == FORMAT else None


def _fingerprint(root: Path, site_option: Path | None, inputs: list[str]) -> str | None:
    option = str(site_option.resolve()) if site_option is not None else None
    paths = [Path(item) for item in inputs]
    # the variables the configuration reads (`!ENV`), and the one MkDocs dates the site with
    env = {name: os.environ.get(name) for name in [*env_names(paths), *READ_ENV]}
    return fingerprint(root, paths, {"site_dir": option, "engine": "mkdocs", "env": env})


def snapshot(root: Path, site_option: Path | None) -> tuple[Snapshot, Record | None]:
    """Take the fingerprint (before the build reads anything); with the last build's record when it still holds:
    same inputs, same site folder, the site as that build left it."""
    record = _load(_record_file(root, site_option))
    inputs = record.inputs if record is not None else [str(root / name) for name in USUAL_INPUTS]
    taken = Snapshot(root, site_option, inputs, _fingerprint(root, site_option, inputs))
    if record is None or taken.fingerprint is None or record.fingerprint != taken.fingerprint:
        return taken, None
    site = Path(record.site)
    if not site.is_dir() or record.outputs != _listing_digest(site):
        return taken, None
    return taken, record


def remember(taken: Snapshot, site: Path, inputs: list[Path], stats: dict[str, Any], **printed: Any) -> None:
    """After a successful build: record its fingerprint, if it covered the inputs the build read and nothing
    changed while it ran; otherwise forget the last one (the next build goes through)."""
    path = _record_file(taken.root, taken.site_option)
    names = sorted(str(item) for item in inputs)
    after = _fingerprint(taken.root, taken.site_option, names) if inputs else None
    if after is None or taken.fingerprint is None or names != sorted(taken.inputs) or after != taken.fingerprint:
        # a first build, or new inputs (another configuration), or an edit during the build: fingerprint the
        # inputs this build named now, so that the next build compares against them; never trusted to skip
        # a build until a build starts and ends with the same fingerprint
        path.unlink(missing_ok=True)
        if after is not None:
            _save(path, Record("", names, str(site), "", {}, [], 0))
        return
    kept = {key: stats[key] for key in ("generated_pages", "spec_pages", "diagrams_requested") if key in stats}
    _save(path, Record(after, names, str(site), _listing_digest(site), kept, **printed))


def forget(root: Path, site_option: Path | None) -> None:
    """The site was built another way (another engine): no shortcut next time."""
    _record_file(root, site_option).unlink(missing_ok=True)


def _save(path: Path, record: Record) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, json.dumps(asdict(record)).encode("utf-8"))
