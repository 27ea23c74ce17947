"""Bytes to text: UTF-8 first, a byte-order mark or a declared charset when trustworthy, and
charset-normalizer's guess (with a warning) when neither is; binary content is refused.

A declared charset (an HTTP header) is trusted only when the bytes agree with it: servers often
send ``latin-1`` for UTF-8 pages, or a charset nobody knows.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from spotrep.errors import BinaryInputError

_BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_MAX_CONTROL_SHARE = 0.05
"""Text decoded by a guess with more control characters than this is binary, not text."""
_SNIFF = 8192


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    notes: tuple[str, ...] = ()
    """Warnings for the article: a guessed or overridden charset."""


def decode_bytes(data: bytes, source: str, declared: str | None = None) -> Decoded:
    """The text of ``data`` with ``\\r\\n`` and ``\\r`` made ``\\n``; raises BinaryInputError."""
    decoded = _decode(data, source, declared)
    text = decoded.text.replace("\r\n", "\n").replace("\r", "\n")
    return Decoded(text, decoded.notes)


def _decode(data: bytes, source: str, declared: str | None) -> Decoded:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(codec))
            except UnicodeDecodeError:
                break  # a mark followed by something else: guess below
    if not data.startswith((b"\x00", b"\xff\xfe", b"\xfe\xff")):  # no UTF-16/32 look
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            if _mostly_control(text):  # UTF-16 without a mark, or binary: guess below
                return _guess(data, source, declared)
            return Decoded(text, _utf8_notes(declared, text))
    if declared and _codec(declared) not in (None, "utf-8"):
        try:
            return Decoded(data.decode(declared))
        except UnicodeDecodeError:
            pass
    return _guess(data, source, declared)


def _utf8_notes(declared: str | None, text: str) -> tuple[str, ...]:
    if not declared:
        return ()
    codec = _codec(declared)
    if codec is None:
        return (f"unknown charset {declared!r} declared: read as UTF-8, which the bytes are",)
    if codec != "utf-8" and not text.isascii():
        return (f"charset {declared!r} declared but the bytes are UTF-8: read as UTF-8",)
    return ()


def _guess(data: bytes, source: str, declared: str | None) -> Decoded:
    import charset_normalizer

    wide_ok = b"\x00" in data[:_SNIFF]  # UTF-16/32 text without a mark has NULs in it
    found = next((m for m in charset_normalizer.from_bytes(data)
                  if wide_ok or not any(w in m.encoding for w in ("16", "32"))), None)
    encoding, text = (found.encoding, str(found)) if found else (
        "cp1252", data.decode("cp1252", errors="replace"))
    if _mostly_control(text):
        raise BinaryInputError(_binary(data, source))
    why = "not UTF-8"
    if declared:
        known = _codec(declared) is not None
        why = f"declared charset {declared!r} {'does not fit the bytes' if known else 'unknown'}"
    how = "a guess" if found else "no encoding detected: a fallback"
    return Decoded(text, (f"{why}: decoded as {encoding} ({how}; check the text)",))


def _mostly_control(text: str) -> bool:
    sample = text[:_SNIFF]
    return len(_CONTROL.findall(sample)) > _MAX_CONTROL_SHARE * max(len(sample), 1)


def _binary(data: bytes, source: str) -> str:
    if b"\x00" in data[:_SNIFF]:
        return f"{source}: binary file (contains NUL bytes), not text"
    return (f"{source}: not text in any known encoding (tried UTF-8 and charset detection); "
            "convert it to UTF-8 first")


def _codec(name: str) -> str | None:
    """Python's name for a charset, or None when Python knows no such codec."""
    try:
        found = codecs.lookup(name).name
    except (LookupError, ValueError):
        return None
    return "utf-8" if found in ("utf-8", "utf-8-sig") else found
