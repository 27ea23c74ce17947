"""Claims: who said what, through whom, and which events each attribution reports.

Attributions are read from the dependency parse around cue words (``data/claims/cues.tsv``):
the cue's subject is the speaker, and its content is an adjacent direct quotation, else its
clausal complement, else (for verbs of judgment and description) its object. "According to X"
attributes the rest of its clause to X. Sentences outside every attribution that assert
something in the article's own voice become ``unattributed`` claims of the outlet.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from spacy.matcher import Matcher
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan
from spacy.vocab import Vocab

from spotrep.extractors._syntax import NOUN_POS, TIME_ENTS, VERB_POS
from spotrep.extractors.claims.quotes import quote_spans
from spotrep.extractors.claims.speakers import (
    Antecedent,
    SpeakerResources,
    load_speakers,
    mention_bounds,
    person_antecedents,
    read_lines,
    read_table,
    speaker_mention,
)
from spotrep.records import Claim, ClaimForm, Event, Mention, Span, Speaker

_QUOTE_ONLY = "quote"

_SPEECH = "speech"

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

_REPORTED_DEPS = frozenset({"ccomp", "xcomp", "dobj", "oprd", "attr", "prep", "parataxis"})

_FINITE = frozenset({"VBD", "VBZ", "VBP"})

_QUOTE_GAP = " ,\t"

_QUOTE_LEAD = " ,:\t\n—–-"

_UNVOICED = Speaker(None, None, "unknown")

_OUTLET = Speaker(None, None, "outlet")

_MIN_ASSERTION_TOKENS = 5

_MIN_ASIDE_WORDS = 2

_LOOK = 40

_ASIDE_EDGE = " \t\n,.;—–-"

_HEADLINE = re.compile(r"^[ \t]*([A-Z][^\n:]{0,60}?):[ \t]+(\S[^\n]*?)[ \t.]*$", re.MULTILINE)
"""A line "Speaker: what they said", the headline form of an attribution."""

_MAX_HEADLINE_SPEAKER_WORDS = 6

_MIN_HEADLINE_WORDS = 3

_SPEAKER_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})


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


@dataclass(frozen=True, slots=True)
class _Found:
    """One attribution before ids are given: its parts, and the cue verb whose dependents it
    reports (None when events must lie in the content to be linked)."""

    cue_token: Token | None
    speaker_head: Token | None
    content: Span
    form: ClaimForm
    cue: Span | None
    channel: Mention | None


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
    return frozenset(lemma for lemma, frame in res.cues.items() if frame == _SPEECH)


def _span(doc: Doc, start: int, end: int) -> Span:
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


def _channel(doc: Doc, cue: Token, res: ClaimResources) -> Mention | None:
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
    span = _span(doc, start, end)
    return Mention(span.text, span)


def _frame(cue: Token, speaker: Token | None, channel: Mention | None) -> tuple[int, int]:
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


def _left_of(text: str, end: int, chars: str) -> int:
    """Where ``text[:end]`` ends once ``chars`` are stripped from its right (a bounded look)."""
    start = max(0, end - _LOOK)
    return start + len(text[start:end].rstrip(chars))


def _right_of(text: str, start: int, chars: str) -> int:
    """Where ``text[start:]`` begins once ``chars`` are stripped from its left (a bounded look)."""
    window = text[start : start + _LOOK]
    return min(start + len(window) - len(window.lstrip(chars)), len(text) - 1)


def _adjacent_quotes(
    text: str, frame: tuple[int, int], quotes: Sequence[tuple[int, int]]
) -> tuple[int, int] | None:
    """A quotation just before the frame (``"...," he said``), just after it (``he said: "..."``)
    or both (split by the cue): its characters, else None."""
    before = _left_of(text, frame[0], _QUOTE_GAP)
    after = _right_of(text, frame[1], _QUOTE_LEAD)
    left = next((q for q in quotes if q[1] == before), None)
    right = next((q for q in quotes if q[0] == after), None)
    if left is None and right is None:
        return None
    return (left or right or (0, 0))[0], (right or left or (0, 0))[1]


def _following_quote(
    text: str, cue: Token, quotes: Sequence[tuple[int, int]]
) -> tuple[int, int] | None:
    """A quotation right after the cue's adverbials: 'said last week in Tel Aviv, "..."'."""
    ends = [c.right_edge for c in cue.rights if c.dep_ in _FRAME_RIGHT_DEPS]
    if not ends:
        return None
    last = max(ends, key=lambda t: t.i)
    after = _right_of(text, last.idx + len(last), _QUOTE_LEAD)
    return next((q for q in quotes if q[0] == after), None)


