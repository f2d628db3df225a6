"""Layer 4 generator: Gantt, Kanban, burndown and flow reports for the terminal, Excel, SVG, Markdown and the site."""
