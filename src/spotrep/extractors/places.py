"""Toponyms, geocoded with the offline gazetteer.

Mentions are spaCy's GPE/LOC/FAC entities, plus names the model mislabels as ORG/PERSON/PRODUCT
(conflict towns such as Mariupol or Manbij) when they exactly name a country, division, region or
sizeable town, or stand in a dateline. Each mention is resolved to the gazetteer entry that best
fits the article: first the "Alexandria, La." pattern, then agreement with the countries and
divisions the other mentions point to, then the kind of place and its population. Weaker
evidence (a town opening an organisation's name, an untagged name after "in", "a Chapin man", an
unknown GPE spelt unlike the gazetteer) is kept only where it fits the area the resolved
mentions describe (``local_readings``). A bare surname of a person named in full is not a town.
Metonymic uses ("Russia said") stay in the list, being toponyms; ``locations.event_place``
skips them.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Literal

import spacy
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan
from spacy.util import filter_spans

from spotrep.geo import Entry, Gazetteer, name_key
from spotrep.geo.normalize import articles
from spotrep.records import Feature, Place, Span

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
RELABEL_LABELS = frozenset({"ORG", "PERSON", "PRODUCT", "WORK_OF_ART", "EVENT"})
RELABEL_MIN_POPULATION = 50_000
"""A name the model did not call a place is taken as a town only if the town is this big."""
NAMESAKE_MIN_POPULATION = 50_000
"""A division's namesake town this big is the usual reading of the bare name."""
METROPOLIS_MIN_POPULATION = 1_000_000
"""A town known by the division's name only as an alternate name must be this big."""
CUED_MIN_POPULATION = 5_000
"""A name after "in"/"from"... that the model called PERSON/ORG may name a smaller town."""
EMBEDDED_MIN_POPULATION = 5_000
"""A town that opens an institution's name ("Henderson Police Department") may be small."""

COUNTY_WORDS = frozenset({"county", "parish"})
"""Division words whose division rarely shares its namesake town's place: a county we do not
know is left unresolved rather than read as a town of the same name."""

_FEATURES: dict[str, Feature] = {
    f: f for f in ("country", "admin1", "admin2", "populated_place", "region", "facility", "other")
}
PRECISION: dict[str, Literal[1, 2, 3]] = {
    "populated_place": 1,
    "facility": 1,
    "region": 2,
    "admin1": 3,
    "admin2": 3,
    "country": 3,
}
_BROAD_PRIOR = {"country": 11.0, "region": 9.5, "facility": 9.0, "admin1": 7.5, "admin2": 6.5}
_DIVISIONS = frozenset({"admin1", "admin2", "region"})
_CUE_KINDS = (
    "locative",
    "division",
    "vicinity",
    "institution",
    "landmark",
    "direction",
    "area",
    "addressee",
    "settlement",
)


@dataclass(frozen=True, slots=True)
class Cues:
    """Words around a name that change its reading (``data/places/cues.tsv``)."""

    locative: frozenset[str]
    division: frozenset[str]
    vicinity: frozenset[str]
    institution: frozenset[str]
    landmark: frozenset[str]
    direction: frozenset[str]
    area: frozenset[str]
    addressee: frozenset[str]
    settlement: frozenset[str]


@dataclass(frozen=True, slots=True)
class PlaceResources:
    """The gazetteer and place lexicons, opened once per process."""

    gazetteer: Gazetteer
    cues: Cues
    spotter: PhraseMatcher
    """Case-sensitive matcher of ``Gazetteer.surface_names``."""


@dataclass(frozen=True, slots=True)
class Mention:
    """A toponym in the text with its gazetteer readings."""

    start: int
    end: int
    key: str
    candidates: tuple[Entry, ...]
    division: bool = False
    """Followed or ended by a word such as "province": read it as the division."""
    part: bool = False
    """Names a part of the place ("North Texas"): precision 2 at best."""
    strict: bool = False
    """Weak evidence that a town must fit the article's division to be kept (a name the model
    called a person: "Gunmen raided Gwoza" in an article about Borno)."""


@functools.cache
def load_cues() -> Cues:
    """The cue lexicon (read once; also needed by ``event_place``, which takes no resources)."""
    text = (resources.files("spotrep.data") / "places" / "cues.tsv").read_text(encoding="utf-8")
    kinds: dict[str, set[str]] = {k: set() for k in _CUE_KINDS}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            kind, word = line.split("\t")
            kinds[kind].add(word.strip().lower())
    return Cues(*(frozenset(kinds[k]) for k in _CUE_KINDS))


def load() -> PlaceResources:
    return resources_for(Gazetteer.open())


def resources_for(gazetteer: Gazetteer) -> PlaceResources:
    """The place resources around an open gazetteer (tests pass a small one)."""
    return PlaceResources(gazetteer, load_cues(), _spotter(gazetteer.surface_names()))


