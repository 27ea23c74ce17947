"""Name keys: the form under which spelling variants of one place name meet.

``Deir ez-Zor``, ``Deir Ez Zor`` and ``Dayr az-Zawr`` differ in diacritics, hyphens, apostrophes
and the Arabic article; transliterations that differ further are left to the fuzzy matcher.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from importlib import resources

_APOSTROPHES = re.compile(r"['’‘`ʼʻʿʾ]")
_SEPARATORS = re.compile(r"[\s\-‐‑–—_.,/()]+")


def fold(text: str) -> str:
    """Casefolded text without diacritics (NFKD, combining marks dropped)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@functools.cache
def articles() -> frozenset[str]:
    """Articles dropped anywhere in a name as long as something is left, so that "Al-Hasakah"
    and "Hasakah" share a key (``data/places/articles.txt``)."""
    text = (resources.files("spotrep.data") / "places" / "articles.txt").read_text("utf-8")
    return frozenset(w for w in text.split() if not w.startswith("#"))


_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount", "pt": "point"}
"""Abbreviated first words of place names ("St. Petersburg" is GeoNames' "Saint Petersburg")."""


def name_key(text: str) -> str:
    """The lookup key of a place name: folded, punctuation-free, without articles, with an
    abbreviated first word spelt out ("St. Louis" and "Saint Louis" meet)."""
    words = _SEPARATORS.split(_APOSTROPHES.sub("", fold(text)))
    words = [w for w in words if w]
    if len(words) > 1 and words[0] in _ABBREVIATIONS:
        words[0] = _ABBREVIATIONS[words[0]]
    drop = articles()
    content = [w for w in words if w not in drop]
    return " ".join(content or words)


def is_latin(text: str) -> bool:
    """Whether a name is written in Latin letters (other scripts never occur in English news)."""
    return all(c.isascii() for c in fold(text))