def _complement(cue: Token, res: ClaimResources) -> tuple[int, int] | None:
    """Token range of the cue's clausal complement (with the raised subject of "X was said to
    ..."), else of its object (with "as ..." or "over ..." after it), else of the topic of
    "report on ..."."""
    for child in cue.children:
        if child.dep_ in _COMPLEMENTS and not (child.dep_ == "xcomp" and _is_cue(child, res)):
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


def _is_cue(token: Token, res: ClaimResources) -> bool:
    return token.pos_ == "VERB" and token.lemma_.lower() in res.cues


def _with_quotes(text: str, content: Span, quotes: Sequence[tuple[int, int]]) -> Span:
    """``content`` widened to whole quotations where it cuts one (a closing mark left out)."""
    start, end = content.start, content.end
    for q_start, q_end in quotes:
        if q_start < end < q_end and q_start >= start:
            end = q_end
        if q_start < start < q_end and q_end <= end:
            start = q_start
    return Span.of(text, start, end)


def _form_of(content: Span, quotes: Sequence[tuple[int, int]]) -> ClaimForm:
    inner = [q for q in quotes if content.start <= q[0] and q[1] <= content.end]
    if not inner:
        return "indirect"
    quoted = sum(q[1] - q[0] for q in inner)
    return "direct" if quoted >= 0.9 * (content.end - content.start) else "mixed"


def _cue_span(doc: Doc, cue: Token) -> Span:
    end = cue.i + 1
    while end < len(doc) and doc[end].dep_ == "prt" and doc[end].head == cue:
        end += 1
    return _span(doc, cue.i, end)


def _verb_claim(
    doc: Doc, text: str, cue: Token, quotes: Sequence[tuple[int, int]], res: ClaimResources
) -> _Found | None:
    """The attribution a cue verb makes, if it has content."""
    if cue.dep_ in ("amod", "compound") or cue.tag_ == "JJ" or _modifier(cue, res):
        return None
    speaker = subject_of(cue, res.channels)
    channel = _channel(doc, cue, res)
    quoted = _adjacent_quotes(text, _frame(cue, speaker, channel), quotes) or _following_quote(
        text, cue, quotes
    )
    if quoted is not None:
        content = Span.of(text, *quoted)
        return _Found(cue, speaker, content, "direct", _cue_span(doc, cue), channel)
    if res.cues.get(cue.lemma_.lower()) == _QUOTE_ONLY:
        return None
    tokens = _complement(cue, res)
    if tokens is None:
        aside = _aside(text, cue, _frame(cue, speaker, channel))
        if aside is None:
            return None
        return _Found(cue, speaker, aside, _form_of(aside, quotes), _cue_span(doc, cue), channel)
    content = _with_quotes(text, _span(doc, *tokens), quotes)
    if content.end <= content.start:
        return None
    form = _form_of(content, quotes)
    return _Found(cue, speaker, content, form, _cue_span(doc, cue), channel)


def _modifier(cue: Token, res: ClaimResources) -> bool:
    """A participle of stance describing a noun ("groups supporting him", "voters knowing"):
    a description of the noun, not a claim; speech participles ("emails saying") still are."""
    return cue.dep_ == "acl" and res.cues.get(cue.lemma_.lower()) != _SPEECH


def _aside(text: str, cue: Token, frame: tuple[int, int]) -> Span | None:
    """ "X, he said, Y." or "X, he said.": a frame set off by commas and left without a
    complement by the parser attributes the rest of its sentence."""
    sent = cue.sent
    before = _strip(text, sent.start_char, frame[0])
    after = _strip(text, frame[1], sent.end_char)
    comma_before = text[_left_of(text, frame[0], " \t") - 1 : frame[0]].startswith(",")
    if not (comma_before or text[_right_of(text, frame[1], " \t")] == ","):
        return None
    parts = [p for p in (before, after) if len(text[p[0] : p[1]].split()) >= _MIN_ASIDE_WORDS]
    if not parts:
        return None
    return Span.of(text, parts[0][0], parts[-1][1])


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """``start:end`` without spaces, commas and final stops at either edge."""
    piece = text[start:end]
    lead = len(piece) - len(piece.lstrip(_ASIDE_EDGE))
    return start + lead, start + len(piece.rstrip(_ASIDE_EDGE))


def _according_claim(doc: Doc, start: int) -> _Found | None:
    """ "..., according to X": X is the speaker of the rest of the sentence."""
    according, to = doc[start], doc[start + 1]
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    if source is None:
        return None
    return _source_phrase_claim(doc, according, to, source)


