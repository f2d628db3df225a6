"""The site engines `fanzone build --engine` accepts (kept light: named before MkDocs is imported)."""

MKDOCS, ZENSICAL = "mkdocs", "zensical"
ENGINES = (MKDOCS, ZENSICAL)
