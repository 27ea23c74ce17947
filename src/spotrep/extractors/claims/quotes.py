"""Direct-quote spans: paired double quotation marks, straight or curly, within one paragraph.

Single quotation marks are never paired: in news they mark scare quotes ('counterterrorism') and
apostrophes (militias', don't) far more often than quotations, and would break the pairing.
"""

from __future__ import annotations

import re

OPENING = frozenset("“„«")

CLOSING = frozenset("”»")

STRAIGHT = '"'

_OPENS_BEFORE = frozenset(" \t\n([{—–-/:;")

_MARKS = re.compile("''|[\n\"“”„«»]")
"""Two apostrophes stand for a straight double mark, as in some wire and archive texts."""


def _opens(text: str, i: int) -> bool:
    """Whether the straight mark at ``i`` opens a quotation (it follows a space or the start)."""
    return i == 0 or text[i - 1] in _OPENS_BEFORE


def quote_spans(text: str) -> tuple[tuple[int, int], ...]:
    """``(start, end)`` of every quotation, marks included; an unclosed one ends its paragraph."""
    spans: list[tuple[int, int]] = []
    start = -1
    for m in _MARKS.finditer(text):
        i, ch = m.start(), m.group().replace("''", STRAIGHT)
        if ch == "\n":
            if start >= 0:
                spans.append((start, _rstrip(text, start, i)))
            start = -1
        elif ch in OPENING or (ch == STRAIGHT and start < 0 and _opens(text, i)):
            start = i if start < 0 else start
        elif start >= 0 and (ch in CLOSING or ch == STRAIGHT):
            spans.append((start, m.end()))
            start = -1
    if start >= 0:
        spans.append((start, _rstrip(text, start, len(text))))
    return tuple(s for s in spans if s[1] - s[0] > 2)


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end
