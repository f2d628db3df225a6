"""The diff's output handlers the outputs registry names ("generators.cli.version_outputs:diff_<format>").

Each takes (run, output, fmt): the `DiffRun` (diff document and re-estimation summary), the --output path
(or None: stdout, or the terminal) and the registry's `Format`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..outputs import Format
from .common import console, dump_json, write_output


def diff_terminal(run: Any, output: Path | None, fmt: Format) -> None:
    from ..versions.render import print_terminal

    print_terminal(console, run.document, run.summary)


def diff_json(run: Any, output: Path | None, fmt: Format) -> None:
    write_output(dump_json({**run.document, "reestimation": run.summary}), output)


def diff_md(run: Any, output: Path | None, fmt: Format) -> None:
    from ..versions.render import markdown

    write_output(markdown(run.document, run.summary), output)
