"""Speakers of claims: the mention's bounds, its name, kind and role, and a small resolver.

No coreference model is available offline, so pronouns, definite descriptions ("the source",
"the spokesman") and bare surnames are bound by rule to the most recent compatible earlier
mention: gender and number must agree, a description's head noun must be the antecedent's head
or part of its role, and a surname must end an earlier person's name.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import cast

from spacy.tokens import Doc, Token

from spotrep import data
from spotrep.extractors._syntax import DEFINITE_DETS, PLURAL_TAGS
from spotrep.extractors.places.dateline import clipped, dateline_of
from spotrep.records import Span, Speaker, SpeakerKind

_DATA = "spotrep.data"

_RELATIVE = frozenset({"who", "which", "that"})

_MENTION_RIGHT = frozenset({"prep", "pobj", "compound", "flat", "nummod", "cc", "conj", "case"})


_NAME_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC", "PRODUCT", "WORK_OF_ART"})


@dataclass(frozen=True, slots=True)
class SpeakerResources:
    """Lexicons for naming and typing speakers."""

    nouns: Mapping[str, SpeakerKind]
    roles: frozenset[str]
    media: frozenset[str]
    government: frozenset[str]
    pronouns: Mapping[str, tuple[str, str]]
    honorifics: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class Antecedent:
    """An earlier mention a later pronoun or description may refer to."""

    speaker: Speaker
    start: int
    head: str
    gender: str
    plural: bool


def read_lines(name: str) -> tuple[str, ...]:
    """Non-comment, non-blank lines of ``data/claims/<name>``."""
    return data.lines("claims", name)


def read_table(name: str) -> tuple[dict[str, str], ...]:
    """Rows of the TSV ``data/claims/<name>`` (first non-comment line is the header)."""
    return data.records("claims", name)


def load_speakers() -> SpeakerResources:
    return SpeakerResources(
        nouns=MappingProxyType(
            {r["noun"]: cast(SpeakerKind, r["kind"]) for r in read_table("speaker_nouns.tsv")}
        ),
        roles=frozenset(w.lower() for w in read_lines("roles.txt")),
        media=frozenset(w.lower() for w in read_lines("media.txt")),
        government=frozenset(w.lower() for w in read_lines("government.txt")),
        pronouns=MappingProxyType(
            {r["pronoun"]: (r["gender"], r["number"]) for r in read_table("pronouns.tsv")}
        ),
        honorifics=MappingProxyType(
            {r["title"]: r["gender"] for r in read_table("honorifics.tsv")}
        ),
    )


def mention_bounds(head: Token) -> tuple[int, int]:
    """Token range ``[start, end)`` of the noun phrase headed by ``head``, without appositions
    and relative clauses (they describe the speaker, they are not its name)."""
    end = head.i
    for child in head.rights:
        if child.dep_ not in _MENTION_RIGHT and not child.is_punct:
            break
        if not child.is_punct:
            end = child.right_edge.i
    start = head.left_edge.i
    if dateline_of(head) is None:  # "TAMALE (GWS) - A former official": not the dateline
        start, _ = clipped(head.doc, start, end + 1)
    while start < head.i and head.doc[start].is_punct:
        start += 1
    return start, end + 1


def _strip_possessive(tokens: Sequence[Token]) -> Sequence[Token]:
    return tokens[:-1] if tokens and tokens[-1].tag_ == "POS" else tokens


def _person_tokens(tokens: Sequence[Token]) -> Sequence[Token]:
    """The last run of PERSON tokens in ``tokens``."""
    idx = [i for i, t in enumerate(tokens) if t.ent_type_ == "PERSON"]
    if not idx:
        return ()
    end = idx[-1]
    start = end
    while start > 0 and tokens[start - 1].ent_type_ == "PERSON":
        start -= 1
    return _strip_possessive(tokens[start : end + 1])


def _text(doc: Doc, tokens: Sequence[Token]) -> str:
    return doc[tokens[0].i : tokens[-1].i + 1].text


def _role(doc: Doc, before: Sequence[Token], res: SpeakerResources) -> str | None:
    """The title before a name ("CENTCOM spokesman"), when its last word is a role noun."""
    words = [t for t in before if t.pos_ != "DET" and not t.is_punct]
    if not words or words[-1].lower_ not in res.roles:
        return None
    return _text(doc, words)


def _named_kind(name: str, res: SpeakerResources) -> SpeakerKind | None:
    low = name.lower()
    bare = low[4:] if low.startswith("the ") else low
    if low in res.media or bare in res.media:
        return "media"
    if low in res.government or bare in res.government:
        return "government"
    return None


def _kind(tokens: Sequence[Token], head: Token, res: SpeakerResources) -> SpeakerKind:
    """Kind of a mention that names no person."""
    ents = [t for t in tokens if t.ent_type_ in _NAME_LABELS]
    named = _named_kind(_text(head.doc, tokens), res) or _named_kind(head.text, res)
    if named is not None:
        return named
    lemma = head.lemma_.lower()
    if lemma == "official":
        return "government" if ents else "anonymous"
    for word in (lemma, head.lower_):
        if word in res.nouns:
            return res.nouns[word]
    if head.ent_type_ == "ORG":
        return "organization"
    if head.ent_type_ in ("GPE", "NORP"):
        return "government"
    return "unknown"


def _gender(tokens: Sequence[Token], res: SpeakerResources) -> str:
    for t in tokens:
        gender = res.honorifics.get(t.lower_)
        if gender is not None:
            return gender
    return "-"


def describe(doc: Doc, start: int, end: int, head: Token, res: SpeakerResources) -> Antecedent:
    """The mention ``doc[start:end]`` (headed by ``head``) as a speaker, before any resolution."""
    tokens = list(doc[start:end])
    span = Span(tokens[0].idx, tokens[-1].idx + len(tokens[-1]), doc[start:end].text)
    person = _person_tokens(tokens)
    plural = head.tag_ in PLURAL_TAGS or any(t.dep_ == "conj" for t in tokens)
    if person and not plural and head in person:
        before = tokens[: tokens.index(person[0])]
        speaker = Speaker(span.text, _text(doc, person), "person", _role(doc, before, res), span)
    else:
        role = _role(doc, tokens[: tokens.index(head) + 1], res) if head in tokens else None
        speaker = Speaker(span.text, span.text, _kind(tokens, head, res), role, span)
    return Antecedent(speaker, span.start, head.lemma_.lower(), _gender(tokens, res), plural)


def person_antecedents(doc: Doc, res: SpeakerResources) -> tuple[Antecedent, ...]:
    """Every PERSON entity, so that pronouns can refer to people who have not spoken yet."""
    out = []
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            start, end = mention_bounds(ent.root)
            out.append(describe(doc, min(start, ent.start), max(end, ent.end), ent.root, res))
    return tuple(out)


def _compatible(pronoun: tuple[str, str], ante: Antecedent) -> bool:
    gender, number = pronoun
    kind = ante.speaker.kind
    if gender in ("m", "f"):
        return kind == "person" and not ante.plural and ante.gender in (gender, "-")
    if number == "pl":
        return ante.plural or kind in ("government", "organization", "media", "anonymous")
    return not ante.plural and kind in ("government", "organization", "media")


def _matches_description(head: str, ante: Antecedent) -> bool:
    role = (ante.speaker.role or "").lower().split()
    return ante.head == head or head in role


def _surname_of(word: str, ante: Antecedent) -> bool:
    name = ante.speaker.name or ""
    return ante.speaker.kind == "person" and name != word and name.split()[-1:] == [word]


def _latest(cands: Sequence[Antecedent], before: int) -> Antecedent | None:
    earlier = [a for a in cands if a.start < before]
    return max(earlier, key=lambda a: a.start, default=None)


def antecedent_for(
    mention: Antecedent, head: Token, history: Sequence[Antecedent], res: SpeakerResources
) -> Antecedent | None:
    """The earlier mention that ``mention`` refers to, if it is a pronoun, description or
    surname and a compatible one exists."""
    low = head.lower_
    if head.pos_ == "PRON" and low in res.pronouns:
        pron = res.pronouns[low]
        return _latest([a for a in history if _compatible(pron, a)], mention.start)
    first = head.doc[mention_bounds(head)[0]].lower_
    if first in DEFINITE_DETS and (mention.head in res.nouns or mention.head in res.roles):
        cands = [a for a in history if _matches_description(mention.head, a)]
        return _latest(cands, mention.start)
    if mention.speaker.kind == "person" and " " not in (mention.speaker.name or " "):
        cands = [a for a in history if _surname_of(mention.speaker.name or "", a)]
        return _latest(cands, mention.start)
    return None


def resolve_speaker(
    mention: Antecedent, head: Token, history: Sequence[Antecedent], res: SpeakerResources
) -> Antecedent:
    """``mention`` with name, kind and role taken from what it refers to (text and span stay)."""
    ante = antecedent_for(mention, head, history, res)
    if ante is None:
        if head.pos_ == "PRON":
            unknown = replace(mention.speaker, kind="unknown")
            return replace(mention, speaker=unknown)
        return mention
    gender = mention.gender
    if gender == "-" and head.lower_ in res.pronouns:
        gender = res.pronouns[head.lower_][0]
    speaker = replace(
        mention.speaker, name=ante.speaker.name, kind=ante.speaker.kind, role=ante.speaker.role
    )
    return Antecedent(
        speaker, mention.start, ante.head, gender if gender != "-" else ante.gender, ante.plural
    )


def relative_head(subject: Token) -> Token:
    """The noun a relative pronoun stands for ("Trump, who admitted ..." -> Trump)."""
    verb = subject.head
    if subject.lower_ in _RELATIVE and verb.dep_ == "relcl":
        return verb.head
    return subject


def speaker_mention(
    doc: Doc, head: Token, history: Sequence[Antecedent], res: SpeakerResources
) -> tuple[Antecedent, Speaker]:
    """The resolved mention headed by ``head`` (for later pronouns) and the claim's speaker,
    whose text stays the relative pronoun when one introduces the claim ("..., who said")."""
    noun = relative_head(head)
    start, end = mention_bounds(noun)
    mention = resolve_speaker(describe(doc, start, end, noun, res), noun, history, res)
    if noun == head:
        return mention, mention.speaker
    span = Span(head.idx, head.idx + len(head), head.text)
    return mention, replace(mention.speaker, text=head.text, span=span)
