"""PlantUML processes started, not waited for (`Renderer.start_many`): a run's SVGs are collected when needed.

A run writes each diagram to a scratch folder and starts one PlantUML process per format, its error output
into a file (the process never waits on a pipe nobody reads). `RenderRun.finish` waits, checks and caches the
SVGs and returns the located errors; leaving the `with` block unfinished (an error, Ctrl-C) kills the
processes and removes the scratch folders: nothing is left behind.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..load.atomic import atomic_write
from . import jvm_archive, plantuml
from .plantuml import Diagram, DiagramError, Renderer, prepare, stop_process
from .plantuml_standby import MOST_DIAGRAMS, Standby


class RenderRun:
    """PlantUML processes started by `Renderer.start_many`: `finish` waits for them and caches their SVGs;
    `cancel` (also on leaving the `with` block unfinished) kills them and removes their scratch folders."""

    def __init__(self, renderer: Renderer) -> None:
        self.renderer = renderer
        self.keys: frozenset[str] = frozenset()  # every diagram it renders
        self.count = 0  # diagrams it renders
        self._batches: list[_Batch] = []
        self._errors: list[DiagramError] = []  # found before any process ran (a diagram that cannot be sent)

    def running(self) -> bool:
        return any(batch.process is not None and batch.process.poll() is None for batch in self._batches)

    def launch(self, batch: dict[str, Diagram], fmt: str) -> None:
        standby = self.renderer.standby
        if standby is not None and standby.fmt == fmt and len(batch) > MOST_DIAGRAMS:
            # the JVM started ahead draws one diagram after the other: a big batch goes to a file-mode run (its
            # threads on every core), and the JVM started ahead is stopped (two JVMs would only slow each other)
            self.renderer.standby = None
            standby.stop()
        batch_run = _Batch(batch, fmt, Path(tempfile.mkdtemp(prefix="fanzone-plantuml-")))
        self._batches.append(batch_run)
        if self not in self.renderer.runs:
            self.renderer.runs.append(self)
        self.keys |= frozenset(batch)
        self.count += len(batch)
        for key, diagram in batch.items():
            try:
                batch_run.texts[key], batch_run.offsets[key] = prepare(diagram.code)
            except ValueError as exc:
                self._errors.append(DiagramError(diagram.origin, 0, str(exc), diagram.first_line))
        if not batch_run.texts:
            return
        standby, texts = self.renderer.standby, list(batch_run.texts.values())
        if standby is not None and standby.accepts(texts, fmt):  # the JVM started ahead takes its first batch
            self.renderer.standby = None
            batch_run.standby, batch_run.process = standby, standby.process
            if standby.send(texts):
                return
            batch_run.drop_standby()
        self._start_files(batch_run)

    def _start_files(self, batch_run: _Batch) -> None:
        """PlantUML on the batch's diagrams written as files (file mode: its errors name the file and line)."""
        src, out = batch_run.tmp / "src", batch_run.tmp / "out"
        src.mkdir(exist_ok=True)
        out.mkdir(exist_ok=True)
        files = []
        for key, text in batch_run.texts.items():
            path = src / f"{key}.puml"
            path.write_text(text, encoding="utf-8")
            files.append(str(path))
        engine = self.renderer.engine
        program, batch_run.archive = jvm_archive.command(engine, create=True)  # the JVM's classes, mapped
        command = [*program, f"-t{batch_run.fmt}", "-charset", "UTF-8", "-nbthread", "auto", "-o", str(out), *files]
        batch_run.started = time.perf_counter()
        with open(batch_run.tmp / "stderr.txt", "wb") as stderr:  # a file: the process never waits on a pipe
            try:
                batch_run.process = subprocess.Popen(
                    command,
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=stderr,
                    env=engine.environment(),
                )
            except OSError as exc:
                self._errors.append(DiagramError("", 0, f"cannot run {engine.describe()}: {exc}"))

    def finish(self) -> list[DiagramError]:
        """Wait for the processes, cache what they rendered; the errors, located. Only once."""
        errors, self._errors = self._errors, []
        batches, self._batches = self._batches, []
        self._forget()
        try:
            for batch in batches:
                errors += self._collect(batch)
        finally:
            for batch in batches:
                batch.stop()
        return errors

    def _collect(self, batch: _Batch) -> list[DiagramError]:
        if batch.standby is not None:
            outputs = batch.standby.results(timeout=self._left(batch))
            batch.drop_standby()
            if outputs is not None:
                errors = [
                    error
                    for key, output in zip(batch.texts, outputs, strict=True)
                    if (error := self._keep(batch, key, output)) is not None
                ]
                self.renderer.stats.ahead += len(outputs) - len(errors)
                return self._counted(batch, errors)
            self._start_files(batch)  # drawn again in file mode, which locates any error
            if self._errors:
                errors, self._errors = self._errors, []
                return errors
        if batch.process is None:
            return []
        engine = self.renderer.engine
        try:
            batch.process.wait(timeout=self._left(batch))
        except subprocess.TimeoutExpired as exc:
            return [DiagramError("", 0, f"cannot run {engine.describe()}: {exc}")]
        jvm_archive.publish(batch.archive, batch.process.returncode == 0)
        batch.archive = None
        stderr = (batch.tmp / "stderr.txt").read_text(encoding="utf-8", errors="replace")
        errors: list[DiagramError] = []
        failed = {Path(name).stem: int(line) for line, name in plantuml.ERROR_LINE.findall(stderr)}
        for key, diagram in batch.diagrams.items():
            if key not in batch.texts:
                continue
            result = batch.tmp / "out" / f"{key}.{batch.fmt}"
            if key in failed:
                line = max(failed[key] - batch.offsets[key], 0)
                message = f"syntax error near: {plantuml.line_of(diagram.code, line)}"
                errors.append(DiagramError(diagram.origin, line, message, diagram.first_line))
            elif not result.is_file():
                detail = stderr.strip()[-500:] or f"exit code {batch.process.returncode}"
                errors.append(DiagramError(diagram.origin, 0, f"no output produced ({detail})", diagram.first_line))
            elif (error := self._keep(batch, key, result.read_bytes())) is not None:
                errors.append(error)
        return self._counted(batch, errors)

    def _keep(self, batch: _Batch, key: str, output: bytes) -> DiagramError | None:
        """Cache one diagram's output, unless it is not safe to inline (then its error)."""
        diagram = batch.diagrams[key]
        if batch.fmt == "svg" and (problem := self.renderer.svg_problem(output)) is not None:
            return DiagramError(diagram.origin, 0, f"unsafe SVG output: {problem}", diagram.first_line)
        atomic_write(self.renderer._path(key, batch.fmt), output)
        self.renderer.stats.rendered += 1
        return None

    def _counted(self, batch: _Batch, errors: list[DiagramError]) -> list[DiagramError]:
        self.renderer.stats.batches += 1
        self.renderer.stats.render_seconds += time.perf_counter() - batch.started
        return errors

    @staticmethod
    def _left(batch: _Batch) -> float:
        return max(plantuml.TIMEOUT_SECONDS - (time.perf_counter() - batch.started), 0.0)

    def _forget(self) -> None:
        if self in self.renderer.runs:
            self.renderer.runs.remove(self)

    def cancel(self) -> None:
        self._errors = []
        batches, self._batches = self._batches, []
        self._forget()
        for batch in batches:
            batch.stop()

    def __enter__(self) -> RenderRun:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.cancel()


@dataclass
class _Batch:
    diagrams: dict[str, Diagram]
    fmt: str
    tmp: Path
    texts: dict[str, str] = field(default_factory=dict)  # each diagram's text as PlantUML gets it (`prepare`)
    offsets: dict[str, int] = field(default_factory=dict)  # lines added in front of each diagram's text
    process: subprocess.Popen[bytes] | None = None
    started: float = field(default_factory=time.perf_counter)
    archive: Path | None = None  # the JVM's class archive this run writes (`jvm_archive`), until published
    standby: Standby | None = None  # the JVM started ahead that draws this batch (`plantuml_standby`)

    def drop_standby(self) -> None:
        if self.standby is not None:
            self.standby.stop()
            self.standby, self.process = None, None

    def stop(self) -> None:
        """Kill the process if it still runs, reap it, remove the scratch folder."""
        self.drop_standby()
        if self.process is not None:
            stop_process(self.process)
        jvm_archive.publish(self.archive, False)
        shutil.rmtree(self.tmp, ignore_errors=True)
