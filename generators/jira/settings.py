"""Where Jira is and how to authenticate: `jira:` in project.yaml plus the environment (never a file)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urlsplit

from ..model import Deployment, JiraConfig
from .errors import JiraSyncError, register_secret

CLOUD_TOKEN_HELP = "https://id.atlassian.com/manage-profile/security/api-tokens"


@dataclass(frozen=True)
class Credentials:
    kind: Literal["basic", "bearer"]
    user: str | None
    secret: str = field(repr=False)

    def __repr__(self) -> str:  # never show the secret, even in a debugger
        return f"Credentials(kind={self.kind!r}, user={self.user!r}, secret='***')"


@dataclass(frozen=True)
class Settings:
    url: str
    project: str
    credentials: Credentials
    deployment: Deployment | None  # None: detect from serverInfo


def _clean_url(raw: str, source: str) -> str:
    raw = raw.strip()
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise JiraSyncError(f"{source}: {raw!r} is not an http(s) URL (expected e.g. https://fanzone.atlassian.net)")
    if parts.username or parts.password:
        raise JiraSyncError(
            f"{source}: the URL must not contain credentials; use JIRA_EMAIL + JIRA_API_TOKEN or JIRA_PAT"
        )
    return raw.rstrip("/")


def _check_header_safe(name: str, value: str) -> None:
    """HTTP headers carry Latin-1 only: a token pasted with a typographic quote or a non-breaking character
    would fail deep in the HTTP library; say so instead (without showing the value)."""
    try:
        value.encode("latin-1")
    except UnicodeEncodeError:
        raise JiraSyncError(
            f"{name} contains characters that cannot be sent in an HTTP header (outside Latin-1): copy the value "
            "again from its source, without quotes or spaces"
        ) from None
    if any(ord(char) < 32 or ord(char) == 127 for char in value):
        raise JiraSyncError(f"{name} contains control characters: copy the value again from its source")


def load_settings(config: JiraConfig, env: Mapping[str, str] | None = None) -> Settings:
    """Build the connection settings; raise a `JiraSyncError` naming the missing variable."""
    env = os.environ if env is None else env
    if env.get("JIRA_URL"):
        url = _clean_url(env["JIRA_URL"], "JIRA_URL")
    elif config.url is not None:
        url = _clean_url(str(config.url), "backlog/project.yaml jira.url")
    else:
        raise JiraSyncError("no Jira URL: set jira.url in backlog/project.yaml or the JIRA_URL environment variable")

    email = env.get("JIRA_EMAIL", "").strip()
    token = env.get("JIRA_API_TOKEN", "").strip()
    pat = env.get("JIRA_PAT", "").strip()
    register_secret(token, email)
    register_secret(pat)
    for name, value in (("JIRA_EMAIL", email), ("JIRA_API_TOKEN", token), ("JIRA_PAT", pat)):
        _check_header_safe(name, value)
    basic = Credentials("basic", email, token) if email and token else None
    bearer = Credentials("bearer", None, pat) if pat else None
    if token and not email:
        raise JiraSyncError("JIRA_API_TOKEN is set but JIRA_EMAIL is not: Jira Cloud needs both (basic auth)")
    if basic and bearer:
        if config.deployment is Deployment.SERVER:
            basic = None
        elif config.deployment is Deployment.CLOUD:
            bearer = None
        else:
            raise JiraSyncError(
                "both JIRA_API_TOKEN and JIRA_PAT are set: unset one, or set jira.deployment (cloud | server) "
                "in backlog/project.yaml"
            )
    credentials = basic or bearer
    if credentials is None:
        raise JiraSyncError(
            "no Jira credentials: set JIRA_EMAIL and JIRA_API_TOKEN (Jira Cloud, token from "
            f"{CLOUD_TOKEN_HELP}) or JIRA_PAT (Jira Server/Data Center personal access token)"
        )
    return Settings(url=url, project=config.project, credentials=credentials, deployment=config.deployment)
