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
* negation gives 0: "no one was injured", "did not cause any injuries", "without casualties";
  "no one was hurt" (or harmed) denies deaths too: 0 for both;
* "casualties" means deaths and injuries together, so it is read only when negated (0 for both):
  a positive casualty figure cannot be split between the two.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from spotrep.extractors._syntax import NOUN_POS, VERB_POS, first_child, subtree_range
from spotrep.extractors.events.casualty_words import CasualtyResources, TollKind
from spotrep.extractors.events.figures import (
    Figure,
    combined_figure,
    is_disjoined,
    number_value,
    phrase_figure,
    read_figure,
)
from spotrep.extractors.events.mentions import EventMention
from spotrep.extractors.events.when import TEMPORAL_ADJUNCTS
from spotrep.records import Event, Toll
from spotrep.records import Span as TextSpan

_SUBJECTS = frozenset({"nsubj", "nsubjpass"})

_OBJECTS = frozenset({"dobj"})

_PATIENTS = frozenset({"nsubjpass", "dobj"})
"""Who a verb of care acts on: "students were treated", "admitted three people"."""

_NOUN_TAGS = frozenset({"NOUN", "PROPN", "PRON", "NUM"})

_NOBODY = frozenset({"nobody", "none", "noone", "no-one"})

_RELATIVE = frozenset({"who", "that", "which"})

_CLAUSES = frozenset({"ROOT", "ccomp", "advcl", "conj", "relcl", "xcomp", "csubj", "parataxis"})


def _resolve_relative(noun: Token) -> Token:
    """The antecedent of a relative pronoun subject ("people who were killed" -> people)."""
    clause = noun.head
    if noun.lower_ in _RELATIVE and clause.dep_ == "relcl":
        return clause.head
    return noun


def _subject(word: Token, deps: frozenset[str]) -> Token | None:
    """The subject nearest before ``word`` (a misparse may give a verb two)."""
    found = [c for c in word.lefts if c.dep_ in deps]
    return found[-1] if found else first_child(word, deps)


def _reduced_passive(word: Token) -> bool:
    """ "hundreds wounded": a participle without "have" whose subject is who suffered it."""
    return word.tag_ == "VBN" and not any(c.lemma_ == "have" for c in word.children)


def victims_of(word: Token, res: CasualtyResources) -> Token | None:
    """The head of the noun phrase that names who died or was hurt, given the toll word."""
    # the result of the verb: "found dead", "shot dead two officers" (parsed as an adverb)
    if word.dep_ in ("acomp", "oprd", "xcomp", "advmod") and word.pos_ == "ADJ":
        word = word.head
    if word.pos_ in ("VERB", "AUX", "ADJ") or word.tag_.startswith("VB"):
        passive = _subject(word, frozenset({"nsubjpass"}))
        if passive is not None:
            return _resolve_relative(passive)
        obj = first_child(word, _OBJECTS)
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
    return None if later is None else first_child(later, _OBJECTS)


def _shared_victims(verb: Token, res: CasualtyResources) -> Token | None:
    """Victims that conjoined verbs share: "killing and wounding several people" (object on the
    last verb), "were mutilated, injured and scarred" (subject on the first)."""
    if _left_window(verb, res) is not None:
        return None
    if verb.dep_ == "conj" and verb.head.pos_ == "VERB":
        first = verb.head
        return first_child(first, frozenset({"nsubjpass"})) or first_child(first, _SUBJECTS)
    return None


