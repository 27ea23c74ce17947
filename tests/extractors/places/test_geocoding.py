"""Place mentions and their geocodes, on hand-built Docs and a small gazetteer index."""

from __future__ import annotations

import math
from collections import Counter

import pytest
import spacy
from spacy.tokens import Doc

from hand_docs import parsed_doc
from spotrep.extractors import claims, places
from spotrep.extractors.events.where import event_place, load_placement
from spotrep.extractors.places import PlaceResources, find_places, resources_for
from spotrep.extractors.places.readings import (
    PlaceMention,
    _context,
    _nested,
    _shared_division,
    _without_strays,
    division_support,
)
from spotrep.geo import Entry, Gazetteer, build_index
from spotrep.pipeline import Pipeline, load_pipeline
from spotrep.records import Place, Span

PLACEMENT = load_placement(places.read_cues(), claims.speech_verbs(claims.load()))

NO_SPACE_BEFORE = {",", ".", "'s"}
ENGLISH = spacy.blank("en")  # English lexical attributes (lower_, is_title) without a model


@pytest.fixture(scope="session")
def res(tmp_path_factory: pytest.TempPathFactory) -> PlaceResources:
    """Places over an index of towns of 15,000+ people (shared with tests/geo, built once)."""
    path = tmp_path_factory.getbasetemp() / "gazetteer-small.sqlite"
    if not path.exists():
        build_index(path, city_file="cities15000.json")
    return resources_for(Gazetteer.open(path))


def make_doc(
    text: str, ents: list[tuple[int, int, str]], tags: dict[int, str] | None = None
) -> Doc:
    """A Doc of ``text`` split on spaces, with entities ``(first, end, label)`` over tokens."""
    words = text.split(" ")
    spaces = [i + 1 < len(words) and words[i + 1] not in NO_SPACE_BEFORE for i in range(len(words))]
    iob = ["O"] * len(words)
    for first, end, label in ents:
        iob[first : end] = [f"B-{label}"] + [f"I-{label}"] * (end - first - 1)
    tag_list = [
        (tags or {}).get(i, "NNP" if w[:1].isupper() else "NN") for i, w in enumerate(words)
    ]
    return parsed_doc(words=words, spaces=spaces, ents=iob, tags=tag_list)


def summary(places: tuple[Place, ...]) -> list[tuple[str | None, str, str | None]]:
    return [(p.text, p.feature, p.country) for p in places]


