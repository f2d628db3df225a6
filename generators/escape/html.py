"""HTML: user text inside generated HTML (element content and quoted attribute values), via markupsafe."""

from __future__ import annotations

from markupsafe import Markup, escape


def html_text(text: object) -> Markup:
    """Text shown as itself in HTML content or in a double- or single-quoted attribute value."""
    return escape("" if text is None else str(text))


def html_safe_value(text: object) -> Markup:
    """A value printed by templates we do not own (the theme's), some escaping it (`| e`) and some not:
    escaped once now and marked safe, it shows as itself in both kinds of place."""
    return Markup(html_text(text))