def _victims_of_noun(word: Token, res: CasualtyResources) -> Token | None:
    """ "the bodies of 14 people", "17 people lost their lives", "8 people sustained injuries",
    "25 students were treated for injuries"."""
    of = next((c for c in word.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
    obj = None if of is None else first_child(of, frozenset({"pobj"}))
    if obj is not None:
        return obj
    if word.dep_ == "dobj" and word.head.lemma_.lower() in res.bearer_verbs:
        subj = first_child(word.head, _SUBJECTS)
        return None if subj is None else _resolve_relative(subj)
    if word.dep_ == "pobj" and word.head.lower_ in ("for", "with"):
        return _patient(word.head.head, res)
    return None


def _patient(care: Token, res: CasualtyResources) -> Token | None:
    """Who was cared for: the patient of a verb of care ("25 students were treated for
    injuries"), or the noun the toll noun describes as its patient's ("admitted three people
    with gunshot wounds")."""
    if care.pos_ in NOUN_POS and care.dep_ in _PATIENTS:
        return care if care.head.lemma_.lower() in res.care_verbs else None
    if care.lemma_.lower() not in res.care_verbs:
        return None
    patient = first_child(care, _PATIENTS)
    return None if patient is None else _resolve_relative(patient)


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
        if node.head is node or (node.pos_ in VERB_POS and node.dep_ in _CLAUSES):
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
    if word.pos_ in NOUN_POS:
        own = read_figure([t for t in word.subtree if t.i <= word.i], res)
        if own is not None:
            return own
        if word.lower_ == "toll" or word.lemma_ == "toll":
            return _right_figure(word, res)
    if is_disjoined(word):
        return None
    # who undergoes it: the passive subject, or any subject of a verb like "die"
    undergoes = {"nsubjpass"} if word.lemma_.lower() in res.agentive_verbs else _SUBJECTS
    listed = [c for c in word.lefts if c.dep_ in undergoes]
    if len(listed) > 1:
        # "Two soldiers, a civilian were killed", "five soldiers and eleven militants died": a
        # list the parse gave as several subjects
        return combined_figure([phrase_figure(_resolve_relative(c), res) for c in listed])
    victims = victims_of(word, res)
    if victims is not None:
        own = phrase_figure(victims, res)
        if own is None or own.count is None:
            return _counted_figure(victims, res) or own
        return own
    if word.pos_ in ("VERB", "ADJ") and first_child(word, _SUBJECTS) is None:
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


MAX_TOLL_WORDS_PER_SENTENCE = 12
"""Toll words read in one sentence at most: a sentence states a few tolls, not hundreds."""


def find_tolls(
    sentence: Span, res: CasualtyResources
) -> tuple[Toll | None, Toll | None]:
    """(fatalities, injuries) stated in ``sentence``; None where it says nothing."""
    fatal: Toll | None = None
    injury: Toll | None = None
    seen = 0
    for word in sentence:
        kind = _kind(word, res)
        if kind is None:
            continue
        seen += 1
        if seen > MAX_TOLL_WORDS_PER_SENTENCE:
            break  # a list or noise; each toll word costs work in the sentence's length
        victims = victims_of(word, res) if word.pos_ != "NOUN" else None
        if _negated(word, victims):
            zero = _zero(word, sentence)
            if kind in ("fatal", "casualty", "harm"):
                fatal = _better(fatal, zero)
            if kind in ("injury", "casualty", "harm"):
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


def event_tolls(
    group: Sequence[EventMention], res: CasualtyResources
) -> tuple[Toll | None, Toll | None]:
    """Fatalities and injuries: the first sentence of the event that states each."""
    fatal: Toll | None = None
    injured: Toll | None = None
    seen: set[int] = set()
    for m in group:
        if m.sentence.start in seen:
            continue
        seen.add(m.sentence.start)
        adjuncts = other_adjuncts(m.root)
        tolls = find_tolls(m.sentence, res)
        f, i = (t if t and not within(t, adjuncts) else None for t in tolls)
        fatal = fatal or f
        injured = injured or i
    return fatal, injured


def other_adjuncts(root: Token) -> list[tuple[int, int]]:
    """Character ranges of the temporal adjuncts of ``root``'s sentence that do not hold it:
    "a curfew on Saturday, two days after fighting left five dead" gives the curfew no dead.
    One that follows the trigger runs to the end of the sentence, since the parse often hangs
    the adjunct's own verb ("left") on the main clause."""
    out: list[tuple[int, int]] = []
    sent = root.sent
    for word in sent:
        if word.lower_ not in TEMPORAL_ADJUNCTS:
            continue
        phrase = word if word.dep_ == "prep" else word.head if word.dep_ == "mark" else None
        if phrase is None or phrase.is_ancestor(root) or phrase.i == root.i:
            continue
        lo, hi = subtree_range(phrase)
        out.append((word.idx, sent.end_char) if word.i > root.i else (lo, hi))
    return out


def within(toll: Toll, ranges: Sequence[tuple[int, int]]) -> bool:
    span = toll.span
    return span is not None and any(lo <= span.start and span.end <= hi for lo, hi in ranges)


def revised_toll(sentence: Span, res: CasualtyResources) -> Toll | None:
    """The figure a sentence revises a death toll to: "bringing the toll to 22", "the death
    toll has risen to eight" (a toll noun whose verb moves it "to" a figure)."""
    for word in sentence:
        verb = word.head
        if word.lemma_.lower() not in res.toll_nouns or verb.lemma_.lower() not in (
            res.revision_verbs
        ):
            continue
        for prep in verb.children:
            if prep.dep_ != "prep" or prep.lower_ != "to":
                continue
            for obj in prep.children:
                value = number_value([t.text for t in obj.subtree], res)
                if obj.dep_ == "pobj" and value is not None:
                    words = sentence.doc[obj.left_edge.i : obj.right_edge.i + 1]
                    return Toll(value, value, value, words.text, _text_span(words))
    return None


CONFLICT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
"""Event types whose tolls a later sentence may state or revise."""


def later_tolls(
    events: Sequence[Event], doc: Doc, text: str, res: CasualtyResources
) -> list[Event]:
    """Tolls told after an event in sentences that tell no event of their own.

    A sentence with no trigger that states a toll ("Doctors said they had received 15 wounded
    people", "No one was hurt") is about the event told just before it, in its paragraph or the
    one before: it fills a toll that event leaves empty, never one it states. A figure is
    about a conflict event; a denial of harm about any ("shot down a drone ... No one was
    hurt"). A revision
    ("bringing the toll to 22") raises the death toll of the latest earlier event that states
    one, however far back: the figure a report revises is its latest. ``text`` is
    ``doc.text``, which spaCy builds by joining every token: the caller reads it once.
    """
    out = list(events)
    told = {s.start for e in out for s in e.evidence}
    for sentence in doc.sents:
        start = sentence.start_char
        words = {w for t in sentence for w in (t.lower_, t.lemma_.lower())}
        if not (words & res.tolls.keys() or words & res.toll_nouns):
            continue  # no word of death or injury: nothing to read (most sentences)
        revised = revised_toll(sentence, res)
        if revised is None and start in told:
            continue  # a sentence telling an event states its own tolls
        reported = [i for i, e in enumerate(out) if e.status == "reported" and e.trigger
                    is not None and e.trigger.start < start]
        earlier = [i for i in reported if out[i].event_type in CONFLICT_TYPES]
        if revised is not None:
            stated = [i for i in earlier if _deaths(out[i]) is not None]
            if stated:
                i = max(stated, key=lambda j: _told_before(out[j], start))
                if (_deaths(out[i]) or 0) < (revised.count or 0):
                    out[i] = replace(out[i], fatalities=revised)
            continue
        if not reported:
            continue
        fatal, injured = find_tolls(sentence, res)
        if not _denied(fatal, injured):
            reported = earlier  # a figure is a conflict's; "no one was hurt" any event's
        if not reported:
            continue
        i = max(reported, key=lambda j: _told_before(out[j], start))
        if not _next_to(text, _told_before(out[i], start), start):
            continue
        out[i] = replace(out[i], fatalities=out[i].fatalities or fatal,
                         injuries=out[i].injuries or injured)
    return out


def _denied(fatal: Toll | None, injured: Toll | None) -> bool:
    """Whether a sentence states only zero tolls ("No one was hurt")."""
    stated = [t for t in (fatal, injured) if t is not None]
    return bool(stated) and all(t.count == 0 for t in stated)


def _deaths(event: Event) -> int | None:
    return None if event.fatalities is None else event.fatalities.count


def _told_before(event: Event, start: int) -> int:
    """Where the last sentence telling ``event`` before ``start`` ends."""
    return max((s.end for s in event.evidence if s.start < start), default=-1)


def _next_to(text: str, end: int, start: int) -> bool:
    """Whether ``start`` is in the paragraph of ``end`` or the next one."""
    return end >= 0 and text.count("\n\n", end, start) <= 1 and text.count("\n", end, start) <= 2
