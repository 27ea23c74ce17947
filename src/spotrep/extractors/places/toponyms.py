"""Toponyms, geocoded with the offline gazetteer.

Mentions are spaCy's GPE/LOC/FAC entities, plus names the model mislabels as ORG/PERSON/PRODUCT
(conflict towns such as Mariupol or Manbij) when they exactly name a country, division, region or
sizeable town, or stand in a dateline. ``places.readings`` reads each mention as the gazetteer
entry that best fits the article: first the "Alexandria, La." pattern, then agreement with the
countries and divisions the other mentions point to, then the kind of place and its size. Weaker
evidence (a town opening an organisation's name, an untagged name after "in", "a Chapin man", an
unknown GPE spelt unlike the gazetteer) is kept only where it fits the area the resolved
mentions describe (``local_readings``). A bare surname of a person named in full is not a town.
Metonymic uses ("Russia said") stay in the list, being toponyms; ``events.where.event_place``
skips them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan
from spacy.util import filter_spans

from spotrep.extractors._ranges import Ranges
from spotrep.extractors._syntax import PLACE_ENTS, VERB_POS
from spotrep.extractors.places.cues import PlaceResources
from spotrep.extractors.places.dateline import clipped, dateline_at, dateline_of, datelines
from spotrep.extractors.places.readings import PlaceMention
from spotrep.geo import Entry, name_key
from spotrep.geo.normalize import articles
from spotrep.records import Feature

RELABEL_LABELS = frozenset({"ORG", "PERSON", "PRODUCT", "WORK_OF_ART", "EVENT"})

RELABEL_MIN_POPULATION = 50_000
"""A name the model did not call a place is taken as a town only if the town is this big."""

CUED_MIN_POPULATION = 5_000
"""A name after "in"/"from"... that the model called PERSON/ORG may name a smaller town."""

EMBEDDED_MIN_POPULATION = 5_000
"""A town that opens an institution's name ("Henderson Police Department") may be small."""

COUNTY_WORDS = frozenset({"county", "parish"})
"""Division words whose division rarely shares its namesake town's place: a county we do not
know is left unresolved rather than read as a town of the same name."""

FEATURES: dict[str, Feature] = {
    f: f for f in ("country", "admin1", "admin2", "populated_place", "region", "facility", "other")
}

_DIVISIONS = frozenset({"admin1", "admin2", "region"})

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


