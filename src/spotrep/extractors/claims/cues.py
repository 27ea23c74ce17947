"""The parts of an attribution around its cue verb: the cue lexicon (``ClaimResources``), the
speaker (``subject_of``), the channel, the frame of words that belong to the cue, the reported
complement and the quotes next to it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from spacy.matcher import Matcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from spotrep.extractors._syntax import NOUN_POS, TIME_ENTS
from spotrep.extractors.claims.speakers import (
    SpeakerResources,
    load_speakers,
    mention_bounds,
    read_lines,
    read_table,
)
from spotrep.records import ClaimForm, Mention, Span

QUOTE_ONLY = "quote"

SPEECH = "speech"

_AUDIENCE_VERBS = frozenset({"tell", "inform", "brief", "assure", "ask", "urge", "warn"})

_SUBJECT_INHERITING = frozenset({"conj", "advcl", "xcomp", "acomp"})

_COMPLEMENTS = frozenset({"ccomp", "xcomp"})

_OBJECTS = frozenset({"dobj", "attr", "oprd"})

_TOPIC_PREPS = frozenset({"about", "on", "of", "over", "for", "as"})

_CHANNEL_PREPS = frozenset({"in", "on", "via", "through", "during", "to"})

_FRAME_DEPS = frozenset({"aux", "auxpass", "neg", "advmod", "prt", "npadvmod"})

_FRAME_RIGHT_DEPS = frozenset({"prep", "npadvmod", "advmod", "dative", "agent"})
"""Dependents after a cue that belong to its frame: 'said last week in Tel Aviv, "..."'."""

_NOMINAL = frozenset({"NOUN", "PROPN", "PRON"})

_FINITE = frozenset({"VBD", "VBZ", "VBP"})

_QUOTE_GAP = " ,\t"

_QUOTE_LEAD = " ,:\t\n—–-"

_LOOK = 40


@dataclass(frozen=True, slots=True)
class ClaimResources:
    """Cue lexicon, channel nouns and speaker lexicons, read once per process."""

    cues: Mapping[str, str]
    channels: frozenset[str]
    audiences: frozenset[str]
    sources: frozenset[str]
    labels: frozenset[str]
    speakers: SpeakerResources
    matcher: Matcher


def load() -> ClaimResources:
    cues = MappingProxyType({r["lemma"]: r["frame"] for r in read_table("cues.tsv")})
    matcher = Matcher(Vocab())
    matcher.add("CUE", [[{"LEMMA": {"IN": list(cues)}, "POS": "VERB"}]])
    matcher.add("ACCORDING", [[{"LOWER": "according"}, {"LOWER": "to"}]])
    matcher.add("IN_SOURCE", [[{"LOWER": "in"}]])
    return ClaimResources(
        cues=cues,
        channels=frozenset(read_lines("channels.txt")),
        audiences=frozenset(read_lines("audiences.txt")),
        sources=frozenset(read_lines("source_nouns.txt")),
        labels=frozenset(read_lines("headline_labels.txt")),
        speakers=load_speakers(),
        matcher=matcher,
    )


def speech_verbs(res: ClaimResources) -> frozenset[str]:
    """The cue verbs that report speech (their subject is a source)."""
    return frozenset(lemma for lemma, frame in res.cues.items() if frame == SPEECH)


def trimmed_span(doc: Doc, start: int, end: int) -> Span:
    """Characters of tokens ``[start, end)``, trimmed of punctuation and spaces at both edges."""
    while start < end and _trimmed(doc[start]):
        start += 1
    while end > start and _trimmed(doc[end - 1]):
        end -= 1
    if start >= end:
        last = doc[min(start, len(doc) - 1)]
        char = last.idx if start < len(doc) else last.idx + len(last)
        return Span(char, char, "")
    last = doc[end - 1]
    return Span(doc[start].idx, last.idx + len(last), doc[start:end].text)


def _trimmed(token: Token) -> bool:
    """Punctuation or space at a span's edge, except a double quotation mark."""
    return (token.is_punct or token.is_space) and not _is_quote(token)


