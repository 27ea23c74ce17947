"""The dateline: the town a report was filed from, in capitals, opening the text, a line or
the sentence after a headline, with an optional country or state, date and outlet, and a
dash or colon ("LAGOS (GWS) -", "GOMA, Congo —", "SEVIERVILLE, Tenn. (AP) --", "PESHAWAR:").

One reading of the convention for every stage, found once per Doc by the pipeline component
``spotrep_datelines`` (``annotate_datelines``) and stored on the Doc as span groups
(``doc.spans["spotrep_datelines"]``, their towns in ``doc.spans["spotrep_dateline_towns"]``;
``datelines`` reads them): places read the town as a toponym (a populated place,
``toponyms``) and no place name runs across the dateline's edge, events place a report there
only when its body names nothing nearer (``events.where``), and no actor or speaker takes a
word of it (``events.actors.names``, ``claims``): a span that starts in the dateline starts
after it (``clipped``), and a role head in it gives way to the word after it that the parse
attached as it was (``past``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Token

CLOSING_MARKS = frozenset({"—", "–", "--", "-", ":", "_", "\x97"})
"""What closes the whole dateline, after the town and what says more of it (an underscore in
some wire copy: "WASHINGTON _ The economy ..."; U+0097, the em dash of Windows-1252 text read
as Latin-1)."""

MAX_WORDS = 4
"""Words of a town's name at most ("ISLE OF PALMS", "ST. LOUIS")."""

MAX_TAIL_TOKENS = 8
"""Tokens of the country, state or date after the town's comma (", Tenn.", ", Congo, May 6")."""

MAX_OUTLET_TOKENS = 6
"""Tokens inside the outlet's parentheses ("(AP)", "(Thomson Reuters Foundation)")."""

_NOMINAL = frozenset({"NOUN", "PROPN", "PRON"})

COMPONENT = "spotrep_datelines"
"""The name of the pipeline component that stores the datelines (``annotate_datelines``)."""

SPANS_KEY = "spotrep_datelines"
"""The ``Doc.spans`` group of the whole datelines ("LAGOS (GWS) -"), in text order."""

TOWNS_KEY = "spotrep_dateline_towns"
"""The ``Doc.spans`` group of their towns ("LAGOS"), one for each dateline, in the same order."""

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

    def marked(self, doc: Doc) -> bool:
        """Whether more than the town's capitals says it is a dateline: a dash, an outlet, a
        country or date before a colon. "NAME:" alone also opens a transcript's turn, and
        "NAME, the ..." a sentence about an organisation in capitals."""
        if self.end == self.town_end:
            return False
        return self.end > self.town_end + 1 or doc[self.end - 1].text != ":"


def town_end(doc: Doc, i: int) -> int | None:
    """The end of a dateline town's name starting at token ``i``, if one does: upper-case
    words (one of three letters or more: "GAO", "JOS"; "UN -" is none) opening the text, a
    line or a sentence, followed by a dash or colon (``_closes``), a comma or an outlet's
    parenthesis ("GAO --", "PESHAWAR:", "GOMA, Congo", "LAGOS (GWS)")."""
    prev = doc[i - 1] if i > 0 else None
    opens = prev is None or "\n" in prev.text_with_ws or prev.text in (".", "!", "?")
    if not opens:
        return None
    end = i
    while end < len(doc) and end - i < MAX_WORDS and capital_word(doc[end]):
        end += 1
    if end == i or not any(len(t) > 2 for t in doc[i:end]) or end >= len(doc):
        return None
    return end if doc[end].text in (",", "(") or _closes(doc, end) else None


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
    if k < len(doc) and _closes(doc, k):
        return Dateline(i, end, k + 1)
    return Dateline(i, end, k if outlet is not None else end)


