"""The event rules on hand-built parses (no model): span choice, coding, status, merging, data."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.tokens import Doc

from hand_docs import parsed_doc
from spotrep._taxonomy import TAXONOMY
from spotrep.extractors.events.assembly import captor_code, territory_code
from spotrep.extractors.events.grouping import (
    Sides,
    cluster_mentions,
    other_incident,
    tells_same_event,
)
from spotrep.extractors.events.lexicon import EventLexicon, load_lexicon, rows
from spotrep.extractors.events.mentions import find_mentions, is_anaphoric, paragraph_bounds
from spotrep.extractors.events.ranking import history_when, is_background
from spotrep.extractors.events.status import status_of
from spotrep.extractors.events.triggers import (
    SCOPES,
    code_trigger,
    event_sense,
    find_cues,
    find_triggers,
    grouped,
    longest,
    other_sense,
    sentence_cues,
)
from spotrep.extractors.events.when import in_temporal_adjunct
from spotrep.records import Actor, Event, Span, When


@pytest.fixture(scope="module")
def lex() -> EventLexicon:
    return load_lexicon()


def parse(spec: str) -> Doc:
    """A Doc from ``word/POS/lemma/head/dep`` items (head: absolute token index)."""
    items = [item.split("/") for item in spec.split()]
    return parsed_doc(
        words=[i[0] for i in items],
        pos=[i[1] for i in items],
        lemmas=[i[2] for i in items],
        heads=[int(i[3]) for i in items],
        deps=[i[4] for i in items],
    )


MORTARS = (
    "Rebels/NOUN/rebel/1/nsubj attacked/VERB/attack/1/ROOT the/DET/the/3/det base/NOUN/base/1/dobj "
    "with/ADP/with/1/prep mortars/NOUN/mortar/4/pobj ./PUNCT/./1/punct"
)
VILLAGERS = (
    "Gunmen/NOUN/gunman/1/nsubj killed/VERB/kill/1/ROOT five/NUM/five/3/nummod "
    "villagers/NOUN/villager/1/dobj ./PUNCT/./1/punct"
)
SOLDIERS = (
    "Militants/NOUN/militant/1/nsubj attacked/VERB/attack/1/ROOT "
    "soldiers/NOUN/soldier/1/dobj ./PUNCT/./1/punct"
)
TROOPS_RETAKE = (
    "Troops/NOUN/troop/1/nsubj recaptured/VERB/recapture/1/ROOT the/DET/the/3/det "
    "town/NOUN/town/1/dobj ./PUNCT/./1/punct"
)
REBELS_RETAKE = (
    "Rebels/NOUN/rebel/1/nsubj recaptured/VERB/recapture/1/ROOT the/DET/the/3/det "
    "town/NOUN/town/1/dobj ./PUNCT/./1/punct"
)
SEIZED_WEAPONS = (
    "Police/NOUN/police/1/nsubj seized/VERB/seize/1/ROOT weapons/NOUN/weapon/1/dobj "
    "./PUNCT/./1/punct"
)
PROTESTERS = (
    "Police/NOUN/police/1/nsubj shot/VERB/shoot/1/ROOT protesters/NOUN/protester/1/dobj "
    "./PUNCT/./1/punct"
)

PROTESTERS_KILL = (
    "Protesters/NOUN/protester/1/nsubj killed/VERB/kill/1/ROOT a/DET/a/3/det "
    "policeman/NOUN/policeman/1/dobj ./PUNCT/./1/punct"
)
PROTESTERS_DIE = (
    "Protesters/NOUN/protester/1/nsubj died/VERB/die/1/ROOT from/ADP/from/1/prep "
    "gunfire/NOUN/gunfire/2/pobj ./PUNCT/./1/punct"
)


@pytest.mark.parametrize(
    ("spec", "code"),
    [
        (MORTARS, "ART_MISS_ATTACK"),
        (VILLAGERS, "ATTACK"),
        (SOLDIERS, "ARMED_CLASH"),
        (TROOPS_RETAKE, "GOV_REGAINS_TERIT"),
        (REBELS_RETAKE, "NON_STATE_ACTOR_OVERTAKES_TER"),
        (SEIZED_WEAPONS, "DISR_WEAP"),
        (PROTESTERS, "FORCE_AGAINST_PROTEST"),
        (PROTESTERS_KILL, "VIOL_DEMONSTR"),  # violence done by demonstrators is theirs
    ],
)
def test_code_from_context(lex: EventLexicon, spec: str, code: str) -> None:
    doc = parse(spec)
    (trigger,) = [t for t in find_triggers(doc, lex) if t.root == 1]
    coding = code_trigger(trigger, doc, find_cues(doc, lex), lex)
    assert coding is not None and coding.code == code


def test_weapon_is_the_nearest_weapon_word(lex: EventLexicon) -> None:
    doc = parse(MORTARS)
    (trigger,) = find_triggers(doc, lex)
    coding = code_trigger(trigger, doc, find_cues(doc, lex), lex)
    assert coding is not None and coding.weapon == (5, 6)


@pytest.mark.parametrize(
    "spec",
    [
        # "Soldiers found a wallet": finding is an event only when weapons are found
        "Soldiers/NOUN/soldier/1/nsubj found/VERB/find/1/ROOT a/DET/a/3/det "
        "wallet/NOUN/wallet/1/dobj ./PUNCT/./1/punct",
        # "They set up a shop": only a base or post counts
        "They/PRON/they/1/nsubj set/VERB/set/1/ROOT up/ADP/up/1/prt a/DET/a/4/det "
        "shop/NOUN/shop/1/dobj ./PUNCT/./1/punct",
    ],
)
def test_trigger_needing_a_cue_without_it(lex: EventLexicon, spec: str) -> None:
    doc = parse(spec)
    coded = [code_trigger(t, doc, find_cues(doc, lex), lex) for t in find_triggers(doc, lex)]
    assert coded == [None] * len(coded)


def test_modifier_is_no_trigger(lex: EventLexicon) -> None:
    doc = parse(
        "The/DET/the/2/det attack/NOUN/attack/2/compound helicopter/NOUN/helicopter/3/nsubj "
        "landed/VERB/land/3/ROOT ./PUNCT/./3/punct"
    )
    assert find_triggers(doc, lex) == []


def test_longest_phrase_wins(lex: EventLexicon) -> None:
    doc = parse(
        "A/DET/a/3/det suicide/NOUN/suicide/2/compound bomber/NOUN/bomber/3/nsubj "
        "struck/VERB/strike/3/ROOT ./PUNCT/./3/punct"
    )
    words = [doc[c.start : c.end].text for c in find_cues(doc, lex)]
    assert words == ["suicide bomber"]


@pytest.mark.parametrize(
    ("spans", "expected"),
    [
        ([(0, 2), (1, 2), (3, 4)], [(0, 2), (3, 4)]),
        ([(2, 3), (0, 1)], [(0, 1), (2, 3)]),
        ([(0, 1), (0, 3), (2, 4)], [(0, 3)]),
        ([], []),
    ],
)
def test_longest(spans: list[tuple[int, int]], expected: list[tuple[int, int]]) -> None:
    assert longest(spans) == expected


def test_grouped() -> None:
    assert grouped([(7, 0, 1), (8, 0, 1), (9, 2, 3)]) == {(0, 1): [7, 8], (2, 3): [9]}


NOT_ATTACK = (
    "They/PRON/they/3/nsubj did/AUX/do/3/aux not/PART/not/3/neg attack/VERB/attack/3/ROOT "
    "./PUNCT/./3/punct"
)
THREAT = (
    "They/PRON/they/1/nsubj threatened/VERB/threaten/1/ROOT to/PART/to/3/aux "
    "attack/VERB/attack/1/xcomp ./PUNCT/./1/punct"
)
MODAL = "They/PRON/they/2/nsubj could/AUX/could/2/aux attack/VERB/attack/2/ROOT ./PUNCT/./2/punct"
PLAN = (
    "They/PRON/they/1/nsubj plan/VERB/plan/1/ROOT to/PART/to/3/aux attack/VERB/attack/1/xcomp "
    "./PUNCT/./1/punct"
)
DENIAL = (
    "They/PRON/they/1/nsubj denied/VERB/deny/1/ROOT attacking/VERB/attack/1/xcomp ./PUNCT/./1/punct"
)
NO_SHOTS = (
    "No/DET/no/1/det shots/NOUN/shot/3/nsubjpass were/AUX/be/3/auxpass fired/VERB/fire/3/ROOT "
    "./PUNCT/./3/punct"
)
SUBJECT_NEGATION = (
    "The/DET/the/1/det attack/NOUN/attack/4/nsubj did/AUX/do/4/aux not/PART/not/4/neg "
    "cause/VERB/cause/4/ROOT damage/NOUN/damage/4/dobj ./PUNCT/./4/punct"
)
WARNED_WOULD = (
    "They/PRON/they/1/nsubj warned/VERB/warn/1/ROOT they/PRON/they/4/nsubj "
    "would/AUX/would/4/aux attack/VERB/attack/1/ccomp ./PUNCT/./1/punct"
)
DENIED_IT_TOOK_PLACE = (
    "They/PRON/they/1/nsubj denied/VERB/deny/1/ROOT that/SCONJ/that/4/mark "
    "shelling/NOUN/shelling/4/nsubj took/VERB/take/1/ccomp place/NOUN/place/4/dobj "
    "./PUNCT/./1/punct"
)
DENIED_IT_STOPPED = (  # the subject of another verb: its status is not the event's
    "They/PRON/they/1/nsubj denied/VERB/deny/1/ROOT that/SCONJ/that/4/mark "
    "shelling/NOUN/shelling/4/nsubj stopped/VERB/stop/1/ccomp ./PUNCT/./1/punct"
)
DENIED_INVOLVEMENT = (
    "They/PRON/they/1/nsubj denied/VERB/deny/1/ROOT involvement/NOUN/involvement/1/dobj "
    "in/ADP/in/2/prep the/DET/the/5/det blast/NOUN/blast/3/pobj ./PUNCT/./1/punct"
)
DENIED_REPORTS_OF = (
    "They/PRON/they/1/nsubj denied/VERB/deny/1/ROOT reports/NOUN/report/1/dobj "
    "of/ADP/of/2/prep the/DET/the/5/det blast/NOUN/blast/3/pobj ./PUNCT/./1/punct"
)

AGREED_TO_WITHDRAW = (
    "Groups/NOUN/group/1/nsubj agreed/VERB/agree/1/ROOT to/PART/to/3/aux "
    "withdraw/VERB/withdraw/1/xcomp fighters/NOUN/fighter/3/dobj ./PUNCT/./1/punct"
)
AGREED_TO_CEASEFIRE = (
    "Groups/NOUN/group/1/nsubj agreed/VERB/agree/1/ROOT to/ADP/to/1/prep "
    "a/DET/a/4/det ceasefire/NOUN/ceasefire/2/pobj ./PUNCT/./1/punct"
)


@pytest.mark.parametrize(
    ("spec", "index", "status"),
    [
        (AGREED_TO_WITHDRAW, 3, "planned"),  # agree ^xcomp: what was agreed on
        (AGREED_TO_CEASEFIRE, 4, "reported"),  # the agreement itself
        (NOT_ATTACK, 3, "negated"),
        (THREAT, 3, "threatened"),
        (MODAL, 2, "hypothetical"),
        (PLAN, 3, "planned"),
        (DENIAL, 2, "denied"),
        (DENIED_IT_TOOK_PLACE, 3, "denied"),  # the subject of "take place" is the event
        (DENIED_IT_STOPPED, 3, "reported"),
        (DENIED_INVOLVEMENT, 5, "reported"),  # who did it is denied, not that it happened
        (DENIED_REPORTS_OF, 5, "denied"),
        (NO_SHOTS, 3, "negated"),
        (SUBJECT_NEGATION, 1, "reported"),
        (WARNED_WOULD, 4, "threatened"),
        (VILLAGERS, 1, "reported"),
    ],
)
def test_status(lex: EventLexicon, spec: str, index: int, status: str) -> None:
    assert status_of(parse(spec)[index], lex.status) == status


@pytest.mark.parametrize(
    ("spec", "index", "expected"),
    [
        (SUBJECT_NEGATION, 1, True),
        ("An/DET/an/1/det attack/NOUN/attack/1/ROOT", 1, False),
        (
            "Tuesday/PROPN/Tuesday/2/poss 's/PART/'s/0/case strikes/NOUN/strike/2/ROOT",
            2,
            True,
        ),
        (VILLAGERS, 1, False),
    ],
)
def test_is_anaphoric(lex: EventLexicon, spec: str, index: int, expected: bool) -> None:
    assert is_anaphoric(parse(spec)[index], lex.anaphoric) is expected


FIRST = (
    "Rebels/NOUN/rebel/1/nsubj attacked/VERB/attack/1/ROOT a/DET/a/3/det "
    "village/NOUN/village/1/dobj ./PUNCT/./1/punct "
)
THE_ATTACK = (
    FIRST + "The/DET/the/6/det attack/NOUN/attack/7/nsubj killed/VERB/kill/7/ROOT "
    "five/NUM/five/7/dobj ./PUNCT/./7/punct"
)
A_SECOND_ATTACK = (
    FIRST + "A/DET/a/7/det second/ADJ/second/7/amod attack/NOUN/attack/8/nsubj "
    "killed/VERB/kill/8/ROOT five/NUM/five/8/dobj ./PUNCT/./8/punct"
)


@pytest.mark.parametrize(("spec", "events"), [(THE_ATTACK, 1), (A_SECOND_ATTACK, 2)])
def test_anaphora_merge_unless_marked_distinct(lex: EventLexicon, spec: str, events: int) -> None:
    mentions = find_mentions(parse(spec), lex)
    assert len(cluster_mentions(mentions, lex.classes)) == events


def test_sentence_cues_stay_in_sentence(lex: EventLexicon) -> None:
    doc = parse(THE_ATTACK)
    first = next(iter(doc.sents))
    assert all(c.start < first.end for c in sentence_cues(first, find_cues(doc, lex)))


@pytest.mark.parametrize(
    ("text", "start", "end", "expected"),
    [
        ("one\ntwo three\nfour", 4, 7, (4, 13)),
        ("single line", 0, 6, (0, 11)),
        ("a\nb", 2, 3, (2, 3)),
    ],
)
def test_paragraph_bounds(text: str, start: int, end: int, expected: tuple[int, int]) -> None:
    assert paragraph_bounds(text, start, end) == expected


def _dated(text: str, start: int, end: int, precision: str | None) -> Event:
    span = Span.of(text, start, end)
    return Event(
        "e1",
        "ATTACK",
        "reported",
        None,
        when=When(span.text, None, None, precision, span),  # type: ignore[arg-type]
        evidence=(Span.of(text, 0, len(text)),),
    )


@pytest.mark.parametrize(
    ("text", "start", "end", "precision", "expected"),
    [
        ("In 1995 the rebels seized the town.", 3, 7, "year", True),
        ("Troops were sent in the 1990s to fight.", 20, 29, None, True),
        ("Rebels seized the town, Syria, 2016", 31, 35, "year", False),
        ("In March the rebels seized the town.", 3, 8, "month", False),
    ],
)
def test_is_background(
    text: str, start: int, end: int, precision: str | None, expected: bool
) -> None:
    assert is_background(_dated(text, start, end, precision), text, ()) is expected


def _day_event(text: str, day: str) -> Event:
    span = Span.of(text, 0, len(text))
    return Event("e1", "ATTACK", "reported", None, when=When("x", day, day, "day", span),
                 evidence=(span,))


@pytest.mark.parametrize(
    ("day", "published", "expected"),
    [
        ("2022-04-01", date(2023, 9, 24), True),  # a year and a half before: history
        ("2023-08-29", date(2023, 9, 24), False),  # weeks before: background news, kept
        ("2022-04-01", None, False),  # no publication date: no age
    ],
)
def test_history_by_own_date(day: str, published: date | None, expected: bool) -> None:
    """History keeps its own date (it is ranked below the news, not dropped)."""
    text = "A truce was agreed."
    doc = parsed_doc(words=["A", "truce", "was", "agreed", "."], heads=[1, 3, 3, 3, 3],
                     deps=["det", "nsubjpass", "auxpass", "ROOT", "punct"])
    event = _day_event(text, day)
    when = history_when(event, [doc[1]], published)
    assert (when is not None) is expected
    assert when is None or when == event.when


@pytest.mark.parametrize(
    ("kinds", "code", "expected"),
    [
        (["State forces"], "NON_STATE_ACTOR_OVERTAKES_TER", "GOV_REGAINS_TERIT"),
        (["Rebel group"], "GOV_REGAINS_TERIT", "NON_STATE_ACTOR_OVERTAKES_TER"),
        (["State forces", "Political militia"], "GOV_REGAINS_TERIT", "GOV_REGAINS_TERIT"),
        ([None], "NON_STATE_ACTOR_OVERTAKES_TER", "NON_STATE_ACTOR_OVERTAKES_TER"),
        (["State forces"], "ARMED_CLASH", "ARMED_CLASH"),
    ],
)
def test_who_took_territory_decides_its_code(
    kinds: list[str | None], code: str, expected: str
) -> None:
    actors = [Actor("actor1", "x", "x", k, None, None) for k in kinds]  # type: ignore[arg-type]
    assert territory_code(code, actors) == expected


@pytest.mark.parametrize(
    ("kinds", "taken", "expected"),
    [
        (["State forces"], True, "ARREST"),
        (["Rebel group"], True, "ABDUCT_DISSAP"),
        (["Political militia", "Civilians"], True, "ABDUCT_DISSAP"),
        (["State forces", "Rebel group"], True, "ARREST"),
        ([None], True, "ARREST"),  # nobody named: the word's own reading stands
        (["Rebel group"], False, "ARREST"),  # "arrested" itself, not whom a capture took
    ],
)
def test_who_took_people_decides_arrest_or_abduction(
    kinds: list[str | None], taken: bool, expected: str
) -> None:
    actors = [Actor("actor1", "x", "x", k, None, None) for k in kinds]  # type: ignore[arg-type]
    assert captor_code("ARREST", actors, taken) == expected
    assert captor_code("ATTACK", actors, taken) == "ATTACK"


def test_publication_date_is_no_background() -> None:
    event = Event("e1", "ATTACK", "reported", None, when=When(None, "2024-01-01", "2024-01-01"))
    assert not is_background(event, "x", ())


def _codes_named() -> set[str]:
    codes = {r["code"] for r in rows("triggers.tsv")} | {r["code"] for r in rows("cues.tsv")}
    for r in rows("families.tsv"):
        for item in r["refine"].split(","):
            code = item.partition("=")[2].partition(":")[0]
            codes |= {code} if code else set()
    return codes


def test_data_codes_are_in_the_taxonomy() -> None:
    assert _codes_named() <= set(TAXONOMY) | {"NONE"}
    assert {r["code"] for r in rows("codes.tsv")} == set(TAXONOMY)


def test_data_families_and_groups_exist(lex: EventLexicon) -> None:
    groups = {r["group"] for r in rows("cues.tsv")}
    assert {r["family"] for r in rows("triggers.tsv")} <= set(lex.families)
    for family in lex.families.values():
        assert {r.group for r in family.refine + family.needs} <= groups
        scopes = {r.scope for r in family.refine + family.needs}
        assert scopes <= SCOPES


def test_data_statuses_are_known(lex: EventLexicon) -> None:
    known = {"planned", "threatened", "hypothetical", "denied", "negated"}
    assert set(lex.status.values()) <= known


RELATIVE = (
    "Troops/NOUN/troop/1/nsubj attacked/VERB/attack/1/ROOT a/DET/a/3/det "
    "group/NOUN/group/1/dobj that/PRON/that/5/nsubj kidnapped/VERB/kidnap/3/relcl "
    "tourists/NOUN/tourist/5/dobj ./PUNCT/./1/punct"
)
ADVERBIAL = (
    "Troops/NOUN/troop/1/nsubj attacked/VERB/attack/1/ROOT the/DET/the/3/det "
    "village/NOUN/village/1/dobj ,/PUNCT/,/1/punct killing/VERB/kill/1/advcl "
    "five/NUM/five/5/dobj ./PUNCT/./1/punct"
)

COPULAR = (
    "The/DET/the/2/det second/ADJ/second/2/amod explosion/NOUN/explosion/3/nsubj "
    "was/AUX/be/3/ROOT a/DET/a/6/det suicide/NOUN/suicide/6/compound "
    "bomber/NOUN/bomber/3/attr who/PRON/who/8/nsubj detonated/VERB/detonate/6/relcl "
    "his/PRON/his/10/poss belt/NOUN/belt/8/dobj ./PUNCT/./3/punct"
)
NOT_COPULAR = (
    "The/DET/the/1/det explosion/NOUN/explosion/2/nsubj injured/VERB/injure/2/ROOT "
    "a/DET/a/4/det man/NOUN/man/2/dobj who/PRON/who/6/nsubj fled/VERB/flee/4/relcl "
    "./PUNCT/./2/punct"
)


@pytest.mark.parametrize(
    ("spec", "head", "token", "expected"),
    [(RELATIVE, 1, 5, False), (ADVERBIAL, 1, 5, True), (ADVERBIAL, 5, 1, False),
     (COPULAR, 2, 8, True), (COPULAR, 8, 2, False), (NOT_COPULAR, 1, 6, False)],
)
def test_tells_same_event(spec: str, head: int, token: int, expected: bool) -> None:
    doc = parse(spec)
    assert tells_same_event(doc[head], doc[token]) is expected


def test_data_senses_name_triggers(lex: EventLexicon) -> None:
    phrases = {r["phrase"] for r in rows("triggers.tsv")}
    assert set(lex.senses) <= phrases
    for senses in lex.senses.values():
        for sense in senses:
            assert sense.role in {"obj", "subj", "any", "gov"}
            assert sense.mode in {"require", "block"} | set(TAXONOMY)
            assert sense.heads


RECOVERED_BODIES = (
    "Divers/NOUN/diver/1/nsubj recovered/VERB/recover/1/ROOT two/NUM/two/3/nummod "
    "bodies/NOUN/body/1/dobj ./PUNCT/./1/punct"
)
RECOVERED_TOWN = (
    "Troops/NOUN/troop/1/nsubj recovered/VERB/recover/1/ROOT the/DET/the/3/det "
    "town/NOUN/town/1/dobj ./PUNCT/./1/punct"
)
ECONOMY_COLLAPSED = (
    "The/DET/the/1/det economy/NOUN/economy/2/nsubj collapsed/VERB/collapse/2/ROOT "
    "./PUNCT/./2/punct"
)
BRIDGE_COLLAPSED = (
    "The/DET/the/1/det bridge/NOUN/bridge/2/nsubj collapsed/VERB/collapse/2/ROOT ./PUNCT/./2/punct"
)
IT_COLLAPSED = "It/PRON/it/1/nsubj collapsed/VERB/collapse/1/ROOT ./PUNCT/./1/punct"
BOX_OFFICE = (
    "The/DET/the/1/det film/NOUN/film/2/nsubj bombed/VERB/bomb/2/ROOT at/ADP/at/2/prep "
    "the/DET/the/5/det box/NOUN/box/5/compound office/NOUN/office/3/pobj ./PUNCT/./2/punct"
)
BOMBED_OFFICE = (
    "Jets/NOUN/jet/1/nsubj bombed/VERB/bomb/1/ROOT the/DET/the/3/det "
    "office/NOUN/office/1/dobj ./PUNCT/./1/punct"
)

HANDED_PETITION = (
    "Leaders/NOUN/leader/1/nsubj handed/VERB/hand/1/ROOT over/ADP/over/1/prt "
    "a/DET/a/4/det petition/NOUN/petition/1/dobj ./PUNCT/./1/punct"
)
HANDED_TOWN = (
    "Rebels/NOUN/rebel/1/nsubj handed/VERB/hand/1/ROOT over/ADP/over/1/prt "
    "the/DET/the/4/det town/NOUN/town/1/dobj ./PUNCT/./1/punct"
)
LEVY_WITHDRAWN = (
    "The/DET/the/1/det levy/NOUN/levy/3/nsubjpass was/AUX/be/3/auxpass "
    "withdrawn/VERB/withdraw/3/ROOT ./PUNCT/./3/punct"
)
TROOPS_WITHDRAWN = (
    "The/DET/the/1/det troops/NOUN/troop/3/nsubjpass were/AUX/be/3/auxpass "
    "withdrawn/VERB/withdraw/3/ROOT ./PUNCT/./3/punct"
)
DECISION_TO_WITHDRAW = (
    "the/DET/the/1/det decision/NOUN/decision/1/ROOT to/PART/to/3/aux "
    "withdraw/VERB/withdraw/1/acl from/ADP/from/3/prep Kirkuk/PROPN/Kirkuk/4/pobj"
)
NATIONWIDE_STRIKE = (
    "Unions/NOUN/union/1/nsubj called/VERB/call/1/ROOT a/DET/a/4/det "
    "nationwide/ADJ/nationwide/4/amod strike/NOUN/strike/1/dobj ./PUNCT/./1/punct"
)
DEADLY_STRIKE = (
    "A/DET/a/2/det deadly/ADJ/deadly/2/amod strike/NOUN/strike/3/nsubj hit/VERB/hit/3/ROOT "
    "the/DET/the/5/det town/NOUN/town/3/dobj ./PUNCT/./3/punct"
)


@pytest.mark.parametrize(
    ("spec", "index", "expected"),
    [
        (HANDED_PETITION, 1, False),
        (HANDED_TOWN, 1, True),
        (LEVY_WITHDRAWN, 3, False),
        (TROOPS_WITHDRAWN, 3, True),
        (DECISION_TO_WITHDRAW, 3, True),  # the decision is no thing withdrawn
        (NATIONWIDE_STRIKE, 4, False),
        (DEADLY_STRIKE, 2, True),
        (RECOVERED_BODIES, 1, False),
        (RECOVERED_TOWN, 1, True),
        (ECONOMY_COLLAPSED, 2, False),
        (BRIDGE_COLLAPSED, 2, True),
        (IT_COLLAPSED, 1, True),  # no noun to judge by: the word keeps its sense
        (BOX_OFFICE, 2, False),
        (BOMBED_OFFICE, 1, True),
    ],
)
def test_event_sense(lex: EventLexicon, spec: str, index: int, expected: bool) -> None:
    doc = parse(spec)
    trigger = next(t for t in find_triggers(doc, lex) if t.root == index)
    assert event_sense(doc[index], trigger.rule.phrase, lex) is expected


CAPTURED_COMMANDER = (
    "Troops/NOUN/troop/1/nsubj captured/VERB/capture/1/ROOT a/DET/a/4/det "
    "rebel/NOUN/rebel/4/compound commander/NOUN/commander/1/dobj ./PUNCT/./1/punct"
)
CAPTURED_STRONGHOLD = (
    "Troops/NOUN/troop/1/nsubj captured/VERB/capture/1/ROOT a/DET/a/4/det "
    "rebel/NOUN/rebel/4/compound stronghold/NOUN/stronghold/1/dobj ./PUNCT/./1/punct"
)
SEIZED_REBELS = (
    "Soldiers/NOUN/soldier/1/nsubj seized/VERB/seize/1/ROOT two/NUM/two/3/nummod "
    "rebels/NOUN/rebel/1/dobj ./PUNCT/./1/punct"
)
SUSPECT_SEIZED = (
    "The/DET/the/1/det suspect/NOUN/suspect/3/nsubjpass was/AUX/be/3/auxpass "
    "seized/VERB/seize/3/ROOT ./PUNCT/./3/punct"
)
SEIZED_TOWN = (
    "Rebels/NOUN/rebel/1/nsubj seized/VERB/seize/1/ROOT the/DET/the/3/det town/NOUN/town/1/dobj "
    "./PUNCT/./1/punct"
)


@pytest.mark.parametrize(
    ("spec", "index", "expected"),
    [
        (CAPTURED_COMMANDER, 1, "ARREST"),
        (SEIZED_REBELS, 1, "ARREST"),
        (SUSPECT_SEIZED, 3, "ARREST"),
        (CAPTURED_STRONGHOLD, 1, None),  # the people's word only modifies the place
        (SEIZED_TOWN, 1, None),
        (RECOVERED_TOWN, 1, None),  # no code row for the word
    ],
)
def test_other_sense(lex: EventLexicon, spec: str, index: int, expected: str | None) -> None:
    doc = parse(spec)
    trigger = next(t for t in find_triggers(doc, lex) if t.root == index)
    assert other_sense(doc[index], trigger.rule.phrase, lex) == expected


def test_other_sense_wins_over_cues(lex: EventLexicon) -> None:
    """"Soldiers" is a state-forces cue that codes territory taken; whom they took decides."""
    doc = parse(SEIZED_REBELS)
    trigger = next(t for t in find_triggers(doc, lex) if t.root == 1)
    coding = code_trigger(trigger, doc, find_cues(doc, lex), lex)
    assert coding is not None
    assert (coding.code, coding.by_sense) == ("ARREST", True)


AFTER_FIGHTING = (
    "They/PRON/they/1/nsubj imposed/VERB/impose/1/ROOT a/DET/a/3/det curfew/NOUN/curfew/1/dobj "
    "two/NUM/two/5/nummod days/NOUN/day/6/npadvmod after/ADP/after/1/prep "
    "fighting/VERB/fight/6/pcomp ./PUNCT/./1/punct"
)
AFTER_POLICE_FIRED = (
    "They/PRON/they/2/nsubj would/AUX/would/2/aux march/VERB/march/2/ROOT after/SCONJ/after/5/mark "
    "police/NOUN/police/5/nsubj fired/VERB/fire/2/advcl gas/NOUN/gas/5/dobj ./PUNCT/./2/punct"
)
WITH_FIGHTING = (
    "They/PRON/they/1/nsubj imposed/VERB/impose/1/ROOT a/DET/a/3/det curfew/NOUN/curfew/1/dobj "
    "during/ADP/during/1/prep fighting/NOUN/fighting/4/pobj ./PUNCT/./1/punct"
)


@pytest.mark.parametrize(
    ("spec", "index", "expected"),
    [(AFTER_FIGHTING, 7, True), (AFTER_POLICE_FIRED, 5, True), (WITH_FIGHTING, 5, False),
     (AFTER_FIGHTING, 3, False)],
)
def test_in_temporal_adjunct(spec: str, index: int, expected: bool) -> None:
    assert in_temporal_adjunct(parse(spec)[index]) is expected


@pytest.mark.parametrize(("tag", "status"), [("VBD", "reported"), ("VBP", "hypothetical")])
def test_past_clause_after_a_modal_is_presupposed(lex: EventLexicon, tag: str, status: str) -> None:
    doc = parse(AFTER_POLICE_FIRED)
    doc[5].tag_ = tag  # "after police fired" states a fact; "after police fire" does not
    assert status_of(doc[5], lex.status) == status


def test_those_who_die_are_no_agents(lex: EventLexicon) -> None:
    doc = parse(PROTESTERS_DIE)
    (trigger,) = [t for t in find_triggers(doc, lex) if t.root == 3]
    coding = code_trigger(trigger, doc, find_cues(doc, lex), lex)
    assert coding is not None and coding.code != "VIOL_DEMONSTR"


@pytest.mark.parametrize(("spec", "counts"), [
    # "Police shot protesters": force against them
    (PROTESTERS, True),
    # "Protesters killed a policeman": their own violence, no force against them
    (PROTESTERS_KILL, False),
])
def test_force_cues_are_what_is_done_to_demonstrators(
    lex: EventLexicon, spec: str, counts: bool
) -> None:
    doc = parse(spec)
    groups = {r.group for c in find_cues(doc, lex) for r in c.rules}
    assert ("protest_force" in groups) is counts


RUSSIA, USA = "Military Forces of Russia", "Military Forces of the United States"
IS = "Islamic State"


def sides(doers: set[str], named: set[str]) -> Sides:
    return Sides(frozenset(doers), frozenset(doers | named))


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (sides({RUSSIA}, set()), sides({USA}, {IS}), True),
        (sides({RUSSIA}, set()), sides({RUSSIA}, set()), False),
        (sides({USA}, {IS}), sides({IS}, {USA}), False),  # sides that swap: one fight
        (sides({RUSSIA}, set()), sides(set(), {IS}), False),  # no identified doer: joins any
        (Sides(), sides({USA}, set()), False),
    ],
)
def test_other_incident(a: Sides, b: Sides, expected: bool) -> None:
    assert other_incident(a, b) is expected
    assert other_incident(b, a) is expected
