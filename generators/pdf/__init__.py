"""The PDF dossier: the site's print page printed by headless Chromium, with a cover, a numbered table of
contents, bookmarks, page headers and footers (`fanzone export pdf`).

A generator of its own: it reads a built site folder (never imports the site generator); the CLI builds the
site and hands over the folder, the print page's file and the cover's data.
"""
