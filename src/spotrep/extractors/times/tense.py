"""The tense of the clause a time expression dates (past, present, future or none)."""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from spotrep.extractors._syntax import NOUN_POS, VERB_POS
from spotrep.extractors.times.expressions import Tense, TimeLexicon


def tense_of(span: SpacySpan, lex: TimeLexicon) -> Tense:
    """The tense of the clause ``span`` dates, from its governing finite verb.

    A participle without auxiliary ("the ruling issued Thursday") counts as past. A time
    phrase with no verb above it, only a noun or adjective ("Friday's vote", "payable
    Dec. 7"), has no tense ("none"): weekdays then look back, named dates take the nearest.
    Plans count as future ("planned a rally on Saturday", "plans to leave on Thursday",
    "as soon as Tuesday"); other infinitives take the tense of the verb they depend on. A
    commitment ("agreed", "vowed") is future only for the infinitive it governs: a time on the
    verb itself dates the commitment ("agreed on Wednesday to a ceasefire").
    """
    if _after_future_cue(span, lex):
        return "future"
    verb = _verb_above_within(span)
    for step in range(4):
        if verb is None:
            return "none"
        lemma = verb.lemma_.lower()
        if lex.has(lemma, "intent") or (step > 0 and lex.has(lemma, "commitment")):
            return "future"
        auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        if not any(a.tag_ == "TO" for a in auxes) or verb.head is verb:
            return _finite_tense(verb, auxes, lex)
        verb = verb.head if verb.head.pos_ in ("VERB", "AUX", "ADJ") else None
    return "past"


def _finite_tense(verb: Token, auxes: list[Token], lex: TimeLexicon) -> Tense:
    if any(lex.has(a.lower_, "future_aux") for a in auxes) or _going_to(verb):
        return "future"
    past_modal = any(lex.has(a.lower_, "past_modal") for a in auxes)
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes) or past_modal:
        return "past"
    if verb.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxes):
        return "past"
    finite = verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP", "MD") for a in auxes)
    if not finite and any(a.tag_ == "TO" for a in auxes):
        return "future"
    return "present" if finite else "past"


def _after_future_cue(span: SpacySpan, lex: TimeLexicon) -> bool:
    before = span.doc[max(0, span.start - 3) : span.start].text.lower()
    return lex.has(before, "future_cue")


def _verb_above_within(span: SpacySpan) -> Token | None:
    """The first verb above ``span``; None when a noun comes first."""
    token = span.root
    for _ in range(8):
        if token.head is token:
            return token if token.pos_ in VERB_POS else None
        token = token.head
        if token.pos_ in VERB_POS and token.dep_ not in ("aux", "auxpass"):
            return token
        if token.pos_ in NOUN_POS and not span.start <= token.i < span.end:
            return None
    return None


def _going_to(verb: Token) -> bool:
    head = verb.head
    return head.lower_ == "going" and any(c.lower_ == "to" for c in verb.children)
