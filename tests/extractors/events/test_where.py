"""Event placement (``events.where.event_place``) on hand-parsed Docs and hand-made places.

Each case is a sentence as (word, head, dep, pos, entity) rows, the toponyms found in it with
their gazetteer reading, and the word the event is anchored on.
"""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from hand_docs import parsed_doc
from spotrep.extractors import claims, places
from spotrep.extractors.events.where import event_place, load_placement
from spotrep.records import Place, Span

PLACEMENT = load_placement(places.read_cues(), claims.speech_verbs(claims.load()))


Row = tuple[str, int, str, str, str]
Reading = tuple[str, str, str]
"""A toponym's words as they appear, its feature and its country code."""


def parse(rows: list[Row]) -> Doc:
    """A Doc from (word, head index, dep, pos, IOB entity) rows; a "\\n" word breaks a line."""
    words = [w for w, *_ in rows]
    spaces = [
        i + 1 < len(words) and w != "\n" and words[i + 1] not in (",", ".", "'s", "\n", ":")
        for i, w in enumerate(words)
    ]
    return parsed_doc(
        words=words, spaces=spaces, heads=[r[1] for r in rows],
        deps=[r[2] for r in rows], pos=[r[3] for r in rows], lemmas=[w.lower() for w in words],
        ents=[r[4] for r in rows],
    )


def places_in(doc: Doc, readings: list[Reading]) -> list[Place]:
    """Resolved places for the given toponyms (first occurrence of each in the text)."""
    found = []
    for words, feature, country in readings:
        start = doc.text.index(words)
        span = Span.of(doc.text, start, start + len(words))
        name = words.title() if words.isupper() else words
        found.append(Place(words, span, name, 1, feature, country, None, 1.0, 1.0, None))  # type: ignore[arg-type]
    return found


def placed(rows: list[Row], readings: list[Reading], anchor: str) -> Place | None:
    """Where the event anchored on the first ``anchor`` word happened; the whole text is one
    sentence and one paragraph unless a "\\n" word breaks it."""
    doc = parse(rows)
    text = doc.text
    at = text.index(anchor)
    lo = text.rfind("\n", 0, at) + 1
    hi = text.find("\n", at)
    hi = len(text) if hi < 0 else hi
    return event_place(PLACEMENT, places_in(doc, readings), lo, hi, lo, hi, doc=doc, anchor=at)


