"""Finding event triggers and coding each one from its context.

A trigger word carries a default code and a specificity; the rules of its family (data/events/
families.tsv) then look for cue words (weapons, victims, actors, protest policing...) in parts
of the parse: its arguments (``arg``), who acts (``subj``) or the whole sentence (``sent``). The
strongest cue that beats the word's own specificity decides the code, so "attacked with mortars"
is a shelling and "killed civilians" an attack on civilians while "airstrikes" stay airstrikes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from spotrep.extractors._syntax import NOUN_CLAUSE_DEPS, NOUN_POS, TIME_ENTS, VERB_POS
from spotrep.extractors.events.lexicon import CueRule, EventLexicon, Refinement, TriggerRule

ARG_DEPS = frozenset(
    {"dobj", "nsubjpass", "attr", "compound", "amod", "nmod", "appos", "oprd", "dative", "acomp"}
)

ARG_PREPS = frozenset(
    {
        "on",
        "at",
        "against",
        "of",
        "with",
        "into",
        "upon",
        "toward",
        "towards",
        "targeting",
        "between",
    }
)
"""Prepositions whose object is what an event is done to or with ("attack on", "fired at")."""

DIRECTIONS = frozenset({"out", "back", "away", "from"})
"""Particles of expulsion ("drove the militants out", "pushed back")."""

HOST_DEPS = frozenset({"dobj", "pobj", "nsubjpass", "prep"})
"""A nominal trigger under a light verb ("carried out airstrikes on") shares its arguments."""

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})

INHERITS_SUBJECT = frozenset({"conj", "xcomp", "advcl", "dobj", "pobj", "prep", "acl"})

MODIFIER_DEPS = frozenset({"compound", "amod"})
"""A trigger word used as a modifier ("attack helicopter", "the targeted militias") is no event."""


NAME_ENTITIES = (
    frozenset({"ORG", "PERSON", "GPE", "NORP", "FAC", "WORK_OF_ART", "LAW", "PRODUCT", "LOC"})
    | TIME_ENTS
)

POS_OF = {"V": VERB_POS, "N": NOUN_POS}

OTHER_SENSE = "NONE"
"""The code a cue gives when it shows the trigger word is used in a non-event sense."""

SENSE_STRENGTH = 3.0
"""How strongly a code read from whom a word took supports it: as a cue naming them does
("seized 20 villagers", the captive cues of data/events/cues.tsv)."""

OUTSIDE_CLAUSE_PENALTY = 1.0
"""A sentence-wide cue outside the trigger's clause counts, but less than one inside it."""


@dataclass(frozen=True, slots=True)
class Cue:
    """A cue phrase found in the text (token offsets) and the cue classes it belongs to."""

    start: int
    end: int
    rules: tuple[CueRule, ...]


@dataclass(frozen=True, slots=True)
class Trigger:
    """A trigger phrase found in the text (token offsets), its head token and its lexicon rule."""

    start: int
    end: int
    root: int
    rule: TriggerRule


@dataclass(frozen=True, slots=True)
class Coding:
    """A trigger's code, how strongly its wording supports it, and the weapon named with it."""

    code: str
    strength: float
    refined: bool
    weapon: tuple[int, int] | None
    by_sense: bool = False
    """Coded by what an argument is (a senses.tsv row naming a code), not by a cue word:
    "captured the commander" is an arrest."""


def grouped(matches: Iterable[tuple[int, int, int]]) -> dict[tuple[int, int], list[int]]:
    """Match ids by the words they matched."""
    ids: defaultdict[tuple[int, int], list[int]] = defaultdict(list)
    for match_id, start, end in matches:
        ids[(start, end)].append(match_id)
    return dict(ids)


