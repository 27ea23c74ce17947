"""Time expressions, normalized to TimeML values against the publication date.

Recognition takes spaCy's DATE and TIME entities, adds what the model misses (``now``,
``recently``, ``daily``, ``every week``, ``overnight``, quarters, named days) with a
PhraseMatcher built once from ``data/times/phrases.tsv``, and cuts spans to TimeML/TempEval-3
conventions: leading prepositions out ("on Tuesday" -> "Tuesday"), determiners and modifiers
in ("the past two months", "early next year", "about 10 years"), ranges split ("1990 and
1995"), a clock time joined to its day ("9 p.m. Tuesday"), ages ("52-year-old") and bare
counts dropped. Normalization is ``normalization.normalize``, a pure function of the text,
the anchor and the tense; ``nearest_when`` dates an event from the expressions found.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

from spacy.lang.lex_attrs import LEX_ATTRS
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan
from spacy.util import filter_spans
from spacy.vocab import Vocab

from spotrep import data
from spotrep.extractors._syntax import TIME_ENTS
from spotrep.extractors.times.calendars import NamedDays, load_named_days
from spotrep.extractors.times.expressions import Normal, Tense, TimeLexicon, load_time_lexicon
from spotrep.extractors.times.normalization import as_period, names_a_day, normalize
from spotrep.extractors.times.tense import tense_of
from spotrep.extractors.times.values import coverage
from spotrep.records import Span, Time

_DATA = "spotrep.data.times"

_FILTER_KINDS = (
    "leading",
    "trailing",
    "reject",
    "age_tail",
    "range",
    "not_after",
    "joiner",
    "period_end",
    "fraction",
)

_DAY_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True, slots=True)
class TimeResources:
    """TimeLexicon, phrase matcher and span filters for time expressions, read once per process.

    The word sets come from ``data/times/filters.tsv``: prepositions cut from a span's start,
    punctuation from its end, whole spans rejected, the last word of ages, words between the
    two ends of a range, blocked "previous-word phrase" pairs, what may stand between a clock
    time and its day, the verbs that end a fiscal period ("the year ended March 31"), and the
    fractions that are no periods before "of" ("a quarter of the town").
    """

    lexicon: TimeLexicon
    phrases: PhraseMatcher
    phrase_labels: Mapping[int, str]
    """match id -> label ("SET"): labels are added to a doc's strings when a span is made."""
    phrase_pos: Mapping[tuple[str, ...], frozenset[str]]
    """phrase -> the parts of speech its last word may have (empty: any)."""
    leading: frozenset[str]
    trailing: frozenset[str]
    reject: frozenset[str]
    age_tail: frozenset[str]
    range_words: frozenset[str]
    not_after: frozenset[str]
    joiners: frozenset[str]
    period_end: frozenset[str]
    fractions: frozenset[str]
    named_days: NamedDays
    """Named days dated by country calendars (``data/times/holidays.tsv``)."""


def load() -> TimeResources:
    filters = data.records("times", "filters.tsv")
    words = {k: frozenset(r["word"] for r in filters if r["kind"] == k) for k in _FILTER_KINDS}
    phrases = data.records("times", "phrases.tsv")
    return TimeResources(
        lexicon=load_time_lexicon(),
        phrases=_phrase_matcher(phrases),
        phrase_labels=MappingProxyType({_hash(r["type"]): r["type"] for r in phrases}),
        phrase_pos=MappingProxyType(
            {
                tuple(r["phrase"].split()): frozenset(filter(None, r["pos"].split("|")))
                for r in phrases
            }
        ),
        leading=words["leading"],
        trailing=words["trailing"],
        reject=words["reject"],
        age_tail=words["age_tail"],
        range_words=words["range"],
        not_after=words["not_after"],
        joiners=words["joiner"],
        period_end=words["period_end"],
        fractions=words["fraction"],
        named_days=load_named_days(),
    )


def _hash(label: str) -> int:
    value: int = Vocab().strings.add(label)
    return value


def _phrase_matcher(rows: Sequence[dict[str, str]]) -> PhraseMatcher:
    """Phrases are stored token by token ("year - earlier"), so no tokenizer is needed. The
    matcher compares hashes of lower-case forms, the same in every vocab, so it matches the
    model's docs though built on a vocab of its own (given the lexical attribute getters)."""
    vocab = Vocab(lex_attr_getters=dict(LEX_ATTRS))
    matcher = PhraseMatcher(vocab, attr="LOWER")
    for label in {r["type"] for r in rows}:
        docs = [Doc(vocab, words=r["phrase"].split()) for r in rows if r["type"] == label]
        matcher.add(label, docs)
    return matcher


