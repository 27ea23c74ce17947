"""Who acts on whom around one trigger: subjects, objects, agents, the nouns an event noun
governs, antecedents of pronouns and relative clauses (``find_actors``)."""

from __future__ import annotations

from spacy.tokens import Token

from spotrep.extractors._syntax import (
    NOUN_POS,
    PLACE_ENTS,
    TIME_ENTS,
    VERB_POS,
    first_child,
)
from spotrep.extractors.events.actors.coreference import (
    description_actor,
    is_actor_pronoun,
    is_group_description,
    members_actor,
    pronoun_actor,
)
from spotrep.extractors.events.actors.frames import ANY_ACTOR
from spotrep.extractors.events.actors.names import (
    AGENT_DEPS,
    ASSOCIATE_ROLE,
    DOBJ_DEPS,
    POBJ_DEPS,
    SUBJ_DEPS,
    SUBJPASS_DEPS,
    XCOMP_DEPS,
    ActorResources,
    RoleWords,
    actor_at,
    is_facility_word,
    longest_known,
    normalize_actor,
    outside_dateline,
    phrase,
    prep_object,
)
from spotrep.records import Actor, Role


def _agent(verb: Token) -> Token | None:
    """The "by" agent of a passive, also when the parse hung it on "shot dead by police"."""
    for t in (verb, *(c for c in verb.children if c.dep_ in ("oprd", "acomp", "prt"))):
        found = first_child(first_child(t, AGENT_DEPS), POBJ_DEPS)
        if found is not None:
            return found
    return None


def _is_passive(verb: Token) -> bool:
    return (
        any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        or _agent(verb) is not None
        or _elided_passive(verb)
    )


def _elided_passive(verb: Token) -> bool:
    """A participle with a subject and no auxiliary (an active past tense is VBD), alone,
    conjoined to a passive or after "with":
    "two were killed and five wounded", "with 20 people wounded" (five, 20 people are the
    victims, not who wounded them)."""
    if verb.tag_ != "VBN" or any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return False
    if first_child(verb, SUBJ_DEPS) is None:
        return False
    if verb.dep_ in ("ROOT", "ccomp") and first_child(verb, DOBJ_DEPS) is None:
        return True  # a headline's reduced passive: "Civilians killed in US airstrike"
    if verb.dep_ == "pcomp":
        return verb.head.lower_ == "with"
    if verb.dep_ == "advcl":
        return any(c.dep_ == "mark" and c.lower_ == "with" for c in verb.children)
    head = verb.head
    return verb.dep_ == "conj" and any(c.dep_ in ("nsubjpass", "auxpass") for c in head.children)


def _accused(verb: Token, words: RoleWords) -> Token | None:
    """ "accused Iran of bombing X" -> Iran."""
    prep = verb.head
    if verb.dep_ not in ("pcomp", "pobj") or prep.lower_ != "of":
        return None
    owner = prep.head  # the accusing verb, or its object when the parse hangs "of" there
    if owner.lemma_.lower() in words.blame_verbs:
        return first_child(owner, DOBJ_DEPS)
    if owner.dep_ == "dobj" and owner.head.lemma_.lower() in words.blame_verbs:
        return owner
    return None