def longest(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Non-overlapping spans in text order, a longer one winning over those it overlaps."""
    taken: set[int] = set()
    kept: list[tuple[int, int]] = []
    for start, end in sorted(spans, key=lambda se: (se[0] - se[1], se[0])):
        if taken.isdisjoint(range(start, end)):
            taken.update(range(start, end))
            kept.append((start, end))
    return sorted(kept)


def rule_for(rules: Iterable[TriggerRule], root: Token) -> TriggerRule | None:
    """The first rule whose part of speech fits the phrase's head ("drone struck" is no
    "drone strike")."""
    for rule in rules:
        if rule.pos == "*" or root.pos_ in POS_OF[rule.pos]:
            return rule
    return None


def find_triggers(doc: Doc, lex: EventLexicon) -> list[Trigger]:
    """Trigger phrases in text order; a noun used as a modifier ("attack helicopter") is none."""
    valid: dict[tuple[int, int], Trigger] = {}
    for (start, end), ids in grouped(lex.triggers(doc)).items():
        root = doc[start:end].root
        rule = rule_for((r for i in ids for r in lex.trigger_rules[i]), root)
        if rule is None or (root.dep_ in MODIFIER_DEPS and end - start == 1):
            continue
        if root.ent_type_ in NAME_ENTITIES:  # "Levant Liberation Board", "Storm Corps"
            continue
        valid[(start, end)] = Trigger(start, end, root.i, rule)
    return [valid[se] for se in longest(valid)]


def find_cues(doc: Doc, lex: EventLexicon) -> list[Cue]:
    ids = grouped(lex.cues(doc))
    # "March" the month is no protest march
    spans = [se for se in longest(ids) if doc[se[0]].ent_type_ not in TIME_ENTS]
    crowd = frozenset(
        doc[start:end].root.i for start, end in spans
        if any(r.group == CROWD for i in ids[(start, end)] for r in lex.cue_rules[i])
    )
    found = []
    for start, end in spans:
        root = doc[start:end].root
        rules = tuple(
            r for i in ids[(start, end)] for r in lex.cue_rules[i]
            if meets(r.condition, root, crowd)
        )
        if rules:
            found.append(Cue(start, end, rules))
    return found


CROWD = "protester"
"""The cue group of words for demonstrators ("protesters", "the crowd", "marchers")."""


def meets(condition: str | None, word: Token, crowd: frozenset[int] = frozenset()) -> bool:
    """Whether a cue word meets its rule's condition (data/events/cue_conditions.tsv);
    ``crowd``: the indices of the sentence's words for demonstrators."""
    if condition == "not_by_crowd":
        return not _agent_words(word) & crowd
    if condition == "of_crowd":  # "violent protests", "the march turned violent"
        return word.head.i in crowd or any(s.i in crowd for s in subject_heads(word.head))
    if condition == "transitive":
        return acts_on_others(word)
    if condition == "common_noun":
        return word.pos_ == "NOUN"
    if condition == "not_verb":
        return word.pos_ not in VERB_POS
    return True


def acts_on_others(word: Token) -> bool:
    """Whether a word is not an intransitive verb: a verb with an object or in the passive
    ("dispersed the crowd", "were dispersed"), or no verb at all ("the dispersal")."""
    if word.pos_ not in VERB_POS:
        return True
    if word.dep_ == "acl" and word.tag_ == "VBN":  # "the crowd dispersed by police"
        return True
    return any(c.dep_ in _OBJECT_OR_PASSIVE for c in word.children)

_OBJECT_OR_PASSIVE = frozenset({"dobj", "nsubjpass", "auxpass", "agent"})


def _subtrees(heads: Iterable[Token]) -> frozenset[int]:
    return frozenset(t.i for h in heads for t in h.subtree)


def argument_heads(root: Token) -> list[Token]:
    """The tokens heading what the event is done to or with."""
    heads = [c for c in root.children if c.dep_ in ARG_DEPS]
    heads += [c for c in root.children if c.dep_ in ("prt", "prep") and c.lower_ in DIRECTIONS]
    if root.dep_ == "acl":  # "weapons seized on a boat": the noun modified is the object
        heads.append(root.head)
    host = root.head if root.dep_ in HOST_DEPS else root
    if host.dep_ == "prep":
        host = host.head
    for word in {root.i: root, host.i: host}.values():
        for prep in word.children:
            if prep.dep_ == "prep" and prep.lower_ in ARG_PREPS:
                heads.extend(g for g in prep.children if g.dep_ == "pobj")
    if host.i != root.i:
        heads.extend(c for c in host.children if c.dep_ in ("dobj", "nsubjpass") and c.i != root.i)
    return heads


def object_heads(root: Token) -> list[Token]:
    """What the deed is done to or with, as its direct object or passive subject ("launched a
    drone", "a missile was fired", "drones launched by Russia": the noun a participle
    modifies), without the prepositional objects ``argument_heads`` adds."""
    heads = [c for c in root.children if c.dep_ in ("dobj", "nsubjpass")]
    return [*heads, root.head] if root.dep_ == "acl" and root.tag_ == "VBN" else heads


def subject_heads(root: Token) -> list[Token]:
    """Who acts: the subject or passive agent, inherited from the governing verb if needed."""
    heads = [c for c in root.children if c.dep_ == "poss"]
    token = root
    for _ in range(4):
        found = [c for c in token.children if c.dep_ in SUBJECT_DEPS]
        found += [g for c in token.children if c.dep_ == "agent" for g in c.children]
        if found:
            return heads + found
        if token.dep_ not in INHERITS_SUBJECT or token.head.i == token.i:
            break
        token = token.head
    return heads