CASES = [
    ("Rockets hit Deir ez-Zor today .", [(2, 4, "GPE")], None,
     [("Deir ez-Zor", "populated_place", "SY")]),
    ("Shelling near Deir ez-Zur went on", [(2, 4, "GPE")], None,
     [("Deir ez-Zur", "populated_place", "SY")]),
    ("Troops left Kharkov today", [(2, 3, "GPE")], None, [("Kharkov", "populated_place", "UA")]),
    ("Syrian officials spoke .", [(0, 1, "NORP")], None, []),
    ("Syrian officials spoke .", [(0, 1, "GPE")], {0: "JJ"}, []),
    ("Syrian officials spoke .", [(0, 1, "GPE")], None, []),
    ("Jordan said no .", [(0, 1, "PERSON")], None, []),
    ("He flew to Jordan .", [(3, 4, "PERSON")], None, [("Jordan", "country", "JO")]),
    ("Shelling hit Mariupol again", [(2, 3, "ORG")], None,
     [("Mariupol", "populated_place", "UA")]),
    ("Smith works at Acme", [(3, 4, "ORG")], None, []),
    ("Clashes in Afrin today", [(2, 3, "ORG")], None, [("Afrin", "populated_place", "SY")]),
    ("Afrin won today", [(0, 1, "ORG")], None, []),
    ("Rebels took the town of Afrin near Aleppo", [(5, 6, "ORG"), (7, 8, "GPE")], None,
     [("Afrin", "populated_place", "SY"), ("Aleppo", "populated_place", "SY")]),
    ("Rebels took the town of Afrin today", [(5, 6, "ORG")], None, []),
    # A name the text calls a village is no province of the same name.
    ("Jets hit Idlib , a village near Aleppo", [(2, 3, "GPE"), (7, 8, "GPE")], None,
     [("Idlib", "populated_place", "SY"), ("Aleppo", "populated_place", "SY")]),
    ("Rebels met the leader of Afrin today", [(5, 6, "ORG")], None, []),
    ("He lives in Alexandria , La. now", [(3, 4, "GPE"), (5, 6, "GPE")], None,
     [("Alexandria", "populated_place", "US"), ("La.", "admin1", "US")]),
    ("Alexandria is old", [(0, 1, "GPE")], None, [("Alexandria", "populated_place", "EG")]),
    ("Georgia , Atlanta and Savannah", [(0, 1, "GPE"), (2, 3, "GPE"), (4, 5, "GPE")], None,
     [("Georgia", "admin1", "US"), ("Atlanta", "populated_place", "US"),
      ("Savannah", "populated_place", "US")]),
    ("Georgia and Tbilisi and Russia", [(0, 1, "GPE"), (2, 3, "GPE"), (4, 5, "GPE")], None,
     [("Georgia", "country", "GE"), ("Tbilisi", "populated_place", "GE"),
      ("Russia", "country", "RU")]),
    ("Fighting in Idlib province", [(2, 3, "GPE")], None, [("Idlib", "admin1", "SY")]),
    ("Fighting in Idlib governorate", [(2, 3, "GPE")], None, [("Idlib", "admin1", "SY")]),
    ("Fighting in Idlib city", [(2, 3, "GPE")], None, [("Idlib", "populated_place", "SY")]),
    ("Boone County officials met", [(0, 2, "GPE")], None, [("Boone County", "admin2", "US")]),
    ("Zzyzx County officials met", [(0, 2, "GPE")], None, [("Zzyzx County", "other", None)]),
    ("Laurel County officials met", [(0, 1, "GPE")], None, [("Laurel County", "admin2", "US")]),
    ("Florida beaches", [(0, 1, "GPE")], None, [("Florida", "admin1", "US")]),
    ("They moved to North Texas", [(3, 5, "LOC")], None, [("North Texas", "admin1", "US")]),
    ("the South Sudan border", [(1, 3, "GPE")], None, [("South Sudan", "country", "SS")]),
    ("the Laurel County School District", [(1, 5, "ORG")], None,
     [("Laurel County", "admin2", "US")]),
    ("in Washington today", [(1, 2, "GPE")], None, [("Washington", "populated_place", "US")]),
    ("in New York today", [(1, 3, "GPE")], None, [("New York", "populated_place", "US")]),
    ("in Oklahoma today", [(1, 2, "GPE")], None, [("Oklahoma", "admin1", "US")]),
    ("Gainesville , Georgia", [(0, 1, "GPE"), (2, 3, "GPE")], None,
     [("Gainesville", "populated_place", "US"), ("Georgia", "admin1", "US")]),
    ("Modi spoke", [(0, 1, "GPE")], None, []),
    ("They walked down Royal Street .", [(3, 5, "ORG")], None, [("Royal Street", "other", None)]),
    ("Troops left the Gaza Strip .", [(2, 5, "LOC")], None, [("Gaza Strip", "region", "PS")]),
    ("Refugees reached Syria yesterday", [], None, [("Syria", "country", "SY")]),
    # "Congo" names either Congo: its towns decide, and alone it is the larger (wire style)
    ("Rebels attacked Goma in Congo", [(2, 3, "GPE"), (4, 5, "GPE")], None,
     [("Goma", "populated_place", "CD"), ("Congo", "country", "CD")]),
    ("Police dispersed protesters in Brazzaville , Congo", [(4, 5, "GPE"), (6, 7, "GPE")], None,
     [("Brazzaville", "populated_place", "CG"), ("Congo", "country", "CG")]),
    ("Fighting in eastern Congo", [(3, 4, "GPE")], None, [("Congo", "country", "CD")]),
    ("Fighting in the Republic of the Congo", [(2, 7, "GPE")], None,
     [("Republic of the Congo", "country", "CG")]),
    ("Georgia Tech won", [], None, []),
    ("Ohio State won", [(0, 2, "GPE")], None, []),
    ("Kabul Police said so", [(0, 2, "ORG")], None, [("Kabul", "populated_place", "AF")]),
    ("the University of Kentucky won", [(1, 4, "ORG")], None, [("Kentucky", "admin1", "US")]),
    ("the Bank of England said", [(1, 4, "ORG")], None, [("England", "admin1", "GB")]),
    ("the Bank of Zzyzx said", [(1, 4, "ORG")], None, []),
    ("the Department of Defense said", [(1, 4, "ORG")], None, []),
    ("Texas Department of Public Safety", [(0, 5, "ORG")], None, [("Texas", "admin1", "US")]),
    ("the Middle East", [(0, 3, "LOC")], None, [("Middle East", "region", None)]),
    # A dateline names a town: not the region of the same name in its country...
    ("KIDAL , Mali - Gunmen attacked a convoy", [], None,
     [("KIDAL", "populated_place", "ML"), ("Mali", "country", "ML")]),
    ("KIDAL , Mali - Gunmen attacked a convoy", [(0, 1, "ORG"), (2, 3, "GPE")], None,
     [("KIDAL", "populated_place", "ML"), ("Mali", "country", "ML")]),
    ("LAGOS ( GWS ) - Gunmen attacked", [], None, [("LAGOS", "populated_place", "NG")]),
    # ... while the same name in the body keeps its usual reading ...
    ("Gunmen attacked Kidal today", [(2, 3, "GPE")], None, [("Kidal", "admin1", "ML")]),
    # ... and a dateline division with no namesake town there, or a country, stays one.
    ("BORNO , Nigeria : Gunmen attacked", [], None,
     [("BORNO", "admin1", "NG"), ("Nigeria", "country", "NG")]),
    ("NIGERIA : Gunmen attacked", [], None, [("NIGERIA", "country", "NG")]),
    # A dateline town known to the gazetteer only by another name is still the town, not the
    # province of the same name, whatever the model tagged it ...
    ("HAMA ( GWS ) - Gunmen attacked", [(0, 1, "ORG")], None, [("HAMA", "populated_place", "SY")]),
    ("RAQQA , Syria ( GWS ) - Gunmen attacked", [(0, 1, "ORG"), (2, 3, "GPE")], None,
     [("RAQQA", "populated_place", "SY"), ("Syria", "country", "SY")]),
    # ... after a headline's full stop too ...
    ("Convoy hit . KIDAL , Mali - Gunmen attacked", [], None,
     [("KIDAL", "populated_place", "ML"), ("Mali", "country", "ML")]),
    # ... while in the body the bare name stays the province.
    ("Gunmen attacked Hama today", [(2, 3, "GPE")], None, [("Hama", "admin1", "SY")]),
    # A name the model ran across the dateline's dash starts after it, the town being the
    # dateline's own mention; what is left, if the gazetteer does not know it, is no place
    # the model vouched for ...
    ("ARUSHA - Kijenge Plaza said", [(0, 4, "LOC")], None,
     [("ARUSHA", "populated_place", "TZ")]),
    # ... but a known one is
    ("ARUSHA - Tanzania Railways said", [(0, 3, "LOC")], None,
     [("ARUSHA", "populated_place", "TZ"), ("Tanzania", "country", "TZ")]),
]