def _subject(verb: Token, words: RoleWords) -> Token | None:
    """Who does what ``verb`` says: its subject, the agent of a passive, or inherited."""
    if _is_passive(verb):
        return _agent(verb)
    subj = first_child(verb, SUBJ_DEPS)
    if subj is not None:
        return subj
    head = verb.head
    if head is verb:
        return None
    if verb.dep_ == "advcl" and head.lemma_.lower() in words.speech_verbs:
        return None  # "the spokesman said, referring to an attack targeting X": he tells of it
    if verb.dep_ == "xcomp" and head.pos_ in VERB_POS and _is_passive(head):
        # "X is believed to have carried out", "X was ordered to fire": the passive's subject
        return first_child(head, SUBJPASS_DEPS) or _agent(head)
    controller = first_child(head, DOBJ_DEPS) if verb.dep_ == "xcomp" else None
    if controller is not None and controller.lemma_.lower() in words.instrument_nouns:
        controller = None  # "used knives to stab": the subject stabs, with the knives
    if controller is not None and controller.i < verb.i:
        return controller  # object control: "ordered troops to attack", "urged Iran to strike"
    if verb.dep_ in ("conj", "xcomp", "advcl") and head.pos_ in VERB_POS:
        return _subject(head, words)
    if verb.dep_ == "conj" and verb.tag_ == "VBG" and head.pos_ in NOUN_POS:
        # "took the town with these tactics, shelling and starving people": a participle the
        # parse joined to a noun is the clause's, and its subject acts
        clause = next((a for a in head.ancestors if a.pos_ in VERB_POS), None)
        return None if clause is None else _subject(clause, words)
    if verb.dep_ == "acl" and verb.tag_ == "VBG":
        return head
    if verb.dep_ in ("acl", "xcomp") and head.pos_ in NOUN_POS:
        return first_child(head, frozenset({"poss"}))
    return None


def _patient(verb: Token, words: RoleWords) -> Token | None:
    passive = first_child(verb, SUBJPASS_DEPS)
    if passive is not None:
        return passive
    if _elided_passive(verb):
        return first_child(verb, SUBJ_DEPS)
    if _agent(verb) is not None:
        return first_child(verb, SUBJ_DEPS) or _modified_noun(verb)
    obj = first_child(verb, DOBJ_DEPS)
    if obj is not None and obj.lemma_.lower() not in words.event_nouns:
        return obj
    if verb.lemma_.lower() in words.reciprocal_verbs:
        return prep_object(verb, words.reciprocal_preps)
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return verb.head
    return prep_object(verb, words.target_preps) or _shared_object(verb, words)


def _modified_noun(participle: Token) -> Token | None:
    """The noun a passive participle with an agent modifies, also when the parse takes it for
    an apposition: "the gunman, shot dead by police, ..." -> the gunman."""
    if participle.dep_ in ("acl", "appos") and participle.head.pos_ in NOUN_POS:
        return participle.head
    return None


def _shared_object(verb: Token, words: RoleWords) -> Token | None:
    """ "to invade and conquer the country": verbs joined without an object of their own take
    the object of the next verb that has no subject of its own."""
    for conj in verb.children:
        if conj.dep_ != "conj" or conj.pos_ not in VERB_POS or first_child(conj, SUBJ_DEPS):
            continue
        obj = first_child(conj, DOBJ_DEPS)
        if obj is not None and obj.lemma_.lower() not in words.event_nouns:
            return obj
    return None


def _verb_roles(verb: Token, res: ActorResources) -> tuple[Token | None, Token | None]:
    words = res.words
    lemma = verb.lemma_.lower()
    subject_role = res.frames.subject_role(lemma)
    if subject_role is not None and first_child(verb, DOBJ_DEPS) is None:
        # "five died": the victims; "a bomb exploded": the device, no one named as acting
        return None, first_child(verb, SUBJ_DEPS) if subject_role == "actor2" else None
    side1, side2 = _between(verb) if lemma in words.reciprocal_verbs else (None, None)
    if side1 is not None and side2 is not None:
        return side1, side2  # "fighting between the army and the rebels", not "took X between"
    actor1 = _subject(verb, words) or _accused(verb, words) or _attributed(verb, res)
    if actor1 is not None and actor1.lemma_.lower() in words.instrument_nouns:
        # "struck by tear gas canisters": what struck, not who; "a bomb planted by X": X
        actor1 = _instrument_user(actor1) or (
            _noun_agent(actor1, res) if actor1.lemma_.lower() in words.event_nouns else None
        )
    elif actor1 is not None and actor1.lemma_.lower() in words.event_nouns:
        actor1 = _noun_agent(actor1, res)
    if actor1 is None and lemma in words.victim_verbs:
        actor1 = _cause_agent(verb, res)
    if actor1 is not None and actor1.lemma_.lower() in words.instrument_nouns:
        actor1 = _instrument_user(actor1)
    frame = res.frames.arguments.get(lemma)
    if frame is not None and frame.patient is not None and frame.patient != "actor2":
        # "detonated his belt at the gate": the device and the place, not the target
        return actor1, prep_object(verb, frame.preps("actor2"))
    patient = _frame_patient(verb, res)
    if lemma in words.reciprocal_verbs and actor1 is not None:
        return _reciprocal_sides(actor1, patient)
    return actor1, patient


