"""A push killed with SIGKILL at random points (mid-request with the answer lost, or at any moment: during a
batch, between Jira and the YAML, while writing files), then run again, ends with exactly one issue per
backlog item, the YAML keys matching Jira, and a plan in sync."""

from __future__ import annotations

import os
import random
import signal
import time

import pytest
from conftest import run_subprocess
from helpers import assert_one_issue_per_item, issues_per_id, yaml_keys

from generators.load import load_backlog

WRITE_PATHS = r"/issue/bulk$|/issueLink$|/issue/[^/]+$|/transitions$"
ENV = {"FANZONE_JIRA_BACKOFF_SCALE": "0.2"}


def _finish(project, cloud):
    """Run push until it succeeds (at most three times), then check the end state."""
    for _ in range(3):
        proc = run_subprocess(project, "jira", "push", fake=cloud, env=ENV)
        out, err = proc.communicate(timeout=120)
        if proc.returncode == 0:
            break
    assert proc.returncode == 0, out + err
    assert_one_issue_per_item(cloud, project)
    keys = yaml_keys(project)
    jira_keys = {
        label.split(":", 1)[1]: issue["key"]
        for issue in cloud.store.issues.values()
        for label in issue["fields"]["labels"]
        if label.startswith("fz:") and label != "fz:backlog"
    }
    assert keys == jira_keys
    assert load_backlog(project).ok
    check = run_subprocess(project, "jira", "plan", fake=cloud, env=ENV)
    out, err = check.communicate(timeout=120)
    assert check.returncode == 0, out + err
    expected_links = sum(len(story.depends_on) for story in load_backlog(project).backlog.stories) + 1
    assert len(cloud.store.links) == expected_links
    assert not list((project / "backlog").rglob("*.tmp"))  # interrupted atomic writes cleaned up


@pytest.mark.slow
@pytest.mark.parametrize("seed", [11, 29])
def test_kill_in_the_middle_of_a_write_then_rerun(cloud, big_project, seed):
    """The worst moment: Jira has done the work, the process dies before the answer arrives."""
    rng = random.Random(seed)
    cloud.store.index_lag = 0.2  # and the search index lags behind
    state_file = big_project / "backlog" / "jira-state.json"
    bulk = r"/issue/bulk$"
    rounds = [(bulk, rng.randrange(0, 2)), (WRITE_PATHS, rng.randrange(0, 60)), (bulk, 0)]
    for round_number, (path, skip) in enumerate(rounds):
        target = {"pid": 0}

        def kill(target: dict = target) -> None:
            os.kill(target["pid"], signal.SIGKILL)
            time.sleep(0.05)  # let the signal land before the (lost) answer

        fault = cloud.add_fault("kill", path, method="POST" if path == bulk else None, skip=skip, callback=kill)
        proc = run_subprocess(big_project, "jira", "push", fake=cloud, env=ENV)
        target["pid"] = proc.pid
        proc.communicate(timeout=120)
        if fault.times:  # the push finished before reaching that write: nothing left to break
            cloud.faults.remove(fault)
            break
        assert proc.returncode == -signal.SIGKILL, f"seed {seed} round {round_number}: not killed"
        if path == bulk:  # killed with a creation in flight: the journal says so
            assert '"pending"' in state_file.read_text(encoding="utf-8"), f"round {round_number}"
        counts = issues_per_id(cloud)
        assert all(n == 1 for n in counts.values()), f"seed {seed} round {round_number}: duplicates {counts}"
    _finish(big_project, cloud)
    assert '"pending"' not in state_file.read_text(encoding="utf-8")


@pytest.mark.slow
@pytest.mark.parametrize("seed", [3, 7, 42])
def test_kill_at_a_random_moment_then_rerun(cloud, big_project, seed):
    rng = random.Random(seed)
    cloud.latency = 0.004
    for _ in range(3):
        proc = run_subprocess(big_project, "jira", "push", fake=cloud, env=ENV)
        time.sleep(rng.uniform(0.8, 2.5))  # the interpreter starts in about 0.8 s
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=120)
    cloud.latency = 0.0
    _finish(big_project, cloud)