def _spotter(names: Sequence[str]) -> PhraseMatcher:
    """A PhraseMatcher over ``names`` (spaCy's rule-based English tokenizer, as the model's)."""
    blank = spacy.blank("en")
    matcher = PhraseMatcher(blank.vocab, attr="ORTH")
    matcher.add("PLACE", [blank.make_doc(n) for n in names if n[:1].isupper()])
    return matcher


def find_places(doc: Doc, res: PlaceResources, region: str | None = None) -> tuple[Place, ...]:
    """Every place mention in ``doc``, geocoded, in text order; ``region`` is the country the
    outlet publishes from, if known (a prior for names found in several countries)."""
    text = doc.text
    mentions = _mentions(doc, res)
    chosen = resolve(mentions, text, region)
    local = local_readings(_weak_mentions(doc, res, mentions), chosen, res.gazetteer)
    if local:
        pairs = sorted([*zip(mentions, chosen, strict=True), *local], key=lambda p: p[0].start)
        mentions, chosen = [m for m, _ in pairs], [e for _, e in pairs]
    lead_end = next(iter(doc.sents)).end_char if doc.has_annotation("SENT_START") else 0
    focus = focus_entry(chosen, [m.start < lead_end for m in mentions])
    return tuple(_place(text, m, e, focus) for m, e in zip(mentions, chosen, strict=True))


WEAK_MAX_WORDS = 3
RESIDENT_NOUNS = frozenset(
    {
        "man",
        "woman",
        "men",
        "women",
        "resident",
        "residents",
        "native",
        "teen",
        "teenager",
        "boy",
        "girl",
        "couple",
        "family",
        "youth",
    }
)
"""Nouns after a town's name that make it where someone lives ("a Chapin man")."""


def _weak_mentions(doc: Doc, res: PlaceResources, strong: Sequence[Mention]) -> list[Mention]:
    """Names that may be local places but that the model did not call places: a town that
    opens an organisation's name ("Roselle police", "Lombard Historical Society"), a name the
    model called a person or left untagged after "in"/"of"/"from" ("in Parkers Prairie"), an
    upper-case dateline ("HUDSON --"). Kept only where they fit the article's area
    (``local_readings``)."""
    taken = [(m.start, m.end) for m in strong]
    found: list[Mention] = []
    surnames = _surnames(doc)

    def add(span: SpacySpan, upper: bool = False) -> None:
        if any(a < span.end_char and span.start_char < b for a, b in taken):
            return
        for n in range(min(WEAK_MAX_WORDS, len(span)), 0, -1):
            head = span[:n]
            if not all(t.is_title or (upper and t.is_upper and t.is_alpha) for t in head):
                continue
            key = name_key(head.text)
            candidates = res.gazetteer.lookup(key)
            if candidates:
                found.append(Mention(head.start_char, head.end_char, key, candidates))
                taken.append((head.start_char, head.end_char))
                return

    for ent in doc.ents:
        span = _trimmed(ent)
        if span is None:
            continue
        if ent.label_ == "GPE" and len(span) <= WEAK_MAX_WORDS and not _adjectival(span):
            # An unknown GPE: perhaps a village spelt another way (``local_readings``).
            if not any(a < span.end_char and span.start_char < b for a, b in taken):
                found.append(Mention(span.start_char, span.end_char, name_key(span.text), ()))
                taken.append((span.start_char, span.end_char))
            continue
        if ent.label_ not in ("ORG", "PERSON"):
            continue
        # "in Parkers Prairie", "the town of Dhiban": a place of any size, if it fits the area
        cued = (
            span.start > 0 and doc[span.start - 1].lower_ in res.cues.locative
        ) or _named_settlement(span, res)
        resident = span.end < len(doc) and doc[span.end].lower_ in RESIDENT_NOUNS
        if cued or resident:
            add(span)  # "in Parkers Prairie", "a Chapin man"
        elif ent.label_ == "ORG" and len(span) > 1:
            tail = _of_tail(span)
            if tail is not None:
                add(tail)  # "City of Canton"
            else:
                add(span[: len(span) - 1])  # the place must open a longer name
        elif (
            ent.label_ == "PERSON"
            and span.text not in surnames
            and not any(a < span.end_char and span.start_char < b for a, b in taken)
        ):
            # Conflict towns the model reads as people ("raided Gwoza and Damboa"): only a
            # town of the division the article is about (or, for a transliterated name, its
            # nearest spelling there).
            key = name_key(span.text)
            candidates = res.gazetteer.lookup(key)
            if candidates or _transliterated(span):
                found.append(Mention(span.start_char, span.end_char, key, candidates, strict=True))
                taken.append((span.start_char, span.end_char))
    for token in doc:
        if token.ent_type_ or not (token.is_title or token.is_upper) or not token.is_alpha:
            continue
        prev = doc[token.i - 1] if token.i > 0 else None
        dateline = (
            token.is_upper
            and len(token) > 3
            and (prev is None or "\n" in prev.text_with_ws)
            and token.i + 1 < len(doc)
        )
        cued = prev is not None and prev.lower_ in res.cues.locative and not prev.is_title
        # "Gwoza and Damboa": a name joined to a place named just before it.
        listed = (
            prev is not None
            and prev.lower_ in ("and", "or", ",")
            and token.i >= 2
            and any(a <= doc[token.i - 2].idx < b for a, b in taken)
        )
        if not (cued or dateline or listed):
            continue
        end = token.i + 1
        while (
            end < len(doc)
            and end - token.i < WEAK_MAX_WORDS
            and not doc[end].ent_type_
            and (doc[end].is_title or (dateline and doc[end].is_upper and doc[end].is_alpha))
        ):
            end += 1
        add(doc[token.i : end], upper=dateline)
    return found