_RECIPROCALS = (frozenset({"each", "other"}), frozenset({"one", "another"}))


def _reciprocal_sides(subject: Token, patient: Token | None) -> tuple[Token, Token | None]:
    """The two sides of a fight its subject tells: "troops and rebels clashed" (the
    conjuncts), "rival militias fought each other" (the subject on both sides)."""
    if patient is None:
        return subject, next((c for c in subject.conjuncts if c.i > subject.i), None)
    near = {patient.lower_, *(c.lower_ for c in patient.children)}
    if patient.i > 0:
        near.add(patient.doc[patient.i - 1].lower_)
    return subject, subject if any(pair <= near for pair in _RECIPROCALS) else patient


def _frame_patient(verb: Token, res: ActorResources) -> Token | None:
    """The patient by the general rules, else under a preposition the verb's frame names
    ("set fire to a church", "tore through a market")."""
    patient = _patient(verb, res.words)
    frame = res.frames.arguments.get(verb.lemma_.lower())
    if patient is None and frame is not None:
        return prep_object(verb, frame.preps("actor2"))
    return patient


def _attributed(verb: Token, res: ActorResources) -> Token | None:
    """Who a charging predicate says did what its gerund tells: "convicted of murdering",
    "charged two men with attacking" (``frames.attributions``, as for event nouns)."""
    prep = verb.head
    if verb.dep_ != "pcomp" or prep.dep_ != "prep":
        return None
    predicate = prep.head
    attributes = res.frames.attributions
    if predicate.dep_ == "dobj" and prep.lower_ in attributes.get(
        predicate.head.lemma_.lower(), ()
    ):
        return predicate  # the parse hangs "of" on the object: "suspect the rebels of staging"
    if prep.lower_ not in attributes.get(predicate.lemma_.lower(), ()):
        return None
    return _charged(predicate, res)


def _instrument_user(instrument: Token) -> Token | None:
    """Who used a device that a participle says was placed, fired or thrown by someone ("a
    bomb planted by the rebels", "a missile fired by the army"); else no one."""
    for c in instrument.rights:
        if c.dep_ == "acl" and c.tag_ == "VBN":
            return _agent(c)
    return None


def _cause_agent(verb: Token, res: ActorResources) -> Token | None:
    """ "killed in IS attacks" -> IS: the actor of the event the victims died in; "killed at
    the hands of X" -> X."""
    hands = prep_object(verb, frozenset({"at"}))
    if hands is not None and hands.lower_ == "hands":
        return prep_object(hands, frozenset({"of"}))
    cause = prep_object(verb, res.words.victim_preps)
    if cause is None or cause.lemma_.lower() not in res.words.event_nouns:
        return None
    return _noun_agent(cause, res)


def _possessor(noun: Token, res: ActorResources) -> Token | None:
    """An event noun's possessor that names an actor: "Russia's bombing", "its air strikes"."""
    for c in noun.lefts:
        named = c.pos_ != "PRON" or is_actor_pronoun(c, res)
        if c.dep_ == "poss" and c.ent_type_ not in TIME_ENTS and named:
            return c
    return None


def _suffers_possessor(noun: Token, res: ActorResources) -> bool:
    """ "the journalist's murder": the frame says the possessor is who suffered it, unless an
    "of" phrase names the victim ("Boko Haram's abduction of 200 girls": the possessor acts)."""
    frame = res.frames.arguments.get(noun.lemma_.lower())
    if frame is None or frame.possessor != "actor2":
        return False
    return prep_object(noun, frozenset({"of"})) is None


