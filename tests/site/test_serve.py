"""`fanzone serve` never leaves a request hanging: an invalid backlog gives a page of located errors, with live
reload, and the site comes back once the backlog is fixed. A real server process on 127.0.0.1, real HTTP."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from loadhelpers import edit
from sitehelpers import stop

REPO = Path(__file__).resolve().parents[2]
E01 = "backlog/epics/E01-compte.yaml"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> tuple[int, str]:
    """One request, bounded: a hanging server fails the test instead of blocking it."""
    try:
        with urllib.request.urlopen(url, timeout=20) as answer:
            return answer.status, answer.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def _until(url: str, wanted: str, seconds: float = 180) -> tuple[int, str]:
    deadline = time.monotonic() + seconds
    status, body = 0, ""
    while time.monotonic() < deadline:
        try:
            status, body = _get(url)
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.5)
            continue
        if wanted in body:
            return status, body
        time.sleep(0.5)
    raise AssertionError(f"{wanted!r} never served at {url}; last answer {status}: {body[:500]}")


@pytest.fixture
def served(site_project: Path) -> Iterator[str]:
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1"}
    with (site_project.parent / "serve.log").open("w", encoding="utf-8") as log:  # the server's log, for the tests
        process = subprocess.Popen(
            [sys.executable, "-m", "generators", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=site_project,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
        try:
            yield f"http://127.0.0.1:{port}/"
        finally:
            stop(process)


def test_invalid_backlog_is_an_error_page_then_the_site_comes_back(site_project: Path, served: str) -> None:
    _until(served, "Compte et authentification")
    edit(site_project / E01, "priority: must\n", "priority: urgent\n")  # the epic's priority: invalid
    status, body = _until(served, "Le site n'a pas pu être construit")
    assert "backlog/epics/E01-compte.yaml:4: E01:" in body and "urgent" in body
    assert "livereload" in body  # the page reloads itself when the files change
    status, other = _get(served + "backlog/E01/")  # any page answers at once, with the errors
    assert status == 404 and "backlog/epics/E01-compte.yaml:4: E01:" in other and "livereload" in other
    edit(site_project / E01, "priority: urgent\n", "priority: must\n")
    status, body = _until(served, "Compte et authentification")
    assert status == 200 and "pas pu être construit" not in body


def test_an_edited_story_is_served_with_a_complete_search_index(site_project: Path, served: str) -> None:
    """After the first build the epic page is rendered first (the first pass), then the other changed pages (the
    printable page last); the search index keeps every page's entries."""
    _until(served + "backlog/E01.html", "Créer un compte")
    status, body = _get(served + "search/search_index.json")
    before = {entry["location"].split("#")[0] for entry in json.loads(body)["docs"]}
    edit(site_project / E01, "avec mon e-mail pour la VOD", "zorglub pour la VOD")
    _until(served + "backlog/E01.html", "créer un compte zorglub")
    _until(served + "print_page.html", "créer un compte zorglub")
    status, body = _get(served + "search/search_index.json")
    docs = json.loads(body)["docs"]
    assert status == 200 and {entry["location"].split("#")[0] for entry in docs} == before
    assert any("zorglub" in entry["text"] for entry in docs)
    log = (site_project.parent / "serve.log").read_text(encoding="utf-8")
    assert "fanzone: first pass (backlog/E01.md) shown after" in log