def _transliterated(span: SpacySpan) -> bool:
    """Whether a name carries the marks of a transliteration: an article ("al-", "el-"), a
    hyphen or an apostrophe ("Maarat al-Numan", "Ma'arrat")."""
    return any(t.lower_ in articles() for t in span) or any(c in span.text for c in "-'’‘")


DOMINANT_SHARE = 0.5
"""A country holding this share of the article's distinct place names is the article's country."""
ENGLISH_NAMED = frozenset({"US", "GB", "CA", "AU", "NZ", "IE"})
"""Countries whose places English news spells as they are spelt at home: a near miss there is
another name (or a typo), not a transliteration."""


def local_readings(
    weak: Sequence[Mention], chosen: Sequence[Entry | None], gazetteer: Gazetteer
) -> list[tuple[Mention, Entry]]:
    """The weak mentions that name a town or county in a division the article's places lie in,
    or a division of a country they lie in, with that reading; an unknown name, the place of
    the article's country whose name is nearly the same (transliterations: "Kafr Nubl")."""
    votes = {e.id: e for e in chosen if e is not None}.values()
    divisions = {(e.cc, e.admin1) for e in votes if e.admin1}
    countries = Counter(e.cc for e in votes if e.cc)
    dominant = next(
        (cc for cc, n in countries.most_common(1) if n >= DOMINANT_SHARE * len(votes)), None
    )
    kept: list[tuple[Mention, Entry]] = []
    for m in weak:
        if not m.candidates:
            transliterated = dominant is not None and dominant not in ENGLISH_NAMED
            near = gazetteer.fuzzy_key(m.key, cc=dominant) if transliterated else None
            found = [
                e
                for e in (gazetteer.lookup(near) if near else ())
                if e.cc == dominant and (not m.strict or (e.cc, e.admin1) in divisions)
            ]
            best = _best(found, functools.partial(prior, m=m))
            if best is not None:
                kept.append((m, best))
            continue
        fitting = [
            e
            for e in m.candidates
            if (
                e.feature in ("populated_place", "admin2")
                and (e.main or m.strict)
                and (e.cc, e.admin1) in divisions
            )
            or (e.feature == "admin1" and e.cc in countries and not m.strict)
        ]
        best = _best(fitting, functools.partial(prior, m=m))
        if best is not None:
            kept.append((m, best))
    return kept


def _mentions(doc: Doc, res: PlaceResources) -> list[Mention]:
    found = [m for m in (_entity_mention(ent, res) for ent in doc.ents) if m is not None]
    found.extend(_spotted(doc, res))
    taken = [(m.start, m.end) for m in found]
    found.extend(
        m for m in _datelines(doc, res) if not any(a < m.end and m.start < b for a, b in taken)
    )
    surnames = _surnames(doc)
    if surnames:
        found = [m for m in found if not _is_surname(doc, m, surnames)]
    found = [_as_settlement(doc, m, res) for m in found]
    return sorted(found, key=lambda m: m.start)


