"""Event actors: who acts, on whom, and their normalized name, ACLED kind and country.

Roles come from the dependency parse around the trigger:

* a verb trigger: ``actor1`` is its subject (or the "by" agent of a passive), ``actor2`` its object
  (or the passive subject, or the object of "on"/"against"); a participle or conjoined verb without
  a subject inherits the subject of the verb it hangs from (not a speaker's: "he said, referring
  to an attack targeting X"); a participle with a subject but no auxiliary after a passive or
  "with" is passive ("two were killed and five wounded"); "the attack is believed to have been
  carried out by X" takes X;
* a noun trigger: ``actor1`` is its possessor ("the IRA's bombing"), a modifier that names a known
  actor ("US airstrikes", "Israeli shelling") or its "by" phrase, else the subject of a support verb
  ("X carried out airstrikes", "X claimed responsibility for the attack"); ``actor2`` is the object
  of "on"/"against"/"of"/"targeting", or the subject of "came under", or who was killed "in" it;
* associates: "X, backed by Y" and conjuncts after the first ("X and Y") get ``assoc_actor_1/2``.

A target that is a place stands for who is in it: "the US base" is US forces, a facility "where US
forces are housed" is those forces, "infrastructure used by X" is X. Relative pronouns are replaced
by their antecedent, "they" by the nearest earlier actor; other pronouns are left out, and so is an
unknown perpetrator (no actor rather than a guess). No actor takes a word of the dateline
("LAGOS (GWS) - Gunmen" is "Gunmen"; "PESHAWAR (Reuters) - Militants killed" is "Militants").

Names (``normalize_actor``) come from the data in ``data/actors``: known armed groups and their
aliases, state forces of every country (from its names and demonyms), and generic descriptions.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from spacy.tokens import Doc, Span, Token

from spotrep.extractors._syntax import PLACE_ENTS, TIME_ENTS, first_child
from spotrep.extractors.events.actors import tables
from spotrep.extractors.events.actors.frames import Frames, load_frames
from spotrep.extractors.places.dateline import clipped, dateline_of, past
from spotrep.records import Actor, ActorKind, Role
from spotrep.records import Span as TextSpan

_MAX_ALIAS_TOKENS = 8

_MAX_PHRASE_TOKENS = 14
"""Longer noun phrases keep only their head and left modifiers."""

LOOKBACK_TOKENS = 80
"""How far back a plural pronoun looks for its antecedent."""

ASSOCIATE_ROLE: Mapping[Role, Role] = MappingProxyType(
    {"actor1": "assoc_actor_1", "actor2": "assoc_actor_2"}
)


_MODIFIERS = frozenset({"amod", "compound", "poss", "nmod"})

_CUTS = frozenset({")", "]", ":", ";", "—", "–", "|"})
"""Punctuation that a noun phrase does not run across: "(IraqiNews.com) Iraqi troops"."""

SUBJ_DEPS = frozenset({"nsubj"})

SUBJPASS_DEPS = frozenset({"nsubjpass"})

DOBJ_DEPS = frozenset({"dobj"})

POBJ_DEPS = frozenset({"pobj"})

AGENT_DEPS = frozenset({"agent"})

XCOMP_DEPS = frozenset({"xcomp"})

ATTR_DEPS = frozenset({"attr"})

_KEEP_LEFT = frozenset(
    {"det", "amod", "compound", "nummod", "poss", "nmod", "quantmod", "npadvmod", "punct", "predet"}
)

_MAX_APPOS_TOKENS = 4
"""An apposition this short is part of the name ("the group ETA", "the killer, Chérif Chekatt")."""


@dataclass(frozen=True, slots=True)
class Known:
    """A normalized actor: ACLED-style name, kind and ISO3 country."""

    name: str
    kind: ActorKind | None
    country: str | None


@dataclass(frozen=True, slots=True)
class Aliases:
    """Alias -> value, split so that all-capital aliases ("US", "IS") match only as written."""

    exact: Mapping[str, Known]
    lower: Mapping[str, Known]

    def get(self, text: str) -> Known | None:
        return self.exact.get(text) or self.lower.get(text.lower())


@dataclass(frozen=True, slots=True)
class RoleWords:
    """The words that decide roles around a trigger (``data/actors/roles.json``)."""

    support_verbs: frozenset[str]
    responsibility_nouns: frozenset[str]
    blame_verbs: frozenset[str]
    impact_verbs: frozenset[str]
    intent_verbs: frozenset[str]
    victim_verbs: frozenset[str]
    target_preps: frozenset[str]
    noun_target_preps: frozenset[str]
    under_preps: frozenset[str]
    victim_preps: frozenset[str]
    association_verbs: frozenset[str]
    association_nouns: frozenset[str]
    proxy_markers: frozenset[str]
    keep_modifiers: frozenset[str]
    proxy_use_verbs: frozenset[str]
    event_nouns: frozenset[str]
    series_nouns: frozenset[str]
    perpetrator_adjectives: frozenset[str]
    participation_verbs: frozenset[str]
    non_actor_entities: frozenset[str]
    reciprocal_verbs: frozenset[str]
    reciprocal_preps: frozenset[str]
    quantity_nouns: frozenset[str]
    part_nouns: frozenset[str]
    non_actor_nouns: frozenset[str]
    relative_pronouns: frozenset[str]
    plural_pronouns: frozenset[str]
    determiners: frozenset[str]
    excluded_preps: frozenset[str]
    speech_verbs: frozenset[str]
    instrument_nouns: frozenset[str]
    identification_verbs: frozenset[str]
    force_modifiers: frozenset[str]


@dataclass(frozen=True, slots=True)
class ActorResources:
    """The actor dictionary (state forces, armed groups, generic descriptions), read once."""

    groups: Aliases
    countries: Aliases
    generic: Mapping[str, tuple[str, ActorKind | None]]
    forces: Mapping[str, str]
    country_only_forces: frozenset[str]
    facilities: frozenset[str]
    words: RoleWords
    pronouns: Mapping[str, str]
    frames: Frames
    descriptions: frozenset[str]


_FOLDER = "actors"

_BRANCHES = frozenset({"military", "police"})

PRONOUN_CLASSES = frozenset({"plural", "neuter", "person", "speaker"})


def _aliases(pairs: Iterator[tuple[str, Known]]) -> Aliases:
    exact: dict[str, Known] = {}
    lower: dict[str, Known] = {}
    for alias, known in pairs:
        letters = [c for c in alias if c.isalpha()]
        if letters and all(c.isupper() for c in letters):
            exact.setdefault(alias, known)
        else:
            lower.setdefault(alias.lower(), known)
    return Aliases(MappingProxyType(exact), MappingProxyType(lower))


def _alias_list(row: tables.Row, column: int) -> list[str]:
    aliases = row.fields[column].split("|")
    if not all(a.strip() for a in aliases):
        raise row.error("an empty alias")
    return aliases


def _groups() -> Iterator[tuple[str, Known]]:
    for row in tables.rows(_FOLDER, "groups.tsv", (4,)):
        known = Known(row.fields[0], row.kind(1), row.country(2))
        yield from ((alias, known) for alias in _alias_list(row, 3))


def _countries() -> Iterator[tuple[str, Known]]:
    for row in tables.rows(_FOLDER, "countries.tsv", (3,)):
        known = Known(row.fields[1], "State forces", row.country(0))
        yield from ((alias, known) for alias in _alias_list(row, 2))


def _words(name: str) -> frozenset[str]:
    return frozenset(row.fields[0] for row in tables.rows(_FOLDER, name, (1,)))


def load() -> ActorResources:
    """The actor data, checked (``DataError`` names the file and line of a malformed row)."""
    forces = list(tables.rows(_FOLDER, "forces.tsv", (2, 3)))
    generic = tables.rows(_FOLDER, "generic.tsv", (3,))
    return ActorResources(
        groups=_aliases(_groups()),
        countries=_aliases(_countries()),
        generic=MappingProxyType({r.fields[0]: (r.fields[1], r.kind(2)) for r in generic}),
        forces=MappingProxyType({r.fields[0]: r.choice(1, _BRANCHES) for r in forces}),
        country_only_forces=frozenset(
            r.fields[0] for r in forces if len(r.fields) > 2 and r.choice(2, ("yes", "")) == "yes"
        ),
        facilities=_words("facilities.tsv"),
        words=RoleWords(**tables.word_lists(_FOLDER, "roles.json", RoleWords.__dataclass_fields__)),
        pronouns=MappingProxyType(
            {
                r.fields[0]: r.choice(1, PRONOUN_CLASSES)
                for r in tables.rows(_FOLDER, "pronouns.tsv", (2,))
            }
        ),
        frames=load_frames(),
        descriptions=_words("descriptions.tsv"),
    )


def longest_known(tokens: Sequence[Token], table: Aliases) -> tuple[Known, int, int] | None:
    """The longest alias in ``tokens`` (as written in the text) with its token range."""
    best: tuple[Known, int, int] | None = None
    for i, first in enumerate(tokens):
        for j in range(min(len(tokens), i + _MAX_ALIAS_TOKENS) - 1, i - 1, -1):
            if best is not None and j - i <= best[2] - best[1]:
                break
            if tokens[j].i - first.i != j - i:
                continue
            found = table.get(" ".join(first.doc[first.i : tokens[j].i + 1].text.split()))
            if found is not None:
                best = (found, i, j + 1)
                break
    return best


def _head_key(root: Token, table: Mapping[str, object]) -> str | None:
    """The key of ``table`` that the phrase's head matches: "security forces", then "forces"."""
    doc = root.doc
    if root.i > 0:
        pair = f"{doc[root.i - 1].lower_} {root.lower_}"
        pair_lemma = f"{doc[root.i - 1].lower_} {root.lemma_.lower()}"
        for key in (pair, pair_lemma):
            if key in table:
                return key
    lower = root.lower_
    for key in (
        lower,
        root.lemma_.lower(),
        lower[:-1] if lower.endswith("s") else lower,
        lower[:-3] + "man" if lower.endswith("men") else lower,
    ):
        if key in table:
            return key
    return None


