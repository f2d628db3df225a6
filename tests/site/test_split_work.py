"""A loop's work on two cores (`handover.split_work`, used for the generated pages made final while PlantUML
renders): the same results as one process, whoever did each; a child that fails or dies changes nothing; an
error is raised by this process; no process left behind."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from generators.site.handover import split_work

NAMES = [f"page{n}.md" for n in range(24)]


def _slow(name: str) -> tuple[str, int]:
    time.sleep(0.01)  # long enough for the child to take its share
    return name.upper(), os.getpid()


def _children() -> set[int]:
    """This process's children (running or not yet reaped)."""
    tasks = Path(f"/proc/{os.getpid()}/task")
    return {int(pid) for task in tasks.iterdir() for pid in (task / "children").read_text().split()}


def test_the_results_are_those_of_one_process_whoever_did_each() -> None:
    results = split_work(NAMES, _slow, fork=True)
    assert list(results) == NAMES
    assert [value for value, _pid in results.values()] == [name.upper() for name in NAMES]
    workers = {pid for _value, pid in results.values()}
    assert os.getpid() in workers and len(workers) == 2  # both took a share
    assert results[NAMES[0]][1] == os.getpid() and results[NAMES[-1]][1] != os.getpid()  # from either end


def test_without_fork_everything_is_done_here() -> None:
    results = split_work(NAMES, _slow, fork=False)
    assert {pid for _value, pid in results.values()} == {os.getpid()}


@pytest.mark.parametrize("how", ["fails", "dies"])
def test_what_the_child_did_not_deliver_is_done_here(how: str) -> None:
    parent = os.getpid()

    def work(name: str) -> tuple[str, int]:
        if os.getpid() != parent and name == NAMES[-3]:
            if how == "dies":
                os._exit(9)
            raise RuntimeError("the child's page failed")
        return _slow(name)

    before = _children()  # (other tests' servers and browsers are children of this process too)
    results = split_work(NAMES, work, fork=True)
    assert [value for value, _pid in results.values()] == [name.upper() for name in NAMES]
    assert results[NAMES[-3]][1] == parent
    assert _children() <= before


def test_an_error_is_raised_here_and_no_process_is_left() -> None:
    def work(name: str) -> str:
        if name == NAMES[-1]:
            raise ValueError(f"{name}: cannot be made")
        time.sleep(0.01)
        return name

    before = _children()
    with pytest.raises(ValueError, match=r"page23\.md: cannot be made"):
        split_work(NAMES, work, fork=True)
    assert _children() <= before