def _modifier_actor(noun: Token, res: ActorResources) -> Token | None:
    """A possessor or modifier of an event noun that names an actor ("US airstrikes")."""
    if not _suffers_possessor(noun, res):
        owner = _possessor(noun, res)
        if owner is not None:
            return owner
    for c in noun.lefts:
        if c.dep_ in ("compound", "amod", "nmod") and c.ent_type_ not in TIME_ENTS:
            span = c.doc[c.left_edge.i : c.i + 1]
            if longest_known(list(span), res.groups) or longest_known(list(span), res.countries):
                return c
    return None


def _noun_agent(noun: Token, res: ActorResources) -> Token | None:
    by = prep_object(noun, frozenset({"by"}))
    return _modifier_actor(noun, res) or by


def _series_head(noun: Token, words: RoleWords) -> Token:
    """ "a series of attacks" -> series: the phrase that the sentence's verb governs."""
    while (
        noun.dep_ == "pobj"
        and noun.head.lower_ == "of"
        and noun.head.head.lemma_.lower() in words.series_nouns
    ):
        noun = noun.head.head
    return noun


def _lemmas(token: Token) -> tuple[str, str]:
    """The token's lemma and, for an inflected verb, the lemma with its silent "e" restored:
    the lemmatizer reads "waging" as "wag", "staging" as "stag"."""
    lemma = token.lemma_.lower()
    if token.tag_ in ("VBG", "VBD", "VBN") and token.lower_.startswith(lemma):
        return lemma, lemma + "e"
    return lemma, lemma


def is_support(token: Token, words: RoleWords) -> bool:
    """A verb that says who carries out the event its object names ("waged attacks")."""
    return any(lemma in words.support_verbs for lemma in _lemmas(token))


def _governed_roles(noun: Token, res: ActorResources) -> tuple[Token | None, Token | None]:
    """Roles the verb governing an event noun gives: "X launched attacks", "came under fire"."""
    words = res.words
    noun = _series_head(noun, words)
    head = noun.head
    lemma = head.lemma_.lower()
    if noun.dep_ in ("dobj", "nsubjpass") and is_support(head, words):
        agent = _subject(head, words) or _attributed(head, res)  # "suspected of staging"
        return agent, prep_object(head, words.target_preps)
    raised = first_child(head, XCOMP_DEPS) if noun.dep_ in ("nsubj", "nsubjpass") else None
    if raised is not None and is_support(raised, words) and _is_passive(raised):
        # "the attack is believed / appears to have been carried out by X"
        return _agent(raised), prep_object(raised, words.target_preps)
    if noun.dep_ == "nsubj" and lemma in words.impact_verbs:
        return None, _frame_patient(head, res)
    if noun.dep_ != "pobj" or head.head is head:
        return None, None
    prep, verb = head.lower_, head.head
    vlemma = verb.lemma_.lower()
    if _behind_actor(head, res):
        return verb, None
    if prep in res.frames.attributions.get(vlemma, ()):
        return _charged(verb, res), None
    if prep == "for" and vlemma in words.responsibility_nouns:
        return _subject(verb.head, words), None
    if prep == "for" and vlemma in words.blame_verbs:
        return first_child(verb, DOBJ_DEPS), None
    if prep == "for" and vlemma in words.perpetrator_adjectives:
        return (verb.head if verb.dep_ == "amod" else _subject(verb.head, words)), None
    if prep == "in" and vlemma in words.participation_verbs:
        return first_child(verb, SUBJPASS_DEPS) or _subject(verb, words), None
    if prep == "by" and head.dep_ == "agent":
        return None, first_child(verb, SUBJPASS_DEPS)
    if prep in words.under_preps:
        # "the convoy came under attack from militants": who attacked it, by "from"
        source = frozenset({"from"})
        return prep_object(noun, source) or prep_object(verb, source), first_child(verb, SUBJ_DEPS)
    if prep in words.victim_preps and res.frames.subject_role(vlemma) == "actor2":
        return None, first_child(verb, SUBJ_DEPS)
    if prep in words.victim_preps and vlemma in words.victim_verbs:
        # "militants killed twelve villagers in an attack": who killed in it did it
        killer = _subject(verb, words)
        if killer is not None and killer.lemma_.lower() in words.instrument_nouns:
            killer = None
        return killer, _patient(verb, words)
    return None, None