# "ISLAMABAD (GWS) - A blast in Peshawar killed four": the dateline is where the report was
# filed, the sentence says where the blast was.
DATELINE_AND_TOWN = [
    ("ISLAMABAD", 7, "npadvmod", "PROPN", "B-GPE"), ("(", 2, "punct", "PUNCT", "O"),
    ("GWS", 0, "appos", "PROPN", "B-ORG"), (")", 2, "punct", "PUNCT", "O"),
    ("-", 7, "punct", "PUNCT", "O"), ("A", 6, "det", "DET", "O"),
    ("blast", 9, "nsubj", "NOUN", "O"), ("in", 6, "prep", "ADP", "O"),
    ("Peshawar", 7, "pobj", "PROPN", "B-GPE"), ("killed", 9, "ROOT", "VERB", "O"),
    ("four", 9, "dobj", "NUM", "O"),
]
# "PESHAWAR: A blast killed four": only the dateline names a town.
DATELINE_ONLY = [
    ("PESHAWAR", 4, "npadvmod", "PROPN", "B-GPE"), (":", 4, "punct", "PUNCT", "O"),
    ("A", 3, "det", "DET", "O"), ("blast", 4, "nsubj", "NOUN", "O"),
    ("killed", 4, "ROOT", "VERB", "O"), ("four", 4, "dobj", "NUM", "O"),
]
# "Peshawar: A blast killed four": a name in title case opening a line is no dateline.
TITLE_CASE_OPENING = [("Peshawar", *DATELINE_ONLY[0][1:]), *DATELINE_ONLY[1:]]
# "PESHAWAR _ A blast killed four": wire copy's underscore closes a dateline too.
UNDERSCORE_DATELINE = [DATELINE_ONLY[0], ("_", *DATELINE_ONLY[1][1:]), *DATELINE_ONLY[2:]]
# "Four killed. PESHAWAR: A blast killed four": a dateline after a headline's full stop.
AFTER_HEADLINE = [
    ("Four", 1, "nsubj", "NUM", "O"), ("killed", 1, "ROOT", "VERB", "O"),
    (".", 1, "punct", "PUNCT", "O"),
    *((w, head + 3, dep, pos, ent) for w, head, dep, pos, ent in DATELINE_ONLY),
]
# "ISLAMABAD - A blast in Peshawar wounded two. \n Four were killed": the second paragraph names
# no place; the article's focus is the town of the report, not its dateline.
FOCUS_NOT_DATELINE = [
    ("ISLAMABAD", 6, "npadvmod", "PROPN", "B-GPE"), ("-", 6, "punct", "PUNCT", "O"),
    ("A", 3, "det", "DET", "O"), ("blast", 6, "nsubj", "NOUN", "O"),
    ("in", 3, "prep", "ADP", "O"), ("Peshawar", 4, "pobj", "PROPN", "B-GPE"),
    ("wounded", 6, "ROOT", "VERB", "O"), ("two", 6, "dobj", "NUM", "O"),
    (".", 6, "punct", "PUNCT", "O"), ("\n", 8, "dep", "SPACE", "O"),
    ("Four", 12, "nsubjpass", "NUM", "O"), ("were", 12, "auxpass", "AUX", "O"),
    ("killed", 12, "ROOT", "VERB", "O"),
]
# "KABUL, Afghanistan - A blast killed four": the dateline's country is where the report was
# filed from too, no place the sentence states: the dateline's town places the event.
DATELINE_COUNTRY = [
    ("KABUL", 6, "npadvmod", "PROPN", "B-GPE"), (",", 0, "punct", "PUNCT", "O"),
    ("Afghanistan", 0, "appos", "PROPN", "B-GPE"), ("-", 6, "punct", "PUNCT", "O"),
    ("A", 5, "det", "DET", "O"), ("blast", 6, "nsubj", "NOUN", "O"),
    ("killed", 6, "ROOT", "VERB", "O"), ("four", 6, "dobj", "NUM", "O"),
]
# "KABUL - A blast in Afghanistan killed four": a country the body states places the event
# there; a capital's dateline does not make it the capital (its reporters cover the country).
BODY_COUNTRY = [
    ("KABUL", 6, "npadvmod", "PROPN", "B-GPE"), ("-", 6, "punct", "PUNCT", "O"),
    ("A", 3, "det", "DET", "O"), ("blast", 6, "nsubj", "NOUN", "O"),
    ("in", 3, "prep", "ADP", "O"), ("Afghanistan", 4, "pobj", "PROPN", "B-GPE"),
    ("killed", 6, "ROOT", "VERB", "O"), ("four", 6, "dobj", "NUM", "O"),
]
# "A bomber struck a crowd in Mogadishu's Hodan district": a possessive that holds a place
# is a location, unlike "Mogadishu's claims" (its government).
POSSESSIVE_DISTRICT = [
    ("A", 1, "det", "DET", "O"), ("bomber", 2, "nsubj", "NOUN", "O"),
    ("struck", 2, "ROOT", "VERB", "O"), ("a", 4, "det", "DET", "O"),
    ("crowd", 2, "dobj", "NOUN", "O"), ("in", 4, "prep", "ADP", "O"),
    ("Mogadishu", 9, "poss", "PROPN", "B-GPE"), ("'s", 6, "case", "PART", "O"),
    ("Hodan", 9, "compound", "PROPN", "B-GPE"), ("district", 5, "pobj", "NOUN", "O"),
]
# "A rally at Dakar's Place de l'Obelisque": a possessive that holds a named landmark.
POSSESSIVE_LANDMARK = [
    ("A", 1, "det", "DET", "O"), ("rally", 1, "ROOT", "NOUN", "O"),
    ("at", 1, "prep", "ADP", "O"), ("Dakar", 6, "poss", "PROPN", "B-FAC"),
    ("'s", 3, "case", "PART", "I-FAC"), ("Place", 6, "compound", "PROPN", "I-FAC"),
    ("Obelisque", 2, "pobj", "PROPN", "I-FAC"),
]
POSSESSIVE_CLAIMS = [
    ("Gunmen", 1, "nsubj", "NOUN", "O"), ("rejected", 1, "ROOT", "VERB", "O"),
    ("Mogadishu", 4, "poss", "PROPN", "B-GPE"), ("'s", 2, "case", "PART", "O"),
    ("claims", 1, "dobj", "NOUN", "O"),
]
# "Syria's Deir ez-Zor province was hit": the province, not the country that holds it.
PROVINCE_OF_COUNTRY = [
    ("Syria", 4, "poss", "PROPN", "B-GPE"), ("'s", 0, "case", "PART", "O"),
    ("Deir", 4, "compound", "PROPN", "B-GPE"), ("ez-Zor", 4, "compound", "PROPN", "I-GPE"),
    ("province", 6, "nsubjpass", "NOUN", "O"), ("was", 6, "auxpass", "AUX", "O"),
    ("hit", 6, "ROOT", "VERB", "O"),
]
# "They reported a riot in which youths burned a post in Dakar": a clause on the event's own
# noun says where it was.
CLAUSE_ON_THE_EVENT = [
    ("They", 1, "nsubj", "PRON", "O"), ("reported", 1, "ROOT", "VERB", "O"),
    ("a", 3, "det", "DET", "O"), ("riot", 1, "dobj", "NOUN", "O"),
    ("in", 7, "prep", "ADP", "O"), ("which", 4, "pobj", "PRON", "O"),
    ("youths", 7, "nsubj", "NOUN", "O"), ("burned", 3, "relcl", "VERB", "O"),
    ("a", 9, "det", "DET", "O"), ("post", 7, "dobj", "NOUN", "O"),
    ("in", 7, "prep", "ADP", "O"), ("Dakar", 10, "pobj", "PROPN", "B-GPE"),
]
# "Rebels, who are based in Goma, attacked Sake": the clause describes the rebels.
CLAUSE_ON_THE_ACTOR = [
    ("Rebels", 8, "nsubj", "NOUN", "O"), (",", 0, "punct", "PUNCT", "O"),
    ("who", 4, "nsubjpass", "PRON", "O"), ("are", 4, "auxpass", "AUX", "O"),
    ("based", 0, "relcl", "VERB", "O"), ("in", 4, "prep", "ADP", "O"),
    ("Goma", 5, "pobj", "PROPN", "B-GPE"), (",", 0, "punct", "PUNCT", "O"),
    ("attacked", 8, "ROOT", "VERB", "O"), ("Sake", 8, "dobj", "PROPN", "B-GPE"),
]
# "Kidnappers who seized villagers in Chafe, Zamfara State, called": a place in apposition to
# a place says where it lies, not who someone is.
PLACE_IN_APPOSITION = [
    ("Kidnappers", 10, "nsubj", "NOUN", "O"), ("who", 2, "nsubj", "PRON", "O"),
    ("seized", 0, "relcl", "VERB", "O"), ("villagers", 2, "dobj", "NOUN", "O"),
    ("in", 3, "prep", "ADP", "O"), ("Chafe", 4, "pobj", "PROPN", "B-GPE"),
    (",", 5, "punct", "PUNCT", "O"), ("Zamfara", 8, "compound", "PROPN", "B-GPE"),
    ("State", 5, "appos", "PROPN", "I-GPE"), (",", 10, "punct", "PUNCT", "O"),
    ("called", 10, "ROOT", "VERB", "O"),
]