def weak_toponyms(
    doc: Doc, res: PlaceResources, strong: Sequence[PlaceMention]
) -> list[PlaceMention]:
    """Names that may be local places but that the model did not call places: a town that
    opens an organisation's name ("Roselle police", "Lombard Historical Society"), a name the
    model called a person or left untagged after "in"/"of"/"from" ("in Parkers Prairie"), an
    upper-case dateline ("HUDSON --"). Kept only where they fit the article's area
    (``local_readings``)."""
    taken = Ranges((m.start, m.end) for m in strong)
    found: list[PlaceMention] = []
    surnames = _surnames(doc)

    def add(span: SpacySpan, upper: bool = False) -> None:
        if taken.overlaps(span.start_char, span.end_char):
            return
        for n in range(min(WEAK_MAX_WORDS, len(span)), 0, -1):
            head = span[:n]
            if not all(t.is_title or (upper and t.is_upper and t.is_alpha) for t in head):
                continue
            key = name_key(head.text)
            candidates = res.gazetteer.lookup(key)
            if candidates:
                candidates = towns_first(candidates) if upper else candidates
                found.append(PlaceMention(head.start_char, head.end_char, key, candidates))
                taken.add(head.start_char, head.end_char)
                return

    for ent in doc.ents:
        span = _trimmed(ent)
        if span is None:
            continue
        if ent.label_ == "GPE" and len(span) <= WEAK_MAX_WORDS and not _adjectival(span):
            # An unknown GPE: perhaps a village spelt another way (``local_readings``).
            if not taken.overlaps(span.start_char, span.end_char):
                found.append(PlaceMention(span.start_char, span.end_char, name_key(span.text), ()))
                taken.add(span.start_char, span.end_char)
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
            and not taken.overlaps(span.start_char, span.end_char)
        ):
            # Conflict towns the model reads as people ("raided Gwoza and Damboa"): only a
            # town of the division the article is about (or, for a transliterated name, its
            # nearest spelling there).
            key = name_key(span.text)
            candidates = res.gazetteer.lookup(key)
            if candidates or _transliterated(span):
                mention = PlaceMention(span.start_char, span.end_char, key, candidates, strict=True)
                found.append(mention)
                taken.add(span.start_char, span.end_char)
    for token in doc:
        if token.ent_type_ or not (token.is_title or token.is_upper) or not token.is_alpha:
            continue
        prev = doc[token.i - 1] if token.i > 0 else None
        dateline = token.is_upper and dateline_at(doc, token.i) is not None
        cued = prev is not None and prev.lower_ in res.cues.locative and not prev.is_title
        # "Gwoza and Damboa": a name joined to a place named just before it.
        listed = (
            prev is not None
            and prev.lower_ in ("and", "or", ",")
            and token.i >= 2
            and taken.holds(doc[token.i - 2].idx)
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


def find_toponyms(doc: Doc, res: PlaceResources) -> list[PlaceMention]:
    found = [m for m in (_entity_mention(ent, res) for ent in doc.ents) if m is not None]
    found.extend(_spotted(doc, res))
    taken = Ranges((m.start, m.end) for m in found)
    found.extend(m for m in _datelines(doc, res) if not taken.overlaps(m.start, m.end))
    surnames = _surnames(doc)
    if surnames:
        found = [m for m in found if not _is_surname(doc, m, surnames)]
    found = [_as_settlement(doc, m, res) for m in found]
    return sorted(found, key=lambda m: m.start)


def _as_settlement(doc: Doc, m: PlaceMention, res: PlaceResources) -> PlaceMention:
    """A name the text calls a village or town ("the village of Sousa", "al-Susa, a village
    in...") read only as a populated place: not Susa, the province of Azerbaijan. A dateline
    names the town a report was filed from: "KIDAL, Mali -" is the town, not the region of
    the same name (a country stays a country: "NIGERIA:")."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return m
    if _called_settlement(span, res):
        towns = tuple(e for e in m.candidates if e.feature == "populated_place")
        return dataclasses.replace(m, candidates=towns, division=False)
    if _dateline_town(span) and not m.division:
        return dataclasses.replace(m, candidates=towns_first(m.candidates))
    return m


def towns_first(candidates: tuple[Entry, ...]) -> tuple[Entry, ...]:
    """The readings of a dateline's town: not a division that has a town of the same name in
    its country (Kidal, Lagos, New York); a division with no namesake town there ("BORNO,
    Nigeria") and countries stay."""
    towns = {e.cc for e in candidates if e.feature == "populated_place"}
    return tuple(e for e in candidates if e.feature not in _DIVISIONS or e.cc not in towns)


def _called_settlement(span: SpacySpan, res: PlaceResources) -> bool:
    doc, j = span.doc, span.end
    towns = res.cues.settlement - res.cues.division
    before = _follows_of(span, towns)
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


def _is_surname(doc: Doc, m: PlaceMention, surnames: frozenset[str]) -> bool:
    span = doc.char_span(m.start, m.end)
    if span is None or len(span) != 1 or span.text not in surnames:
        return False
    if any(e.feature in ("country", "admin1") for e in m.candidates):
        return False  # "Jordan", "Georgia": the country or state is named too often to yield
    # "of Fairfield, Texas" is still the town.
    following = doc[span.end : span.end + 2]
    return not (len(following) == 2 and following[0].text == "," and following[1].ent_type_)


def _entity_mention(ent: SpacySpan, res: PlaceResources) -> PlaceMention | None:
    span = _trimmed(ent)
    if span is None:
        return None
    if ent.label_ in PLACE_ENTS:
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
        if mention is not None and not mention.candidates and dateline_of(ent[0]) is not None:
            return None  # "MWANZA - Regional Stadium": the label was the town's
        return mention
    if ent.label_ not in RELABEL_LABELS:
        return None
    return (
        _relabelled(span, res, person=ent.label_ == "PERSON")
        or _landmark(span, res)
        or (_county_head(span, res) or _embedded(span, res) if ent.label_ == "ORG" else None)
    )


def _spotted(doc: Doc, res: PlaceResources) -> Iterator[PlaceMention]:
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
    return root.dep_ == "nsubj" and root.head.pos_ in VERB_POS and root.head.lemma_ != "be"


def _trimmed(ent: SpacySpan) -> SpacySpan | None:
    """The entity without a leading "the" or a trailing possessive or punctuation, and from
    after the dateline it runs across ("MWANZA - Regional Stadium": the town is the
    dateline's own mention)."""
    start, end = clipped(ent.doc, ent.start, ent.end)
    while start < end and ent.doc[start].lower_ == "the":
        start += 1
    while end > start and (ent.doc[end - 1].is_punct or ent.doc[end - 1].lower_ in ("'s", "’s")):
        end -= 1
    return ent.doc[start:end] if end > start else None


def _adjectival(span: SpacySpan) -> bool:
    """A one-word name used as an adjective is a demonym ("Syrian"), not a place."""
    return len(span) == 1 and span[0].tag_ in ("JJ", "JJR", "JJS", "NNPS")


def _place_mention(span: SpacySpan, res: PlaceResources, fuzzy: bool) -> PlaceMention | None:
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
            return PlaceMention(span.start_char, span.end_char, key, shorter, division=True)
    if division:
        # "Laurel County" where the model's entity stopped at "Laurel": the county, if we know it.
        longer = res.gazetteer.lookup(f"{key} {_next_lower(span)}")
        if longer:
            end = span.doc[span.end].idx + len(span.doc[span.end])
            return PlaceMention(span.start_char, end, f"{key} {_next_lower(span)}", longer, True)
    if _next_lower(span) in res.cues.landmark:
        # "the Zilkan base", "Rukban camp": the curated facility named with the word after.
        longer = res.gazetteer.lookup(f"{key} {_next_lower(span)}")
        if longer:
            end = span.doc[span.end].idx + len(span.doc[span.end])
            return PlaceMention(span.start_char, end, f"{key} {_next_lower(span)}", longer)
    candidates = res.gazetteer.lookup(key)
    if (
        division
        and _next_lower(span) in COUNTY_WORDS
        and not any(e.feature in _DIVISIONS for e in candidates)
    ):
        # "Walker County" that we do not know: a county, not its namesake town elsewhere.
        end = span.doc[span.end].idx + len(span.doc[span.end])
        return PlaceMention(span.start_char, end, f"{key} {_next_lower(span)}", (), True)
    if not candidates and len(words) > 1 and words[0] in res.cues.direction:
        # "North Texas", "southern Idlib": a part of the named place.
        part = res.gazetteer.lookup(" ".join(words[1:]))
        if part:
            return PlaceMention(span.start_char, span.end_char, key, part, division, part=True)
    if not candidates and fuzzy and len(words) <= 2 and words[-1] not in res.cues.division:
        near = res.gazetteer.fuzzy_key(key)
        if near is not None and not (near.startswith(key) or key.startswith(near)):
            found = res.gazetteer.lookup(near)
            return PlaceMention(span.start_char, span.end_char, key, found, division,
                                near_miss=True)
    return PlaceMention(span.start_char, span.end_char, key, candidates, division)


def _next_lower(span: SpacySpan) -> str:
    return span.doc[span.end].lower_ if span.end < len(span.doc) else ""


def _relabelled(span: SpacySpan, res: PlaceResources, person: bool) -> PlaceMention | None:
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
    if _dateline_town(span):
        found = towns_first((*found, *_namesake_capitals(res.gazetteer.lookup(key))))
    if not found:
        return None
    division = _next_lower(span) in res.cues.division
    part = previous in res.cues.direction
    return PlaceMention(span.start_char, span.end_char, key, found, division, part=part)


def _named_settlement(span: SpacySpan, res: PlaceResources) -> bool:
    """Whether the name follows "the town of", "the village of", "the province of"..."""
    return _follows_of(span, res.cues.settlement)


def _follows_of(span: SpacySpan, nouns: frozenset[str]) -> bool:
    """Whether the name comes after one of ``nouns`` and "of" ("the town of X")."""
    doc, i = span.doc, span.start
    return i >= 2 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in nouns

def _datelines(doc: Doc, res: PlaceResources) -> Iterator[PlaceMention]:
    """The towns of the datelines (``dateline``: "HUDSON --", "SEVIERVILLE, Tenn.",
    "WASHINGTON (AP)"): by convention the place a report was filed from, whatever the model
    tagged them, if the gazetteer knows the name ("NOTE --" is no place)."""
    for found in datelines(doc):
        span = doc[found.start : found.town_end]
        key = name_key(span.text)
        candidates = towns_first(res.gazetteer.lookup(key))
        if candidates:
            yield PlaceMention(span.start_char, span.end_char, key, candidates)


def _dateline(span: SpacySpan) -> bool:
    """Whether an upper-case name opening a line is a dateline's town ("BEIRUT:",
    "SEVIERVILLE, Tenn."). After a headline's full stop ("... in lake. HUDSON --") it is
    only weak evidence (``weak_toponyms``): the town must fit the article's area."""
    doc = span.doc
    opens = span.start == 0 or "\n" in doc[span.start - 1].text_with_ws
    found = dateline_at(doc, span.start) if opens else None
    return found is not None and found.town_end == span.end


def _dateline_town(span: SpacySpan) -> bool:
    """Whether the name is a dateline's town, after a headline's full stop too ("Convoy hit.
    GAO --"): the town a report was filed from, whatever else the name may be read as."""
    found = dateline_of(span[0]) if len(span) else None
    return found is not None and (found.start, found.town_end) == (span.start, span.end)


def _embedded(span: SpacySpan, res: PlaceResources) -> PlaceMention | None:
    """The place in an institution's name: "Dublin City Council", "University of Kentucky"."""
    return _embedded_head(span, res) or _embedded_tail(span, res)


def _embedded_tail(span: SpacySpan, res: PlaceResources) -> PlaceMention | None:
    """The place after the last "of": "University of Kentucky", "Bank of England"."""
    tail = _of_tail(span)
    if tail is None:
        return None
    key = name_key(tail.text)
    # A town here must fit the article's area ("Chamber of Commerce" is no town in Texas):
    # ``weak_toponyms`` offers it to ``local_readings``.
    found = tuple(
        e for e in res.gazetteer.lookup(key) if _embeddable(e) and e.feature != "populated_place"
    )
    return PlaceMention(tail.start_char, tail.end_char, key, found) if found else None


def _of_tail(span: SpacySpan) -> SpacySpan | None:
    """The title-case words after the last "of" of a name ("Bank of England" -> "England")."""
    ofs = [t.i for t in span if t.lower_ == "of"]
    if not ofs or ofs[-1] == span.start or ofs[-1] + 1 >= span.end:
        return None
    tail = span.doc[ofs[-1] + 1 : span.end]
    return tail if all(t.is_title for t in tail) else None


def _embedded_head(span: SpacySpan, res: PlaceResources) -> PlaceMention | None:
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
            return PlaceMention(head.start_char, head.end_char, key, found)
    return None


def _division_head(span: SpacySpan, res: PlaceResources) -> PlaceMention | None:
    """The division that opens a longer name: "Henderson County" in "Henderson County
    Sheriff's"."""
    for n in range(1, len(span) - 1):
        if span[n].lower_ in res.cues.division and all(t.is_title for t in span[: n + 1]):
            head = _place_mention(span[: n + 1], res, fuzzy=False)
            return head if head is not None and head.candidates else None
    return None


def _county_head(span: SpacySpan, res: PlaceResources) -> PlaceMention | None:
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


def _possessor(span: SpacySpan, res: PlaceResources) -> PlaceMention | None:
    """The place that owns a landmark's name: "Dakar" in "Dakar's Place de l'Obelisque"."""
    mark = next((t.i for t in span[1:-1] if t.lower_ in ("'s", "’s")), None)
    if mark is None:
        return None
    head = span.doc[span.start : mark]
    key = name_key(head.text)
    found = tuple(e for e in res.gazetteer.lookup(key) if _embeddable(e))
    return PlaceMention(head.start_char, head.end_char, key, found) if found else None


def _embeddable(e: Entry) -> bool:
    if e.feature == "populated_place":
        return e.main and e.population >= EMBEDDED_MIN_POPULATION
    return e.feature in ("country", "admin1", "admin2", "region")


def _namesake_capitals(candidates: tuple[Entry, ...]) -> tuple[Entry, ...]:
    """The towns known by the name of a first-level division holding them only as another
    name ("Hama" for Hamah, the seat of Hama province): a dateline's "HAMA" is the town. A
    county's namesake is left out: many towns go by their county's name."""
    divisions = {(e.cc, e.admin1) for e in candidates if e.feature == "admin1"}
    return tuple(e for e in candidates if e.feature == "populated_place" and not e.main
                 and (e.cc, e.admin1) in divisions)


def _relabel_worthy(e: Entry, least: int) -> bool:
    if e.feature == "populated_place":
        return e.main and e.population >= least
    return e.feature in ("country", "admin1", "region")


def _landmark(span: SpacySpan, res: PlaceResources) -> PlaceMention | None:
    """A street, building or natural feature the model called ORG/PERSON ("Royal Street")."""
    if len(span) < 2 or span[-1].lower_ not in res.cues.landmark:
        return None
    if not all(t.is_title or t.like_num or t.is_stop for t in span):
        return None
    key = name_key(span.text)
    return PlaceMention(span.start_char, span.end_char, key, res.gazetteer.lookup(key))
