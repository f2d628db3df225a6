"""Exports of the resolved backlog: JSON, Jira CSV importer file, Excel workbook."""
