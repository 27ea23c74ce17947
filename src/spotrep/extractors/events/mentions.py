"""Event mentions: every trigger told as an event (not generic, not negated), with its
sentence, coding and status (``find_mentions`` -> ``EventMention``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from spotrep.extractors._syntax import NOUN_POS, VERB_POS
from spotrep.extractors.events.lexicon import EventLexicon
from spotrep.extractors.events.status import NEGATED, PLANNED, REPORTED, purpose, status_of
from spotrep.extractors.events.triggers import (
    Coding,
    Cue,
    code_trigger,
    find_cues,
    find_triggers,
    subject_heads,
)


@dataclass(frozen=True, slots=True)
class EventMention:
    """One trigger read as an event: where it is, its code and its status."""

    trigger: SpacySpan
    root: Token
    sentence: SpacySpan
    sent_index: int
    coding: Coding
    status: str
    anaphoric: bool
    distinct: bool
    """Marked as a further event ("a second explosion"): never merged with an earlier one."""
    alone: Coding
    """The coding from the whole sentence, used when an anaphoric mention finds no antecedent."""
    naming: bool = False
    """Only names an event told ("condemned the attack", "the strike was another attack"): it
    joins the latest reported event of its class whatever its own wording codes it."""
    vague: bool = False
    """Its word says no more than that people were hurt or something was hit ("killing six"):
    hanging off another trigger, it tells that trigger's event whatever its code."""
    by_doers: bool = False
    """Done by the doers of an event told ("the attackers opened fire"): it retells the
    latest event of its class."""
    family: str = ""
    """Its trigger word's family (``triggers.tsv``): "an explosion" and "the blast" are one
    family's words, whatever their contexts code them."""


def is_anaphoric(root: Token, determiners: frozenset[str]) -> bool:
    """A noun with a definite determiner or a possessive ("the attack", "Tuesday's strikes")."""
    if root.pos_ not in NOUN_POS:
        return False
    return any(
        (c.dep_ in ("det", "predet", "amod") and c.lower_ in determiners) or c.dep_ == "poss"
        for c in root.children
    )


VAGUE_SPEC = 0.0
"""Trigger words this unspecific ("killed", "hit", "wounded") tell no kind of event alone."""

MAX_TRIGGERS_PER_SENTENCE = 12
"""Trigger words read in one sentence at most: a sentence tells a handful of events; beyond
that it is a list or noise, and each trigger costs work in the sentence's length."""


def find_mentions(doc: Doc, lex: EventLexicon) -> list[EventMention]:
    """Every trigger that codes to an event that is not negated, in text order."""
    cues = find_cues(doc, lex)
    sentences = list(doc.sents)
    index = {s.start: i for i, s in enumerate(sentences)}
    out: list[EventMention] = []
    triggers = find_triggers(doc, lex)
    roots = {t.root for t in triggers}
    by_sentence: dict[int, list[Cue]] = {}  # each sentence's cues, in order: found once
    for cue in cues:
        by_sentence.setdefault(doc[cue.start].sent.start, []).append(cue)
    per_sentence: dict[int, int] = {}
    reactions = [doc[r] for r in roots if is_reaction(doc[r], roots, lex.aspect)]
    for trigger in triggers:
        root = doc[trigger.root]
        sentence = root.sent
        per_sentence[sentence.start] = per_sentence.get(sentence.start, 0) + 1
        if per_sentence[sentence.start] > MAX_TRIGGERS_PER_SENTENCE:
            continue  # a list or a page of noise, not a sentence telling events
        if is_generic(root, index[sentence.start], lex.aspect) or root in reactions:
            continue
        # told already: merged, whatever its determiner (a reaction's object is the event
        # it reacts to: "condemned the attack", "denounced what it called a massacre")
        naming = is_naming(root, roots) or any(r.is_ancestor(root) for r in reactions)
        anaphoric = naming or is_anaphoric(root, lex.anaphoric)
        context = by_sentence.get(sentence.start, [])
        alone = code_trigger(trigger, doc, context, lex)
        if alone is None:
            continue
        coding = alone
        if anaphoric:  # "the strikes" is coded by its own words, not by its new sentence
            own = [c for c in context if root.left_edge.i <= c.start <= root.right_edge.i]
            coding = code_trigger(trigger, doc, own, lex) or alone
        status = status_of(root, lex.status)
        if status == PLANNED and protest_by_act(root, coding, lex):
            status = REPORTED
        at = index[sentence.start]
        instance = dated_instance(root) if status != REPORTED else None
        if status != NEGATED:
            span = doc[trigger.start : trigger.end]
            distinct = not naming and any(c.lower_ in lex.distinct for c in root.children)
            vague = trigger.rule.spec <= VAGUE_SPEC
            out.append(EventMention(span, root, sentence, at, coding, status, anaphoric,
                                    distinct, alone, naming, vague, by_doers(root, lex),
                                    trigger.rule.family))
        if instance is not None:
            span = doc[instance.i : instance.i + 1]
            out.append(
                EventMention(span, instance, sentence, at, alone, REPORTED, False, False, alone)
            )
    return out

