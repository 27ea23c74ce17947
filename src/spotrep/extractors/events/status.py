"""Whether an event happened: reported, denied, hypothetical, threatened, planned, or not at all.

The cue words (data/events/status.tsv) are looked for on the trigger and on the words that
govern it, walking up the parse; the walk stops at a subject, since "the attack did not cause
casualties" negates the causing, not the attack. The nearest cue wins.
"""

from __future__ import annotations

from collections.abc import Mapping

from spacy.tokens import Token

from spotrep.extractors._syntax import DEFINITE_DETS, NOUN_POS, VERB_POS

NEGATED = "negated"

REPORTED = "reported"

PLANNED = "planned"

DENIED = "denied"

HYPOTHETICAL = "hypothetical"

RANK = (HYPOTHETICAL, PLANNED, "threatened", DENIED)
"""Statuses from weakest to strongest, when several cues govern one trigger."""

STOP_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass"})

MAX_DEPTH = 8


def _child_status(
    child: Token, is_trigger: bool, table: Mapping[tuple[str, str], str]
) -> str | None:
    found = table.get((child.lower_, child.dep_)) or table.get((child.lemma_.lower(), child.dep_))
    if found:
        return found
    if child.dep_ == "advcl":  # "..., if necessary": a condition on the governing event
        marks = (table.get((g.lower_, "mark")) for g in child.children if g.dep_ == "mark")
        return next((m for m in marks if m), None)
    if is_trigger and child.dep_ in ("nsubj", "nsubjpass"):  # "no shots were fired"
        dets = (table.get((g.lower_, "det")) for g in child.children if g.dep_ == "det")
        return next((d for d in dets if d), None)
    return None


def naming(verb: Token) -> bool:
    """A verb with an object predicate names what happened ("the minister called the shelling a
    war crime"): it is no call for an event, whatever its word."""
    return any(c.dep_ == "oprd" for c in verb.children)


def node_status(
    node: Token,
    is_trigger: bool,
    own_clause: bool,
    table: Mapping[tuple[str, str], str],
    via: Token | None = None,
) -> str | None:
    """The status one word on the path marks, if any; negation counts only in the own clause.

    ``via`` is the word of the path just below ``node``: "agree" makes planned only what it
    governs as an infinitive complement (``^xcomp``)."""
    if not is_trigger and not naming(node):
        lemma = node.lemma_.lower()
        found = table.get((lemma, "*"))
        if found is None and via is not None:
            found = table.get((lemma, "^" + via.dep_))
        if found:
            return found
    for child in node.children:
        found = _child_status(child, is_trigger, table)
        if found and (own_clause or found != NEGATED):
            return found
    return None

PURPOSE_VERBS = frozenset({"be", "come", "go"})
"""Verbs whose to-infinitive tells their purpose ("we are not here to fight")."""

NEGATORS = frozenset({"not", "n't", "never", "no"})


def negated_purpose(root: Token) -> bool:
    """A purpose denied: a to-infinitive trigger governed by a negated verb of being or coming
    ("we are not here to fight", "they did not come to attack anyone"); "did not hesitate to
    attack" is no purpose and stays reported."""
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in root.children):
        return False
    head = root.head
    purpose = root.dep_ == "advcl" or head.lemma_.lower() in PURPOSE_VERBS
    if root.dep_ not in ("advcl", "xcomp") or not purpose:
        return False
    return any(c.dep_ == "neg" and c.lower_ in NEGATORS for c in head.children)

PURPOSE_DEPS = frozenset({"advcl", "acl", "relcl"})
"""A to-infinitive in these tells an aim, not a deed: "formed an alliance to fight the
insurgents", "sent troops to retake the town" (an infinitive complement may tell a deed:
"began to shell", "went on to attack")."""


def purpose(root: Token) -> bool:
    """A to-infinitive of purpose or of a noun's aim: planned, whatever governs it."""
    to = any(c.dep_ == "aux" and c.lower_ == "to" for c in root.children)
    return to and root.dep_ in PURPOSE_DEPS and root.pos_ in VERB_POS


PRESUPPOSING_MARKS = frozenset({"after", "since", "because"})
"""Conjunctions whose past-tense clause states a fact whatever governs it ("they would march
again, three days after police fired tear gas": the firing happened)."""


PRESUPPOSING_PREPS = frozenset({"after", "since", "following"})
"""Prepositions whose object is an event that happened whatever governs the phrase ("denied
that its troops had fled after the blast": the blast happened)."""


AGENCY_NOUNS = frozenset({
    "involvement", "responsibility", "role", "part", "hand", "complicity", "link", "links",
    "connection", "connections", "participation",
})
"""Nouns of someone's share in a deed: what is denied or claimed of them is who did it, not
that it happened ("denied involvement in the blast", "denied any role in the killings")."""


def presupposed(node: Token) -> bool:
    """A past-tense clause opened by "after", "since" or "because", the object of "after",
    "since" or "following", or the deed of a noun of agency ("involvement in the blast")."""
    if node.dep_ == "pobj" and (node.head.lower_ in PRESUPPOSING_PREPS
                                or node.head.head.lemma_.lower() in AGENCY_NOUNS):
        return True
    if node.tag_ != "VBD":
        return False
    return any(c.dep_ == "mark" and c.lower_ in PRESUPPOSING_MARKS for c in node.children)


ALLEGATION_VERBS = frozenset({"accuse", "suspect", "charge"})
"""What an allegation says of a deed a definite or possessive noun names is who did it, not
that it happened ("accused of carrying out last week's attack": the attack happened); of a
deed told by a verb or a bare noun, the deed ("accused of looting", "charged with murder")."""


def definite(noun: Token) -> bool:
    """A noun phrase that presupposes its referent: "the attack", "last week's bombing"."""
    return noun.pos_ in NOUN_POS and any(
        c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in DEFINITE_DETS) for c in noun.children
    )


OCCURRENCE_VERBS = frozenset({"happen", "occur"})
"""Verbs whose subject is the event itself ("denied that any shelling occurred")."""


def tells_occurrence(subject: Token) -> bool:
    """Whether ``subject`` is an event said to happen: the subject of "happen", "occur" or
    "take place", whose status is the event's ("denied that any shelling took place")."""
    verb = subject.head
    if subject.dep_ != "nsubj":
        return False
    if verb.lemma_.lower() in OCCURRENCE_VERBS:
        return True
    return verb.lemma_.lower() == "take" and any(
        c.dep_ == "dobj" and c.lower_ == "place" for c in verb.children)


def status_of(root: Token, table: Mapping[tuple[str, str], str]) -> str:
    """The status of the event named by ``root``; ``negated`` means it did not happen.

    Of several cues on the path the strongest wins: "warned they would shell" is a threat
    (not merely hypothetical), "denied it would attack" a denial.
    """
    if negated_purpose(root):
        return NEGATED
    node = root
    own_clause = True
    found: list[str] = [PLANNED] if purpose(root) else []
    via: Token | None = None
    named = definite(root)  # "last week's attack": a deed that happened
    for _ in range(MAX_DEPTH):
        status = node_status(node, node.i == root.i, own_clause, table, via)
        if status == HYPOTHETICAL and named and node.lemma_.lower() in ALLEGATION_VERBS:
            status = None
        if status == NEGATED:
            return NEGATED
        if status:
            found.append(status)
        if node.head.i == node.i or presupposed(node):
            break
        if node.dep_ in STOP_DEPS and not tells_occurrence(node):
            break
        own_clause = own_clause and node.pos_ not in VERB_POS
        via, node = node, node.head
    return max(found, key=RANK.index, default=REPORTED)