def find_times(
    doc: Doc, published: date | None, res: TimeResources, countries: Sequence[str] = ()
) -> tuple[Time, ...]:
    """Every time expression in ``doc``, in text order, normalized against ``published``.

    Anaphoric expressions resolve against the last dated expression before them; a clock
    time without a day ("at 10:35 a.m.") takes the day named nearest to it in its sentence.
    ``countries`` (ISO alpha-2, most likely first) are those whose calendars date named days
    such as "Independence Day".
    """
    where = tuple(countries)
    found: list[tuple[SpacySpan, Tense, Normal]] = []
    reference: str | None = None
    for span in _candidates(doc, res):
        tense = tense_of(span, res.lexicon)
        period = as_period(span.text, res.lexicon) if _ends_a_period(span, res) else None
        normal = period or normalize(span.text, published, tense, res.lexicon, reference,
                                     res.named_days, where)
        if normal is None:
            continue
        found.append((span, tense, normal))
        if normal.value and normal.value[:1].isdigit() and not normal.relative:
            reference = normal.value
    text = doc.text  # built anew on every access
    return tuple(
        _time(text, span, _on_sentence_day(span, tense, normal, found, published, res, where))
        for span, tense, normal in found
    )


def _ends_a_period(span: SpacySpan, res: TimeResources) -> bool:
    """``the year`` in "the year ended March 31": TimeML marks the period as a DURATION. Not
    when the phrase says when something else ended ("a protest last month ended peacefully")."""
    doc = span.doc
    if span.end >= len(doc) or doc[span.end].lower_ not in res.period_end:
        return False
    return not (span.root.dep_ == "npadvmod" and span.root.head.i == span.end)


def _on_sentence_day(
    span: SpacySpan,
    tense: Tense,
    normal: Normal,
    found: Sequence[tuple[SpacySpan, Tense, Normal]],
    published: date | None,
    res: TimeResources,
    countries: tuple[str, ...] = (),
) -> Normal:
    """A clock time or part of day that names no day of its own, re-read against the day
    named nearest to it in its sentence, if any ("at 10:35 a.m. (0735 GMT) Friday")."""
    if normal.type != "TIME" or names_a_day(span.text, res.lexicon):
        return normal
    sent = span.sent
    days = [
        (abs(other.start - span.start), n.value[:10])
        for other, _, n in found
        if n.value
        and _DAY_VALUE.match(n.value)
        and sent.start <= other.start < sent.end
        and other is not span
    ]
    if not days:
        return normal
    again = normalize(span.text, published, tense, res.lexicon, min(days)[1], res.named_days,
                      countries)
    return again or normal


def _time(text: str, span: SpacySpan, normal: Normal) -> Time:
    covered = coverage(normal.value) if normal.type in TIME_ENTS else None
    start, end = covered if covered else (None, None)
    text_span = Span.of(text, span.start_char, span.end_char)
    return Time(text_span.text, text_span, normal.type, normal.value, start, end)


def _candidates(doc: Doc, res: TimeResources) -> list[SpacySpan]:
    """Entity and pattern spans, longest first on overlap, trimmed and filtered."""
    spans = [e for e in doc.ents if e.label_ in TIME_ENTS]
    found = (SpacySpan(doc, s, e, label=res.phrase_labels[k]) for k, s, e in res.phrases(doc))
    spans += [m for m in found if _fits(m, res)]
    merged = _merge_clock_and_day(filter_spans(spans), res)
    parts = (p for s in merged for p in _split_range(s, res))
    trimmed = (_trim(s, res) for s in parts)
    return [s for s in trimmed if s is not None and _keep(s, res)]


