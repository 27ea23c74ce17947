"""The dateline: the town a report was filed from, in capitals, opening the text, a line or
the sentence after a headline, with an optional country or state, date and outlet, and a
dash or colon ("LAGOS (GWS) -", "GOMA, Congo —", "SEVIERVILLE, Tenn. (AP) --", "PESHAWAR:").

One reading of the convention for every stage: places read the town as a toponym (a
populated place, ``toponyms``), events place a report there only when its body names nothing
nearer (``events.where``), and actors never take a word of it (``events.actors.names``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Token

CLOSING_MARKS = frozenset({"—", "–", "--", "-", ":", "_"})
"""What closes the whole dateline, after the town and what says more of it (an underscore in
some wire copy: "WASHINGTON _ The economy ...")."""

NAME_MARKS = CLOSING_MARKS | {","}
"""What may follow the town's name ("HUDSON --", "BEIRUT:", "SEVIERVILLE, Tenn.")."""

MAX_WORDS = 4
"""Words of a town's name at most ("ISLE OF PALMS", "ST. LOUIS")."""

MAX_TAIL_TOKENS = 8
"""Tokens of the country, state or date after the town's comma (", Tenn.", ", Congo, May 6")."""

MAX_OUTLET_TOKENS = 6
"""Tokens inside the outlet's parentheses ("(AP)", "(Thomson Reuters Foundation)")."""

_OPENING = re.compile(r"(?:\A|\n|[.!?]\s+)\s*(?=[A-Z][A-Z.])")
"""Where a dateline may start (only these places are looked at token by token: it is fast)."""


@dataclass(frozen=True, slots=True)
class Dateline:
    """A dateline's token ranges: the town's name ``start:town_end``, the whole dateline (with
    the country, outlet and closing dash when there are) ``start:end``."""

    start: int
    town_end: int
    end: int

    def holds(self, i: int) -> bool:
        """Whether token ``i`` lies in the dateline."""
        return self.start <= i < self.end


def town_end(doc: Doc, i: int) -> int | None:
    """The end of a dateline town's name starting at token ``i``, if one does: upper-case
    words (one of three letters or more: "GAO", "JOS"; "UN -" is none) opening the text, a
    line or a sentence, followed by a dash, colon, comma or an outlet's parenthesis."""
    prev = doc[i - 1] if i > 0 else None
    opens = prev is None or "\n" in prev.text_with_ws or prev.text in (".", "!", "?")
    if not opens:
        return None
    end = i
    while end < len(doc) and end - i < MAX_WORDS and capital_word(doc[end]):
        end += 1
    if end == i or not any(len(t) > 2 for t in doc[i:end]) or end >= len(doc):
        return None
    return end if doc[end].text in NAME_MARKS or doc[end].text == "(" else None


def capital_word(token: Token) -> bool:
    """An upper-case word of a place name ("ST.", "ISLE", "OF" in "ISLE OF PALMS")."""
    text = token.text.rstrip(".")
    return bool(text) and text.isalpha() and token.text.isupper() and len(text) > 1


def dateline_at(doc: Doc, i: int) -> Dateline | None:
    """The dateline whose town starts at token ``i``, if one does; a parenthesis after the town
    must hold an outlet. Without a closing dash or an outlet, only the town is known to be the
    dateline ("SEVIERVILLE, Tenn. A fire ...")."""
    end = town_end(doc, i)
    if end is None:
        return None
    k = end
    if doc[k].text == ",":
        k = _tail_end(doc, k + 1)
    outlet = _outlet_end(doc, k)
    if outlet is None and doc[end].text == "(":
        return None  # "NATO (the alliance) said": a gloss, no outlet
    k = k if outlet is None else outlet
    if k < len(doc) and doc[k].text in CLOSING_MARKS:
        return Dateline(i, end, k + 1)
    return Dateline(i, end, k if outlet is not None else end)


def _tail_end(doc: Doc, k: int) -> int:
    """The end of what follows the town's comma: capitalised words, abbreviations ("Tenn."),
    numbers and commas ("Congo", "Tenn.", "Nigeria, May 6")."""
    start = k
    while k < len(doc) and k - start < MAX_TAIL_TOKENS and _tail_word(doc[k]):
        k += 1
    return k


def _tail_word(token: Token) -> bool:
    return token.text == "," or token.like_num or (token.text[:1].isupper() and not token.is_punct)


def _outlet_end(doc: Doc, k: int) -> int | None:
    """The token after an outlet's closing parenthesis starting at ``k`` ("(AP)", "(dpa)"),
    if any; a gloss is no outlet ("NATO (the alliance) said")."""
    if k >= len(doc) or doc[k].text != "(":
        return None
    for j in range(k + 1, min(len(doc), k + 2 + MAX_OUTLET_TOKENS)):
        if doc[j].text == ")":
            return j + 1 if j > k + 1 else None
        if "\n" in doc[j].text_with_ws or (doc[j].is_stop and doc[j].is_lower):
            return None
    return None


def find_datelines(doc: Doc, text: str | None = None) -> Iterator[Dateline]:
    """Every dateline of ``doc`` (``text`` is its text, if already built)."""
    for opening in _OPENING.finditer(doc.text if text is None else text):
        first = doc.char_span(opening.end(), opening.end() + 1, alignment_mode="expand")
        found = None if first is None else dateline_at(doc, first.start)
        if found is not None:
            yield found


def dateline_of(token: Token) -> Dateline | None:
    """The dateline that holds ``token``, if one does (looked for only in the few tokens before
    it that a dateline can span)."""
    doc = token.doc
    reach = MAX_WORDS + MAX_TAIL_TOKENS + MAX_OUTLET_TOKENS + 4
    for i in range(token.i, max(-1, token.i - reach), -1):
        found = dateline_at(doc, i)
        if found is not None:
            return found if found.holds(token.i) else None
    return None