@pytest.mark.parametrize(("text", "ents", "tags", "expected"), CASES)
def test_find_places(
    res: PlaceResources,
    text: str,
    ents: list[tuple[int, int, str]],
    tags: dict[int, str] | None,
    expected: list[tuple[str, str, str | None]],
) -> None:
    doc = make_doc(text, ents, tags)
    places = find_places(doc, res)
    assert summary(places) == expected
    for p in places:
        assert p.span is not None and p.span.text == doc.text[p.span.start : p.span.end]


@pytest.mark.parametrize(
    ("text", "ents", "precision"),
    [
        ("Rockets hit Deir ez-Zor today .", [(2, 4, "GPE")], 1),
        ("Troops left the Gaza Strip .", [(2, 5, "LOC")], 2),
        ("Refugees reached Syria yesterday", [], 3),
        ("Fighting in Idlib province", [(2, 3, "GPE")], 3),
    ],
)
def test_precision_by_feature(
    res: PlaceResources, text: str, ents: list[tuple[int, int, str]], precision: int
) -> None:
    (place,) = find_places(make_doc(text, ents), res)
    assert place.precision == precision


def test_unknown_street_takes_the_articles_town(res: PlaceResources) -> None:
    doc = make_doc(
        "Gunmen in Kabul attacked Darulaman Road", [(2, 3, "GPE"), (4, 6, "FAC")]
    )
    kabul, road = find_places(doc, res)
    assert road.name is None and road.geonameid is None and road.precision == 2
    assert (road.lat, road.lon) == (kabul.lat, kabul.lon)


def parsed(words: list[str], heads: list[int], deps: list[str], pos: list[str]) -> Doc:
    """A Doc with a hand-made parse; lemmas are the lowercased words, "said" -> "say"."""
    lemmas = [{"said": "say", "is": "be", "warned": "warn"}.get(w, w.lower()) for w in words]
    iob = ["B-GPE" if p == "PROPN" else "O" for p in pos]
    return parsed_doc(words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas, ents=iob)


@pytest.mark.parametrize(
    ("words", "heads", "deps", "pos", "where"),
    [
        (["Russia", "said", "no"], [1, 1, 1], ["nsubj", "ROOT", "dobj"], ["PROPN", "VERB", "DET"],
         None),
        # the capital that is warned is its government too
        (["Russia", "warned", "Kyiv"], [1, 1, 1], ["nsubj", "ROOT", "dobj"],
         ["PROPN", "VERB", "PROPN"], None),
        (["Russia", "shelled", "Kyiv"], [1, 1, 1], ["nsubj", "ROOT", "dobj"],
         ["PROPN", "VERB", "PROPN"], "Kyiv"),
        (["Russia", "is", "vast"], [1, 1, 1], ["nsubj", "ROOT", "acomp"], ["PROPN", "AUX", "ADJ"],
         "Russia"),
        (["Troops", "entered", "Russia"], [1, 1, 1], ["nsubj", "ROOT", "dobj"],
         ["NOUN", "VERB", "PROPN"], "Russia"),
        (["Gainesville", "said", "no"], [1, 1, 1], ["nsubj", "ROOT", "dobj"],
         ["PROPN", "VERB", "DET"], "Gainesville"),
    ],
)
def test_governments_are_not_event_locations(
    res: PlaceResources,
    words: list[str],
    heads: list[int],
    deps: list[str],
    pos: list[str],
    where: str | None,
) -> None:
    doc = parsed(words, heads, deps, pos)
    places = find_places(doc, res)
    assert len(places) == sum(p == "PROPN" for p in pos)  # every toponym is still listed
    got = event_place(PLACEMENT, places, 0, len(doc.text), 0, len(doc.text), doc=doc)
    assert (got and got.text) == where


def test_county_follows_its_state(res: PlaceResources) -> None:
    doc = make_doc("Boone County , Indiana", [(0, 2, "GPE"), (3, 4, "GPE")])
    county, state = find_places(doc, res)
    assert (county.admin1, state.name) == ("Indiana", "Indiana")
    assert county.lat is not None and abs(county.lat - 40.0) < 0.5


def test_part_of_a_town_is_precision_two(res: PlaceResources) -> None:
    (place,) = find_places(make_doc("Shelling hit northern Kharkiv", [(2, 4, "GPE")]), res)
    assert (place.name, place.precision) == ("Kharkiv", 2)


def test_event_keeps_the_part_precision(res: PlaceResources) -> None:
    doc = make_doc("Shelling hit northern Kharkiv", [(2, 4, "GPE")])
    got = event_place(PLACEMENT, find_places(doc, res), 0, len(doc.text), 0, len(doc.text), doc=doc)
    assert got is not None and got.precision == 2


def test_washington_is_the_capital(res: PlaceResources) -> None:
    (place,) = find_places(make_doc("in Washington today", [(1, 2, "GPE")]), res)
    assert place.admin1 == "Washington, D.C."


def test_country_is_not_a_precise_point(res: PlaceResources) -> None:
    (syria,) = find_places(make_doc("Refugees reached Syria yesterday", []), res)
    assert syria.geonameid == 163843 and syria.admin1 is None and syria.precision == 3


TEXT = (
    "Rockets hit a base near Deir ez-Zor in Syria. Damascus said nothing.\n"
    "Later, Homs was shelled. Officials in Homs counted the damage."
)