def _as_settlement(doc: Doc, m: Mention, res: PlaceResources) -> Mention:
    """A name the text calls a village or town ("the village of Sousa", "al-Susa, a village
    in...") read only as a populated place: not Susa, the province of Azerbaijan."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None or not _called_settlement(span, res):
        return m
    towns = tuple(e for e in m.candidates if e.feature == "populated_place")
    return dataclasses.replace(m, candidates=towns, division=False)


def _called_settlement(span: SpacySpan, res: PlaceResources) -> bool:
    doc, i, j = span.doc, span.start, span.end
    towns = res.cues.settlement - res.cues.division
    before = i >= 2 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in towns
    after = (
        j + 2 < len(doc)
        and doc[j].text == ","
        and doc[j + 1].lower_ in ("a", "an")
        and doc[j + 2].lower_ in towns
    )
    return before or after


def _surnames(doc: Doc) -> frozenset[str]:
    """Last names of the people the article names in full ("David Arvin", "Sarah Fairfield"):
    the bare "Arvin" or "Fairfield" later on is that person, not a town."""
    return frozenset(
        ent[-1].text
        for ent in doc.ents
        if ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].is_title
    )


def _is_surname(doc: Doc, m: Mention, surnames: frozenset[str]) -> bool:
    span = doc.char_span(m.start, m.end)
    if span is None or len(span) != 1 or span.text not in surnames:
        return False
    if any(e.feature in ("country", "admin1") for e in m.candidates):
        return False  # "Jordan", "Georgia": the country or state is named too often to yield
    # "of Fairfield, Texas" is still the town.
    following = doc[span.end : span.end + 2]
    return not (len(following) == 2 and following[0].text == "," and following[1].ent_type_)


def _entity_mention(ent: SpacySpan, res: PlaceResources) -> Mention | None:
    span = _trimmed(ent)
    if span is None:
        return None
    if ent.label_ in PLACE_LABELS:
        if _adjectival(span):
            return None
        mention = _place_mention(span, res, fuzzy=ent.label_ != "FAC")
        if mention is not None and not mention.candidates:
            # "Henderson County Sheriff's", "the Columbia County Detention Center": the model's
            # place ran on into an institution's name.
            mention = (
                _division_head(span, res)
                or _possessor(span, res)
                or _embedded(span, res)
                or mention
            )
        # An unknown GPE is nearly always a person or party the model mistook for a place,
        # unless its own last word says what it is ("Boone County").
        if (
            mention is not None
            and not mention.candidates
            and ent.label_ == "GPE"
            and span[-1].lower_ not in res.cues.division
            and not mention.division
        ):
            return None
        return mention
    if ent.label_ not in RELABEL_LABELS:
        return None
    return (
        _relabelled(span, res, person=ent.label_ == "PERSON")
        or _landmark(span, res)
        or (_county_head(span, res) or _embedded(span, res) if ent.label_ == "ORG" else None)
    )


def _spotted(doc: Doc, res: PlaceResources) -> Iterator[Mention]:
    """Country, US state and curated names the model left untagged, when they stand alone
    (not part of a longer capitalised name such as "Georgia Tech")."""
    # Plain (id, start, end) matches: the matcher's vocab is not the doc's, so no labels.
    for span in filter_spans([doc[start:end] for _, start, end in res.spotter(doc)]):
        start, end = span.start, span.end
        if any(t.ent_type_ for t in span):
            continue
        before = doc[start - 1] if start > 0 else None
        after = doc[end] if end < len(doc) else None
        if (after is not None and after.is_title) or (
            before is not None and before.is_title and not doc[start].is_sent_start
        ):
            continue
        mention = _place_mention(span, res, fuzzy=False)
        if mention is not None and mention.candidates:
            yield mention


def metonymic(span: SpacySpan) -> bool:
    """Whether a name is the subject of a verb other than "be": a country that "said" or
    "warned" stands for its government, an actor rather than a location."""
    root = span.root
    return root.dep_ == "nsubj" and root.head.pos_ in ("VERB", "AUX") and root.head.lemma_ != "be"


def _trimmed(ent: SpacySpan) -> SpacySpan | None:
    """The entity without a leading "the" or a trailing possessive or punctuation."""
    start, end = ent.start, ent.end
    while start < end and ent.doc[start].lower_ == "the":
        start += 1
    while end > start and (ent.doc[end - 1].is_punct or ent.doc[end - 1].lower_ in ("'s", "’s")):
        end -= 1
    return ent.doc[start:end] if end > start else None


def _adjectival(span: SpacySpan) -> bool:
    """A one-word name used as an adjective is a demonym ("Syrian"), not a place."""
    return len(span) == 1 and span[0].tag_ in ("JJ", "JJR", "JJS", "NNPS")


def _place_mention(span: SpacySpan, res: PlaceResources, fuzzy: bool) -> Mention | None:
    key = name_key(span.text)
    words = key.split()
    division = _next_lower(span) in res.cues.division
    if len(words) > 1 and words[-1] in res.cues.division:
        # Only divisions: a county is not its namesake town (we have no county list).
        shorter = tuple(
            e for e in res.gazetteer.lookup(" ".join(words[:-1])) if e.feature in _DIVISIONS
        )
        if words[-1] == "state":
            # US states are never called "Ohio State": that is a university or its team.
            shorter = tuple(e for e in shorter if e.cc != "US")
            if not shorter:
                return None
        if shorter:
            return Mention(span.start_char, span.end_char, key, shorter, division=True)
    if division:
        # "Laurel County" where the model's entity stopped at "Laurel": the county, if we know it.
        longer = res.gazetteer.lookup(f"{key} {_next_lower(span)}")
        if longer:
            end = span.doc[span.end].idx + len(span.doc[span.end])
            return Mention(span.start_char, end, f"{key} {_next_lower(span)}", longer, True)
    if _next_lower(span) in res.cues.landmark:
        # "the Zilkan base", "Rukban camp": the curated facility named with the word after.
        longer = res.gazetteer.lookup(f"{key} {_next_lower(span)}")
        if longer:
            end = span.doc[span.end].idx + len(span.doc[span.end])
            return Mention(span.start_char, end, f"{key} {_next_lower(span)}", longer)
    candidates = res.gazetteer.lookup(key)
    if (
        division
        and _next_lower(span) in COUNTY_WORDS
        and not any(e.feature in _DIVISIONS for e in candidates)
    ):
        # "Walker County" that we do not know: a county, not its namesake town elsewhere.
        end = span.doc[span.end].idx + len(span.doc[span.end])
        return Mention(span.start_char, end, f"{key} {_next_lower(span)}", (), True)
    if not candidates and len(words) > 1 and words[0] in res.cues.direction:
        # "North Texas", "southern Idlib": a part of the named place.
        part = res.gazetteer.lookup(" ".join(words[1:]))
        if part:
            return Mention(span.start_char, span.end_char, key, part, division, part=True)
    if not candidates and fuzzy and len(words) <= 2 and words[-1] not in res.cues.division:
        near = res.gazetteer.fuzzy_key(key)
        if near is not None and not (near.startswith(key) or key.startswith(near)):
            candidates = res.gazetteer.lookup(near)
    return Mention(span.start_char, span.end_char, key, candidates, division)


def _next_lower(span: SpacySpan) -> str:
    return span.doc[span.end].lower_ if span.end < len(span.doc) else ""


def _relabelled(span: SpacySpan, res: PlaceResources, person: bool) -> Mention | None:
    """A name the model called ORG/PERSON/... that is really a place, else None. A PERSON
    needs a locative preposition before it ("in Jordan"); after one, any name may be a smaller
    town."""
    previous = span.doc[span.start - 1].lower_ if span.start > 0 else ""
    # "in Jordan", "eastern Ghouta", a dateline ("BEIRUT:", "HUDSON --"), "Nineveh province".
    cued = (
        previous in res.cues.locative
        or previous in res.cues.direction
        or _dateline(span)
        or _next_lower(span) in res.cues.division  # "Nineveh province"
    )
    if person and not cued:
        return None
    least = CUED_MIN_POPULATION if cued else RELABEL_MIN_POPULATION
    key = name_key(span.text)
    found = tuple(e for e in res.gazetteer.lookup(key) if _relabel_worthy(e, least))
    if not found:
        return None
    division = _next_lower(span) in res.cues.division
    part = previous in res.cues.direction
    return Mention(span.start_char, span.end_char, key, found, division, part=part)


def _named_settlement(span: SpacySpan, res: PlaceResources) -> bool:
    """Whether the name follows "the town of", "the village of", "the province of"..."""
    doc, i = span.doc, span.start
    return i >= 2 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in res.cues.settlement


_DATELINE_MARKS = frozenset({"—", "–", "--", "-", ":", ","})


DATELINE_MAX_WORDS = 4


def _datelines(doc: Doc, res: PlaceResources) -> Iterator[Mention]:
    """Upper-case names that open the text, a line or the sentence after a headline, followed
    by a dash, colon, comma or an agency's parenthesis ("HUDSON --", "SEVIERVILLE, Tenn.",
    "WASHINGTON (AP)"): by convention the place a report was filed from, whatever the model
    tagged them, if the gazetteer knows the name ("NOTE --" is no place)."""
    for opening in _UPPER_OPENING.finditer(doc.text):
        first = doc.char_span(opening.end(), opening.end() + 1, alignment_mode="expand")
        end = None if first is None else _dateline_end(doc, first.start)
        if first is None or end is None:
            continue
        span = doc[first.start : end]
        key = name_key(span.text)
        candidates = res.gazetteer.lookup(key)
        if candidates:
            yield Mention(span.start_char, span.end_char, key, candidates)


_UPPER_OPENING = re.compile(r"(?:\A|\n|[.!?]\s+)\s*(?=[A-Z][A-Z.])")
"""Where a dateline may start (only these places are looked at token by token: it is fast)."""


def _dateline_end(doc: Doc, i: int) -> int | None:
    """The end of a dateline name starting at token ``i``, if one does."""
    prev = doc[i - 1] if i > 0 else None
    opens = prev is None or "\n" in prev.text_with_ws or prev.text in (".", "!", "?")
    if not opens:
        return None
    end = i
    while end < len(doc) and end - i < DATELINE_MAX_WORDS and _capital_word(doc[end]):
        end += 1
    if end == i or not any(len(t) > 3 for t in doc[i:end]) or end >= len(doc):
        return None
    return end if doc[end].text in _DATELINE_MARKS or doc[end].text == "(" else None


def _capital_word(token: Token) -> bool:
    """An upper-case word of a place name ("ST.", "ISLE", "OF" in "ISLE OF PALMS")."""
    text = token.text.rstrip(".")
    return bool(text) and text.isalpha() and token.text.isupper() and len(text) > 1


def _dateline(span: SpacySpan) -> bool:
    """Whether an upper-case name opens a line and is followed by a dash, colon or comma:
    the place a report was filed from ("BEIRUT:", "SEVIERVILLE, Tenn.")."""
    doc = span.doc
    opens = span.start == 0 or "\n" in doc[span.start - 1].text_with_ws
    upper = all(t.is_upper or not t.is_alpha for t in span) and any(len(t) > 3 for t in span)
    return opens and upper and span.end < len(doc) and doc[span.end].text in _DATELINE_MARKS


def _embedded(span: SpacySpan, res: PlaceResources) -> Mention | None:
    """The place in an institution's name: "Dublin City Council", "University of Kentucky"."""
    return _embedded_head(span, res) or _embedded_tail(span, res)


