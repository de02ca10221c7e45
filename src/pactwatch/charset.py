"""Bytes of a web page → text, whatever the server claims.

Usage::

    text, encoding = decode_body(body, "text/html; charset=windows-1258")

The charset comes from, in order: the Content-Type header, a byte-order mark, a ``<meta charset>``
or ``<meta http-equiv>`` (or an XML declaration) in the first 2 KB, strict UTF-8, and finally
charset_normalizer's detection. Undecodable bytes become U+FFFD; decoding never raises. The text is
NFC-normalised, because windows-1258 (Vietnamese) writes tone marks as combining characters.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

import charset_normalizer

__all__ = ["declared_charset", "decode_body"]

_SNIFF_BYTES = 2048
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([\w.:-]+)["']""")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Labels browsers read differently from Python (WHATWG Encoding Standard): pages labelled
# latin-1 or ascii are in practice windows-1252, and a meta tag cannot truly mean UTF-16.
_BROWSER_LABELS = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "tis-620": "cp874",
    "iso-8859-9": "cp1254",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-sjis": "shift_jis",
}
# Some broken UTF-8 is still UTF-8: a few bad bytes should not send it to detection.
_UTF8_GOOD_PER_BAD = 3
_ASCII = bytes(range(128))


def decode_body(body: bytes, content_type: str | None = None) -> tuple[str, str]:
    """Decode `body` into NFC text; return the text and the codec name used."""
    encoding, strip_bom = _choose_encoding(body, content_type)
    if strip_bom:
        body = body[len(strip_bom) :]
    text = body.decode(encoding, errors="replace")
    return unicodedata.normalize("NFC", text.removeprefix("\ufeff")), encoding


def declared_charset(body: bytes, content_type: str | None = None) -> str | None:
    """The codec a page declares (header, BOM, meta, XML declaration), or None."""
    encoding, _ = _declared(body, content_type)
    return encoding


def _choose_encoding(body: bytes, content_type: str | None) -> tuple[str, bytes]:
    encoding, bom = _declared(body, content_type)
    if encoding is not None:
        return encoding, bom
    if _mostly_utf8(body):
        return "utf-8", b""
    return _detect(body), b""


def _declared(body: bytes, content_type: str | None) -> tuple[str | None, bytes]:
    """The declared codec and the BOM to strip (if the BOM decided it)."""
    if content_type:
        match = _HEADER_CHARSET.search(content_type)
        encoding = _codec(match.group(1)) if match else None
        if encoding is not None:
            return encoding, _bom_of(body, encoding)
    for bom, name in _BOMS:
        if body.startswith(bom):
            return name, bom
    head = body[:_SNIFF_BYTES]
    found = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    if found:
        encoding = _codec(found.group(1).decode("ascii", "replace"), in_document=True)
        if encoding is not None:
            return encoding, b""
    return None, b""


def _codec(label: str, *, in_document: bool = False) -> str | None:
    """Python's codec for a charset label, or None if unknown."""
    label = label.strip().lower()
    label = _BROWSER_LABELS.get(label, label)
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    if in_document and name.startswith(("utf-16", "utf-32")):
        # The document was readable as ASCII to find the label, so it is not UTF-16.
        return "utf-8"
    return name


def _bom_of(body: bytes, encoding: str) -> bytes:
    if encoding == "utf-8" and body.startswith(codecs.BOM_UTF8):
        return codecs.BOM_UTF8
    return b""


def _mostly_utf8(body: bytes) -> bool:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return True
    replaced = body.decode("utf-8", errors="replace").count("\ufffd")
    non_ascii = len(body.translate(None, _ASCII))
    # Bytes that decoded as multi-byte sequences show real UTF-8 is there; a few stray bad
    # bytes among many good sequences are damage, not a different charset.
    return non_ascii - replaced >= _UTF8_GOOD_PER_BAD * replaced


def _detect(body: bytes) -> str:
    best = charset_normalizer.from_bytes(body).best()
    if best is None or best.encoding is None:
        return "utf-8"
    return _codec(best.encoding) or "utf-8"