def place(name: str, feature: str, nth: int = 0, *, resolved: bool = True) -> Place:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(name, start + 1)
    span = Span.of(TEXT, start, start + len(name))
    return Place(
        name, span, name if resolved else None, 1 if resolved else None, feature,  # type: ignore[arg-type]
        "SY", None, 35.0, 40.0, None,
    )


DEIR = place("Deir ez-Zor", "populated_place")
SYRIA = place("Syria", "country")
DAMASCUS = place("Damascus", "populated_place")
HOMS_1 = place("Homs", "populated_place")
HOMS_2 = place("Homs", "populated_place", 1)
ALL = (DEIR, SYRIA, DAMASCUS, HOMS_1, HOMS_2)
S1 = (0, TEXT.index("Damascus"))
S2 = (TEXT.index("Damascus"), TEXT.index("\n"))
S3 = (TEXT.index("Later"), TEXT.index("Officials"))
P1 = (0, TEXT.index("\n"))
P2 = (TEXT.index("Later"), len(TEXT))


@pytest.mark.parametrize(
    ("places", "sentence", "paragraph", "anchor", "expected", "precision"),
    [
        (ALL, S1, P1, 6, DEIR, 2),  # the town, not the country; "near" makes it precision 2
        ((SYRIA,), S1, P1, 6, SYRIA, 3),
        (ALL, S3, P2, None, HOMS_1, 1),
        ((DEIR, SYRIA, HOMS_2), S3, P2, None, HOMS_2, 1),  # from the paragraph
        ((DEIR, SYRIA, HOMS_1, HOMS_2), S2, P1, None, DEIR, 2),  # from the paragraph
        # the article's focus, precision 2: the text does not say the event was there
        ((HOMS_1, HOMS_2, DEIR), (0, 5), (0, 5), None, HOMS_1, 2),
        ((), S1, P1, None, None, None),
        ((place("Deir ez-Zor", "other", resolved=False),), S1, P1, None, None, None),
    ],
)
def test_event_place(
    places: tuple[Place, ...],
    sentence: tuple[int, int],
    paragraph: tuple[int, int],
    anchor: int | None,
    expected: Place | None,
    precision: int | None,
) -> None:
    doc = ENGLISH.make_doc(TEXT)
    got = event_place(PLACEMENT, places, *sentence, *paragraph, doc=doc, anchor=anchor)
    assert (got and got.span) == (expected and expected.span)
    assert (got and got.precision) == precision


def test_event_place_without_doc_keeps_town_precision() -> None:
    got = event_place(PLACEMENT, ALL, *S1, *P1, anchor=6)
    assert got is not None and got.text == "Deir ez-Zor" and got.precision == 1


def test_event_place_prefers_the_nearest_town() -> None:
    two = (DAMASCUS, DEIR)
    got = event_place(PLACEMENT, two, 0, len(TEXT), 0, len(TEXT), anchor=TEXT.index("Damascus") + 2)
    assert got is not None and got.text == "Damascus"


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return load_pipeline()


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    p = math.pi / 180
    h = (
        math.sin((b[0] - a[0]) * p / 2) ** 2
        + math.cos(a[0] * p) * math.cos(b[0] * p) * math.sin((b[1] - a[1]) * p / 2) ** 2
    )
    return 12742 * math.asin(math.sqrt(h))


SEED_TEXT = (
    "A US base in Syria near the Iraqi border has been struck by rocket fire, an Iraqi "
    "security source has told Sputnik.\n"
    '"The US military base in Deir ez-Zor on the border with Iraq came under rocket fire '
    'today," the source said.\n'
    "CENTCOM is responsible for US military operations in the Middle East."
)


@pytest.mark.model
def test_seed_places_on_the_real_index(pipeline: Pipeline) -> None:
    doc = pipeline.nlp(SEED_TEXT)
    places = find_places(doc, pipeline.resources.places)
    by_text = {p.text: p for p in places}
    deir = by_text["Deir ez-Zor"]
    assert deir.feature == "populated_place" and deir.lat is not None and deir.lon is not None
    assert km((deir.lat, deir.lon), (35.336, 40.140)) < 10
    assert by_text["Syria"].feature == "country"
    assert by_text["Middle East"].feature == "region"
    assert "Iraqi" not in by_text
    start = SEED_TEXT.index('"The US')
    end = SEED_TEXT.index("\nCENTCOM")
    anchor = SEED_TEXT.index("fire")
    where = event_place(PLACEMENT, places, start, end, start, end, doc=doc, anchor=anchor)
    assert where is not None and where.text == "Deir ez-Zor" and where.precision == 1


# --- Local names the model did not call places: kept only where they fit the article's area.