def _embedded_tail(span: SpacySpan, res: PlaceResources) -> Mention | None:
    """The place after the last "of": "University of Kentucky", "Bank of England"."""
    tail = _of_tail(span)
    if tail is None:
        return None
    key = name_key(tail.text)
    # A town here must fit the article's area ("Chamber of Commerce" is no town in Texas):
    # ``_weak_mentions`` offers it to ``local_readings``.
    found = tuple(
        e for e in res.gazetteer.lookup(key) if _embeddable(e) and e.feature != "populated_place"
    )
    return Mention(tail.start_char, tail.end_char, key, found) if found else None


def _of_tail(span: SpacySpan) -> SpacySpan | None:
    """The title-case words after the last "of" of a name ("Bank of England" -> "England")."""
    ofs = [t.i for t in span if t.lower_ == "of"]
    if not ofs or ofs[-1] == span.start or ofs[-1] + 1 >= span.end:
        return None
    tail = span.doc[ofs[-1] + 1 : span.end]
    return tail if all(t.is_title for t in tail) else None


def _embedded_head(span: SpacySpan, res: PlaceResources) -> Mention | None:
    """The place that opens an institution's name: "Dublin City Council", "Kabul police"."""
    for n in range(min(3, len(span) - 1), 0, -1):
        head = span[:n]
        if span[n].lower_ not in res.cues.institution or not all(t.is_title for t in head):
            continue
        if span[n].lower_ in COUNTY_WORDS:
            return None  # "Walker County Fair": the county, which is not its namesake town
        key = name_key(head.text)
        found = tuple(e for e in res.gazetteer.lookup(key) if _embeddable(e))
        if found:
            return Mention(head.start_char, head.end_char, key, found)
    return None