def _is_quote(token: Token) -> bool:
    single = token.text.startswith("'") and token.text != "''"
    return token.is_quote and not single and token.text not in ("‘", "’")


def subject_of(cue: Token, channels: frozenset[str] = frozenset()) -> Token | None:
    """The cue's speaker: its subject, the agent of a passive, the noun it modifies ("emails
    showing ..."; but for a medium, "put out a statement saying ...", whoever put it out), or the
    subject of the verb it depends on ("began by saying", "is expected to endorse"); failing
    those, a noun right before a finite cue the parser left unattached."""
    node = cue
    for _ in range(4):
        subject = _own_subject(node, passive_ok=node != cue)
        if subject is not None or (_passive(node) and node == cue):
            return subject
        if node.dep_ == "acl" and node.head.lemma_.lower() in channels:
            node = node.head.head
        elif node.dep_ == "acl" and node.tag_ in ("VBG", "VBN") and node.head.pos_ in _NOMINAL:
            return node.head
        elif node.dep_ == "pcomp" and node.head.head != node.head:
            node = node.head.head
        elif node.dep_ in _SUBJECT_INHERITING and node.head != node:
            node = node.head
        else:
            break
    return _preceding_noun(cue)


def _own_subject(verb: Token, passive_ok: bool) -> Token | None:
    for child in verb.children:
        if child.dep_ == "nsubj" or (passive_ok and child.dep_ == "nsubjpass"):
            return child
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "csubjpass", "auxpass") for c in verb.children)


def _preceding_noun(cue: Token) -> Token | None:
    if cue.tag_ not in _FINITE or cue.i == 0:
        return None
    prev = cue.doc[cue.i - 1]
    if prev.is_space and prev.i > 0:
        prev = cue.doc[prev.i - 1]
    return prev if prev.pos_ in NOUN_POS else None


def channel_of(doc: Doc, cue: Token, res: ClaimResources) -> Mention | None:
    """ "told CNN", "in a statement", "on state television": the medium of the claim."""
    for child in cue.children:
        low = child.text.lower()
        if child.dep_ in ("dobj", "dative") and cue.lemma_ in _AUDIENCE_VERBS:
            media = low in res.speakers.media or child.ent_type_ in ("ORG", "PRODUCT")
            if media or child.lemma_.lower() in res.audiences or low in res.audiences:
                return _mention(doc, cue.i, child.right_edge.i + 1)
        if child.dep_ == "prep" and child.lower_ in _CHANNEL_PREPS:
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and (
                obj.lemma_.lower() in res.channels or obj.text.lower() in res.speakers.media
            ):
                return _mention(doc, child.i, child.right_edge.i + 1)
    return None


def _mention(doc: Doc, start: int, end: int) -> Mention:
    span = trimmed_span(doc, start, end)
    return Mention(span.text, span)


def frame_of(cue: Token, speaker: Token | None, channel: Mention | None) -> tuple[int, int]:
    """Characters of the attribution frame: the speaker, cue and channel (``, he told CNN``)."""
    tokens = [cue, *(c for c in cue.children if c.dep_ in _FRAME_DEPS)]
    if speaker is not None and speaker.head == cue:
        start, end = mention_bounds(speaker)
        tokens += [cue.doc[start], cue.doc[end - 1]]
    start = min(t.idx for t in tokens)
    end = max(t.idx + len(t) for t in tokens)
    if channel is not None and channel.span is not None:
        start, end = min(start, channel.span.start), max(end, channel.span.end)
    return start, end


def left_of(text: str, end: int, chars: str) -> int:
    """Where ``text[:end]`` ends once ``chars`` are stripped from its right (a bounded look)."""
    start = max(0, end - _LOOK)
    return start + len(text[start:end].rstrip(chars))


def right_of(text: str, start: int, chars: str) -> int:
    """Where ``text[start:]`` begins once ``chars`` are stripped from its left (a bounded look)."""
    window = text[start : start + _LOOK]
    return min(start + len(window) - len(window.lstrip(chars)), len(text) - 1)


