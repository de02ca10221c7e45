"""Parsing feeds and sitemaps from servers we do not control.

Usage::

    root = parse_xml(text)
    if isinstance(root, XmlError): ...

A document that declares a DTD (``<!DOCTYPE``) is refused before it reaches the parser: feeds
and sitemaps never need one, and it is the door for entity-expansion bombs and external
entities. HTML entity names that RSS writers leave in (``&nbsp;``) are translated on a second
attempt instead of failing the whole feed.
"""

from __future__ import annotations

import html.entities
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

_XML_ENTITIES = frozenset({"amp", "lt", "gt", "quot", "apos"})
_NAMED_ENTITY = re.compile(r"&([A-Za-z][A-Za-z0-9]{1,31});")


@dataclass(frozen=True, slots=True)
class XmlError:
    """Why a document could not be read as XML."""

    message: str


def parse_xml(text: str) -> ET.Element | XmlError:
    """The root element of `text`, or an `XmlError`; never raises."""
    text = text.lstrip("\ufeff \t\r\n")
    if not text:
        return XmlError("empty document")
    refused = _check_prolog(text)
    if refused is not None:
        return refused
    try:
        return ET.fromstring(text)
    except (ET.ParseError, ValueError) as first:
        fixed = _NAMED_ENTITY.sub(_numeric_entity, text)
        if fixed != text:
            try:
                return ET.fromstring(fixed)
            except (ET.ParseError, ValueError):
                pass
        return XmlError(f"malformed XML: {first}")


def local_name(tag: object) -> str:
    """``'{http://www.w3.org/2005/Atom}entry'`` → ``'entry'``."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def child_text(element: ET.Element, *names: str) -> str | None:
    """Stripped text of the first direct child named one of `names` (namespaces ignored)."""
    for name in names:
        for child in element:
            if local_name(child.tag) == name and child.text and child.text.strip():
                return child.text.strip()
    return None


def _check_prolog(text: str) -> XmlError | None:
    """Walk the prolog (declaration, comments, processing instructions) up to the root."""
    pos = 0
    length = len(text)
    while pos < length:
        while pos < length and text[pos] in " \t\r\n":
            pos += 1
        if text.startswith("<?", pos):
            end = text.find("?>", pos)
            if end < 0:
                return XmlError("malformed XML: unterminated processing instruction")
            pos = end + 2
        elif text.startswith("<!--", pos):
            end = text.find("-->", pos)
            if end < 0:
                return XmlError("malformed XML: unterminated comment")
            pos = end + 3
        elif text[pos : pos + 9].upper() == "<!DOCTYPE":
            return XmlError("refused: the document declares a DTD (<!DOCTYPE ...>)")
        else:
            return None
    return XmlError("no root element")


def _numeric_entity(match: re.Match[str]) -> str:
    name = match.group(1)
    if name in _XML_ENTITIES:
        return match.group(0)
    code = html.entities.name2codepoint.get(name)
    return f"&#{code};" if code is not None else match.group(0)
