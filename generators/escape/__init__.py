"""One neutralising function per output language (PlantUML, Markdown, HTML, spreadsheet cell, CSV, terminal).

A pure helper below every layer: wherever the toolkit writes one of these languages, user text (from YAML,
Markdown or Jira) goes through the matching module here, so that it is shown and never interpreted.
"""