LOCAL_CASES = [
    # A town that opens an organisation's name, in the state the article is about.
    ("Atlanta officials and the Kennesaw Historical Society met",
     [(0, 1, "GPE"), (4, 8, "ORG")], [("Atlanta", "US"), ("Kennesaw", "US")]),
    # ... but not without the article's state to vouch for it.
    ("Officials and the Kennesaw Historical Society met", [(3, 7, "ORG")], []),
    # ... and not a one-word organisation, which may be a team or a firm.
    ("Atlanta officials and Kennesaw met", [(0, 1, "GPE"), (3, 4, "ORG")], [("Atlanta", "US")]),
    # An untagged name after "in".
    ("Atlanta police said he lives in Kennesaw now", [(0, 1, "GPE")],
     [("Atlanta", "US"), ("Kennesaw", "US")]),
    ("Police said he lives in Kennesaw now", [], []),
    # An upper-case dateline.
    ("KENNESAW -- Atlanta police said so", [(2, 3, "GPE")],
     [("KENNESAW", "US"), ("Atlanta", "US")]),
    ("NOTE -- Atlanta police said so", [(2, 3, "GPE")], [("Atlanta", "US")]),
    # A dateline after the headline is a place even with nothing else to vouch for it.
    ("Fair opens . KENNESAW -- Police said so", [], [("KENNESAW", "US")]),
    ("Fair opens . KENNESAW , Ga. -- Police said so", [],
     [("KENNESAW", "US"), ("Ga.", "US")]),
    ("WASHINGTON ( AP ) -- Iraq vowed", [], [("WASHINGTON", "US"), ("Iraq", "IQ")]),
    ("Fair opens . NOTE -- Police said so", [], []),
    ("He saw KENNESAW -- a band", [], []),
    # A transliteration of a Syrian town, read in the article's country.
    ("Shelling hit Aleppo and Jerabulus today", [(2, 3, "GPE"), (4, 5, "GPE")],
     [("Aleppo", "SY"), ("Jerabulus", "SY")]),
    ("Al-Jerabulus and Aleppo", [(0, 1, "GPE"), (2, 3, "GPE")],
     [("Al-Jerabulus", "SY"), ("Aleppo", "SY")]),
    # ... but not in an article about an English-speaking country.
    ("Police in Atlanta and Jerabulus", [(2, 3, "GPE"), (4, 5, "GPE")], [("Atlanta", "US")]),
    ("Jerabulus alone", [(0, 1, "GPE")], []),
    # A town after "of" in an organisation's name, in the article's state only.
    ("Atlanta and the City of Kennesaw agreed", [(0, 1, "GPE"), (2, 6, "ORG")],
     [("Atlanta", "US"), ("Kennesaw", "US")]),
    ("the City of Kennesaw agreed", [(0, 4, "ORG")], []),
    # A bare surname of a person named in full is that person.
    ("Sarah Fairfield of Dallas pleaded . Fairfield declined", [(0, 2, "PERSON"), (3, 4, "GPE"),
     (7, 8, "GPE")], [("Dallas", "US")]),
    ("Officials in Fairfield declined", [(2, 3, "GPE")], [("Fairfield", "US")]),
    ("Michael Jordan visited Jordan", [(0, 2, "PERSON"), (3, 4, "GPE")], [("Jordan", "JO")]),
    # A town before "man", "woman", "resident" is where someone lives.
    ("Atlanta police said a Kennesaw man died", [(0, 1, "GPE"), (4, 5, "PERSON")],
     [("Atlanta", "US"), ("Kennesaw", "US")]),
    ("Police said a Kennesaw man died", [(3, 4, "PERSON")], []),
    # A dateline the model called a person; the same word mid-sentence stays a person.
    ("BEIRUT : The body was found", [(0, 1, "PERSON")], [("BEIRUT", "LB")]),
    ("He met BEIRUT : the band", [(2, 3, "PERSON")], []),
    # A direction word before a name the model called a person.
    ("Fighting in eastern Ghouta went on", [(3, 4, "PERSON")], [("Ghouta", "SY")]),
    ("Fighting said Ghouta went on", [(2, 3, "PERSON")], []),
    # Towns the model called persons, and an untagged one listed with them, in the article's
    # state; a person's name that fits no town there stays a person.
    ("Fighters raided Gwoza and Damboa in Borno", [(2, 3, "PERSON"), (6, 7, "GPE")],
     [("Gwoza", "NG"), ("Damboa", "NG"), ("Borno", "NG")]),
    ("Fighters raided Gwoza and Damboa today", [(2, 3, "PERSON")], []),
    ("Rebels took Al-Jerabulus near Aleppo", [(2, 3, "PERSON"), (4, 5, "GPE")],
     [("Al-Jerabulus", "SY"), ("Aleppo", "SY")]),
    ("Abu Bakr al-Baghdadi left Aleppo", [(0, 3, "PERSON"), (4, 5, "GPE")], [("Aleppo", "SY")]),
]


