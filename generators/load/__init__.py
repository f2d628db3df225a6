"""Layer 2: read the YAML tree with line numbers, validate it, and cross-check references."""

from .loader import LoadResult, load_backlog
from .yamlread import Document, YamlProblem, load_file, parse

__all__ = ["Document", "LoadResult", "YamlProblem", "load_backlog", "load_file", "parse"]
