"""Versions of the specification: baselines (annotated git tags), semantic diffs by id, approvals.

A generator layer: it reads git objects (never the working tree of another version) and loads each side
through the one generic loader, so every registered kind is diffed without code of its own.
"""

APPROVALS_FILE = "backlog/approvals.yaml"  # the sign-offs (`approvals.py`); named here so that a check for it is light
