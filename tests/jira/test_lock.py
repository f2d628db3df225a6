"""One sync at a time: a second push or pull is refused while another holds the lock (nothing sent to Jira), and a
lock left by a killed sync does not block the next one (the OS released it)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from conftest import REPO
from helpers import assert_one_issue_per_item

from generators.jira.lock import LOCK_FILE, SyncLock

HOLD = (
    "from generators.jira.lock import SyncLock; import sys, time\n"
    "with SyncLock(sys.argv[1]):\n    print('held', flush=True)\n    time.sleep(60)\n"
)


def _hold_in_another_process(root) -> subprocess.Popen[str]:
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(root)], cwd=REPO, stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    return holder


@pytest.mark.parametrize("command", ["push", "pull"])
def test_a_second_sync_is_refused_while_the_first_holds_the_lock(cloud, project, jira, command):
    holder = _hold_in_another_process(project)
    try:
        cloud.reset_log()
        result = jira(project, "jira", command, fake=cloud)
        assert result.code == 1, result.output
        assert f"{LOCK_FILE}: another Jira sync is running; wait for it to finish" in result.stderr
        assert cloud.count(writes=True) == 0
    finally:
        holder.kill()
        holder.wait()
    again = jira(project, "jira", "push", fake=cloud)
    assert again.code == 0, again.output
    assert_one_issue_per_item(cloud, project)


def test_plan_does_not_need_the_lock(cloud, project, jira):
    with SyncLock(project):
        assert jira(project, "jira", "plan", fake=cloud).code == 3


def test_a_lock_left_by_a_killed_sync_does_not_block(cloud, project, jira):
    holder = _hold_in_another_process(project)
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    assert (project / LOCK_FILE).exists()  # the file stays; the OS lock went with the process
    started = time.monotonic()
    result = jira(project, "jira", "push", fake=cloud)
    assert result.code == 0, result.output
    assert time.monotonic() - started < 30


def test_the_lock_is_reusable_in_one_process(project):
    for _ in range(2):
        with SyncLock(project):
            pass
