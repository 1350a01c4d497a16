"""Bytes → text for every reader: BOM, declared charset, UTF-8, then charset-normalizer.

Binary or undecodable input raises `EncodingError` with the offset and a fix, so the
orchestrator can turn it into a Rejection instead of storing mojibake.
"""
from __future__ import annotations

import codecs
import re

from ..errors import EncodingError, InputError

# Longest first: the UTF-32-LE BOM starts with the UTF-16-LE one.
BOMS: list[tuple[bytes, str]] = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]
# Bytes that never occur in text: C0 controls other than \t \n \v \f \r and ESC (0x1b
# shows up in terminal logs), plus DEL.
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27)) + b"\x7f"
BINARY_SAMPLE = 8192  # bytes inspected for the binary test
MAX_CONTROL_SHARE = 0.10  # above this share of control bytes the input is not text

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)


def normalise_codec(name: str | None) -> str | None:
    """The Python codec name for a charset label, or None when Python does not know it."""
    if not name:
        return None
    label = name.strip().strip("\"'").lower()
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def declared_charset(head: bytes) -> str | None:
    """The charset a document declares about itself (<meta charset>, <?xml encoding?>)."""
    m = _XML_ENCODING.search(head[:1024]) or _META_CHARSET.search(head[:65536])
    return normalise_codec(m.group(1).decode("ascii", "replace")) if m else None


def _bom(data: bytes) -> tuple[str, int] | None:
    for bom, enc in BOMS:
        if data.startswith(bom):
            return enc, len(bom)
    return None


def _check_binary(data: bytes, name: str) -> None:
    nul = data.find(b"\x00", 0, BINARY_SAMPLE * 8)
    if nul >= 0:
        raise EncodingError(name, "binary content (a NUL byte), not a text document; if it is an "
                            "archive or compressed, give the .zip/.gz file itself, otherwise "
                            "convert it to UTF-8 text", locator=f"offset {nul}")
    sample = data[:BINARY_SAMPLE]
    controls = len(sample) - len(sample.translate(None, _CONTROL))
    if sample and controls / len(sample) > MAX_CONTROL_SHARE:
        first = next(i for i, b in enumerate(sample) if b in _CONTROL)
        raise EncodingError(name, f"binary content ({controls} control bytes in the first "
                            f"{len(sample)}), not a text document; convert it to UTF-8 text",
                            locator=f"offset {first}")


def decode(data: bytes, name: str, declared: str | None = None) -> tuple[str, str]:
    """(text, encoding) of a document's bytes; raises EncodingError / InputError(empty)."""
    if not data:
        raise InputError(name, "empty file (0 bytes): nothing to read")
    bom = _bom(data)
    if bom:
        enc, skip = bom
        try:
            return data[skip:].decode(enc), enc
        except UnicodeDecodeError as exc:
            raise EncodingError(name, f"starts with a {enc} byte-order mark but is not valid "
                                f"{enc}; re-save it as UTF-8", locator=f"offset {skip + exc.start}")
    _check_binary(data, name)
    utf8_error: UnicodeDecodeError | None = None
    try:
        as_utf8 = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        as_utf8, utf8_error = None, exc
    enc = normalise_codec(declared)
    if enc and enc != "utf-8":
        # A page "charset=iso-8859-1" whose bytes are valid non-ASCII UTF-8 is UTF-8 in
        # practice (CMS templates keep stale declarations); a single-byte codec would
        # decode it without error into mojibake.
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            text = None  # a wrong declaration: fall back to UTF-8 and detection
        single_byte = text is not None and len(text) == len(data)
        if text is not None and not (single_byte and as_utf8 is not None and not data.isascii()):
            return text, enc
    if as_utf8 is not None:
        return as_utf8, "utf-8"
    return _detect(data, name, utf8_error)


def _detect(data: bytes, name: str, utf8_error: UnicodeDecodeError | None) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.encoding:
        enc = normalise_codec(best.encoding) or best.encoding
        try:
            return data.decode(enc), enc
        except (UnicodeDecodeError, LookupError):
            pass
    offset = utf8_error.start if utf8_error is not None else 0
    raise EncodingError(name, "not UTF-8 and no other encoding fits; convert it to UTF-8 "
                        "(e.g. `iconv -f CP1256 -t UTF-8 FILE`) or declare its charset",
                        locator=f"offset {offset}")