def _core(span: Span) -> list[Token]:
    """The tokens that name the actor: up to the head, plus an "of" complement ("members of X")."""
    root = span.root
    core = [t for t in span if t.i <= root.i]
    for child in root.rights:
        if child.lower_ == "of" and child.i < span.end:
            core.extend(t for t in child.subtree if t.i < span.end)
    return core


def _country_label(known: Known) -> str:
    name = known.name
    return " (" + (name[4:] if name.startswith("the ") else name) + ")"


def _clean(span: Span, res: ActorResources) -> str:
    tokens = list(span)
    while tokens and (tokens[0].lower_ in res.words.determiners or tokens[0].is_punct):
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct:
        tokens = tokens[:-1]
    if not tokens:
        return span.text
    return str(span.doc[tokens[0].i : tokens[-1].i + 1].text)


def _is_proxy(span: Span, res: ActorResources) -> bool:
    """ "Iran-backed groups", "militias affiliated with the IRGC": a militia named by its patron."""
    head = _head_key(span.root, res.generic)
    if head is None or res.generic[head][1] is None:
        return False
    return any(t.lower_ in res.words.proxy_markers for t in span)


def normalize_actor(span: Span, res: ActorResources) -> tuple[str, ActorKind | None, str | None]:
    """(name, ACLED kind, ISO3 country) of the actor mention ``span``."""
    if _is_proxy(span, res):
        return _clean(span, res), "Political militia", None
    core = _core(span)
    group = longest_known(core, res.groups)
    if group is not None:
        return group[0].name, group[0].kind, group[0].country
    # "Chad Smith", "Jordan Peterson": a person, not a country
    country = longest_known([t for t in core if t.ent_type_ != "PERSON"], res.countries)
    known = _described(span.root, res, None if country is None else country[0])
    if known is not None:
        return known.name, known.kind, known.country
    whole = _of_complement(span, res)
    if whole is not None:
        return whole
    if country is not None and country[2] - country[1] == len(core) - _leading(core, res):
        state = country[0]
        if span.root.ent_type_ == "NORP" and span.root.dep_ not in _MODIFIERS:
            # "thousands of Sudanese rallied": the people, not the state
            return f"Civilians{_country_label(state)}", "Civilians", state.country
        return f"Military Forces of {state.name}", "State forces", state.country
    return _clean(span, res), None, None if country is None else country[0].country