def noun_core(head: Token) -> frozenset[int]:
    """The head noun and what precedes it in its phrase: "Afghan security forces" of "Afghan
    security forces in a crackdown on the Taliban"."""
    return frozenset(t.i for c in head.lefts for t in c.subtree) | {head.i}


def nearest_verb_clause(root: Token) -> tuple[int, int]:
    """Token range of the clause around a trigger: the subtree of its nearest verb; for a
    participle describing who does it, the clause that noun is in ("Police used water cannon to
    disperse students protesting against fees": what befell the protesters befell the
    protest)."""
    token = root.head if root.dep_ == "acl" and root.head.pos_ in NOUN_POS else root
    for _ in range(4):
        if token.pos_ in VERB_POS or token.head.i == token.i:
            break
        token = token.head
    return token.left_edge.i, token.right_edge.i + 1


DESCRIBING_CLAUSES = NOUN_CLAUSE_DEPS
"""Clauses that describe an argument rather than name who it is: "hit fuel facilities supplying
military units" hit no military unit (scope ``target``; what was found or seized may still be
told there: "a depot containing weapons", scope ``arg``)."""


def argument_words(root: Token) -> frozenset[int]:
    """The arguments' subtrees, less the clauses that describe an argument."""
    words = set(_subtrees(argument_heads(root)))
    for i in list(words):
        word = root.doc[i]
        if word.dep_ in DESCRIBING_CLAUSES and word.pos_ in VERB_POS and word.i != root.i:
            words -= {t.i for t in word.subtree}
    return frozenset(words)


SCOPES = frozenset({"arg", "target", "subj", "obj", "agent", "sent"})
"""Where a family's cue must stand (``families.tsv``): ``scope_filter`` reads each."""


def scope_filter(root: Token, scope: str) -> frozenset[int] | None:
    """Token indices a cue must start in for ``scope``; None means anywhere in the sentence."""
    if scope == "arg":
        return _subtrees(argument_heads(root))
    if scope == "target":
        return argument_words(root)
    if scope == "subj":
        return frozenset().union(*(noun_core(h) for h in subject_heads(root)))
    if scope == "obj":  # what is launched is the weapon, not what an inquiry is into
        return frozenset().union(*(noun_core(h) for h in object_heads(root)))
    if scope == "agent":  # who does it to others: not who "died from gunfire"
        return _agent_words(root)
    return None


def _scopes(root: Token, refs: Sequence[Refinement]) -> dict[str, frozenset[int] | None]:
    """``scope_filter`` of each scope ``refs`` ask for, read once: a family has a dozen
    refinements and three scopes."""
    return {scope: scope_filter(root, scope) for scope in dict.fromkeys(r.scope for r in refs)}


def _agent_words(root: Token) -> frozenset[int]:
    """Who does the deed to others: the subject of a verb with an object or in the passive's
    agent ("protesters attacked a police station"), a noun's possessor ("the protesters'
    attack"); never the subject of an intransitive verb, who undergoes it ("died")."""
    if root.pos_ not in VERB_POS:
        heads = [c for c in root.children if c.dep_ == "poss"]
    elif acts_on_others(root):
        heads = subject_heads(root)
    else:
        heads = []
    return frozenset().union(*(noun_core(h) for h in heads))


def _candidates(
    ref: Refinement, root: Token, cues: Sequence[Cue], clause: tuple[int, int],
    allowed: frozenset[int] | None,
) -> Iterable[tuple[float, int, str, Cue]]:
    """The cues that refine ``ref``, ``allowed``: the token indices they must start in
    (``scope_filter`` of its scope; None: anywhere in the sentence)."""
    for cue in cues:
        if allowed is not None and cue.start not in allowed:
            continue
        for rule in cue.rules:
            if rule.group != ref.group:
                continue
            priority = ref.priority if ref.priority is not None else rule.priority
            if allowed is None and not clause[0] <= cue.start < clause[1]:
                priority -= OUTSIDE_CLAUSE_PENALTY
            yield priority, -abs(cue.start - root.i), ref.code or rule.code, cue


def nearest_weapon(root: Token, cues: Sequence[Cue]) -> tuple[int, int] | None:
    weapons = [c for c in cues if any(r.group == "weapon" for r in c.rules)]
    if not weapons:
        return None
    best = min(weapons, key=lambda c: abs(c.start - root.i))
    return best.start, best.end



def head_keys(token: Token) -> set[str]:
    """What a senses.tsv head list may name a word by: its lemma and form, its compound
    modifiers and appositions alone ("Mount Merapi", "Merapi, the volcano,") and as "modifier
    head" ("box office"), and its entity type as ``@GPE``."""
    lemma = token.lemma_.lower()
    keys = {lemma, token.lower_}
    for c in token.children:  # "Mount Merapi", "Merapi, the volcano,"
        if c.dep_ in ("compound", "appos"):
            keys.add(c.lemma_.lower())
        if c.dep_ == "compound":
            keys.add(f"{c.lemma_.lower()} {lemma}")
    if token.ent_type_:
        keys.add("@" + token.ent_type_)
    return keys