def _source_phrase_claim(doc: Doc, first: Token, last: Token, source: Token) -> _Found | None:
    """The rest of the sentence, attributed to ``source`` by the phrase ``first..last`` ("according
    to X", "in the latest poll")."""
    sent = first.sent
    words = [t.i for t in sent if not (t.is_punct or t.is_space)]
    left, right = first.left_edge.i, max(first.right_edge.i, last.right_edge.i)
    if left <= words[0]:
        content = _span(doc, right + 1, sent.end)
    elif right >= words[-1]:
        content = _span(doc, sent.start, left)
    else:
        content = _span(doc, sent.start, sent.end)
    if content.end <= content.start:
        return None
    cue = _span(doc, first.i, last.i + 1)
    # the cue governs only its source here, so links come from the content alone
    return _Found(None, source, content, "according_to", cue, None)


def _in_source_claim(doc: Doc, prep: Token, res: ClaimResources) -> _Found | None:
    """ "In the latest poll, Trump leads": a poll, study or someone's view as the source of a
    clause whose verb is not itself a cue (then the verb's claim already covers it)."""
    source = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if source is None or source.lower_ not in res.sources or _is_cue(prep.head, res):
        return None
    if prep.dep_ != "prep" or prep.head.pos_ not in VERB_POS:
        return None
    return _source_phrase_claim(doc, prep, prep, source)


def _headline_claims(doc: Doc, text: str, labels: frozenset[str]) -> list[_Found]:
    """ "Trump: Cruz Has 'To Come a Long Way'": the words before the colon name the speaker
    (an interviewer's "Q: ...?" asks, it does not claim)."""
    out = []
    for m in _HEADLINE.finditer(text):
        speaker = doc.char_span(m.start(1), m.end(1), alignment_mode="contract")
        words = sum(w.isalpha() for w in m.group(2).split())
        asks = m.group(2).endswith("?")
        if asks or speaker is None or words < _MIN_HEADLINE_WORDS:
            continue
        if not _names_speaker(speaker, labels):
            continue
        content = Span.of(text, m.start(2), m.end(2))
        colon = Span.of(text, m.end(1), m.end(1) + 1)
        form: ClaimForm = "direct" if content.text[:1] in '"“' else "indirect"
        out.append(_Found(None, speaker.root, content, form, colon, None))
    return out


def _names_speaker(span: SpacySpan, labels: frozenset[str]) -> bool:
    """Whether the words before a colon can name a speaker (an interview's "Q" and "A" too): a
    short noun phrase, not a label ("EXCLUSIVE", "Correction") or a phrase ("For instance")."""
    words = [t for t in span if not t.is_punct]
    if not words or len(words) > _MAX_HEADLINE_SPEAKER_WORDS:
        return False
    if words[0].pos_ in ("ADP", "ADV", "SCONJ", "CCONJ") or span.root.pos_ not in ("PROPN", "NOUN"):
        return False
    if span.text.lower() in labels:
        return False
    if len(words) == 1 and not words[0].ent_type_ and not words[0].text.istitle():
        return False
    has_name = any(t.ent_type_ in _SPEAKER_LABELS for t in words) or span.root.pos_ == "PROPN"
    return has_name and not any(t.pos_ in ("VERB", "AUX", "NUM") for t in words)


def _found(
    doc: Doc, text: str, res: ClaimResources, quotes: Sequence[tuple[int, int]]
) -> list[_Found]:
    out = _headline_claims(doc, text, res.labels)
    according_id = doc.vocab.strings["ACCORDING"]
    in_id = doc.vocab.strings["IN_SOURCE"]
    for match_id, start, _end in res.matcher(doc):
        if _inside(doc[start].idx, quotes):
            continue
        if match_id == according_id:
            found = _according_claim(doc, start)
        elif match_id == in_id:
            found = _in_source_claim(doc, doc[start], res)
        else:
            found = _verb_claim(doc, text, doc[start], quotes, res)
        if found is not None:
            out.append(found)
    return _dedupe(out)


def _inside(char: int, quotes: Sequence[tuple[int, int]]) -> bool:
    """Whether ``char`` is within a quotation: attributions nested in a quote are the quoted
    speaker's words ("I think ..."), reported as part of the quote, not claims of their own."""
    return any(start < char < end for start, end in quotes)


def _dedupe(found: Iterable[_Found]) -> list[_Found]:
    """One claim per content span (a cue and its conjoined cue may share a complement)."""
    seen: dict[tuple[int, int], _Found] = {}
    for f in found:
        seen.setdefault((f.content.start, f.content.end), f)
    return sorted(seen.values(), key=lambda f: f.content.start)


