"""Every form of every secret is masked wherever it could show: log records, exception messages, printed output,
debug tracebacks, error bodies in which a server or proxy echoes the request headers."""

from __future__ import annotations

import base64
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import FAST, REPO
from hypothesis import given, settings
from hypothesis import strategies as st

from generators.jira import secrets
from generators.jira.secrets import SecretFilter, redact, register_secret


@contextmanager
def _isolated() -> Iterator[None]:
    """Secrets registered inside are forgotten afterwards (they would mask text in later tests)."""
    saved = (set(secrets._SECRETS), secrets._PATTERN)
    try:
        yield
    finally:
        secrets._SECRETS.clear()
        secrets._SECRETS.update(saved[0])
        secrets._PATTERN = saved[1]


def _forms(fake) -> list[str]:
    basic = base64.b64encode(f"{fake.email}:{fake.token}".encode()).decode()
    return [fake.token, basic, f"Basic {basic}", fake.pat]


def _assert_masked(text: str, fake) -> None:
    for form in _forms(fake):
        assert form not in text, form


@pytest.mark.parametrize("status", [400, 502])
def test_headers_echoed_in_an_error_body_are_masked(cloud, project, jira, caplog, status):
    caplog.set_level(logging.DEBUG)
    cloud.add_fault("echo", r"/field$", status=status, times=100)
    result = jira(project, "jira", "plan", fake=cloud)
    assert result.code == 1
    assert "Request was" in result.stderr  # the body is shown...
    assert "Authorization: Basic ***" in result.stderr  # ...with the header value masked
    _assert_masked(result.output + caplog.text, cloud)


def test_bearer_pat_echoed_is_masked(server, project, jira, caplog):
    caplog.set_level(logging.DEBUG)
    server.add_fault("echo", r"/field$", status=400)
    result = jira(project, "jira", "plan", fake=server)
    assert result.code == 1
    assert "bearer ***" in result.stderr.lower()
    assert server.pat not in result.output + caplog.text


def test_debug_traceback_masks_the_basic_header(cloud, project):
    """FANZONE_DEBUG=1 lets an unexpected exception through with its traceback: `JIRAError` puts the request
    headers (Authorization included) into its text. The output filter masks them."""
    script = (
        "import jira, sys\n"
        "from generators.jira import client\n"
        "def boom(self):\n"
        "    answer = self._jira._session.get(self._jira._get_url('serverInfo'))\n"
        "    raise jira.JIRAError('boom', 500, request=answer.request, response=answer)\n"
        "client.JiraClient.fields = boom\n"
        "from generators.cli import main\n"
        "sys.argv = ['fanzone', '-C', sys.argv[1], 'jira', 'plan']\n"
        "main()\n"
    )
    env = {**os.environ, **FAST, **cloud.env(), "FANZONE_DEBUG": "1"}
    done = subprocess.run(
        [sys.executable, "-c", script, str(project)], cwd=REPO, env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 1
    assert "Traceback" in done.stderr and "JiraError HTTP 500" in done.stderr
    assert "Basic ***" in done.stderr
    _assert_masked(done.stdout + done.stderr, cloud)


def test_log_records_are_masked(cloud, project, jira, caplog):
    caplog.set_level(logging.DEBUG)
    assert jira(project, "jira", "plan", fake=cloud).code == 3  # registers the secrets, installs the filters
    basic = base64.b64encode(f"{cloud.email}:{cloud.token}".encode()).decode()
    logger = logging.getLogger("some.library")
    logger.warning("sent Authorization: Basic %s", basic)
    logger.error("token %s in a message", cloud.token)
    try:
        raise RuntimeError(f"failed with {cloud.token}")
    except RuntimeError:
        logger.exception("boom")
    assert "Basic ***" in caplog.text and "token *** in a message" in caplog.text
    _assert_masked(caplog.text, cloud)


def test_token_outside_latin1_gets_a_clear_message(cloud, project, jira):
    result = jira(project, "jira", "plan", fake=cloud, env={"JIRA_API_TOKEN": "tok\u2019en-abcdef"})
    assert result.code == 1
    assert "JIRA_API_TOKEN contains characters that cannot be sent in an HTTP header" in result.stderr
    assert "tok\u2019en" not in result.output and "UnicodeEncodeError" not in result.output
    assert cloud.count() == 0


def test_pat_outside_latin1_gets_a_clear_message(server, project, jira):
    result = jira(project, "jira", "plan", fake=server, env={"JIRA_PAT": "pat-\u0436\u0436\u0436-123"})
    assert result.code == 1
    assert "JIRA_PAT contains characters" in result.stderr


@settings(max_examples=200, deadline=None)
@given(
    user=st.emails(),
    token=st.text(alphabet=st.characters(min_codepoint=33, max_codepoint=255), min_size=8, max_size=40),
    before=st.text(max_size=20),
    after=st.text(max_size=20),
)
def test_redact_masks_every_form(user, token, before, after):
    with _isolated():
        register_secret(token, user)
        basic = base64.b64encode(f"{user}:{token}".encode()).decode()
        for form in (token, basic, f"Authorization: Basic {basic}"):
            assert form not in redact(before + form + after)


def test_filter_masks_arguments_and_exception_text():
    with _isolated():
        register_secret("filter-secret-123", "a@b.c")
        try:
            raise ValueError("filter-secret-123")
        except ValueError:
            record = logging.LogRecord(
                "x", logging.ERROR, __file__, 1, "value %s", ("filter-secret-123",), sys.exc_info()
            )
        SecretFilter().filter(record)
    assert record.getMessage() == "value ***"
    assert "ValueError: ***" in record.exc_text and "filter-secret-123" not in record.exc_text


def test_no_secret_written_to_any_file(cloud, project: Path, jira):
    cloud.add_fault("echo", r"/issueLink$", method="POST", status=400)
    jira(project, "jira", "push", fake=cloud)
    for path in project.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for form in _forms(cloud):
                assert form.encode() not in data, path