def adjacent_quotes(
    text: str, frame: tuple[int, int], quotes: Sequence[tuple[int, int]]
) -> tuple[int, int] | None:
    """A quotation just before the frame (``"...," he said``), just after it (``he said: "..."``)
    or both (split by the cue): its characters, else None."""
    before = left_of(text, frame[0], _QUOTE_GAP)
    after = right_of(text, frame[1], _QUOTE_LEAD)
    left = next((q for q in quotes if q[1] == before), None)
    right = next((q for q in quotes if q[0] == after), None)
    if left is None and right is None:
        return None
    return (left or right or (0, 0))[0], (right or left or (0, 0))[1]


def following_quote(
    text: str, cue: Token, quotes: Sequence[tuple[int, int]]
) -> tuple[int, int] | None:
    """A quotation right after the cue's adverbials: 'said last week in Tel Aviv, "..."'."""
    ends = [c.right_edge for c in cue.rights if c.dep_ in _FRAME_RIGHT_DEPS]
    if not ends:
        return None
    last = max(ends, key=lambda t: t.i)
    after = right_of(text, last.idx + len(last), _QUOTE_LEAD)
    return next((q for q in quotes if q[0] == after), None)


def complement_of(cue: Token, res: ClaimResources) -> tuple[int, int] | None:
    """Token range of the cue's clausal complement (with the raised subject of "X was said to
    ..."), else of its object (with "as ..." or "over ..." after it), else of the topic of
    "report on ..."."""
    for child in cue.children:
        if child.dep_ in _COMPLEMENTS and not (child.dep_ == "xcomp" and is_cue(child, res)):
            start, end = _clause_after_marks(child)
            raised = [c.left_edge.i for c in cue.lefts if c.dep_ == "nsubjpass"]
            return (min([start, *raised]) if child.dep_ == "xcomp" else start), end
        if child.dep_ == "parataxis" and child.i < cue.i:
            return _clause_after_marks(child)
    if cue.lemma_ in _AUDIENCE_VERBS:
        return None
    objects = [c for c in cue.rights if c.dep_ in _OBJECTS]
    if objects:
        end = objects[-1].right_edge.i
        for prep in (c for c in cue.rights if c.i > objects[0].i and c.dep_ == "prep"):
            if prep.lower_ in _TOPIC_PREPS:
                end = max(end, prep.right_edge.i)
        return objects[0].left_edge.i, end + 1
    for prep in (c for c in cue.rights if c.dep_ == "prep" and c.lower_ in _TOPIC_PREPS):
        obj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
        if obj is not None and obj.ent_type_ not in TIME_ENTS:
            return obj.left_edge.i, obj.right_edge.i + 1
    return None


def _clause_after_marks(head: Token) -> tuple[int, int]:
    start = head.left_edge.i
    doc = head.doc
    while start < head.i and doc[start].dep_ == "mark":
        start += 1
    return start, head.right_edge.i + 1


def is_cue(token: Token, res: ClaimResources) -> bool:
    return token.pos_ == "VERB" and token.lemma_.lower() in res.cues


def with_quotes(text: str, content: Span, quotes: Sequence[tuple[int, int]]) -> Span:
    """``content`` widened to whole quotations where it cuts one (a closing mark left out)."""
    start, end = content.start, content.end
    for q_start, q_end in quotes:
        if q_start < end < q_end and q_start >= start:
            end = q_end
        if q_start < start < q_end and q_end <= end:
            start = q_start
    return Span.of(text, start, end)


def form_of(content: Span, quotes: Sequence[tuple[int, int]]) -> ClaimForm:
    inner = [q for q in quotes if content.start <= q[0] and q[1] <= content.end]
    if not inner:
        return "indirect"
    quoted = sum(q[1] - q[0] for q in inner)
    return "direct" if quoted >= 0.9 * (content.end - content.start) else "mixed"


def cue_span(doc: Doc, cue: Token) -> Span:
    end = cue.i + 1
    while end < len(doc) and doc[end].dep_ == "prt" and doc[end].head == cue:
        end += 1
    return trimmed_span(doc, cue.i, end)