@pytest.mark.parametrize(("text", "ents", "expected"), LOCAL_CASES)
def test_local_names(
    res: PlaceResources, text: str, ents: list[tuple[int, int, str]],
    expected: list[tuple[str, str]],
) -> None:
    got = [(p.text, p.country) for p in find_places(make_doc(text, ents), res)]
    assert got == expected


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        # The model's place ran on into an institution's name.
        ("Boone County Sheriff 's Office said", [(0, 4, "GPE")],
         [("Boone County", "admin2", "US")]),
        # A county we do not know is not its namesake town.
        ("Springfield County officials met", [(0, 1, "GPE")],
         [("Springfield County", "other", None)]),
        ("Springfield officials met", [(0, 1, "GPE")],
         [("Springfield", "populated_place", "US")]),
        # A county opening an organisation's or event's name is the county, not its town.
        ("the 2008 Walker County Fair Queen", [(1, 6, "ORG")],
         [("Walker County", "admin2", "US")]),
        ("the Walker Fair Board met", [(1, 4, "ORG")], []),
        # A small town alone in its country, in an article about another country: a village
        # the gazetteer lacks, placed in the article's main town rather than abroad.
        ("Gunmen raided Keta village in Zamfara near Gusau",
         [(2, 3, "GPE"), (5, 6, "GPE"), (7, 8, "GPE")],
         [("Keta", "other", "NG"), ("Zamfara", "admin1", "NG"),
          ("Gusau", "populated_place", "NG")]),
        ("Gunmen raided Keta village in Ghana",
         [(2, 3, "GPE"), (5, 6, "GPE")],
         [("Keta", "populated_place", "GH"), ("Ghana", "country", "GH")]),
        ("Gunmen raided Keta village near Gusau",
         [(2, 3, "GPE"), (5, 6, "GPE")],
         [("Keta", "populated_place", "GH"), ("Gusau", "populated_place", "NG")]),
        # The place that owns a landmark the model took as one name.
        ("a rally at Dakar 's Place de l'Obelisque", [(3, 8, "FAC")],
         [("Dakar", "populated_place", "SN")]),
        ("a rally at Zzyzx 's Place de l'Obelisque", [(3, 8, "FAC")],
         [("Zzyzx's Place de l'Obelisque", "other", None)]),
        # A curated facility named with the word after the model's entity.
        ("Rockets hit the Zilkan base today", [(3, 4, "GPE")],
         [("Zilkan base", "facility", "IQ")]),
        ("Rockets hit Zilkan today", [(2, 3, "GPE")], []),
        # A name the model called a person, followed by a division word, is the division.
        ("Clashes hit Nineveh province", [(2, 3, "PERSON")], [("Nineveh", "admin1", "IQ")]),
        ("Nineveh said so", [(0, 1, "PERSON")], []),
        # Abbreviations of Canadian provinces after a town.
        ("Kelowna , B.C. today", [(0, 1, "GPE"), (2, 3, "GPE")],
         [("Kelowna", "populated_place", "CA"), ("B.C.", "admin1", "CA")]),
        # An abbreviated first word spelt out: Saint Petersburg, Russia's, not Florida's.
        ("Moscow and St. Petersburg", [(0, 1, "GPE"), (2, 4, "GPE")],
         [("Moscow", "populated_place", "RU"), ("St. Petersburg", "populated_place", "RU")]),
    ],
)
def test_division_heads_and_abbreviations(
    res: PlaceResources, text: str, ents: list[tuple[int, int, str]],
    expected: list[tuple[str, str, str | None]],
) -> None:
    assert summary(find_places(make_doc(text, ents), res)) == expected


# --- Where an event is not: hand-parsed sentences.

def _parse(spec: list[tuple[str, int, str, str]]) -> Doc:
    """A Doc from (word, head index, dep, pos) rows; PROPN words are GPE entities."""
    words = [w for w, _, _, _ in spec]
    spaces = [i + 1 < len(words) and "-" not in (w, words[i + 1]) for i, w in enumerate(words)]
    lemmas = [{"said": "say", "slammed": "slam"}.get(w, w.lower()) for w in words]
    iob = ["B-GPE" if p == "PROPN" else "O" for _, _, _, p in spec]
    return parsed_doc(
        words=words, spaces=spaces, heads=[h for _, h, _, _ in spec],
        deps=[d for _, _, d, _ in spec], pos=[p for _, _, _, p in spec], lemmas=lemmas, ents=iob,
    )


US_FORCES = [  # "Rockets hit US forces": whose forces, not where
    ("Rockets", 1, "nsubj", "NOUN"), ("hit", 1, "ROOT", "VERB"),
    ("US", 3, "compound", "PROPN"), ("forces", 1, "dobj", "NOUN"),
]
IRAN_BACKED = [  # "Iran-backed groups struck": a hyphenated modifier
    ("Iran", 2, "npadvmod", "PROPN"), ("-", 2, "punct", "PUNCT"), ("backed", 3, "amod", "VERB"),
    ("groups", 4, "nsubj", "NOUN"), ("struck", 4, "ROOT", "VERB"),
]
SYRIA_BORDER = [  # "Shelling hit the Syria border": still a location
    ("Shelling", 1, "nsubj", "NOUN"), ("hit", 1, "ROOT", "VERB"), ("the", 4, "det", "DET"),
    ("Syria", 4, "compound", "PROPN"), ("border", 1, "dobj", "NOUN"),
]
KYIV_SAID = [  # "Kyiv said": a capital standing for its government
    ("Kyiv", 1, "nsubj", "PROPN"), ("said", 1, "ROOT", "VERB"), ("so", 1, "advmod", "ADV"),
]
KYIV_SHELLED = [  # "Kyiv was shelled": the place
    ("Kyiv", 2, "nsubjpass", "PROPN"), ("was", 2, "auxpass", "AUX"),
    ("shelled", 2, "ROOT", "VERB"),
]
MOSCOW_CLAIMS = [  # "Moscow 's claims failed"
    ("Moscow", 2, "poss", "PROPN"), ("'s", 0, "case", "PART"), ("claims", 3, "nsubj", "NOUN"),
    ("failed", 3, "ROOT", "VERB"),
]
SLAMMED_US = [  # "Officials slammed the Russia": the object of a verb of judging is a government
    ("Officials", 1, "nsubj", "NOUN"), ("slammed", 1, "ROOT", "VERB"), ("the", 3, "det", "DET"),
    ("Russia", 1, "dobj", "PROPN"),
]
INVADED = [  # "Troops invaded Ukraine": the object of another verb is the place
    ("Troops", 1, "nsubj", "NOUN"), ("invaded", 1, "ROOT", "VERB"),
    ("Ukraine", 1, "dobj", "PROPN"),
]
LEVANT = [  # "Jets struck in Levant": a region of several countries says too little
    ("Jets", 1, "nsubj", "NOUN"), ("struck", 1, "ROOT", "VERB"), ("in", 1, "prep", "ADP"),
    ("Levant", 2, "pobj", "PROPN"),
]


