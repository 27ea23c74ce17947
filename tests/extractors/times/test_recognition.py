"""Recognition of time expressions in parsed text, tense, and dating events (nearest_when)."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.tokens import Doc

from hand_docs import parsed_doc
from spotrep.extractors.events.when import nearest_when
from spotrep.extractors.times import TimeResources, find_times, load
from spotrep.extractors.times.tense import tense_of
from spotrep.pipeline import Pipeline, load_pipeline
from spotrep.records import Span, Time, TimeType, When

SEED = date(2022, 8, 25)
_NO_SPACE_BEFORE = {".", ",", "'s"}


def parsed(spec: str) -> Doc:
    """A hand-parsed doc from ``word/POS/TAG/head/dep/ent[/lemma]`` items (head: absolute
    index; lemma defaults to the lower-case word)."""
    rows = [item.split("/") for item in spec.split()]
    words = [r[0] for r in rows]
    spaces = [i + 1 < len(words) and words[i + 1] not in _NO_SPACE_BEFORE
              for i in range(len(words))]
    return parsed_doc(
        words=words,
        spaces=spaces,
        pos=[r[1] for r in rows],
        tags=[r[2] for r in rows],
        heads=[int(r[3]) for r in rows],
        deps=[r[4] for r in rows],
        ents=[r[5] for r in rows],
        lemmas=[r[6] if len(r) > 6 else r[0].lower() for r in rows],
    )


@pytest.fixture(scope="module")
def res() -> TimeResources:
    return load()


STARTED_ON_TUESDAY = (
    "Shelling/NOUN/NN/1/nsubj/O started/VERB/VBD/1/ROOT/O on/ADP/IN/1/prep/O "
    "Tuesday/PROPN/NNP/2/pobj/B-DATE ./PUNCT/./1/punct/O"
)
WILL_RESUME_ON_TUESDAY = (
    "Talks/NOUN/NNS/2/nsubj/O will/AUX/MD/2/aux/O resume/VERB/VB/2/ROOT/O on/ADP/IN/2/prep/O "
    "Tuesday/PROPN/NNP/3/pobj/B-DATE ./PUNCT/./2/punct/O"
)
TUESDAYS_STRIKES_ARE = (
    "Tuesday/PROPN/NNP/2/poss/B-DATE 's/PART/POS/0/case/O strikes/NOUN/NNS/3/nsubj/O "
    "are/AUX/VBP/3/ROOT/O under/ADP/IN/3/prep/O review/NOUN/NN/4/pobj/O ./PUNCT/./3/punct/O"
)
AGREED_ON_TUESDAY = (
    "Groups/NOUN/NNS/1/nsubj/O agreed/VERB/VBD/1/ROOT/O/agree on/ADP/IN/1/prep/O "
    "Tuesday/PROPN/NNP/2/pobj/B-DATE to/ADP/IN/1/prep/O a/DET/DT/6/det/O "
    "ceasefire/NOUN/NN/4/pobj/O ./PUNCT/./1/punct/O"
)
AGREED_TO_MEET_ON_TUESDAY = (
    "Groups/NOUN/NNS/1/nsubj/O agreed/VERB/VBD/1/ROOT/O/agree to/PART/TO/3/aux/O "
    "meet/VERB/VB/1/xcomp/O on/ADP/IN/3/prep/O Tuesday/PROPN/NNP/4/pobj/B-DATE "
    "./PUNCT/./1/punct/O"
)
PLANS_TO_LEAVE_ON_TUESDAY = (
    "The/DET/DT/1/det/O team/NOUN/NN/2/nsubj/O plans/VERB/VBZ/2/ROOT/O/plan to/PART/TO/4/aux/O "
    "leave/VERB/VB/2/xcomp/O on/ADP/IN/4/prep/O Tuesday/PROPN/NNP/5/pobj/B-DATE "
    "./PUNCT/./2/punct/O"
)
AGE = (
    "The/DET/DT/6/det/O 52/NUM/CD/3/nummod/B-DATE -/PUNCT/HYPH/3/punct/I-DATE "
    "year/NOUN/NN/5/npadvmod/I-DATE -/PUNCT/HYPH/5/punct/I-DATE old/ADJ/JJ/6/amod/I-DATE "
    "man/NOUN/NN/7/nsubj/O died/VERB/VBD/7/ROOT/O ./PUNCT/./7/punct/O"
)
SINCE_2016 = (
    "Troops/NOUN/NNS/2/nsubj/O have/AUX/VBP/2/aux/O occupied/VERB/VBN/2/ROOT/O "
    "it/PRON/PRP/2/dobj/O since/ADP/IN/2/prep/B-DATE 2016/NUM/CD/4/pobj/I-DATE "
    "./PUNCT/./2/punct/O"
)
BETWEEN_YEARS = (
    "Prices/NOUN/NNS/1/nsubj/O rose/VERB/VBD/1/ROOT/O between/ADP/IN/1/prep/B-DATE "
    "1990/NUM/CD/2/pobj/I-DATE and/CCONJ/CC/3/cc/I-DATE 1995/NUM/CD/3/conj/I-DATE "
    "./PUNCT/./1/punct/O"
)
CLOCK_AND_DAY = (
    "Rockets/NOUN/NNS/1/nsubj/O hit/VERB/VBD/1/ROOT/O at/ADP/IN/1/prep/O "
    "9/NUM/CD/4/nummod/B-TIME p.m./NOUN/NN/2/pobj/I-TIME Tuesday/PROPN/NNP/1/npadvmod/B-DATE "
    "./PUNCT/./1/punct/O"
)
NOW_ADVERB = (
    "Troops/NOUN/NNS/1/nsubj/O are/AUX/VBP/1/ROOT/O now/ADV/RB/1/advmod/O in/ADP/IN/1/prep/O "
    "town/NOUN/NN/3/pobj/O ./PUNCT/./1/punct/O"
)
NOW_THAT = (
    "Now/SCONJ/IN/3/mark/O that/SCONJ/IN/3/mark/O troops/NOUN/NNS/3/nsubj/O "
    "left/VERB/VBD/5/advcl/O ,/PUNCT/,/5/punct/O calm/NOUN/NN/5/ROOT/O ./PUNCT/./5/punct/O"
)
AS_SOON_AS = (
    "Leave/VERB/VB/0/ROOT/O as/ADV/RB/2/advmod/O soon/ADV/RB/0/advmod/O as/ADP/IN/2/prep/O "
    "possible/ADJ/JJ/3/pobj/O ./PUNCT/./0/punct/O"
)
YEAR_ENDED = (
    "Profit/NOUN/NN/1/nsubj/O rose/VERB/VBD/1/ROOT/O in/ADP/IN/1/prep/O the/DET/DT/4/det/B-DATE "
    "year/NOUN/NN/2/pobj/I-DATE ended/VERB/VBN/4/acl/I-DATE March/PROPN/NNP/5/npadvmod/I-DATE "
    "31/NUM/CD/6/nummod/I-DATE ./PUNCT/./1/punct/O"
)
ENDED_LAST_MONTH = (
    "A/DET/DT/1/det/O protest/NOUN/NN/4/nsubj/O last/ADJ/JJ/3/amod/B-DATE "
    "month/NOUN/NN/4/npadvmod/I-DATE ended/VERB/VBD/4/ROOT/O peacefully/ADV/RB/4/advmod/O "
    "./PUNCT/./4/punct/O"
)
YEAR_LIST = (
    "Raids/NOUN/NNS/1/nsubj/O came/VERB/VBD/1/ROOT/O in/ADP/IN/1/prep/O "
    "1994/NUM/CD/2/pobj/B-DATE ,/PUNCT/,/3/punct/I-DATE 1995/NUM/CD/3/conj/I-DATE "
    "and/CCONJ/CC/5/cc/I-DATE 1997/NUM/CD/5/conj/I-DATE ./PUNCT/./1/punct/O"
)
CLOCK_APART_FROM_DAY = (
    "The/DET/DT/1/det/O blast/NOUN/NN/2/nsubj/O came/VERB/VBD/2/ROOT/O at/ADP/IN/2/prep/O "
    "10:35/NUM/CD/5/nummod/B-TIME a.m./NOUN/NN/3/pobj/I-TIME ,/PUNCT/,/2/punct/O "
    "local/ADJ/JJ/8/amod/O time/NOUN/NN/2/npadvmod/O ,/PUNCT/,/2/punct/O "
    "Tuesday/PROPN/NNP/2/npadvmod/B-DATE ./PUNCT/./2/punct/O"
)
FRACTION = (
    "About/ADV/RB/2/advmod/B-DATE a/DET/DT/2/det/I-DATE quarter/NOUN/NN/4/nsubj/I-DATE "
    "of/ADP/IN/2/prep/O homes/NOUN/NNS/3/pobj/O burned/VERB/VBD/4/ROOT/O ./PUNCT/./4/punct/O"
)
EVERY_WEEK = (
    "They/PRON/PRP/1/nsubj/O meet/VERB/VBP/1/ROOT/O every/DET/DT/3/det/O "
    "week/NOUN/NN/1/npadvmod/O ./PUNCT/./1/punct/O"
)


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        (STARTED_ON_TUESDAY, [("Tuesday", "DATE", "2022-08-23", "2022-08-23")]),
        (WILL_RESUME_ON_TUESDAY, [("Tuesday", "DATE", "2022-08-30", "2022-08-30")]),
        (TUESDAYS_STRIKES_ARE, [("Tuesday", "DATE", "2022-08-23", "2022-08-23")]),
        (PLANS_TO_LEAVE_ON_TUESDAY, [("Tuesday", "DATE", "2022-08-30", "2022-08-30")]),
        (AGE, []),
        (SINCE_2016, [("2016", "DATE", "2016", "2016-01-01")]),
        (BETWEEN_YEARS, [("1990", "DATE", "1990", "1990-01-01"),
                         ("1995", "DATE", "1995", "1995-01-01")]),
        (CLOCK_AND_DAY, [("9 p.m. Tuesday", "TIME", "2022-08-23T21:00", "2022-08-23")]),
        (NOW_ADVERB, [("now", "DATE", "PRESENT_REF", None)]),
        (NOW_THAT, []),
        (AS_SOON_AS, []),
        (EVERY_WEEK, [("every week", "SET", "P1W", None)]),
        (FRACTION, []),
        (YEAR_ENDED, [("the year", "DURATION", "P1Y", None),
                      ("March 31", "DATE", "2022-03-31", "2022-03-31")]),
        (ENDED_LAST_MONTH, [("last month", "DATE", "2022-07", "2022-07-01")]),
        (YEAR_LIST, [("1994", "DATE", "1994", "1994-01-01"), ("1995", "DATE", "1995", "1995-01-01"),
                     ("1997", "DATE", "1997", "1997-01-01")]),
        (CLOCK_APART_FROM_DAY, [("10:35 a.m.", "TIME", "2022-08-23T10:35", "2022-08-23"),
                                ("Tuesday", "DATE", "2022-08-23", "2022-08-23")]),
    ],
)
def test_find_times(spec: str, expected: list[tuple[str, str, str, str | None]],
                    res: TimeResources) -> None:
    doc = parsed(spec)
    found = find_times(doc, SEED, res)
    assert [(t.text, t.type, t.value, t.start) for t in found] == expected
    assert all(t.span.text == doc.text[t.span.start : t.span.end] == t.text for t in found)


def test_without_publication_date_relative_times_have_no_value(res: TimeResources) -> None:
    found = find_times(parsed(STARTED_ON_TUESDAY), None, res)
    assert [(t.text, t.value, t.start, t.end) for t in found] == [("Tuesday", None, None, None)]
    assert [t.value for t in find_times(parsed(SINCE_2016), None, res)] == ["2016"]


@pytest.mark.parametrize(
    ("spec", "start", "end", "expected"),
    [
        (STARTED_ON_TUESDAY, 3, 4, "past"),
        (WILL_RESUME_ON_TUESDAY, 4, 5, "future"),
        (TUESDAYS_STRIKES_ARE, 0, 1, "none"),
        (PLANS_TO_LEAVE_ON_TUESDAY, 6, 7, "future"),
        (AGREED_ON_TUESDAY, 3, 4, "past"),  # the agreement's own day
        (AGREED_TO_MEET_ON_TUESDAY, 5, 6, "future"),  # the day agreed on
        (NOW_ADVERB, 2, 3, "present"),
        (EVERY_WEEK, 2, 4, "present"),
        (AGE, 1, 6, "none"),
    ],
)
def test_tense_of(spec: str, start: int, end: int, expected: str, res: TimeResources) -> None:
    doc = parsed(spec)
    assert tense_of(doc[start:end], res.lexicon) == expected


TEXT = (
    "Rockets struck the base on Tuesday. Officials met on Wednesday, ten days after 15 August."
    "\nThe attack was condemned. Talks have gone on for years, now more than ever."
    "\nLast week was calm."
)


def t(text: str, type_: TimeType, value: str | None, start: str | None = None,
      end: str | None = None, nth: int = 0) -> Time:
    at = TEXT.index(text)
    for _ in range(nth):
        at = TEXT.index(text, at + 1)
    span = Span.of(TEXT, at, at + len(text))
    return Time(text, span, type_, value, start, end)


TIMES = (
    t("Tuesday", "DATE", "2022-08-23", "2022-08-23", "2022-08-23"),
    t("Wednesday", "DATE", "2022-08-24", "2022-08-24", "2022-08-24"),
    t("15 August", "DATE", "2022-08-15", "2022-08-15", "2022-08-15"),
    t("years", "DURATION", "PXY"),
    t("now", "DATE", "PRESENT_REF"),
    t("Last week", "DATE", "2022-W33", "2022-08-15", "2022-08-21"),
)


def bounds(sentence: str) -> tuple[int, int]:
    start = TEXT.index(sentence)
    return start, start + len(sentence)


def when_of(sentence: str, paragraph: str, anchor_word: str | None,
            published: date | None = SEED) -> When:
    s0, s1 = bounds(sentence)
    p0, p1 = bounds(paragraph)
    anchor = None if anchor_word is None else TEXT.index(anchor_word)
    return nearest_when(TIMES, s0, s1, p0, p1, published, anchor=anchor)


P1 = "Rockets struck the base on Tuesday. Officials met on Wednesday, ten days after 15 August."
P2 = "The attack was condemned. Talks have gone on for years, now more than ever."


@pytest.mark.parametrize(
    ("sentence", "paragraph", "anchor", "expected"),
    [
        ("Rockets struck the base on Tuesday.", P1, "struck",
         ("Tuesday", "2022-08-23", "2022-08-23", "day")),
        ("Officials met on Wednesday, ten days after 15 August.", P1, "met",
         ("Wednesday", "2022-08-24", "2022-08-24", "day")),
        ("Officials met on Wednesday, ten days after 15 August.", P1, "after",
         ("15 August", "2022-08-15", "2022-08-15", "day")),
        ("Last week was calm.", "Last week was calm.", "calm",
         ("Last week", "2022-08-15", "2022-08-21", "week")),
    ],
)
def test_event_when_takes_the_nearest_date_of_the_sentence(
    sentence: str, paragraph: str, anchor: str, expected: tuple[str, str, str, str]
) -> None:
    found = when_of(sentence, paragraph, anchor)
    assert (found.text, found.start, found.end, found.precision) == expected
    assert found.span is not None and found.span.text == found.text


def test_event_when_falls_back_to_the_paragraph() -> None:
    clause = "Rockets struck the base"  # a stretch of the paragraph with no date of its own
    found = when_of(clause, P1, "struck")
    assert (found.text, found.start, found.precision) == ("Tuesday", "2022-08-23", "day")


@pytest.mark.parametrize("published", [SEED, None])
def test_event_when_ignores_durations_and_references(published: date | None) -> None:
    found = when_of("Talks have gone on for years, now more than ever.", P2, "gone", published)
    if published is None:
        assert found == When()
    else:
        # ACLED: an undated report supports only "within the week of publication"
        assert found == When(None, "2022-08-25", "2022-08-25", "week", None)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", "2022-08-25"),
        ("15 August", "2022-08-15"),
        ("last week", "2022-W33"),
        ("Tuesday", "2022-08-23"),
        ("Wednesday", "2022-08-24"),
        ("2016", "2016"),
        ("2019", "2019"),
        ("2011", "2011"),
        ("decade-long", "P10Y"),
    ],
)
def test_seed_article_times(text: str, expected: str, seed_times: tuple[Time, ...]) -> None:
    assert (text, expected) in {(x.text, x.value) for x in seed_times}


SEED_TEXT = """\
"The US military base in Deir ez-Zor on the border with Iraq came under rocket fire today. \
Several rockets fell in the vicinity of the base without causing damage," the source said.
"These precision strikes are intended to defend and protect US forces from attacks such as the \
ones on 15 August against US personnel by Iran-backed groups," CENTCOM spokesman Joe Buccino \
said, referring to a rocket attack last week targeting a facility where US forces are housed.
President Biden was said to have signed off on Tuesday's strikes personally. On Wednesday, State \
Department spokesman Ned Price told CNN that Washington was "watching" the situation "very \
closely" and was prepared to conduct fresh attacks if necessary.
The United States has been occupying chunks of Syria since 2016, hindering the nation's ability \
to rebuild from a deadly, decade-long foreign-backed conflict.
Syrian President Bashar Assad praised Trump in 2019, saying it was good to at least have "an \
honest enemy" who doesn't cover up US imperialism in Syria with pretty slogans.
Syria, which enjoyed modest self-sufficiency from its oil, gas and agricultural resources before \
a foreign-backed conflict broke out in 2011, has been forced to rely on Russian and Iranian food \
and energy assistance.
"""


@pytest.fixture(scope="module")
def times_pipeline() -> Pipeline:
    return load_pipeline()


@pytest.fixture(scope="module")
def seed_times(times_pipeline: Pipeline) -> tuple[Time, ...]:
    doc = times_pipeline.nlp(SEED_TEXT)
    return find_times(doc, SEED, times_pipeline.resources.times)


@pytest.mark.model
def test_seed_spans_match_the_text(seed_times: tuple[Time, ...]) -> None:
    assert seed_times
    assert all(SEED_TEXT[x.span.start : x.span.end] == x.text for x in seed_times)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rebels shelled the town overnight.", [("overnight", "TIME")]),
        ("The clashes of the past 48 hours killed 12.", [("the past 48 hours", "DURATION")]),
        ("Convoys cross the border every week.", [("every week", "SET")]),
        ("Fighting is currently concentrated in the north.", [("currently", "DATE")]),
        ("The 52-year-old commander was arrested.", []),
    ],
)
def test_recognition_with_the_model(text: str, expected: list[tuple[str, str]],
                                    times_pipeline: Pipeline) -> None:
    doc = times_pipeline.nlp(text)
    found = find_times(doc, SEED, times_pipeline.resources.times)
    assert [(x.text, x.type) for x in found] == expected