def _of_complement(
    span: Span, res: ActorResources
) -> tuple[str, ActorKind | None, str | None] | None:
    """ "members of the US forces": the actor the part belongs to."""
    if span.root.lemma_.lower() not in res.words.part_nouns:
        return None
    obj = prep_object(span.root, frozenset({"of"}))
    if obj is None or obj.i >= span.end:
        return None
    found = normalize_actor(phrase(obj, res), res)
    return found if found[1] is not None else None


def _leading(core: Sequence[Token], res: ActorResources) -> int:
    n = 0
    while n < len(core) and core[n].lower_ in res.words.determiners:
        n += 1
    return n


def forces_of(head: Token, owner: Span, res: ActorResources) -> Known | None:
    """ "its aircraft" after "the Israeli military", "their troops" after "Kenya": the force
    ``head`` names, of the country that ``owner`` (who the possessor stands for) names; None
    when ``head`` names no force or ``owner`` no country."""
    if _head_key(head, res.forces) is None:
        return None
    country = longest_known([t for t in _core(owner) if t.ent_type_ != "PERSON"], res.countries)
    return None if country is None else _described(head, res, country[0])


def _described(root: Token, res: ActorResources, country: Known | None) -> Known | None:
    """A generic description: "Syrian troops", "police", "protesters", "a market"."""
    iso = None if country is None else country.country
    force = _head_key(root, res.forces)
    if force is not None and (country is not None or force not in res.country_only_forces):
        branch = "Police Forces" if res.forces[force] == "police" else "Military Forces"
        name = branch if country is None else f"{branch} of {country.name}"
        return Known(name, "State forces", iso)
    generic = _head_key(root, res.generic)
    if generic is not None:
        name, kind = res.generic[generic]
        label = "" if country is None else _country_label(country)
        return Known(name.replace("{country}", label), kind, iso)
    if is_facility_word(root, res):
        label = "" if country is None else _country_label(country)
        return Known("Civilians" + label, "Civilians", iso)
    if root.ent_type_ == "PERSON":
        return Known(root.doc[root.left_edge.i : root.i + 1].text, None, iso)
    return None