def _division_head(span: SpacySpan, res: PlaceResources) -> Mention | None:
    """The division that opens a longer name: "Henderson County" in "Henderson County
    Sheriff's"."""
    for n in range(1, len(span) - 1):
        if span[n].lower_ in res.cues.division and all(t.is_title for t in span[: n + 1]):
            head = _place_mention(span[: n + 1], res, fuzzy=False)
            return head if head is not None and head.candidates else None
    return None


def _county_head(span: SpacySpan, res: PlaceResources) -> Mention | None:
    """The county that opens an organisation's or event's name ("Walker County Fair"); other
    division words open names of another kind ("Texas Department of Public Safety")."""
    word = next((t for t in span[1:-1] if t.lower_ in COUNTY_WORDS and t.is_title), None)
    if word is None:
        return None
    first = word.i
    while first > span.start and span.doc[first - 1].is_title:
        first -= 1
    if first == word.i:
        return None
    head = _place_mention(span.doc[first : word.i + 1], res, fuzzy=False)
    return head if head is not None and head.candidates else None


def _possessor(span: SpacySpan, res: PlaceResources) -> Mention | None:
    """The place that owns a landmark's name: "Dakar" in "Dakar's Place de l'Obelisque"."""
    mark = next((t.i for t in span[1:-1] if t.lower_ in ("'s", "’s")), None)
    if mark is None:
        return None
    head = span.doc[span.start : mark]
    key = name_key(head.text)
    found = tuple(e for e in res.gazetteer.lookup(key) if _embeddable(e))
    return Mention(head.start_char, head.end_char, key, found) if found else None


def _embeddable(e: Entry) -> bool:
    if e.feature == "populated_place":
        return e.main and e.population >= EMBEDDED_MIN_POPULATION
    return e.feature in ("country", "admin1", "admin2", "region")


def _relabel_worthy(e: Entry, least: int) -> bool:
    if e.feature == "populated_place":
        return e.main and e.population >= least
    return e.feature in ("country", "admin1", "region")