# the parser made the capital the subject: named as "the capital Tripoli" it is a place
CLASSED_CAPITAL: list[Row] = [
    ("Groups", 5, "nsubj", "NOUN", "O"), ("in", 0, "prep", "ADP", "O"),
    ("the", 3, "det", "DET", "O"), ("capital", 1, "pobj", "NOUN", "O"),
    ("Tripoli", 5, "nsubj", "PROPN", "B-GPE"), ("agreed", 5, "ROOT", "VERB", "O"),
    ("to", 5, "prep", "ADP", "O"), ("a", 8, "det", "DET", "O"),
    ("ceasefire", 6, "pobj", "NOUN", "O"), (".", 5, "punct", "PUNCT", "O"),
]
CAPITAL_ACTS: list[Row] = [
    ("Tripoli", 1, "nsubj", "PROPN", "B-GPE"), ("agreed", 1, "ROOT", "VERB", "O"),
    ("to", 1, "prep", "ADP", "O"), ("a", 4, "det", "DET", "O"),
    ("ceasefire", 2, "pobj", "NOUN", "O"), (".", 1, "punct", "PUNCT", "O"),
]

# "Rockets hit an outpost, officials in Ankara say": where the source is, not the event.
SOURCE_IN_CAPITAL = [
    ("Rockets", 1, "nsubj", "NOUN", "O"), ("hit", 8, "ccomp", "VERB", "O"),
    ("an", 3, "det", "DET", "O"), ("outpost", 1, "dobj", "NOUN", "O"),
    (",", 8, "punct", "PUNCT", "O"), ("officials", 8, "nsubj", "NOUN", "O"),
    ("in", 5, "prep", "ADP", "O"), ("Ankara", 6, "pobj", "PROPN", "B-GPE"),
    ("say", 8, "ROOT", "VERB", "O"),
]
# "Rockets hit an outpost, the spokesman tell(s) reporters in Ankara".
AUDIENCE_IN_CAPITAL = [
    ("Rockets", 1, "nsubj", "NOUN", "O"), ("hit", 7, "ccomp", "VERB", "O"),
    ("an", 3, "det", "DET", "O"), ("outpost", 1, "dobj", "NOUN", "O"),
    (",", 7, "punct", "PUNCT", "O"), ("the", 6, "det", "DET", "O"),
    ("spokesman", 7, "nsubj", "NOUN", "O"), ("tell", 7, "ROOT", "VERB", "O"),
    ("reporters", 7, "dobj", "NOUN", "O"), ("in", 8, "prep", "ADP", "O"),
    ("Ankara", 9, "pobj", "PROPN", "B-GPE"),
]