def sense_heads(root: Token, role: str) -> list[Token]:
    heads: list[Token] = []
    if role in ("obj", "any"):
        heads += argument_heads(root)
        if root.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in root.children):
            # "the decision to withdraw": the noun names the act, it is not what is withdrawn
            heads = [h for h in heads if h.i != root.head.i]
    if role in ("subj", "any"):
        heads += subject_heads(root)
    if role == "gov":  # the word a noun trigger is the object of: "fight corruption"
        head = root.head
        if root.dep_ == "pobj" and head.dep_ == "prep":
            heads += [head, head.head]
        elif root.dep_ in ("dobj", "nsubjpass", "pobj"):
            heads.append(head)
    return [h for h in heads if h.i != root.i]


RESTRICTIONS = frozenset({"require", "block"})
"""The senses.tsv modes that restrict the word's own sense; any other mode is an event code."""


def other_sense(root: Token, phrase: str, lex: EventLexicon) -> str | None:
    """The code of another event the trigger word names by what its argument is (a senses.tsv
    row whose mode is a code): "captured the suspect" is an arrest, not territory taken, and so
    is "captured dozens of troops" (``through_quantity``)."""
    for sense in lex.senses.get(phrase, ()):
        if sense.mode not in RESTRICTIONS and any(
            head_keys(h) & sense.heads
            for h in through_quantity(sense_heads(root, sense.role), lex.partitives)
        ):
            return sense.mode
    return None


def through_quantity(heads: Sequence[Token], partitives: frozenset[str]) -> list[Token]:
    """``heads``, a noun of quantity ("dozens of troops") followed to what it counts."""
    out = list(heads)
    for h in heads:
        if h.lower_ in partitives:
            out += [o for p in h.children if p.dep_ == "prep" and p.lower_ == "of"
                    for o in p.children if o.dep_ == "pobj"]
    return out


def event_sense(root: Token, phrase: str, lex: EventLexicon) -> bool:
    """Whether the trigger word is used in its event sense by the selectional restrictions of
    data/events/senses.tsv: "recovered the town" but not "recovered two bodies", "the volcano
    erupted" but not "clashes erupted", "a bridge collapsed" but not "the economy collapsed"."""
    for sense in lex.senses.get(phrase, ()):
        if sense.mode not in RESTRICTIONS:
            continue
        heads = sense_heads(root, sense.role)
        if sense.mode == "block":
            if any(head_keys(h) & sense.heads for h in heads):
                return False
            continue
        # a time adjunct is no argument: "withdrew from the town on Sunday"
        nouns = [h for h in heads if h.pos_ in NOUN_POS and h.ent_type_ not in TIME_ENTS]
        if nouns and not any(head_keys(h) & sense.heads for h in nouns):
            return False
    return True


def code_trigger(
    trigger: Trigger, doc: Doc, cues: Sequence[Cue], lex: EventLexicon
) -> Coding | None:
    """The code of one trigger given the cues of its sentence; None if a needed cue is missing."""
    root = doc[trigger.root]
    family = lex.families[trigger.rule.family]
    clause = nearest_verb_clause(root)
    own = [c for c in cues if not (trigger.start <= c.start < trigger.end)]
    if family.needs:
        needed = _scopes(root, family.needs) if own else {}
        if not any(c for n in family.needs
                   for c in _candidates(n, root, own, clause, needed.get(n.scope))):
            return None
    weapon = nearest_weapon(root, own)
    # whom the word took decides before any cue: "soldiers seized two men carrying explosives"
    other = other_sense(root, trigger.rule.phrase, lex)
    if other is not None:
        return Coding(other, max(trigger.rule.spec, SENSE_STRENGTH), True, weapon, by_sense=True)
    scopes = _scopes(root, family.refine) if own else {}
    found = [c for ref in family.refine
             for c in _candidates(ref, root, own, clause, scopes.get(ref.scope))]
    best = max(found, key=lambda c: (c[0], c[1]), default=None)
    if best is None or best[0] <= trigger.rule.spec:
        if not event_sense(root, trigger.rule.phrase, lex):
            return None
        return Coding(trigger.rule.code, trigger.rule.spec, False, weapon)
    if best[2] == OTHER_SENSE:
        return None
    return Coding(best[2], best[0], True, weapon)


def sentence_cues(sentence: SpacySpan, cues: Sequence[Cue]) -> list[Cue]:
    return [c for c in cues if sentence.start <= c.start < sentence.end]
