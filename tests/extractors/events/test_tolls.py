"""Fatalities and injuries: number reading on hand-built Docs, phrasings with the real parser."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from hand_docs import parsed_doc
from spotrep import data
from spotrep.errors import DataError
from spotrep.extractors.events import casualty_words
from spotrep.extractors.events.casualty_words import load
from spotrep.extractors.events.figures import number_value, read_figure
from spotrep.extractors.events.tolls import find_tolls
from spotrep.pipeline import load_pipeline

RES = load()


def test_data_uses_only_known_labels() -> None:
    assert set(RES.tolls.values()) <= {"fatal", "injury", "casualty", "harm"}
    assert set(RES.bounds.values()) <= {"min", "max", "approx"}
    assert all(count > 0 for count in RES.vague.values())


@pytest.mark.parametrize(
    ("name", "body", "message"),
    [
        ("numbers.tsv", "# word\tvalue\trole\none\t1\tunit\ntwo\ttwo\tunit\n",
         "numbers.tsv, line 3: 'two' is not a whole number"),
        ("numbers.tsv", "one\t1\n", "numbers.tsv, line 1: 2 fields, expected 3"),
        ("numbers.tsv", "one\t1\tword\n", "numbers.tsv, line 1: 'word' is not one of"),
        ("vague.tsv", "dozens\t12\nscores\n", "vague.tsv, line 2: 1 fields, expected 2"),
        ("vague.tsv", "dozens\ta dozen\n", "vague.tsv, line 1: 'a dozen' is not a whole"),
        ("tolls.tsv", "kill\tdead\n", "tolls.tsv, line 1: 'dead' is not one of"),
        ("tolls.tsv", "kill\tfatal\tx\ty\n", "tolls.tsv, line 1: 4 fields, expected 2 to 3"),
        ("bounds.tsv", "at least\tatleast\n", "bounds.tsv, line 1: 'atleast' is not one of"),
        ("revisions.tsv", "\tnoun\n", "revisions.tsv, line 1: 2 fields"),
    ],
)
def test_malformed_casualty_row_is_a_data_error_naming_file_and_line(
    monkeypatch: pytest.MonkeyPatch, name: str, body: str, message: str
) -> None:
    real = data.text

    def text(*path: str) -> str:
        return body if path == ("casualties", name) else real(*path)

    monkeypatch.setattr(casualty_words.data, "text", text)
    with pytest.raises(DataError, match="spotrep/data/casualties/" + message.replace(".", "[.]")):
        load()


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["five"], 5),
        (["1,200"], 1200),
        (["twenty-five"], 25),
        (["twenty", "-", "five"], 25),
        (["two", "dozen"], 24),
        (["three", "hundred"], 300),
        (["one", "hundred", "and", "twenty"], 120),
        (["2.5", "million"], 2500000),
        (["two", "thousand", "five", "hundred"], 2500),
        (["zero"], 0),
        (["people"], None),
        (["fivefold"], None),
    ],
)
def test_number_value(words: list[str], expected: int | None) -> None:
    assert number_value(words, RES) == expected


def _tokens(text: str) -> Doc:
    words = text.split()
    return parsed_doc(words=words, spaces=[True] * len(words))


@pytest.mark.parametrize(
    ("text", "count", "low", "high"),
    [
        ("at least 5 people", 5, 5, None),
        ("more than 20 soldiers", 20, 20, None),
        ("up to 12 people", 12, None, 12),
        ("nearly 100 civilians", 100, None, 100),
        ("about 40 people", 40, None, None),
        ("5 to 7 people", 5, 5, 7),
        ("between 5 and 7 people", 5, 5, 7),
        ("dozens of people", 12, 12, None),
        ("scores of people", 20, 20, None),
        ("hundreds of people", 100, 100, None),
        ("several civilians", 3, 3, None),
        ("a number of militants", 3, 3, None),
        ("a few people", 3, 3, None),
        ("three people", 3, 3, 3),
        ("the people", None, None, None),
    ],
)
def test_read_figure(text: str, count: int | None, low: int | None, high: int | None) -> None:
    figure = read_figure(list(_tokens(text)), RES)
    if count is None:
        assert figure is None
    else:
        assert figure is not None
        assert (figure.count, figure.low, figure.high) == (count, low, high)


def test_nothing_said_on_a_hand_built_sentence() -> None:
    words = ["Rockets", "fell", "near", "the", "base", "."]
    doc = parsed_doc(words=words, heads=[1, 1, 1, 4, 2, 1],
              deps=["nsubj", "ROOT", "prep", "det", "pobj", "punct"],
              pos=["NOUN", "VERB", "ADP", "DET", "NOUN", "PUNCT"])
    assert find_tolls(doc[:], RES) == (None, None)


def test_nobody_hurt_is_a_zero_injury_toll() -> None:
    words = ["Nobody", "was", "hurt"]
    doc = parsed_doc(words=words, heads=[2, 2, 2], deps=["nsubjpass", "auxpass", "ROOT"],
              pos=["PRON", "AUX", "VERB"], tags=["NN", "VBD", "VBN"],
              lemmas=["nobody", "be", "hurt"])
    _, injured = find_tolls(doc[:], RES)
    assert injured is not None and (injured.count, injured.text) == (0, "Nobody was hurt")


def test_passive_toll_on_a_hand_built_sentence() -> None:
    words = ["Three", "soldiers", "were", "killed", "."]
    doc = parsed_doc(words=words, heads=[1, 3, 3, 3, 3],
              deps=["nummod", "nsubjpass", "auxpass", "ROOT", "punct"],
              pos=["NUM", "NOUN", "AUX", "VERB", "PUNCT"],
              tags=["CD", "NNS", "VBD", "VBN", "."], lemmas=["three", "soldier", "be", "kill", "."])
    fatal, injured = find_tolls(doc[:], RES)
    assert injured is None
    assert fatal is not None and fatal.count == 3
    assert fatal.span is not None and fatal.span.text == "Three soldiers were killed"


def test_shot_dead_parsed_as_an_adverb_counts_the_object() -> None:
    # the parse spaCy gives "Gunmen shot dead two officers" in a longer sentence
    words = ["Gunmen", "shot", "dead", "two", "officers", "."]
    doc = parsed_doc(words=words, heads=[1, 1, 1, 4, 1, 1],
              deps=["nsubj", "ROOT", "advmod", "nummod", "dobj", "punct"],
              pos=["NOUN", "VERB", "ADJ", "NUM", "NOUN", "PUNCT"],
              tags=["NNS", "VBD", "JJ", "CD", "NNS", "."],
              lemmas=["gunman", "shoot", "dead", "two", "officer", "."])
    fatal, _ = find_tolls(doc[:], RES)
    assert fatal is not None and fatal.count == 2


# The parse of "five soldiers and eleven militants died" that spaCy gives: the second conjunct
# as a second subject, not as a conjunct of the first.
_TWO_SUBJECTS = [
    # word, head, dep, pos, tag, lemma
    ("five", 1, "nummod", "NUM", "CD", "five"),
    ("soldiers", 5, "nsubj", "NOUN", "NNS", "soldier"),
    ("and", 1, "cc", "CCONJ", "CC", "and"),
    ("eleven", 4, "nummod", "NUM", "CD", "eleven"),
    ("militants", 5, "nsubj", "NOUN", "NNS", "militant"),
    ("VERB", 5, "ROOT", "VERB", "VBD", "LEMMA"),
]


@pytest.mark.parametrize(
    ("verb", "lemma", "expected"),
    [
        ("died", "die", 16),  # both subjects died: the list adds up
        ("killed", "kill", None),  # both subjects did the killing: no victims named
    ],
)
def test_subjects_the_parse_split_add_up_only_for_who_undergoes_it(
    verb: str, lemma: str, expected: int | None
) -> None:
    rows = [(verb, *r[1:5], lemma) if r[0] == "VERB" else r for r in _TWO_SUBJECTS]
    words, heads, deps, pos, tags, lemmas = (list(c) for c in zip(*rows, strict=True))
    doc = parsed_doc(words=words, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas)
    fatal, _ = find_tolls(doc[:], RES)
    assert (fatal.count if fatal else None) == expected


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline().nlp


CASES = [
    # a count of the victims takes the figure it rose to, not a later clause's
    ("The number of people killed in the blast on 6 February has risen to nine after two of "
     "the wounded died in hospital.", 9, None),
    ("The number of people killed in the blast is not known.", None, None),
    # (sentence, fatalities count, injuries count); None: the sentence says nothing
    ("The attack did not result in any casualties, the source said.", 0, 0),
    ("The rocket strike did not cause any injuries, according to US officials.", None, 0),
    ("Several rockets fell in the vicinity of the base without causing damage.", None, None),
    ("Two soldiers and three civilians were killed in the attack.", 5, None),
    ("The strike killed 6 civilians, including 2 women.", 6, None),
    ("A soldier was killed when the convoy was ambushed.", 1, None),
    ("At least 11 people died in the bombing.", 11, None),
    ("More than twenty people were wounded.", None, 20),
    ("Up to 12 people were injured, officials said.", None, 12),
    ("Between 5 and 7 people were killed.", 5, None),
    ("The clashes left 5 to 7 people dead.", 5, None),
    ("Dozens of people were wounded in the blast.", None, 12),
    ("Hundreds of people have been wounded since the fighting began.", None, 100),
    ("Several civilians were killed in the shelling.", 3, None),
    ("Militants stormed the town, killing 130 people and injuring scores more.", 130, 20),
    ("In one incident, a man was killed and five more were wounded.", 1, 5),
    ("The attack killed 13 people and wounded 71.", 13, 71),
    ("Nine people were dead and some 130 more were injured.", 9, 130),
    ("The death toll rose to 25 on Monday.", 25, None),
    ("The death toll from the bombing has risen to 42.", 42, None),
    ("No one was hurt in the blast.", 0, 0),  # hurt, denied, denies deaths too
    ("Nobody was injured in the explosion.", None, 0),
    ("There were no immediate reports of casualties.", 0, 0),
    ("No casualties were reported.", 0, 0),
    ("The gunmen fled without injuring anyone.", None, 0),
    ("Police said the man was shot dead on Sunday.", 1, None),
    ("The bodies of 14 people were recovered from the rubble.", 14, None),
    ("Three people, including a child, were killed.", 3, None),
    ("The blast killed at least 20 people and injured more than 50 others.", 20, 50),
    ("The attack left 3 dead and 12 wounded.", 3, 12),
    ("Four people died and 7 were injured when the bus hit a mine.", 4, 7),
    ("The explosion caused damage to nearby buildings.", None, None),
    ("The army said it had killed a number of militants.", 3, None),
    ("He was wounded in the leg.", None, 1),
    ("It was not immediately clear whether anyone was hurt.", None, None),
    ("In 2019, 5 people were killed.", 5, None),
    ("A few people suffered minor injuries.", None, 3),
    ("Eight people sustained injuries in the attack.", None, 8),
    ("At least 25 students and nine officers were treated in hospital for injuries.", None, 34),
    ("The hospital admitted three people with gunshot wounds.", None, 3),
    ("Doctors treated the wounded for shock.", None, None),  # shock is no injury toll word
    ("The suicide bombing claimed the lives of 17 people.", 17, None),
    ("Twenty-five people lost their lives.", 25, None),
    ("1,200 people have died since March.", 1200, None),
    ("Nearly 100 people were killed in the village.", 100, None),
    ("Dozens were hurt and one person died.", 1, 12),
    ("The attack on his life failed.", None, None),
    ("The soldiers were not injured.", None, 0),
    ("Officials met on Tuesday to discuss the ceasefire.", None, None),
    ("More than two dozen fighters were killed in the attacks.", 24, None),
    ("A 25-year-old man was killed.", 1, None),
    ("The army killed five militants.", 5, None),
    ("A civilian was killed, and 65 others injured, including 25 children.", 1, 65),
    ("The driver and two passengers were killed.", 3, None),
    ("A mine killed or wounded at least 26 villagers.", None, None),
    ("The two injured soldiers have not been identified.", None, 2),
    ("Two policemen, a child were killed and fourteen others wounded.", 3, 14),
    ("The strike killed several people, activists and the group said.", 3, None),
    ("Lagos, More than 30 people were killed and hundreds wounded on Monday.", 30, 100),
    ("The soldiers killed.", None, None),
    ("Two bombers blew themselves up, killing and wounding several people.", 3, 3),
    ("Nine people were dead and some 130 more were mutilated, injured and scarred.", 9, 130),
    ("Soldiers who were wounded in the clashes were taken to hospital.", None, None),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "fatal", "injured"), CASES)
def test_tolls(nlp: Language, text: str, fatal: int | None, injured: int | None) -> None:
    doc = nlp(text)
    found = find_tolls(next(iter(doc.sents)), RES)
    assert [None if t is None else t.count for t in found] == [fatal, injured]
    for toll in found:
        if toll is not None:
            assert toll.span is not None and toll.span.text == text[toll.span.start:toll.span.end]


@pytest.mark.model
def test_bare_plural_has_no_count_but_a_minimum(nlp: Language) -> None:
    fatal, _ = find_tolls(next(iter(nlp("Civilians were killed in the strike.").sents)), RES)
    assert fatal is not None and (fatal.count, fatal.min) == (None, 2)


@pytest.mark.model
def test_wounded_soldiers_have_a_minimum(nlp: Language) -> None:
    text = "Soldiers who were wounded in the clashes were taken to hospital."
    _, injured = find_tolls(next(iter(nlp(text).sents)), RES)
    assert injured is not None and (injured.count, injured.min) == (None, 2)


@pytest.mark.model
def test_bounds_are_reported(nlp: Language) -> None:
    sentence = next(iter(nlp("Between 5 and 7 people were killed.").sents))
    fatal, _ = find_tolls(sentence, RES)
    assert fatal is not None and (fatal.count, fatal.min, fatal.max) == (5, 5, 7)