@pytest.mark.parametrize(
    ("spec", "where"),
    [
        (US_FORCES, None),
        (IRAN_BACKED, None),
        (SYRIA_BORDER, "Syria"),
        (KYIV_SAID, None),
        (KYIV_SHELLED, "Kyiv"),
        (MOSCOW_CLAIMS, None),
        (LEVANT, None),
        (SLAMMED_US, None),
        (INVADED, "Ukraine"),
    ],
)
def test_event_place_skips_names_that_are_not_locations(
    res: PlaceResources, spec: list[tuple[str, int, str, str]], where: str | None
) -> None:
    doc = _parse(spec)
    places = find_places(doc, res)
    assert places  # every toponym is still listed
    got = event_place(PLACEMENT, places, 0, len(doc.text), 0, len(doc.text), doc=doc, anchor=0)
    assert (got and got.text) == where


# "CENTCOM , responsible for operations in Syria , said jets struck Homs": the apposition
# describes CENTCOM; an event anchored on "struck" is not in Syria, one anchored on "operations"
# (inside the apposition) may be.
APPOSITION = [
    ("CENTCOM", 8, "nsubj", "PROPN"), (",", 0, "punct", "PUNCT"),
    ("responsible", 0, "appos", "ADJ"), ("for", 2, "prep", "ADP"),
    ("operations", 3, "pobj", "NOUN"), ("in", 4, "prep", "ADP"), ("Syria", 5, "pobj", "PROPN"),
    (",", 0, "punct", "PUNCT"), ("said", 8, "ROOT", "VERB"), ("jets", 10, "nsubj", "NOUN"),
    ("struck", 8, "ccomp", "VERB"), ("Homs", 10, "dobj", "PROPN"),
]


def test_a_place_in_an_apposition_describes_the_actor(res: PlaceResources) -> None:
    doc = _parse(APPOSITION)
    text = doc.text
    places = [p for p in find_places(doc, res) if p.text in ("Syria", "Homs")]
    syria = [p for p in places if p.text == "Syria"]
    struck, operations = text.index("struck"), text.index("operations")
    assert event_place(PLACEMENT, syria, 0, len(text), 0, len(text), doc=doc, anchor=struck) is None
    inside = event_place(PLACEMENT, syria, 0, len(text), 0, len(text), doc=doc, anchor=operations)
    assert inside is not None and inside.text == "Syria"
    got = event_place(PLACEMENT, places, 0, len(text), 0, len(text), doc=doc, anchor=struck)
    assert got is not None and got.text == "Homs"


def _entry(cc: str, admin1: str) -> Entry:
    return Entry(1, 1, "X", "populated_place", cc, admin1, 0.0, 0.0, 1000)


@pytest.mark.parametrize(
    ("cc", "admin1", "bonus"),
    [
        ("US", "Ohio", 1.0 + 2.0 + 2.0),  # the same state as another name: a real agreement
        ("GB", "England", 1.0 + 2.0),  # England is as big as a country: no more than Britain
        ("GB", "Scotland", 1.0 + 2.0),
    ],
)
def test_division_agreement_below_nations(cc: str, admin1: str, bonus: float) -> None:
    countries: Counter[str] = Counter([cc])
    divisions: Counter[tuple[str | None, str]] = Counter([(cc, admin1)])
    got = _context(_entry(cc, admin1), _entry("FR", "Normandy"), countries, divisions, 2)
    assert got == pytest.approx(bonus)


def _reading(cc: str, admin1: str, feature: str = "populated_place") -> Entry:
    return Entry(1, 1, "X", feature, cc, admin1, 0.0, 0.0, 1000)


def test_division_support_counts_each_name_once() -> None:
    rochester = PlaceMention(0, 9, "rochester", (_reading("US", "New York"),
                                            _reading("US", "Minnesota")))
    scott = PlaceMention(20, 32, "scott county", (_reading("US", "Kansas", "admin2"),
                                             _reading("US", "Minnesota", "admin2")))
    again = PlaceMention(40, 49, "rochester", rochester.candidates)
    country = PlaceMention(50, 56, "poland", (_reading("PL", "", "country"),))
    support = division_support([rochester, scott, again, country])
    assert support == {("US", "New York"): 1, ("US", "Minnesota"): 2, ("US", "Kansas"): 1}


def _town(ident: int, cc: str, admin1: str, people: int, feature: str = "populated_place") -> Entry:
    return Entry(ident, ident, "X", feature, cc, admin1, 0.0, 0.0, people)


LIDO_US = _town(1, "US", "New York", 2_900)
MOGADISHU = _town(2, "SO", "Banaadir", 2_500_000)
ALEPPO = _town(3, "SY", "Aleppo", 1_600_000)
TURKEY = _town(4, "TR", "", 80_000_000, "country")
SPRINGFIELD_IL = _town(5, "US", "Illinois", 110_000)
SPRINGFIELD_MA = _town(6, "US", "Massachusetts", 150_000)
ILLINOIS = _town(7, "US", "Illinois", 12_000_000, "admin1")
IRAQ = _town(8, "IQ", "", 40_000_000, "country")