def _fits(span: SpacySpan, res: TimeResources) -> bool:
    """The phrase has the part of speech it needs ("now" the adverb, not "now that"), a named
    day is not part of a longer name of something else ("Easter Island", "Christmas
    Island"), and it is not a blocked combination ("as soon as")."""
    allowed = res.phrase_pos.get(tuple(t.lower_ for t in span), frozenset())
    if allowed and span[-1].pos_ not in allowed:
        return False
    if _names_a_day(span, res) and any(
        e.label_ not in TIME_ENTS and e.start <= span.start and span.end <= e.end
        and len(e) > len(span) for e in span.doc.ents
    ):
        return False
    before = span.doc[span.start - 1].lower_ + " " if span.start else ""
    return before + span.text.lower() not in res.not_after


def _names_a_day(span: SpacySpan, res: TimeResources) -> bool:
    """Whether the span is a named day of the lexicon ("Easter", "Eid al-Fitr")."""
    words = " ".join(t.lower_ for t in span if t.text != "-")
    return res.lexicon.has(words, "holiday")


def _merge_clock_and_day(spans: list[SpacySpan], res: TimeResources) -> list[SpacySpan]:
    """``9 a.m.`` + ``Tuesday``, ``Wednesday`` + ``night``: the model tags a clock time or
    part of day apart from its day; TimeML makes them one TIME."""
    out: list[SpacySpan] = []
    for span in sorted(spans, key=lambda s: s.start):
        pair = {out[-1].label_, span.label_} if out else set()
        if pair == {"DATE", "TIME"} and _adjacent(out[-1], span, res):
            out[-1] = span.doc[out[-1].start : span.end]
            out[-1].label_ = "TIME"
        else:
            out.append(span)
    return out


def _adjacent(left: SpacySpan, right: SpacySpan, res: TimeResources) -> bool:
    """Next to each other (a comma or time zone between at most), neither a duration."""
    gap = left.doc[left.end : right.start]
    if len(gap) > 1 or not all(t.text in res.joiners for t in gap):
        return False
    units = (t for t in (*left, *right) if t.i + 1 < right.end and t.like_num)
    return not any(res.lexicon.has(t.nbor().lower_, "unit") for t in units)


def _split_range(span: SpacySpan, res: TimeResources) -> list[SpacySpan]:
    """``1994 and 1997``, ``now and Feb. 10``, ``1991 to 1997``, ``1994, 1995``, ``the first
    nine months of 1997``: TimeML marks each time apart."""
    for tok in span[1:-1]:
        if _splits_at(tok, span, res):
            rest = span.doc[tok.i + 1 : span.end]
            return [span.doc[span.start : tok.i], *_split_range(rest, res)]
    return [span]


def _splits_at(tok: Token, span: SpacySpan, res: TimeResources) -> bool:
    nxt = tok.doc[tok.i + 1]
    if tok.text == ",":
        return _is_year(tok.doc[tok.i - 1]) and _is_year(nxt)
    if tok.lower_ == "of":
        counted = any(t.like_num for t in span.doc[span.start : tok.i])
        return counted and _is_year(nxt)
    return tok.lower_ in res.range_words and _opens_time(nxt, res)


def _is_year(token: Token) -> bool:
    return len(token.text) == 4 and token.text.isdigit()


def _opens_time(token: Token, res: TimeResources) -> bool:
    word = token.lower_
    lex = res.lexicon
    return (
        (token.like_num and not word.isalpha())
        or lex.has(word, "deictic_day")
        or lex.has(word, "month")
        or lex.has(word, "weekday")
        or lex.has(word, "ref")
    )


def _trim(span: SpacySpan, res: TimeResources) -> SpacySpan | None:
    start, end = span.start, span.end
    while start < end and span.doc[start].lower_ in res.leading:
        start += 1
    while end > start and span.doc[end - 1].text in res.trailing:
        end -= 1
    return span.doc[start:end] if start < end else None


def _keep(span: SpacySpan, res: TimeResources) -> bool:
    """False for ages, lone counts, fractions and bare parts of the day: no times."""
    text = span.text.lower()
    if text in res.reject or span[-1].lower_ in res.age_tail:
        return False
    if len(span) == 1 and span[0].like_num:
        return len(text) == 4 and text.isdigit()
    return not _fraction(span, res)


def _fraction(span: SpacySpan, res: TimeResources) -> bool:
    """A counted fraction before "of" ("a quarter of the town"), not a period."""
    if len(span) < 2 or span[-1].lower_ not in res.fractions or span.end >= len(span.doc):
        return False
    counted = res.lexicon.has(span[-2].lower_, "number")
    return counted and span.doc[span.end].lower_ == "of"