def phrase(head: Token, res: ActorResources) -> Span:
    """The noun phrase of ``head`` as an actor mention: modifiers, "of" complements, short names
    and patron phrases ("groups affiliated with X") kept; clauses and conjuncts left out."""
    words = res.words
    left = [t for c in head.lefts if c.dep_ in _KEEP_LEFT for t in c.subtree]
    right: list[Token] = []
    rights = list(head.rights)
    for k, c in enumerate(rights):
        after = rights[k + 1] if k + 1 < len(rights) else None
        keep = (
            # "of" and its noun ("the house of a leader"), not a gerund ("the rebels of staging")
            (c.dep_ == "prep" and c.lower_ == "of" and any(g.dep_ == "pobj" for g in c.children))
            or (c.dep_ in ("acl", "amod") and c.lower_ in words.keep_modifiers)
            or c.dep_ in ("compound", "nummod")
            or (c.dep_ == "appos" and _short_name(c))
            # the comma before a short name in apposition ("the killer, John Smith")
            or (c.is_punct and after is not None and after.dep_ == "appos" and _short_name(after))
        )
        if not keep:
            break
        right.extend(c.subtree)
    tokens = sorted([*left, head, *right], key=lambda t: t.i)
    if len(tokens) > _MAX_PHRASE_TOKENS:
        tokens = [t for t in tokens if t.i <= head.i]
    start, end = tokens[0].i, tokens[-1].i + 1
    doc = head.doc
    start = _after_cuts(doc, start, head.i)
    if dateline_of(head) is None:
        start, end = clipped(doc, start, end)  # "LAGOS (GWS) - Gunmen": not the dateline
    while start < head.i and (doc[start].is_punct or doc[start].dep_ == "cc"):
        start += 1
    while end - 1 > head.i and (doc[end - 1].is_punct or doc[end - 1].dep_ == "cc"):
        end -= 1
    inside = doc[start:end].text
    if end < len(doc) and doc[end].text == ")" and inside.count("(") > inside.count(")"):
        end += 1
    return doc[start:end]


def _after_cuts(doc: Doc, start: int, head: int) -> int:
    """The first token after the last unmatched closing bracket or dash before the head."""
    depth = 0
    for t in doc[start:head]:
        if t.text == "(":
            depth += 1
        elif t.text == ")" and depth:
            depth -= 1
        elif t.text in _CUTS:
            start = t.i + 1
    return start


