"""Is an SVG safe to inline in a page? Checked on every read of the render cache, whose files anyone with
write access to the project folder could replace: the check looks at the content itself, so it holds even
when an attacker writes the SVG and any index next to it."""

from __future__ import annotations

import hashlib
import re
from functools import cache
from pathlib import Path

from lxml import etree

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
# elements that run script, embed other documents or change attributes over time
FORBIDDEN = frozenset(
    {"script", "foreignObject", "iframe", "object", "embed", "handler", "listener", "set", "animate"}
    | {"animateMotion", "animateTransform", "animateColor", "discard", "audio", "video", "canvas"}
)
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
LINK_SCHEMES = frozenset({"http", "https", "mailto"})  # an <a> may lead out of the site; nothing is loaded
_STYLE_URL = re.compile(r"url\s*\(\s*['\"]?\s*(?!#)", re.IGNORECASE)
_STYLE_BAD = re.compile(r"expression\s*\(|javascript:|@import", re.IGNORECASE)


@cache
def checker_version() -> str:
    """This checker's identity (its source and lxml's version): a cached verdict made by another is not used."""
    source = Path(__file__).read_bytes()
    return hashlib.sha256(source + f"\0lxml {etree.LXML_VERSION}".encode()).hexdigest()


def _href_problem(tag: str, value: str) -> str | None:
    compact = "".join(value.split()).lower()  # browsers ignore whitespace and control characters in schemes
    compact = "".join(char for char in compact if char.isprintable())
    scheme = _SCHEME.match(compact)
    if tag == "a":
        if scheme and scheme.group(1) not in LINK_SCHEMES:
            return f"link to a {scheme.group(1)}: URL"
        return None
    if compact.startswith("#"):
        return None
    if tag == "image" and compact.startswith(("data:image/png;", "data:image/jpeg;", "data:image/gif;")):
        return None
    return f"<{tag}> loads {value[:60]!r}"


def svg_problem(data: bytes) -> str | None:
    """Why this SVG must not be inlined (script, event handler, script URL, external resource, not an SVG),
    or None when it is safe."""
    head = data[:4096].lower()
    if b"<!doctype" in head or b"<!entity" in data.lower():
        return "a document type declaration"
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        return f"not well-formed XML ({exc})"
    if root.tag != f"{{{SVG_NS}}}svg":
        return f"root element {root.tag!r} is not <svg>"
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # comments and processing instructions are inert inside inline SVG
        tag = etree.QName(element).localname
        if tag in FORBIDDEN:
            return f"a <{tag}> element"
        for name, value in element.attrib.items():
            local = etree.QName(name).localname.lower()
            if local.startswith("on"):
                return f"an event handler ({local})"
            if local == "href":
                problem = _href_problem(tag, value)
                if problem:
                    return problem
            if local == "style" and (_STYLE_URL.search(value) or _STYLE_BAD.search(value)):
                return "a style loading a resource"
        if tag == "style" and element.text and (_STYLE_URL.search(element.text) or _STYLE_BAD.search(element.text)):
            return "a style sheet loading a resource"
    return None