def _behind_actor(prep: Token, res: ActorResources) -> bool:
    """ "the gunmen behind the attack": a noun phrase naming an actor, with the event under
    "behind" (the frames' rows for ``ANY_ACTOR``); "the motive behind the attack" names
    none."""
    noun = prep.head
    if prep.dep_ != "prep" or noun.pos_ not in NOUN_POS:
        return False
    if prep.lower_ not in res.frames.attributions.get(ANY_ACTOR, ()):
        return False
    return noun.ent_type_ in ("PERSON", "ORG", "NORP") or (
        normalize_actor(phrase(noun, res), res)[1] is not None
    )


def _charged(predicate: Token, res: ActorResources) -> Token | None:
    """Who a charging predicate is about: "X was charged", "convicted X", "found X guilty",
    "X, who was found guilty", "X is behind the attack", "the man accused of", "the suspect
    in", "the gunmen behind"."""
    if predicate.pos_ in NOUN_POS:
        # "the suspect in the bombing", "the perpetrator of the attack"; not "charges over"
        return predicate if predicate.lemma_.lower() in res.frames.perpetrators else None
    if (
        predicate.dep_ == "acl"
        and predicate.head.pos_ in NOUN_POS
        and not any(c.dep_ in ("nsubj", "nsubjpass", "dobj") for c in predicate.children)
    ):
        return predicate.head  # "the man accused of the attack"
    if predicate.pos_ == "ADJ" or predicate.lemma_.lower() == "be":
        subj = first_child(predicate, SUBJ_DEPS)
        if subj is not None:
            return subj
        holder = predicate.head
        return (
            first_child(holder, SUBJPASS_DEPS)
            or first_child(holder, DOBJ_DEPS)
            or (first_child(holder, SUBJ_DEPS) if holder.lemma_.lower() == "be" else None)
        )
    return first_child(predicate, SUBJPASS_DEPS) or first_child(predicate, DOBJ_DEPS)


def _following_target(noun: Token, res: ActorResources) -> Token | None:
    """ "a rocket attack last week targeting X" where the parse hung "targeting" elsewhere."""
    doc = noun.doc
    for t in doc[noun.i + 1 : min(noun.i + 6, noun.sent.end)]:
        if t.is_punct:
            return None
        if t.tag_ == "VBG" and t.lemma_.lower() in res.words.impact_verbs:
            return first_child(t, DOBJ_DEPS)
    return None


def _clause_target(noun: Token, res: ActorResources) -> Token | None:
    """The target a relative or participial clause on the noun names ("aimed at civilians")."""
    words = res.words
    for c in noun.rights:
        if c.dep_ not in ("acl", "relcl"):
            continue
        for t in c.subtree:
            if t.lemma_.lower() in words.impact_verbs and t.pos_ == "VERB":
                target = first_child(t, DOBJ_DEPS) or prep_object(t, words.target_preps)
                if target is not None:
                    return target
    return None


def _blamed(noun: Token, words: RoleWords) -> Token | None:
    """ "blamed the attack on X", "the attack was blamed on X" -> X (the parse may hang "on X"
    on the verb or the noun)."""
    if noun.dep_ not in ("dobj", "nsubjpass") or noun.head.lemma_.lower() not in words.blame_verbs:
        return None
    on = frozenset({"on"})
    return prep_object(noun.head, on) or prep_object(noun, on)


def _between(noun: Token) -> tuple[Token | None, Token | None]:
    """ "a battle between troops and terrorists": both sides."""
    side = prep_object(noun, frozenset({"between"}))
    if side is None:
        return None, None
    other = next((c for c in side.conjuncts if c.i > side.i), None)
    return side, other


def _facility_modifier(noun: Token, res: ActorResources) -> Token | None:
    """ "the hospital attacks", "a market bombing": a facility named as the event noun's
    compound is what was hit (an actor named there acts: "Taliban attacks")."""
    for c in noun.lefts:
        if c.dep_ == "compound" and c.pos_ in NOUN_POS and is_facility_word(c, res):
            return c
    return None