def _closes(doc: Doc, k: int) -> bool:
    """Whether token ``k`` is a closing mark set off from a word on one side at least, or
    glued to an outlet's parenthesis ("(GWS)-Gunmen"): a hyphen inside a word joins it
    ("CAR-HIRE")."""
    spaced = bool(doc[k - 1].whitespace_ or doc[k].whitespace_) or doc[k - 1].text == ")"
    return doc[k].text in CLOSING_MARKS and spaced


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


@Language.component(COMPONENT)
def annotate_datelines(doc: Doc) -> Doc:
    """Store the datelines of ``doc`` on it (``SPANS_KEY``, ``TOWNS_KEY``), so that every stage
    reads the one reading of them ("LAGOS (GWS) - Gunmen ..." has the span "LAGOS (GWS) -" and
    the town "LAGOS"; a Doc with none has two empty groups). It reads the tokens alone, not the
    parse. Span groups go wherever the Doc goes (``Doc.to_bytes``, ``DocBin``, pickling)."""
    found = list(find_datelines(doc))
    doc.spans[SPANS_KEY] = [doc[d.start : d.end] for d in found]
    doc.spans[TOWNS_KEY] = [doc[d.start : d.town_end] for d in found]
    return doc


def datelines(doc: Doc) -> tuple[Dateline, ...]:
    """Every dateline of ``doc`` in text order, as ``annotate_datelines`` stored them. A Doc it
    did not run on (one built by hand, in tests) has them found afresh at every call and stored
    nowhere: reading a Doc never changes it. spotrep's pipeline runs it on every Doc
    (``nlp.load_model``), and so does the spotrep component (``spotrep.component``)."""
    whole = doc.spans.get(SPANS_KEY)
    if whole is None:
        return tuple(find_datelines(doc))
    if len(whole) == 0:
        return ()  # most Docs: read on every role head and span, so nothing is built for them
    towns = doc.spans[TOWNS_KEY]
    return tuple(Dateline(w.start, t.end, w.end) for w, t in zip(whole, towns, strict=True))


def dateline_of(token: Token) -> Dateline | None:
    """The dateline that holds ``token``, if one does."""
    return _holding(datelines(token.doc), token.i)


def _holding(found: tuple[Dateline, ...], i: int) -> Dateline | None:
    k = bisect_right([d.start for d in found], i) - 1
    return found[k] if k >= 0 and found[k].holds(i) else None


def clipped(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Token range ``start:end`` without the dateline it starts in, when it runs on past it
    ("LAGOS (GWS) - Gunmen" is "Gunmen"); as it is when it lies wholly in one (the town
    itself), starts outside every dateline, or starts in one whose end is not known (no
    dash or outlet closes it: "SEVIERVILLE, Tenn. A fire ...")."""
    found = _holding(datelines(doc), start)
    if found is None or end <= found.end or found.end == found.town_end:
        return start, end  # of a dateline that is only the town, the end is not known
    return found.end, end


def clipped_chars(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """``clipped`` for character offsets ``start:end``: the characters from the first word
    after the dateline on."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return start, end
    first, _ = clipped(doc, span.start, span.end)
    return (start, end) if first == span.start else (doc[first].idx, end)


def past(head: Token) -> Token | None:
    """``head`` unless it lies in a dateline: then the word after the dateline that the parse
    attached as it was, else None. Such a word is a sibling of the same relation ("PESHAWAR
    (GWS) - Militants killed": both subjects of "killed") or the highest word after the
    dateline in the head's own subtree ("JOS (GWS) - Herdsmen killed": "Herdsmen" in
    apposition to "JOS"), when a dash or an outlet closes the dateline."""
    found = dateline_of(head)
    if found is None:
        return head
    parent = head.head
    if parent is not head:
        sibling = next((c for c in parent.children if c.dep_ == head.dep_ and c.i >= found.end),
                       None)
        if sibling is not None:
            return sibling
    if found.end == found.town_end:
        return None  # only the town is known to be the dateline: what follows may be its gloss
    below = (t for t in head.subtree
             if t.i >= found.end and t.head.i < found.end and t.pos_ in _NOMINAL)
    return next(below, None)
