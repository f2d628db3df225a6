"""Jira synchronisation: plan, push and pull (the only package doing network I/O).

The `jira` library (pycontribs) is imported lazily, inside `client.py`, so that everything else in the toolkit
works without it and without a network.
"""

from .errors import JiraSyncError

__all__ = ["JiraSyncError"]