def _speakers(doc: Doc, found: Sequence[_Found], res: SpeakerResources) -> tuple[Speaker, ...]:
    """Each attribution's speaker, resolved against earlier speakers and people, in text order."""
    history: list[Antecedent] = list(person_antecedents(doc, res))
    resolved: dict[int, Speaker] = {}
    for i in sorted(range(len(found)), key=lambda i: _position(found[i])):
        head = found[i].speaker_head
        if head is None:
            resolved[i] = _UNVOICED
            continue
        mention, resolved[i] = speaker_mention(doc, head, history, res)
        history.append(mention)
    return tuple(resolved[i] for i in range(len(found)))


def _position(found: _Found) -> int:
    return found.cue.start if found.cue is not None else found.content.start


def _linked(doc: Doc, content: Span, cue: Token | None, events: Sequence[Event]) -> tuple[str, ...]:
    """Events whose trigger (or, lacking one, evidence) lies in ``content`` or under ``cue``."""
    out = []
    for ev in events:
        spans = (ev.trigger,) if ev.trigger is not None else ev.evidence
        inside = any(content.start <= s.start and s.end <= content.end for s in spans)
        if not inside and cue is not None and ev.trigger is not None:
            token = doc.char_span(ev.trigger.start, ev.trigger.end, alignment_mode="expand")
            inside = token is not None and _reported_by(cue, token.root)
        if inside:
            out.append(ev.id)
    return tuple(out)


def _reported_by(cue: Token, token: Token) -> bool:
    """Whether ``token`` lies in what ``cue`` reports: under its complement or object, not its
    speaker, its adverbial clauses or a verb conjoined to it."""
    while token.head != token:
        if token.head == cue:
            return token.dep_ in _REPORTED_DEPS
        token = token.head
    return False


def _covered(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def _asserts(sent: SpacySpan) -> bool:
    """Whether a sentence states something: a finite clause, not a question or a heading."""
    root = sent.root
    text = sent.text.rstrip()
    if len(sent) < _MIN_ASSERTION_TOKENS or text.endswith("?") or root.pos_ not in VERB_POS:
        return False
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in root.children)


def _unattributed(
    doc: Doc, text: str, taken: Sequence[tuple[int, int]], quotes: Sequence[tuple[int, int]]
) -> list[Span]:
    """Runs of asserting sentences within one paragraph that no attribution or quote touches."""
    blocked = [*taken, *quotes]
    runs: list[Span] = []
    for sent in doc.sents:
        span = _span(doc, sent.start, sent.end)
        if span.end <= span.start or _covered(span.start, span.end, blocked):
            continue
        if not _asserts(sent):
            continue
        last = runs[-1] if runs else None
        if last is not None and _adjoins(text, last, span):
            runs[-1] = Span.of(text, last.start, span.end)
        else:
            runs.append(span)
    return runs


def _adjoins(text: str, left: Span, right: Span) -> bool:
    """Whether only spaces and closing punctuation, no line break, separate two sentences."""
    return not text[left.end : right.start].strip(' \t.!;:"”’)')


def find_claims(doc: Doc, events: Sequence[Event], res: ClaimResources) -> tuple[Claim, ...]:
    """Every attribution in ``doc``, then the article's own unattributed assertions."""
    text = doc.text
    quotes = quote_spans(text)
    found = _found(doc, text, res, quotes)
    speakers = _speakers(doc, found, res.speakers)
    drafts: list[tuple[Span, Claim]] = []
    taken: list[tuple[int, int]] = []
    for f, speaker in zip(found, speakers, strict=True):
        links = _linked(doc, f.content, f.cue_token, events)
        claim = Claim("", speaker, f.content, f.form, f.cue, f.channel, links)
        drafts.append((f.content, claim))
        for s in (f.content, f.cue, speaker.span):
            if s is not None:
                taken.append((s.start, s.end))
    for span in _unattributed(doc, text, taken, quotes):
        links = _linked(doc, span, None, events)
        drafts.append((span, Claim("", _OUTLET, span, "unattributed", None, None, links)))
    drafts.sort(key=lambda d: (d[0].start, d[0].end))
    return tuple(_with_id(c, i) for i, (_, c) in enumerate(drafts, start=1))


def _with_id(claim: Claim, n: int) -> Claim:
    return Claim(
        f"c{n}", claim.speaker, claim.content, claim.form, claim.cue, claim.channel, claim.events
    )