def _clause_agent(clause: Token, words: RoleWords) -> Token | None:
    """Who a support verb's clause on an event noun names: "the attack carried out by X",
    "the strikes (that) X carried out" (its subject, when not the relative pronoun)."""
    agent = first_child(first_child(clause, AGENT_DEPS), POBJ_DEPS)
    if agent is not None or _is_passive(clause):
        return agent
    subj = first_child(clause, SUBJ_DEPS)
    return None if subj is None or subj.lower_ in words.relative_pronouns else subj


def _other_side(noun: Token, words: RoleWords) -> Token | None:
    """ "clashes with the rebels", "a battle against IS": the side a reciprocal event is
    fought with."""
    if noun.lemma_.lower() not in words.reciprocal_verbs:
        return None
    return prep_object(noun, words.reciprocal_preps)


def _noun_roles(noun: Token, res: ActorResources) -> tuple[Token | None, Token | None]:
    words = res.words
    blamed = _blamed(noun, words)
    if blamed is not None:
        target = prep_object(noun, words.noun_target_preps)
        return blamed, None if target is None or target.i == blamed.i else target
    side1, side2 = _between(noun)
    if side1 is not None and side2 is not None:
        return side1, side2
    actor1 = _noun_agent(noun, res)
    actor2 = (
        prep_object(noun, words.noun_target_preps)
        or _clause_target(noun, res)
        or _other_side(noun, words)
    )
    if actor2 is None and _suffers_possessor(noun, res):
        actor2 = _possessor(noun, res)
    like = prep_object(noun, frozenset({"as", "like"}))
    if like is not None and actor2 is None:
        actor2 = prep_object(like, words.noun_target_preps)
        actor1 = actor1 or prep_object(like, frozenset({"by"}))
    if actor2 is None:
        actor2 = _following_target(noun, res) or _facility_modifier(noun, res)
    if actor1 is None and actor2 is not None:
        actor1 = prep_object(actor2, frozenset({"by"}))
    for c in noun.rights:
        if c.dep_ in ("acl", "relcl") and is_support(c, words):
            actor1 = actor1 or _clause_agent(c, words)
    governed1, governed2 = _governed_roles(noun, res)
    if actor1 is not None and governed1 is not None and is_actor_pronoun(actor1, res):
        actor1 = governed1  # "the army resumed its offensive": the army, named
    return actor1 or governed1, actor2 or governed2


def _occupant(target: Token, res: ActorResources) -> Token:
    """Who a targeted place stands for: "a facility where US forces are housed" -> US forces,
    "infrastructure used by X" -> X."""
    words = res.words
    clauses = [c for t in (target, *target.conjuncts) for c in t.rights]
    for c in clauses:
        if c.dep_ not in ("acl", "relcl") or c.lemma_.lower() not in words.proxy_use_verbs:
            continue
        by = first_child(first_child(c, AGENT_DEPS), POBJ_DEPS)
        subj = first_child(c, SUBJPASS_DEPS) or first_child(c, SUBJ_DEPS)
        occupant = by or (
            subj if subj is not None and subj.lower_ not in words.relative_pronouns else None
        )
        if occupant is not None:
            return occupant
    return target


def _antecedent(token: Token, res: ActorResources) -> Token | None:
    """A noun that can head an actor: relative pronouns resolved, "they" looked up, other
    pronouns and reflexives dropped."""
    words = res.words
    if token.lower_ in words.relative_pronouns:
        clause = token.head
        if clause.dep_ != "relcl" or clause.head.pos_ not in NOUN_POS:
            return None
        if _ends_address(clause.head):
            return None  # "at a market in Mosul, Iraq which killed nine": not Iraq
        return clause.head
    quantity = token.ent_type_ == "CARDINAL" or token.lemma_.lower() in words.quantity_nouns
    of = prep_object(token, frozenset({"of"})) if quantity else None
    if of is not None:
        return _antecedent(of, res)
    if (
        (token.ent_type_ in words.non_actor_entities and token.pos_ != "NUM")
        or any(c.dep_ == "det" and c.lower_ == "no" for c in token.children)
        or token.lemma_.lower() in words.event_nouns
        or token.lemma_.lower() in words.non_actor_nouns
    ):
        return None
    if token.pos_ == "ADJ" and token.dep_ in ("amod", "compound"):
        return token
    if token.lower_ == "those" and any(c.dep_ in ("amod", "acl", "relcl") for c in token.children):
        return token
    if is_actor_pronoun(token, res):
        return token  # named from its antecedent by ``pronoun_actor``
    if token.pos_ == "PRON" or token.tag_ in ("PRP", "PRP$", "WP", "EX"):
        return None
    if token.pos_ not in NOUN_POS and token.pos_ != "NUM":
        return None
    return token


