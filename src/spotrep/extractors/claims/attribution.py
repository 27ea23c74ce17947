"""Claims: who said what, through whom, and which events each attribution reports.

Attributions are read from the dependency parse around cue words (``data/claims/cues.tsv``):
the cue's subject is the speaker, and its content is an adjacent direct quotation, else its
clausal complement, else (for verbs of judgment and description) its object. "According to X"
attributes the rest of its clause to X. Sentences outside every attribution that assert
something in the article's own voice become ``unattributed`` claims of the outlet.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from spotrep.extractors._ranges import Ranges
from spotrep.extractors._syntax import VERB_POS
from spotrep.extractors.claims.cues import (
    QUOTE_ONLY,
    SPEECH,
    ClaimResources,
    adjacent_quotes,
    channel_of,
    complement_of,
    cue_span,
    following_quote,
    form_of,
    frame_of,
    is_cue,
    left_of,
    right_of,
    subject_of,
    trimmed_span,
    with_quotes,
)
from spotrep.extractors.claims.quotes import quote_spans
from spotrep.extractors.claims.speakers import (
    Antecedent,
    SpeakerResources,
    person_antecedents,
    speaker_mention,
)
from spotrep.extractors.places.dateline import clipped_chars, dateline_of, past
from spotrep.records import Claim, ClaimForm, Event, Mention, Span, Speaker

_REPORTED_DEPS = frozenset({"ccomp", "xcomp", "dobj", "oprd", "attr", "prep", "parataxis"})

_UNVOICED = Speaker(None, None, "unknown")

_OUTLET = Speaker(None, None, "outlet")

_MIN_ASSERTION_TOKENS = 5

_MIN_ASIDE_WORDS = 2

_ASIDE_EDGE = " \t\n,.;—–-"

_HEADLINE = re.compile(r"^[ \t]*([A-Z][^\n:]{0,60}?):[ \t]+(\S[^\n]*?)[ \t.]*$", re.MULTILINE)
"""A line "Speaker: what they said", the headline form of an attribution."""

_MAX_HEADLINE_SPEAKER_WORDS = 6

_MIN_HEADLINE_WORDS = 3

_SPEAKER_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})


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


def _verb_claim(
    doc: Doc, text: str, cue: Token, quotes: Sequence[tuple[int, int]], res: ClaimResources
) -> _Found | None:
    """The attribution a cue verb makes, if it has content."""
    if cue.dep_ in ("amod", "compound") or cue.tag_ == "JJ" or _modifier(cue, res):
        return None
    speaker = subject_of(cue, res.channels)
    channel = channel_of(doc, cue, res)
    quoted = adjacent_quotes(text, frame_of(cue, speaker, channel), quotes) or following_quote(
        text, cue, quotes
    )
    if quoted is not None:
        content = Span.of(text, *quoted)
        return _Found(cue, speaker, content, "direct", cue_span(doc, cue), channel)
    if res.cues.get(cue.lemma_.lower()) == QUOTE_ONLY:
        return None
    tokens = complement_of(cue, res)
    if tokens is None:
        aside = _aside(text, cue, frame_of(cue, speaker, channel))
        if aside is None:
            return None
        return _Found(cue, speaker, aside, form_of(aside, quotes), cue_span(doc, cue), channel)
    content = with_quotes(text, trimmed_span(doc, *tokens), quotes)
    if content.end <= content.start:
        return None
    form = form_of(content, quotes)
    return _Found(cue, speaker, content, form, cue_span(doc, cue), channel)


def _modifier(cue: Token, res: ClaimResources) -> bool:
    """A participle of stance describing a noun ("groups supporting him", "voters knowing"):
    a description of the noun, not a claim; speech participles ("emails saying") still are."""
    return cue.dep_ == "acl" and res.cues.get(cue.lemma_.lower()) != SPEECH


def _aside(text: str, cue: Token, frame: tuple[int, int]) -> Span | None:
    """ "X, he said, Y." or "X, he said.": a frame set off by commas and left without a
    complement by the parser attributes the rest of its sentence."""
    sent = cue.sent
    before = _strip(text, sent.start_char, frame[0])
    after = _strip(text, frame[1], sent.end_char)
    comma_before = text[left_of(text, frame[0], " \t") - 1 : frame[0]].startswith(",")
    if not (comma_before or text[right_of(text, frame[1], " \t")] == ","):
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
        content = trimmed_span(doc, right + 1, sent.end)
    elif right >= words[-1]:
        content = trimmed_span(doc, sent.start, left)
    else:
        content = trimmed_span(doc, sent.start, sent.end)
    if content.end <= content.start:
        return None
    cue = trimmed_span(doc, first.i, last.i + 1)
    # the cue governs only its source here, so links come from the content alone
    return _Found(None, source, content, "according_to", cue, None)


def _in_source_claim(doc: Doc, prep: Token, res: ClaimResources) -> _Found | None:
    """ "In the latest poll, Trump leads": a poll, study or someone's view as the source of a
    clause whose verb is not itself a cue (then the verb's claim already covers it)."""
    source = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if source is None or source.lower_ not in res.sources or is_cue(prep.head, res):
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
    quoted = Ranges(quotes)
    for match_id, start, _end in res.matcher(doc):
        if _inside(doc[start].idx, quoted):
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


def _inside(char: int, quotes: Ranges) -> bool:
    """Whether ``char`` is within a quotation: attributions nested in a quote are the quoted
    speaker's words ("I think ..."), reported as part of the quote, not claims of their own."""
    return quotes.overlaps(char, char)  # strictly inside: start < char < end


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
        head = _outside_dateline(found[i].speaker_head)
        if head is None:
            resolved[i] = _UNVOICED
            continue
        mention, resolved[i] = speaker_mention(doc, head, history, res)
        history.append(mention)
    return tuple(resolved[i] for i in range(len(found)))


def _outside_dateline(head: Token | None) -> Token | None:
    """The speaker's head, unless the parse made a dateline's town the subject ("BONN,
    May 6 (GWS) — The minister told reporters"): then the word after the dateline attached as
    it was (``places.dateline.past``). A bare "NAME:" may open a transcript's turn, whose
    speaker it names: only a dateline marked as one (a dash, an outlet, a date) is left out."""
    found = None if head is None else dateline_of(head)
    if head is None or found is None or not found.marked(head.doc):
        return head
    return past(head)


def _past_dateline(doc: Doc, text: str, content: Span) -> Span:
    """What a claim says, from the first word after a dateline it runs across ("HOMS (GWS)
    - Officials said ..."): the dateline says where the report was filed, not what was said."""
    start, end = clipped_chars(doc, content.start, content.end)
    return content if start == content.start else Span.of(text, start, end)


def _position(found: _Found) -> int:
    return found.cue.start if found.cue is not None else found.content.start


@dataclass(frozen=True, slots=True)
class _EventIndex:
    """Where an article's events lie, read once for all its claims (each claim looks only at
    the events near it, not at every event): the spans that place each event (its trigger,
    or lacking one its evidence) by start, and each trigger's root token by position."""

    ids: tuple[str, ...]
    spans: tuple[tuple[int, int, int], ...]
    """(start, end, event index) of every placing span, by start."""
    span_starts: tuple[int, ...]
    roots: tuple[tuple[int, int], ...]
    """(root token index, event index) of every trigger, by position."""

    @classmethod
    def of(cls, doc: Doc, events: Sequence[Event]) -> _EventIndex:
        spans: list[tuple[int, int, int]] = []
        roots: list[tuple[int, int]] = []
        for k, ev in enumerate(events):
            placing = (ev.trigger,) if ev.trigger is not None else ev.evidence
            spans.extend((s.start, s.end, k) for s in placing)
            if ev.trigger is not None:
                token = doc.char_span(ev.trigger.start, ev.trigger.end, alignment_mode="expand")
                if token is not None:
                    roots.append((token.root.i, k))
        spans.sort()
        roots.sort()
        return cls(tuple(ev.id for ev in events), tuple(spans), tuple(s[0] for s in spans),
                   tuple(roots))


def _linked(doc: Doc, content: Span, cue: Token | None, index: _EventIndex) -> tuple[str, ...]:
    """Events whose trigger (or, lacking one, evidence) lies in ``content`` or under ``cue``,
    in the events' order."""
    hits: set[int] = set()
    spans = index.spans
    i = bisect_left(index.span_starts, content.start)
    while i < len(spans) and spans[i][0] <= content.end:
        if spans[i][1] <= content.end:
            hits.add(spans[i][2])
        i += 1
    if cue is not None:
        # what the cue reports is among its descendants, all between its edges
        lo, hi = cue.left_edge.i, cue.right_edge.i
        roots = index.roots
        j = bisect_left(roots, (lo, -1))
        while j < len(roots) and roots[j][0] <= hi:
            root_i, k = roots[j]
            if k not in hits and _reported_by(cue, doc[root_i]):
                hits.add(k)
            j += 1
    return tuple(index.ids[k] for k in sorted(hits))


def _reported_by(cue: Token, token: Token) -> bool:
    """Whether ``token`` lies in what ``cue`` reports: under its complement or object, not its
    speaker, its adverbial clauses or a verb conjoined to it."""
    while token.head != token:
        if token.head == cue:
            return token.dep_ in _REPORTED_DEPS
        token = token.head
    return False


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
    blocked = Ranges([*taken, *quotes])
    runs: list[Span] = []
    for sent in doc.sents:
        span = trimmed_span(doc, sent.start, sent.end)
        if span.end <= span.start or blocked.overlaps(span.start, span.end):
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
    index = _EventIndex.of(doc, events)
    for f, speaker in zip(found, speakers, strict=True):
        content = _past_dateline(doc, text, f.content)
        links = _linked(doc, content, f.cue_token, index)
        claim = Claim("", speaker, content, f.form, f.cue, f.channel, links)
        drafts.append((content, claim))
        for s in (f.content, f.cue, speaker.span):
            if s is not None:
                taken.append((s.start, s.end))
    for whole in _unattributed(doc, text, taken, quotes):
        span = _past_dateline(doc, text, whole)
        links = _linked(doc, span, None, index)
        drafts.append((span, Claim("", _OUTLET, span, "unattributed", None, None, links)))
    drafts.sort(key=lambda d: (d[0].start, d[0].end))
    return tuple(_with_id(c, i) for i, (_, c) in enumerate(drafts, start=1))


def _with_id(claim: Claim, n: int) -> Claim:
    return Claim(
        f"c{n}", claim.speaker, claim.content, claim.form, claim.cue, claim.channel, claim.events
    )