def _landmark(span: SpacySpan, res: PlaceResources) -> Mention | None:
    """A street, building or natural feature the model called ORG/PERSON ("Royal Street")."""
    if len(span) < 2 or span[-1].lower_ not in res.cues.landmark:
        return None
    if not all(t.is_title or t.like_num or t.is_stop for t in span):
        return None
    key = name_key(span.text)
    return Mention(span.start_char, span.end_char, key, res.gazetteer.lookup(key))


def prior(e: Entry, m: Mention) -> float:
    """How likely a reading is before context: countries, then regions and divisions, then
    towns by size; a division loses to its own namesake capital ("Idlib" is the town unless
    the text says "Idlib province")."""
    if m.division:
        return 10.0 if e.feature in ("admin1", "admin2", "region") else math.log10(e.population + 1)
    if e.feature in ("admin1", "admin2") and any(_capital_of(t, e) for t in m.candidates):
        return _BROAD_PRIOR[e.feature] - 3.0
    if e.feature in _BROAD_PRIOR:
        # Population only breaks ties: Florida the state before Florida, Uruguay.
        return _BROAD_PRIOR[e.feature] + 0.05 * math.log10(e.population + 1)
    # A town found under an alternate (often historical) name is weak evidence.
    return math.log10(e.population + 1) + e.main * (2.5 + 1.0 * e.capital)


def _capital_of(town: Entry, division: Entry) -> bool:
    """Whether ``town`` is a big namesake town of ``division``: Idlib, or a metropolis also
    known by the bare name (New York City, but not Oklahoma City)."""
    least = NAMESAKE_MIN_POPULATION if town.main else METROPOLIS_MIN_POPULATION
    return (
        town.feature == "populated_place"
        and town.population >= least
        and (town.cc, town.admin1) == (division.cc, division.admin1)
    )


def contains(outer: Entry, inner: Entry) -> bool:
    """Whether ``inner`` lies in the country or division ``outer``."""
    if outer.feature == "country":
        return inner.cc == outer.cc and inner.id != outer.id
    if outer.feature == "admin1":
        return (inner.cc, inner.admin1) == (outer.cc, outer.admin1) and inner.id != outer.id
    return False


def resolve(
    mentions: Sequence[Mention], text: str, region: str | None = None
) -> list[Entry | None]:
    """The chosen reading of every mention (None when the gazetteer has none): each name's
    reading before context, then the reading that best agrees with the others'."""
    pinned = _comma_pairs(mentions, text)
    readings: dict[str, Entry | None] = {}
    for i, m in enumerate(mentions):
        if i in pinned:
            readings[m.key] = pinned[i]
        else:
            readings.setdefault(m.key, _best(m.candidates, functools.partial(prior, m=m)))
    # One sense per article: a name once read as "Palestine, Texas" stays that Palestine.
    # (Rereading again against the new readings oscillates more than it gains.)
    settled = {mentions[i].key: e for i, e in pinned.items()}
    return _without_strays(mentions, _reread(mentions, readings, settled, region), region)


STRAY_MAX_POPULATION = 100_000
STRAY_MIN_CONTEXT = 2
STRAY_DOMINANCE = 0.66


def _without_strays(
    mentions: Sequence[Mention], chosen: list[Entry | None], region: str | None
) -> list[Entry | None]:
    """The readings, less any small town that is the only place of its country in an article
    whose other places lie mostly (two thirds) in one other country: "Keta village" in an
    article about Zamfara is a village the gazetteer lacks, not Keta in Ghana (a wrong country
    is worse than no point)."""
    by_name = {m.key: e for m, e in zip(mentions, chosen, strict=True) if e is not None}
    kept: list[Entry | None] = []
    for m, e in zip(mentions, chosen, strict=True):
        others = [o for k, o in by_name.items() if k != m.key]
        countries = Counter(o.cc for o in others)
        top = countries.most_common(1)[0][1] if countries else 0
        stray = (
            e is not None
            and e.feature == "populated_place"
            and e.population < STRAY_MAX_POPULATION
            and e.cc != region
            and len(others) >= STRAY_MIN_CONTEXT
            and top >= STRAY_DOMINANCE * len(others)
            and e.cc not in countries
        )
        kept.append(None if stray else e)
    return kept


def _reread(
    mentions: Sequence[Mention],
    readings: dict[str, Entry | None],
    settled: dict[str, Entry],
    region: str | None,
) -> list[Entry | None]:
    # One vote per distinct name, so that a name repeated ten times cannot confirm itself.
    votes = [e for e in readings.values() if e is not None]
    countries = Counter(e.cc for e in votes if e.cc)
    divisions = Counter((e.cc, e.admin1) for e in votes if e.admin1)
    total = sum(countries.values())
    support = division_support(mentions)
    names = len({m.key for m in mentions if m.candidates})
    chosen: list[Entry | None] = []
    for m in mentions:
        own = readings[m.key]
        if m.key in settled or own is None:
            chosen.append(settled.get(m.key, own))
            continue

        def score(e: Entry, m: Mention = m, own: Entry = own) -> float:
            return (
                prior(e, m)
                + _context(e, own, countries, divisions, total)
                + _shared_division(e, support, names)
                + OUTLET_REGION_BONUS * (region is not None and e.cc == region)
            )

        chosen.append(_best(m.candidates, score))
    return chosen