@pytest.mark.parametrize(
    ("text", "first", "second", "expected"),
    [
        # a small place "in" a town of another country is one the gazetteer lacks there
        ("Lido beach in Mogadishu", (LIDO_US,), (MOGADISHU,), None),
        # the reading that lies in the named division wins
        ("Springfield in Illinois", (SPRINGFIELD_MA, SPRINGFIELD_IL), (ILLINOIS,), SPRINGFIELD_IL),
        # a big town is known abroad: the "in" phrase may tell where someone else is
        ("Aleppo in Turkey", (ALEPPO,), (TURKEY,), ALEPPO),
        # a country lies in nothing ("the embassy of Turkey in Iraq")
        ("Turkey in Iraq", (TURKEY,), (IRAQ,), TURKEY),
        # no "in" between the names: nothing is nested
        ("Lido beach and Mogadishu", (LIDO_US,), (MOGADISHU,), LIDO_US),
    ],
)
def test_a_name_told_in_another_lies_inside_it(
    text: str, first: tuple[Entry, ...], second: tuple[Entry, ...], expected: Entry | None
) -> None:
    words = text.split(" ")
    name1, name2 = words[0] if len(words) == 3 else " ".join(words[:2]), words[-1]
    inner = PlaceMention(0, len(name1), name1.lower(), first)
    outer = PlaceMention(len(text) - len(name2), len(text), name2.lower(), second)
    # the readings before nesting: each name's first candidate (Springfield read as the bigger)
    chosen = [max(first, key=lambda e: e.population), second[0]]
    assert _nested([inner, outer], chosen, text)[0] == expected


KAKUDA_JP = _town(9, "JP", "Miyagi", 30_000)
DILLING = _town(10, "SD", "Southern Kordofan", 59_000)
OSAKA = _town(11, "JP", "Osaka", 2_700_000)


@pytest.mark.parametrize(
    ("near_miss", "other", "expected"),
    [
        (True, DILLING, None),  # a spelling guess in a country the article is not about
        (True, OSAKA, KAKUDA_JP),  # it agrees with the article's other place
        (False, DILLING, KAKUDA_JP),  # a name read as spelt is no guess
    ],
)
def test_a_near_miss_spelling_must_agree_with_the_article(
    near_miss: bool, other: Entry, expected: Entry | None
) -> None:
    guess = PlaceMention(0, 5, "kauda", (KAKUDA_JP,), near_miss=near_miss)
    town = PlaceMention(20, 27, "dilling", (other,))
    assert _without_strays([guess, town], [KAKUDA_JP, other], None)[0] == expected


@pytest.mark.parametrize(
    ("reading", "support", "names", "bonus"),
    [
        # Four of the five other names could lie in Minnesota.
        (_reading("US", "Minnesota"), 5, 6, 3.0 * 4 / 5),
        # One other name is a coincidence, not a pattern.
        (_reading("US", "Minnesota"), 2, 6, 0.0),
        # Too few names to speak of a pattern.
        (_reading("US", "Minnesota"), 2, 2, 0.0),
        # A nation of Britain is as big as a country: it says nothing.
        (_reading("GB", "England"), 5, 6, 0.0),
        (_reading("PL", "", "country"), 5, 6, 0.0),
    ],
)
def test_shared_division(reading: Entry, support: int, names: int, bonus: float) -> None:
    counts = Counter({(reading.cc, reading.admin1): support})
    assert _shared_division(reading, counts, names) == pytest.approx(bonus)


@pytest.mark.parametrize(
    ("region", "expected"),
    [(None, "EG"), ("US", "US"), ("GB", "EG")],
)
def test_outlet_region_is_a_prior(
    res: PlaceResources, region: str | None, expected: str
) -> None:
    doc = make_doc("He lives in Alexandria now", [(3, 4, "GPE")])
    assert [p.country for p in find_places(doc, res, region)] == [expected]


def test_outlet_region_yields_to_the_article(res: PlaceResources) -> None:
    """The article's own "Alexandria, Egypt" outweighs a US outlet."""
    doc = make_doc("He lives in Alexandria , Egypt now", [(3, 4, "GPE"), (5, 6, "GPE")])
    assert [p.country for p in find_places(doc, res, "US")] == ["EG", "EG"]


def _sentences_doc(sentences: list[tuple[str, list[tuple[int, int, str]]]]) -> Doc:
    """A Doc of several sentences, each (text split on spaces, entities over its tokens)."""
    words: list[str] = []
    iob: list[str] = []
    starts: list[bool] = []
    for text, ents in sentences:
        these = text.split(" ")
        tags = ["O"] * len(these)
        for first, end, label in ents:
            tags[first:end] = [f"B-{label}"] + [f"I-{label}"] * (end - first - 1)
        words += these
        iob += tags
        starts += [True] + [False] * (len(these) - 1)
    return parsed_doc(words=words, ents=iob, sent_starts=starts)


@pytest.mark.parametrize(
    ("second", "ents", "town"),
    [
        # the town named after the street in its own sentence
        ("Shots hit Royal Street in Aleppo", [(2, 4, "ORG"), (5, 6, "GPE")], "Aleppo"),
        # else the nearest town before it in the sentence
        ("In Aleppo shots hit Royal Street", [(1, 2, "GPE"), (4, 6, "ORG")], "Aleppo"),
        # else the article's main town
        ("Shots hit Royal Street", [(2, 4, "ORG")], "Kharkiv"),
    ],
)
def test_an_unknown_name_lies_in_its_sentence_town(
    res: PlaceResources, second: str, ents: list[tuple[int, int, str]], town: str
) -> None:
    doc = _sentences_doc([("Kharkiv was shelled . Kharkiv burned .", [(0, 1, "GPE"),
                                                                      (4, 5, "GPE")]),
                          (second, ents)])
    street = next(p for p in find_places(doc, res) if p.text == "Royal Street")
    expected = next(p for p in find_places(doc, res) if p.text == town)
    assert (street.feature, street.lat, street.lon, street.precision) == (
        "other", expected.lat, expected.lon, 2
    )