def protest_by_act(root: Token, coding: Coding, lex: EventLexicon) -> bool:
    """Whether a protest told as the purpose of an act is that act ("farmers blocked highways
    with tractors to protest against fuel prices"): protesting is what the reported act does,
    not a later event."""
    if lex.classes.get(coding.code) != "protest" or not purpose(root):
        return False
    act = root.head
    return act.pos_ in VERB_POS and status_of(act, lex.status) == REPORTED


def by_doers(root: Token, lex: EventLexicon) -> bool:
    """Whether the trigger's subject names the doers of an event told: a doer noun with a
    definite determiner ("the attackers", "the gunmen"; not "gunmen")."""
    return any(
        h.lemma_.lower() in lex.doers
        and any(c.dep_ == "det" and c.lower_ in lex.anaphoric for c in h.children)
        for h in subject_heads(root)
    )


PERFECT = frozenset({"has", "have", "had"})


def is_reaction(root: Token, roots: set[int], aspect: Mapping[str, str]) -> bool:
    """A verb of reaction ("condemned", "denounced"; kind ``reaction`` in aspect.tsv) whose
    object holds another event's trigger ("condemned the attack"): a reaction to an event told,
    not an event of its own. One with no event in its object ("condemned the sanctions") stays
    a diplomatic event."""
    if root.pos_ not in VERB_POS or aspect.get(root.lemma_.lower()) != "reaction":
        return False
    return any(t.i in roots and t.i != root.i for t in root.subtree)


def is_generic(root: Token, sent_index: int, aspect: Mapping[str, str]) -> bool:
    """A habit or a general statement rather than an event: a verb in the simple present
    outside the headline ("Moscow says it targets only military sites", "the army regularly
    shells the area") or in the present perfect progressive ("they have been targeting
    farms"), or one modified by a habit adverb that is not a simple past ("has repeatedly
    struck" is still reported); a present perfect of lasting state ("have long accused"); a
    present progressive in a relative clause ("Mali, where the government is fighting armed
    groups"); a present perfect in an undated relative clause, which tells what a participant
    is ("a group that has pledged allegiance to the Islamic State"); a present perfect over a
    span of months or years, which a coordinated verb shares ("bandits have killed thousands
    over the past decade", "have killed or maimed thousands since the war began"). A
    participle without an auxiliary ("raiding villages, stealing cattle") has no tense of its
    own: it is generic when the nearest verb with one that governs it is, or, when none
    governs it (a parse that hangs it on a noun), when a verb of its sentence with an auxiliary
    is. A noun
    trigger is generic as the subject of a generic simple present ("sporadic clashes continue"). The
    words are in data/events/aspect.tsv."""
    if root.pos_ in NOUN_POS and root.dep_ in ("nsubj", "nsubjpass"):
        head = root.head
        simple = head.tag_ in ("VBZ", "VBP") and not _auxiliaries(head)
        return simple and head.pos_ in VERB_POS and _generic_clause(head, sent_index, aspect)
    if _bare_participle(root):
        governor = _governing_verb(root)
        while governor is not None and _bare_participle(governor):
            governor = _governing_verb(governor)
        if governor is not None and _generic_clause(governor, sent_index, aspect):
            return True
        if governor is None and any(
            _auxiliaries(t) and _generic_clause(t, sent_index, aspect) for t in root.sent
        ):
            return True
    return _generic_clause(root, sent_index, aspect)


