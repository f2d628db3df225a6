"""The HTTP layer: a URL that is not Jira, a Jira that never answers (the command's time is bounded and the
waiting call named), Retry-After longer than allowed."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest


@pytest.fixture
def silent_server() -> Iterator[str]:
    """A server that accepts connections, reads the request and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            held.append(conn)

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    stop.set()
    thread.join(2)
    for conn in held:
        conn.close()
    listener.close()


def test_a_jira_that_never_answers_is_given_up_in_time_naming_the_call(silent_server, project, jira):
    env = {"JIRA_URL": silent_server, "JIRA_EMAIL": "pm@fanzone.tv", "JIRA_API_TOKEN": "tok-12345678"}
    started = time.monotonic()
    result = jira(project, "jira", "plan", env={**env, "FANZONE_JIRA_TIMEOUT": "2"})
    took = time.monotonic() - started
    assert result.code == 1, result.output
    assert "Jira did not answer within 2 s (waiting for GET /rest/api/2/serverInfo)" in result.stderr
    assert "FANZONE_JIRA_TIMEOUT" in result.stderr and "tok-12345678" not in result.output
    assert took < 8, took


def test_the_budget_covers_the_whole_command(cloud, project, jira):
    cloud.latency = 0.3  # each request: 0.3 s; a first push needs about 15 of them
    result = jira(project, "jira", "push", fake=cloud, env={"FANZONE_JIRA_TIMEOUT": "1.5"})
    assert result.code == 1, result.output
    assert "Jira did not answer within 1.5 s (waiting for " in result.stderr


def test_a_bad_timeout_setting_is_named(cloud, project, jira):
    result = jira(project, "jira", "plan", fake=cloud, env={"FANZONE_JIRA_TIMEOUT": "soon"})
    assert result.code == 1
    assert "FANZONE_JIRA_TIMEOUT: 'soon' is not a number of seconds" in result.stderr


def test_html_with_status_200_is_not_jira(cloud, project, jira):
    cloud.add_fault("html", r"/serverInfo$")
    result = jira(project, "jira", "plan", fake=cloud)
    assert result.code == 1, result.output
    assert "this URL does not answer like Jira" in result.stderr and "JIRA_URL" in result.stderr
    assert "JSONDecodeError" not in result.stderr.replace("(its answer is not JSON: JSONDecodeError)", "")
    assert "Traceback" not in result.output


def test_html_later_in_the_command_is_not_jira_either(cloud, project, jira):
    cloud.add_fault("html", r"/field$")
    result = jira(project, "jira", "plan", fake=cloud)
    assert result.code == 1, result.output
    assert "read the Jira field list (GET /field): this URL does not answer like Jira" in result.stderr


def test_a_retry_after_beyond_the_limit_is_reported_not_waited(cloud, project, jira):
    cloud.add_fault("429", r"/field$", retry_after="3600")
    started = time.monotonic()
    result = jira(project, "jira", "plan", fake=cloud)
    assert result.code == 1
    assert "GET /rest/api/2/field: Jira asks to wait 3600 s (Retry-After); try again later" in result.stderr
    assert time.monotonic() - started < 10
