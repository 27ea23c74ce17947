"""Fatalities and injuries: numbers, bounds, vague quantifiers and negation.

The counting rules follow ACLED's conservative practice (``data/casualties/*.tsv`` hold the words):

* a plain figure is the count: "five", "1,200", "twenty-five", "two dozen" (24);
* a range gives its lower end as the count: "5 to 7", "between 5 and 7" -> count 5, min 5, max 7;
* "at least 5" and "more than 5" -> count 5, min 5 (the reported figure, as ACLED records it,
  rather than an invented 6); "up to 12", "nearly 12" -> count 12, max 12; "about 12" -> 12;
* vague words: a plural unit noun counts one unit ("dozens" 12, "scores" 20, "hundreds" 100),
  an unspecified plural ("several", "many", "a few", "a number of") counts 3;
* "a soldier", "the driver", "he" -> 1; a bare plural ("civilians were killed") -> count unknown
  (None) with min 2;
* conjoined victims add up ("two soldiers and three civilians" -> 5, "the driver and two
  passengers" -> 3); examples introduced by "including" do not ("6 civilians, including 2 women"
  -> 6); "killed or wounded 26" splits the figure in no known way, so it gives neither toll;
* the subject of an active "kill"/"wound" is who did it ("the army killed five militants" -> 5,
  "three bombers killed 19 people" -> 19);
* negation gives 0: "no one was hurt", "did not cause any injuries", "without casualties";
* "casualties" means deaths and injuries together, so it is read only when negated (0 for both):
  a positive casualty figure cannot be split between the two.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal, cast

from spacy.tokens import Span, Token

from spotrep import data
from spotrep.records import Span as TextSpan
from spotrep.records import Toll

TollKind = Literal["fatal", "injury", "casualty"]
Relation = Literal["min", "max", "approx"]

_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_OBJECTS = frozenset({"dobj"})
_NOUN_TAGS = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
_PLURAL_TAGS = frozenset({"NNS", "NNPS"})
_NOBODY = frozenset({"nobody", "none", "noone", "no-one"})
_ONE_PERSON = frozenset({"he", "she", "him", "her"})
_RELATIVE = frozenset({"who", "that", "which"})
_ONE = frozenset({"a", "an", "another", "one"})
_MODIFIERS = frozenset({"det", "amod", "compound", "nummod", "poss", "quantmod", "nmod"})
_CLAUSES = frozenset({"ROOT", "ccomp", "advcl", "conj", "relcl", "xcomp", "csubj", "parataxis"})
_INDEFINITE = frozenset({"anyone", "anybody", "someone", "somebody", "everyone", "everybody"})


@dataclass(frozen=True, slots=True)
class CasualtyResources:
    """Number words, vague quantities, bound words and toll words, read once per process."""

    units: Mapping[str, int]
    multipliers: Mapping[str, int]
    scales: Mapping[str, int]
    vague: Mapping[tuple[str, ...], int]
    bounds: Mapping[tuple[str, ...], Relation]
    tolls: Mapping[str, TollKind]
    required_heads: Mapping[str, frozenset[str]]
    bearer_verbs: frozenset[str]
    agentive_verbs: frozenset[str]
    counters: frozenset[str] = frozenset()


def _rows(name: str) -> Iterator[list[str]]:
    return data.rows("casualties", name)


@functools.cache
def load() -> CasualtyResources:
    """The casualty lexicons (cached: every caller shares the one frozen copy)."""
    numbers = list(_rows("numbers.tsv"))
    by_role = {
        role: MappingProxyType({w: int(v) for w, v, r in numbers if r == role})
        for role in ("unit", "multiplier", "scale")
    }
    tolls = list(_rows("tolls.tsv"))
    return CasualtyResources(
        units=by_role["unit"],
        multipliers=by_role["multiplier"],
        scales=by_role["scale"],
        vague=MappingProxyType({tuple(p.split()): int(c) for p, c in _rows("vague.tsv")}),
        bounds=MappingProxyType(
            {tuple(p.split()): cast(Relation, r) for p, r in _rows("bounds.tsv")}
        ),
        tolls=MappingProxyType({row[0]: cast(TollKind, row[1]) for row in tolls}),
        required_heads=MappingProxyType(
            {row[0]: frozenset(row[2].split("|")) for row in tolls if len(row) > 2 and row[2]}
        ),
        bearer_verbs=frozenset(row[0] for row in _rows("bearer_verbs.txt")),
        agentive_verbs=frozenset(row[0] for row in _rows("agentive_verbs.txt")),
        counters=frozenset(row[0] for row in _rows("counters.txt")),
    )


@dataclass(frozen=True, slots=True)
class Figure:
    """A count read from some tokens, with its bounds and the tokens it came from."""

    count: int | None
    low: int | None
    high: int | None
    first: int
    last: int
    explicit: bool = True
    """False when the count is only implied ("the driver", "civilians"), not stated."""


def _word_value(word: str, res: CasualtyResources) -> tuple[str, float] | None:
    digits = word.replace(",", "")
    try:
        return "unit", float(digits)
    except ValueError:
        pass
    for role, table in (
        ("unit", res.units),
        ("multiplier", res.multipliers),
        ("scale", res.scales),
    ):
        if word in table:
            return role, table[word]
    return None


def _is_number_word(word: str, res: CasualtyResources) -> bool:
    return all(part and _word_value(part, res) is not None for part in word.split("-"))


def number_value(words: Sequence[str], res: CasualtyResources) -> int | None:
    """The value of a run of number words and digits: "twenty-five", "two dozen", "1,200"."""
    total = current = 0.0
    seen = False
    for word in (p for w in words for p in w.split("-") if p and p != "and"):
        found = _word_value(word, res)
        if found is None:
            return None
        role, value = found
        seen = True
        if role == "unit":
            current += value
        elif role == "multiplier":
            current = (current or 1) * value
        else:
            total += (current or 1) * value
            current = 0
    return int(total + current) if seen else None


def _joins(words: Sequence[str], j: int, res: CasualtyResources) -> bool:
    """Whether ``words[j]`` continues the number run before it ("two dozen", "2 million")."""
    word, prev = words[j], words[j - 1]
    nxt = words[j + 1] if j + 1 < len(words) else ""
    if word in res.multipliers or word in res.scales:
        return True
    if word in ("-", "and"):
        after_digits = prev[:1].isdigit()
        return (
            _is_number_word(nxt, res)
            and not after_digits
            and (word == "-" or prev in res.multipliers or prev in res.scales)
        )
    return _is_number_word(word, res) and not word[:1].isdigit() and not prev[:1].isdigit()


def _measure(words: Sequence[str], end: int, res: CasualtyResources) -> bool:
    """Whether the number before ``end`` is part of a hyphenated modifier ("a 10-year-old")."""
    return end + 1 < len(words) and words[end] == "-" and not _is_number_word(words[end + 1], res)


def _number_runs(words: Sequence[str], res: CasualtyResources) -> list[tuple[int, int]]:
    """(start, end) of each maximal run of number words in ``words``."""
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        if not _is_number_word(words[i], res) or words[i] in res.multipliers:
            i += 1
            continue
        j = i + 1
        while j < len(words) and _joins(words, j, res):
            j += 1
        if not _measure(words, j, res):
            runs.append((i, j))
        i = j
    return runs


def _bound_before(
    words: Sequence[str], at: int, res: CasualtyResources
) -> tuple[Relation | None, int]:
    """How the words before ``words[at]`` bound the figure there, and where they start."""
    for size in (3, 2, 1):
        start = at - size
        if start >= 0 and tuple(words[start:at]) in res.bounds:
            return res.bounds[tuple(words[start:at])], start
    return None, at


def _vague(words: Sequence[str], res: CasualtyResources) -> tuple[int, int, int] | None:
    """(count, start, end) of the first vague quantity in ``words``."""
    for i in range(len(words)):
        for size in (3, 2, 1):
            phrase = tuple(words[i : i + size])
            if len(phrase) == size and phrase in res.vague:
                return res.vague[phrase], i, i + size
    return None


def read_figure(tokens: Sequence[Token], res: CasualtyResources) -> Figure | None:
    """The count stated by ``tokens`` (a noun phrase's left part): figures, ranges, vague words."""
    words = [t.lower_ for t in tokens]
    runs = _number_runs(words, res)
    if runs:
        start, end = runs[0]
        value = number_value(words[start:end], res)
        if value is not None:
            return _bounded(tokens, words, runs, value, res)
    vague = _vague(words, res)
    if vague is not None:
        count, start, end = vague
        return Figure(count, count, None, tokens[start].i, tokens[end - 1].i)
    return None


def _bounded(
    tokens: Sequence[Token],
    words: Sequence[str],
    runs: Sequence[tuple[int, int]],
    value: int,
    res: CasualtyResources,
) -> Figure:
    start, end = runs[0]
    if len(runs) > 1 and runs[1][0] - end == 1 and words[end] in {"to", "-", "or", "and"}:
        high = number_value(words[runs[1][0] : runs[1][1]], res)
        if high is not None and high >= value:
            return Figure(value, value, high, tokens[start].i, tokens[runs[1][1] - 1].i)
    relation, first = _bound_before(words, start, res)
    low = value if relation in (None, "min") else None
    high = value if relation is None or relation == "max" else None
    return Figure(value, low, high, tokens[first].i, tokens[end - 1].i)


def _left_part(head: Token) -> list[Token]:
    """The head noun and what precedes it in its phrase, plus two words before the phrase
    (bound words like "between" are often attached elsewhere)."""
    doc = head.doc
    left = head.left_edge.i
    before: list[Token] = []
    for i in range(left - 1, max(left - 3, head.sent.start - 1), -1):
        if not doc[i].is_alpha or doc[i].like_num:
            break
        before.insert(0, doc[i])
    inside = [t for t in head.subtree if t.i <= head.i]
    of = [c for c in head.rights if c.lower_ == "of"]
    return before + inside + of[:1]


def _conjuncts(head: Token) -> list[Token]:
    return [head, *(c for c in head.conjuncts if c.i > head.i)]


def phrase_figure(head: Token, res: CasualtyResources) -> Figure | None:
    """How many people the noun phrase headed by ``head`` names, conjuncts added up: "the driver
    and two passengers" (3), but not "several people, activists and the group" (3)."""
    figures = [_one_phrase(h, res) for h in _conjuncts(head)]
    first = figures[0]
    if first is None or len(figures) == 1:
        return first
    return _combine([dataclasses.replace(first, explicit=True), *figures[1:]])


def _disjoined(word: Token) -> bool:
    """ "killed or wounded 26": how many of each is not said."""
    verbs = [word, word.head] if word.dep_ == "conj" else [word]
    return word.pos_ == "VERB" and any(
        c.dep_ == "cc" and c.lower_ in ("or", "and/or") for v in verbs for c in v.children
    )


def _combine(figures: Sequence[Figure | None]) -> Figure | None:
    """The sum of the stated figures, else the first figure at all."""
    stated = [f for f in figures if f is not None and f.explicit]
    if len(stated) == 1:
        return stated[0]
    if not stated:
        return next((f for f in figures if f is not None), None)
    counts = [f.count for f in stated if f.count is not None]
    lows = [f.low for f in stated if f.low is not None]
    highs = [f.high for f in stated if f.high is not None]
    return Figure(
        sum(counts) if counts else None,
        sum(lows) if lows else None,
        sum(highs) if len(highs) == len(stated) else None,
        min(f.first for f in stated),
        max(f.last for f in stated),
    )


def _one_phrase(head: Token, res: CasualtyResources) -> Figure | None:
    tokens = _left_part(head)
    figure = read_figure(tokens, res)
    if figure is not None:
        return Figure(figure.count, figure.low, figure.high, figure.first, head.i)
    first = min([head.i, *(t.i for c in head.lefts if c.dep_ in _MODIFIERS for t in c.subtree)])
    if head.lower_ in _INDEFINITE:
        return None
    article = any(c.dep_ == "det" and c.lower_ in _ONE for c in head.children)
    if article or head.lower_ in _ONE_PERSON or head.ent_type_ == "PERSON":
        return Figure(1, 1, 1, first, head.i)
    if head.tag_ == "NN":
        return Figure(1, 1, 1, first, head.i, explicit=False)
    if head.tag_ in _PLURAL_TAGS:
        return Figure(None, 2, None, first, head.i, explicit=False)
    return None


def _resolve_relative(noun: Token) -> Token:
    """The antecedent of a relative pronoun subject ("people who were killed" -> people)."""
    clause = noun.head
    if noun.lower_ in _RELATIVE and clause.dep_ == "relcl":
        return clause.head
    return noun


def _child(token: Token, deps: frozenset[str]) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def _subject(word: Token, deps: frozenset[str]) -> Token | None:
    """The subject nearest before ``word`` (a misparse may give a verb two)."""
    found = [c for c in word.lefts if c.dep_ in deps]
    return found[-1] if found else _child(word, deps)


def _reduced_passive(word: Token) -> bool:
    """ "hundreds wounded": a participle without "have" whose subject is who suffered it."""
    return word.tag_ == "VBN" and not any(c.lemma_ == "have" for c in word.children)


def victims_of(word: Token, res: CasualtyResources) -> Token | None:
    """The head of the noun phrase that names who died or was hurt, given the toll word."""
    if word.dep_ in ("acomp", "oprd", "xcomp") and word.pos_ == "ADJ":
        word = word.head
    if word.pos_ in ("VERB", "AUX", "ADJ") or word.tag_.startswith("VB"):
        passive = _subject(word, frozenset({"nsubjpass"}))
        if passive is not None:
            return _resolve_relative(passive)
        obj = _child(word, _OBJECTS)
        if obj is not None:
            return obj
        subj = _subject(word, _SUBJECTS)
        if subj is not None and (
            word.lemma_.lower() not in res.agentive_verbs
            or word.pos_ == "ADJ"
            or _reduced_passive(word)
        ):
            return _resolve_relative(subj)
        later = _later_object(word)
        if later is not None:
            return later
        if word.dep_ in ("acl", "amod") and word.head.pos_ in _NOUN_TAGS:
            return word.head
        return _shared_victims(word, res)
    return _victims_of_noun(word, res)


def _later_object(verb: Token) -> Token | None:
    """ "killing and wounding several people": the object on the last conjoined verb."""
    later = next((c for c in verb.children if c.dep_ == "conj"), None)
    return None if later is None else _child(later, _OBJECTS)


def _shared_victims(verb: Token, res: CasualtyResources) -> Token | None:
    """Victims that conjoined verbs share: "killing and wounding several people" (object on the
    last verb), "were mutilated, injured and scarred" (subject on the first)."""
    if _left_window(verb, res) is not None:
        return None
    if verb.dep_ == "conj" and verb.head.pos_ == "VERB":
        first = verb.head
        return _child(first, frozenset({"nsubjpass"})) or _child(first, _SUBJECTS)
    return None


def _victims_of_noun(word: Token, res: CasualtyResources) -> Token | None:
    """ "the bodies of 14 people", "17 people lost their lives", "8 people sustained injuries"."""
    of = next((c for c in word.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
    obj = None if of is None else _child(of, frozenset({"pobj"}))
    if obj is not None:
        return obj
    if word.dep_ == "dobj" and word.head.lemma_.lower() in res.bearer_verbs:
        subj = _child(word.head, _SUBJECTS)
        return None if subj is None else _resolve_relative(subj)
    return None


def _negated(word: Token, victims: Token | None) -> bool:
    """Whether the toll is denied: "no one was hurt", "did not cause any injuries", "without
    casualties"; the search stops at the first clause head, so "unclear whether anyone was hurt"
    is not a denial."""
    if victims is not None and (
        victims.lower_ in _NOBODY or any(c.lower_ == "no" for c in victims.children)
    ):
        return True
    if word.dep_ in ("amod", "acl", "compound"):
        # "the two other injured soldiers have not been identified": not a denial of injury
        return any(c.dep_ == "neg" for c in word.children)
    node = word
    for _ in range(8):
        if node.lower_ == "without" or any(
            c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in node.children
        ):
            return True
        if node.head is node or (node.pos_ in ("VERB", "AUX") and node.dep_ in _CLAUSES):
            return False
        node = node.head
    return False


def _right_figure(word: Token, res: CasualtyResources) -> Figure | None:
    """A figure after the word ("the death toll rose to 25", "a toll of 12")."""
    scope = word.head if word.dep_ in _SUBJECTS else word
    tokens = [t for t in scope.subtree if t.i > word.i]
    return read_figure(tokens, res)


def _left_window(word: Token, res: CasualtyResources) -> Figure | None:
    """A figure just before a verb whose subject the parse lost ("some 130 more were injured")."""
    tokens: list[Token] = []
    for i in range(word.i - 1, max(word.sent.start, word.i - 6) - 1, -1):
        t = word.doc[i]
        if t.is_punct or t.pos_ in ("VERB", "CCONJ", "ADP"):
            break
        tokens.insert(0, t)
    return read_figure(tokens, res)


def _figure_for(word: Token, res: CasualtyResources) -> Figure | None:
    if word.pos_ in ("NOUN", "PROPN"):
        own = read_figure([t for t in word.subtree if t.i <= word.i], res)
        if own is not None:
            return own
        if word.lower_ == "toll" or word.lemma_ == "toll":
            return _right_figure(word, res)
    if _disjoined(word):
        return None
    listed = [c for c in word.lefts if c.dep_ == "nsubjpass"]
    if len(listed) > 1:
        # "Two soldiers, a civilian were killed": a list the parse gave as several subjects
        return _combine([phrase_figure(_resolve_relative(c), res) for c in listed])
    victims = victims_of(word, res)
    if victims is not None:
        own = phrase_figure(victims, res)
        if own is None or own.count is None:
            return _counted_figure(victims, res) or own
        return own
    if word.pos_ in ("VERB", "ADJ") and _child(word, _SUBJECTS) is None:
        return _left_window(word, res)
    return None


def _counted_figure(victims: Token, res: CasualtyResources) -> Figure | None:
    """The figure a count of the victims rose or fell to: "the number of people killed has
    risen to nine" (``data/casualties/counters.txt``)."""
    of = victims.head
    if victims.dep_ != "pobj" or of.lower_ != "of":
        return None
    counter = of.head
    if counter.lemma_.lower() not in res.counters or counter.dep_ not in _SUBJECTS:
        return None
    to = [c for c in counter.head.children if c.dep_ == "prep" and c.lower_ == "to"]
    return read_figure(list(to[0].subtree), res) if to else None


def _kind(word: Token, res: CasualtyResources) -> TollKind | None:
    kind = res.tolls.get(word.lower_) or res.tolls.get(word.lemma_.lower())
    if kind is None or (word.dep_ == "compound" and word.lower_ not in ("death", "deaths")):
        return None
    needed = res.required_heads.get(word.lower_) or res.required_heads.get(word.lemma_.lower())
    if needed is not None and word.head.lemma_.lower() not in needed:
        return None
    return kind


def _text_span(tokens: Span) -> TextSpan:
    # the doc's text is rebuilt on every access: the span's own text is the same slice
    return TextSpan(tokens.start_char, tokens.end_char, tokens.text)


def _toll(figure: Figure, extra: Token, sentence: Span) -> Toll:
    first = min(figure.first, extra.i)
    last = max(figure.last, extra.i)
    doc = sentence.doc
    span = _text_span(doc[first : last + 1])
    return Toll(figure.count, figure.low, figure.high, span.text, span)


def _zero(word: Token, sentence: Span) -> Toll:
    doc = sentence.doc
    negators = [
        t.i
        for t in sentence
        if t.dep_ == "neg" or t.lower_ in _NOBODY or t.lower_ in ("no", "without")
    ]
    first = min([word.i, *(i for i in negators if i < word.i and word.i - i < 8)])
    span = _text_span(doc[first : word.i + 1])
    return Toll(0, 0, 0, span.text, span)


def _better(old: Toll | None, new: Toll) -> Toll:
    """The first figure wins; a stated number beats a zero or an unknown count."""
    if old is None:
        return new
    if old.count is None and new.count is not None:
        return new
    if old.count == 0 and new.count:
        return new
    return old


def find_tolls(
    sentence: Span, res: CasualtyResources | None = None
) -> tuple[Toll | None, Toll | None]:
    """(fatalities, injuries) stated in ``sentence``; None where it says nothing."""
    res = res or load()
    fatal: Toll | None = None
    injury: Toll | None = None
    for word in sentence:
        kind = _kind(word, res)
        if kind is None:
            continue
        victims = victims_of(word, res) if word.pos_ != "NOUN" else None
        if _negated(word, victims):
            zero = _zero(word, sentence)
            if kind in ("fatal", "casualty"):
                fatal = _better(fatal, zero)
            if kind in ("injury", "casualty"):
                injury = _better(injury, zero)
            continue
        if kind == "casualty":
            continue
        figure = _figure_for(word, res)
        if figure is None:
            continue
        toll = _toll(figure, word, sentence)
        if kind == "fatal":
            fatal = _better(fatal, toll)
        else:
            injury = _better(injury, toll)
    return fatal, injury