SHARED_DIVISION_WEIGHT = 3.0
"""Bonus for a reading in a division where all the article's other names could lie."""

OUTLET_REGION_BONUS = 2.5
"""Bonus for a reading in the outlet's country: a local paper's "Alexandria" is its own, unless
the article says otherwise."""

NATIONS = frozenset(("GB", n) for n in ("England", "Scotland", "Wales", "Northern Ireland"))
"""First-level divisions as big as countries: sharing one says no more than sharing the country."""


def _context(
    e: Entry,
    own: Entry,
    countries: Counter[str],
    divisions: Counter[tuple[str | None, str]],
    total: int,
) -> float:
    """Agreement of a reading with the rest of the article (this name's own vote removed)."""
    same_country = countries[e.cc] - int(own.cc == e.cc) if e.cc else 0
    bonus = 0.0
    if same_country > 0:
        bonus += 1.0 + 2.0 * same_country / max(1, total - 1)
    if e.admin1 and (e.cc, e.admin1) not in NATIONS:
        same_division = divisions[(e.cc, e.admin1)] - int((own.cc, own.admin1) == (e.cc, e.admin1))
        bonus += 2.0 * (same_division > 0) + 0.5 * min(max(same_division - 1, 0), 2)
    return bonus


def division_support(mentions: Sequence[Mention]) -> Counter[tuple[str | None, str]]:
    """For each first-level division, how many distinct names of the article could lie in it:
    local news names several small places of one state, each ambiguous alone ("Watertown",
    "Delano", "Scott County") but most readings meeting in one state."""
    support: Counter[tuple[str | None, str]] = Counter()
    seen: set[str] = set()
    for m in mentions:
        if m.key in seen:
            continue
        seen.add(m.key)
        support.update(
            {(e.cc, e.admin1) for e in m.candidates if e.admin1 and e.feature != "country"}
        )
    return support


def _shared_division(e: Entry, support: Counter[tuple[str | None, str]], names: int) -> float:
    """Bonus for a reading in the division where most of the article's other names could lie."""
    if not e.admin1 or e.feature == "country" or (e.cc, e.admin1) in NATIONS or names < 3:
        return 0.0
    others = support[(e.cc, e.admin1)] - 1
    return SHARED_DIVISION_WEIGHT * others / (names - 1) if others >= 2 else 0.0


def _best(candidates: Sequence[Entry], score: Callable[[Entry], float]) -> Entry | None:
    return max(candidates, key=score, default=None)


def _comma_pairs(mentions: Sequence[Mention], text: str) -> dict[int, Entry]:
    """Readings fixed by "Town, State" / "Town, Country": the town must lie in the second name."""
    pinned: dict[int, Entry] = {}
    for i in range(len(mentions) - 1):
        town, area = mentions[i], mentions[i + 1]
        if text[town.end : area.start].strip() != ",":
            continue
        pairs = [(a, t) for a in area.candidates for t in town.candidates if contains(a, t)]
        if pairs:
            a, t = max(pairs, key=lambda p: prior(p[1], town) + prior(p[0], area))
            pinned[i], pinned[i + 1] = t, a
    return pinned


def focus_entry(chosen: Sequence[Entry | None], in_lead: Sequence[bool]) -> Entry | None:
    """The article's main specific place: its most frequent town or facility, a mention in the
    first sentence (the dateline) counting three times; the first one on ties."""
    votes: Counter[int] = Counter()
    for e, lead in zip(chosen, in_lead, strict=True):
        if e is not None and PRECISION[e.feature] == 1:
            votes[e.id] += 3 if lead else 1
    if not votes:
        return None
    top = max(votes.values())
    return next(e for e in chosen if e is not None and votes.get(e.id) == top)


def _place(text: str, m: Mention, e: Entry | None, focus: Entry | None) -> Place:
    span = Span.of(text, m.start, m.end)
    if e is not None:
        precision = PRECISION[e.feature]
        return Place(
            span.text,
            span,
            e.name,
            e.geonameid,
            _FEATURES[e.feature],
            e.cc,
            e.admin1 if e.feature != "country" else None,
            e.lat,
            e.lon,
            2 if m.part and precision == 1 else precision,
        )
    # An unknown name (a street, a building) most likely lies in the article's main town.
    if focus is not None:
        return Place(
            span.text, span, None, None, "other", focus.cc, focus.admin1, focus.lat, focus.lon, 2
        )
    return Place(span.text, span, None, None, "other", None, None, None, None, None)