def outside_dateline(head: Token | None, res: ActorResources) -> Token | None:
    """``head``, unless it lies in the dateline ("PESHAWAR (Reuters) - Militants killed ...",
    where the parse may make the town a subject): then the word after the dateline that the
    parse attached as it was (the other subject, "Militants"; ``places.dateline.past``), else
    None. A town is where a report was filed, never an actor; an all-capital name that is a
    known group ("ISWAP:") is no town."""
    if head is None:
        return None
    found = dateline_of(head)
    if found is None or res.groups.exact.get(head.doc[found.start : found.town_end].text):
        return head
    return past(head)


def _short_name(appos: Token) -> bool:
    size = appos.right_edge.i - appos.left_edge.i + 1
    return size <= _MAX_APPOS_TOKENS and appos.pos_ == "PROPN"


def actor_at(role: Role, head: Token, res: ActorResources) -> Actor:
    span = phrase(head, res)
    name, kind, country = identified_as(head, res) or normalize_actor(span, res)
    if role in ("actor2", "assoc_actor_2") and head.ent_type_ in PLACE_ENTS:
        # a targeted town is where the event happened, not the state's forces
        name, kind = _clean(span, res), None
    # the doc's text is rebuilt on every access: the span's own text is the same slice
    where = TextSpan(span.start_char, span.end_char, span.text)
    return Actor(role, where.text, name, kind, country, where)


def identified_as(head: Token, res: ActorResources) -> tuple[str, ActorKind, str | None] | None:
    """Who a description is said to be, when that names a known group or a country's forces:
    "Gunmen believed to be members of al-Shabaab", "militants thought to belong to Boko Haram",
    "fighters identified as M23" (the parse hangs the participle on the noun or makes the noun
    its subject); None otherwise."""
    verbs = [c for c in head.children if c.dep_ == "acl"]
    if head.dep_ == "nsubj" and head.head.tag_ in ("VBD", "VBN"):
        verbs.append(head.head)
    for verb in verbs:
        if verb.lemma_.lower() not in res.words.identification_verbs:
            continue
        said = _said_to_be(verb)
        if said is None:
            continue
        name, kind, country = normalize_actor(phrase(said, res), res)
        if kind is not None and names_who(name, kind, country, res):
            return name, kind, country
    return None


def names_who(name: str | None, kind: ActorKind | None, country: str | None,
              res: ActorResources) -> bool:
    """Whether a normalized actor names who it is: a known armed group or a country's forces
    ("Russian jets", "the Islamic State"), not a description many fit ("gunmen", "the army")."""
    if name is None or kind is None:
        return False
    return country is not None or res.groups.get(name) is not None


def _said_to_be(verb: Token) -> Token | None:
    """What ``verb`` says its subject is: "believed to be X", "thought to belong to X",
    "identified as X"."""
    for c in verb.children:
        if c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
            return first_child(c, ATTR_DEPS) or prep_object(c, frozenset({"to"}))
    return prep_object(verb, frozenset({"as"}))


def prep_object(token: Token, preps: frozenset[str]) -> Token | None:
    for c in token.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in preps:
            obj = first_child(c, POBJ_DEPS)
            if obj is not None and obj.ent_type_ not in TIME_ENTS:
                return obj
        if c.dep_ in ("acl", "advcl") and c.lower_ in preps and c.tag_ == "VBG":
            obj = first_child(c, DOBJ_DEPS)
            if obj is not None:
                return obj
    return None


def is_facility(actor: Actor, doc: Doc, res: ActorResources) -> bool:
    """An actor that names a facility ("the bakery", "the Christmas market", "Ataturk airport");
    a town is where an event happened, not a facility."""
    if actor.span is None:
        return False
    span = doc.char_span(actor.span.start, actor.span.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    return root.ent_type_ in PLACE_ENTS or is_facility_word(root, res)


def is_facility_word(token: Token, res: ActorResources) -> bool:
    """A noun (or the last word of a phrase) of the facilities table: "market", "hospital"."""
    return _head_key(token, dict.fromkeys(res.facilities, 1)) is not None