TOWN: str = "populated_place"


@pytest.mark.parametrize(
    ("rows", "readings", "anchor", "expected"),
    [
        (DATELINE_AND_TOWN, [("ISLAMABAD", TOWN, "PK"), ("Peshawar", TOWN, "PK")], "blast",
         ("Peshawar", 1)),
        # the dateline alone: the article's focus, precision 2
        (DATELINE_ONLY, [("PESHAWAR", TOWN, "PK")], "blast", ("PESHAWAR", 2)),
        (TITLE_CASE_OPENING, [("Peshawar", TOWN, "PK")], "blast", ("Peshawar", 1)),
        (UNDERSCORE_DATELINE, [("PESHAWAR", TOWN, "PK")], "blast", ("PESHAWAR", 2)),
        (AFTER_HEADLINE, [("PESHAWAR", TOWN, "PK")], "blast", ("PESHAWAR", 2)),
        (FOCUS_NOT_DATELINE, [("ISLAMABAD", TOWN, "PK"), ("Peshawar", TOWN, "PK")], "killed",
         ("Peshawar", 2)),
        (DATELINE_COUNTRY, [("KABUL", TOWN, "AF"), ("Afghanistan", "country", "AF")], "blast",
         ("KABUL", 2)),
        (BODY_COUNTRY, [("KABUL", TOWN, "AF"), ("Afghanistan", "country", "AF")], "blast",
         ("Afghanistan", 3)),
        (POSSESSIVE_DISTRICT, [("Mogadishu", TOWN, "SO")], "struck", ("Mogadishu", 1)),
        (POSSESSIVE_CLAIMS, [("Mogadishu", TOWN, "SO")], "rejected", None),
        (POSSESSIVE_LANDMARK, [("Dakar", TOWN, "SN")], "rally", ("Dakar", 1)),
        (PROVINCE_OF_COUNTRY, [("Syria", "country", "SY"), ("Deir ez-Zor", "admin1", "SY")],
         "hit", ("Deir ez-Zor", 3)),
        (CLAUSE_ON_THE_EVENT, [("Dakar", TOWN, "SN")], "riot", ("Dakar", 1)),
        (CLAUSE_ON_THE_ACTOR, [("Goma", TOWN, "CD"), ("Sake", TOWN, "CD")], "attacked",
         ("Sake", 1)),
        # with no other place, a town in a clause on someone else is a last resort
        (CLAUSE_ON_THE_ACTOR, [("Goma", TOWN, "CD")], "attacked", ("Goma", 2)),
        # ... but not its province: more often where someone comes from or operates
        (CLAUSE_ON_THE_ACTOR, [("Goma", "admin1", "CD")], "attacked", None),
        (PLACE_IN_APPOSITION, [("Zamfara State", "admin1", "NG")], "seized",
         ("Zamfara State", 3)),
        # officials or a briefing in a capital say where the source is
        (SOURCE_IN_CAPITAL, [("Ankara", TOWN, "TR")], "hit", None),
        (AUDIENCE_IN_CAPITAL, [("Ankara", TOWN, "TR")], "hit", None),
        # ... but police or officials in a town are usually where the event was
        ([(w if w != "Ankara" else "Gusau", *rest) for w, *rest in SOURCE_IN_CAPITAL],
         [("Gusau", TOWN, "NG")], "hit", ("Gusau", 1)),
        (CLASSED_CAPITAL, [("Tripoli", TOWN, "LY")], "agreed", ("Tripoli", 1)),
        (CAPITAL_ACTS, [("Tripoli", TOWN, "LY")], "agreed", None),  # its government
    ],
)
def test_event_place(
    rows: list[Row], readings: list[Reading], anchor: str, expected: tuple[str, int] | None
) -> None:
    got = placed(rows, readings, anchor)
    assert (got and (got.text, got.precision)) == expected