def _ends_address(noun: Token) -> bool:
    """The last part of an address ("Mosul, Iraq"): a toponym in apposition,
    after which a relative clause is about what happened there."""
    return noun.ent_type_ in PLACE_ENTS and noun.dep_ == "appos"


def _associates(head: Token, res: ActorResources) -> list[Token]:
    """ "X, backed by Y", "X and their allies Y", and conjuncts after the first."""
    words = res.words
    found: list[Token] = []
    for c in head.children:
        if c.dep_ in ("acl", "amod") and c.lemma_.lower() in words.association_verbs:
            helper = first_child(first_child(c, AGENT_DEPS), POBJ_DEPS) or prep_object(
                c, frozenset({"with", "to", "by"})
            )
            if helper is not None:
                found.append(helper)
    for conj in head.conjuncts:
        if conj.i < head.i:
            continue
        allies = conj.lemma_.lower() in words.association_nouns
        ally = first_child(conj, frozenset({"appos"})) if allies else None
        # a list of things ("screws, balls and batteries") is not a list of actors
        if allies or normalize_actor(phrase(conj, res), res)[1] is not None:
            found.append(ally or conj)
    return found


def _roles(trigger: Token, res: ActorResources) -> tuple[Token | None, Token | None]:
    if trigger.pos_ in VERB_POS or trigger.tag_.startswith("VB"):
        return _verb_roles(trigger, res)
    actor1, actor2 = _noun_roles(trigger, res)
    head = trigger.head
    if trigger.dep_ == "compound" and head.lemma_.lower() in res.words.event_nouns:
        # "this coup attempt", "a bomb attack": the noun it modifies carries the arguments
        head1, head2 = _noun_roles(head, res)
        return actor1 or head1, actor2 or head2
    return actor1, actor2


def find_actors(trigger: Token, res: ActorResources) -> tuple[Actor, ...]:
    """The actors of the event named by ``trigger``, roles read from its sentence's parse."""
    actor1, actor2 = (outside_dateline(t, res) for t in _roles(trigger, res))
    if actor2 is not None:
        actor2 = _occupant(actor2, res)
    out: list[Actor] = []
    seen: set[tuple[str, int]] = set()
    taken = {t.i for t in (actor1, actor2) if t is not None}
    pairs: tuple[tuple[Role, Token | None], ...] = (("actor1", actor1), ("actor2", actor2))
    for role, token in pairs:
        head = None if token is None else _antecedent(token, res)
        if head is None or head.i == trigger.i:
            continue
        helpers = [a for a in _associates(head, res) if a.i not in taken]
        for r, h in ((role, head), *((ASSOCIATE_ROLE[role], a) for a in helpers)):
            resolved = outside_dateline(_antecedent(h, res), res)
            if resolved is None:
                continue
            if is_actor_pronoun(resolved, res):
                actor = pronoun_actor(r, resolved, res)
            elif is_group_description(resolved, res):
                actor = description_actor(r, resolved, res)
            else:
                # "its fighters attacked": named by the group; a victim's "its" is left
                # unresolved ("a strike that killed two of its fighters" is not the striker's)
                acting = r in ("actor1", "assoc_actor_1")
                named = members_actor(r, resolved, res) if acting else None
                actor = named or actor_at(r, resolved, res)
            key = (actor.role, resolved.i)
            if key not in seen:
                seen.add(key)
                out.append(actor)
    return tuple(out)