def _bare_participle(token: Token) -> bool:
    return token.pos_ in VERB_POS and token.tag_ in ("VBG", "VBN") and not _auxiliaries(token)


def _auxiliaries(root: Token) -> set[str]:
    return {c.lower_ for c in root.children if c.dep_ in ("aux", "auxpass")}


def _governing_verb(token: Token) -> Token | None:
    node = token
    while node.head.i != node.i:
        node = node.head
        if node.pos_ in VERB_POS:
            return node
    return None


def _coordinated(root: Token) -> list[Token]:
    """The verb and those coordinated with it, which share its adjuncts ("killed or maimed
    thousands since the war began")."""
    out = [root, *(c for c in root.children if c.dep_ == "conj" and c.pos_ in VERB_POS)]
    if root.dep_ == "conj" and root.head.pos_ in VERB_POS:
        out.append(root.head)
    return out


def _over_a_period(root: Token, aspect: Mapping[str, str]) -> bool:
    """A span adjunct of months or years ("over the past decade", "for more than 15 years",
    "in recent years"), or a "since" clause ("since the war began"), on the verb or on one
    coordinated with it."""
    for c in (c for verb in _coordinated(root) for c in verb.children):
        if c.dep_ == "prep" and aspect.get(c.lower_) == "span" and any(
            aspect.get(t.lemma_.lower()) == "period" for t in c.subtree
        ):
            return True
        if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "since" for m in c.children):
            return True
    return False


PRESENT_PERFECT = frozenset({"has", "have", "'ve", "'s"})


def _undated(root: Token) -> bool:
    return not any(t.ent_type_ in ("DATE", "TIME") for t in root.subtree)


def _generic_clause(root: Token, sent_index: int, aspect: Mapping[str, str]) -> bool:
    if root.pos_ not in VERB_POS:
        return False
    aux = {c.lower_ for c in root.children if c.dep_ in ("aux", "auxpass")}
    if root.tag_ in ("VBZ", "VBP") and not aux:
        near = [*root.children, *root.head.children]  # "has repeatedly said it targets"
        return sent_index > 0 or any(aspect.get(c.lower_) == "habit" for c in near)
    if PERFECT & aux and _has_adverb(root, "durative", aspect):
        return True
    if PERFECT & aux and root.tag_ == "VBN" and _over_a_period(root, aspect):
        return True
    if root.dep_ == "relcl" and PRESENT_PERFECT & aux and root.tag_ == "VBN" and _undated(root):
        return True
    if root.tag_ != "VBG":
        return False
    if root.dep_ == "relcl" and any(aspect.get(a) == "present_be" for a in aux):
        return True
    return "been" in aux and bool({"has", "have"} & aux)


def _has_adverb(root: Token, kind: str, aspect: Mapping[str, str]) -> bool:
    return any(c.dep_ == "advmod" and aspect.get(c.lower_) == kind for c in root.children)


def is_naming(root: Token, roots: set[int]) -> bool:
    """A noun that only names an event already told ("the strike was another deliberate
    attack", "It was the third killing of a community leader this month"): the predicate of a
    copula whose subject is itself an event word or a pronoun referring back to one."""
    if root.dep_ != "attr" or root.pos_ != "NOUN":
        return False
    return any(
        c.dep_ == "nsubj" and (c.i in roots or c.lower_ in REFERRING_SUBJECTS)
        for c in root.head.children
    )


REFERRING_SUBJECTS = frozenset({"it", "this", "that"})

INSTANCE_PREPS = frozenset({"as", "like", "including"})

INSTANCE_WORDS = frozenset({"one", "ones"})


def dated_instance(root: Token) -> Token | None:
    """The dated "one(s)" that exemplify an event that is not itself reported: "protect troops
    from attacks such as the ones on 15 August" denies no attack; the ones on 15 August
    happened."""
    for prep in root.children:
        if prep.dep_ != "prep" or prep.lower_ not in INSTANCE_PREPS:
            continue
        for obj in prep.children:
            dated = any(t.ent_type_ == "DATE" for t in obj.subtree)
            if obj.dep_ == "pobj" and obj.lower_ in INSTANCE_WORDS and dated:
                return obj
    return None


def paragraph_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Character range of the paragraph (line) holding ``start:end``."""
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    return lo, len(text) if hi < 0 else hi
