"""Articles -> Doc -> extractors -> Results: the one place the stages are wired.

``Pipeline.run`` is a pure function of its input batch given the loaded model and data, so the
same code runs in one process, in worker processes (``--jobs``) or on a cluster; each process
builds its ``Pipeline`` once (``load_pipeline``).
"""

from __future__ import annotations

import dataclasses
import functools
import re
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from spotrep import data
from spotrep.bounds import (
    DEFAULT_TIME_BUDGET,
    BudgetExceeded,
    Clock,
    Deadline,
    bounded_doc,
    time_budget,
)
from spotrep.extractors import claims, events, places, times
from spotrep.geo.outlets import outlet_country
from spotrep.nlp import load_model
from spotrep.records import Article, Claim, Event, Failure, Place, Result

MAX_CHARS = 100_000
"""Longer texts are cut here (with a warning): no news report is longer, and parsing is linear."""

MAX_TOKENS = 20_000
"""Tokens read at most; 100,000 characters of news are about 19,300 (the benchmark's news),
so only text denser in tokens than news is cut (a list of numbers, spaced punctuation)."""
GROUP_CHARS = 200_000
"""Characters parsed in one ``nlp.pipe`` call at most, so that one group's budget stays fair."""
EMPTY_TEXT = "empty text"
"""The failure reason of an article with no text (``api`` raises ``EmptyTextError`` for it)."""

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


_ENGLISH_FUNCTION_WORDS = frozenset(data.lines("english_function_words.txt"))


@dataclass(frozen=True, slots=True)
class Resources:
    """The data every extractor reads, loaded once per process."""

    times: times.TimeResources
    places: places.PlaceResources
    events: events.EventResources
    claims: claims.ClaimResources

    @classmethod
    def load(cls) -> Resources:
        place_res, claim_res = places.load(), claims.load()
        event_res = events.load(place_res.cues, claims.speech_verbs(claim_res))
        return cls(times.load(), place_res, event_res, claim_res)


@dataclass(frozen=True, slots=True)
class Prepared:
    """An article checked and ready to parse: the text to parse and the warnings so far."""

    article: Article
    text: str
    warnings: tuple[str, ...]


def looks_english(text: str) -> bool:
    """Whether enough of the words are common English function words (a cheap language guess)."""
    words = [w.lower() for w in _WORD.findall(text[:5000])]
    if len(words) < 8:
        return True
    share = sum(w in _ENGLISH_FUNCTION_WORDS for w in words) / len(words)
    return share >= 0.2


def prepare(article: Article, max_chars: int = MAX_CHARS) -> Prepared | Failure:
    """Check an article before parsing; the reasons here are what a user sees."""
    if not article.text.strip():
        return Failure(article.id, EMPTY_TEXT)
    warnings = list(article.notes)
    text = article.text
    if len(text) > max_chars:
        warnings.append(
            f"text truncated: only the first {max_chars} of {len(text)} characters were read"
        )
        text = text[:max_chars]
    if article.published is None:
        warnings.append("no publication date given: relative dates are left unresolved")
    if not looks_english(text):
        warnings.append("text does not look like English: extraction may find little or nothing")
        article = dataclasses.replace(article, language=None)
    return Prepared(article, text, tuple(warnings))


def article_countries(ps: Sequence[Place], outlet: str | None) -> tuple[str, ...]:
    """The countries an article is about, most likely first: those its places lie in, most
    often named first, then its outlet's. Their calendars date named days ("Independence
    Day" in a report from Ukraine)."""
    counts = Counter(p.country for p in ps if p.country)
    named = sorted(counts, key=lambda cc: (-counts[cc], cc))
    return tuple(dict.fromkeys([*named, *([outlet] if outlet else [])]))


def link_claims(evs: Sequence[Event], cls: Sequence[Claim]) -> tuple[Event, ...]:
    """Each event lists the claims that report it (the claims name their events)."""
    by_event: defaultdict[str, list[str]] = defaultdict(list)
    for c in cls:
        for eid in c.events:
            by_event[eid].append(c.id)
    return tuple(dataclasses.replace(e, claims=tuple(by_event.get(e.id, ()))) for e in evs)


NO_DEADLINE = Deadline.after(None)


def result_of(
    prepared: Prepared, doc: Doc, res: Resources, deadline: Deadline = NO_DEADLINE
) -> Result:
    """Every extractor run over one parsed article (``doc`` is ``prepared.text`` parsed),
    ``deadline`` checked before each (each stage's work is linear in the text)."""
    article = prepared.article
    published = article.published_date
    outlet = outlet_country(article.url)
    deadline.check()
    ps = places.find_places(doc, res.places, outlet)
    deadline.check()
    ts = times.find_times(doc, published, res.times, article_countries(ps, outlet))
    deadline.check()
    evs = events.find_events(doc, ts, ps, published, res.events)
    deadline.check()
    cls = claims.find_claims(doc, evs, res.claims)
    return Result(
        article=article,
        events=link_claims(evs, cls),
        claims=cls,
        places=ps,
        times=ts,
        warnings=prepared.warnings,
    )


@dataclass(frozen=True, slots=True)
class Pipeline:
    """The loaded model and data, and the function from articles to results."""

    nlp: Language
    resources: Resources
    max_chars: int = MAX_CHARS
    time_budget: float | None = DEFAULT_TIME_BUDGET
    """Seconds per article (None: unbounded); see ``spotrep.bounds``."""
    clock: Clock = time.monotonic
    """What the deadlines are measured with (tests give a clock they move themselves)."""

    def result(self, prepared: Prepared, doc: Doc, deadline: Deadline = NO_DEADLINE) -> Result:
        """Run every extractor over one parsed article, checking ``deadline`` between them."""
        return result_of(prepared, doc, self.resources, deadline)

    def run(
        self, articles: Iterable[Article], batch_size: int = 16
    ) -> Iterator[Result | Failure]:
        """Results (or failures) for ``articles``, in order, parsed in batches with ``nlp.pipe``.

        Every article gets ``time_budget`` seconds, in any thread; one that needs more, or that
        breaks an extractor, becomes a ``Failure`` and the run goes on.
        """
        group: list[Prepared] = []
        for article in articles:
            item = _checked(article, self.max_chars)
            if isinstance(item, Prepared):
                group.append(item)
                if len(group) < batch_size and sum(len(p.text) for p in group) < GROUP_CHARS:
                    continue
            yield from self._run_group(group, batch_size)
            group = []
            if isinstance(item, Failure):
                yield item
        yield from self._run_group(group, batch_size)

    def _run_group(self, group: Sequence[Prepared], batch_size: int) -> Iterator[Result | Failure]:
        """Parse ``group`` in one ``nlp.pipe`` call within the budget of all its articles; if
        that overruns or breaks, parse each article alone so that only the culprit fails."""
        if not group:
            return
        budget = self.time_budget
        seconds = budget * len(group) if budget else None
        started = self.clock()
        deadline = Deadline.after(seconds, self.clock)
        parsed: list[Doc] = []
        docs: list[Doc] | None = parsed
        try:
            with time_budget(seconds):
                tokenized = []
                for item in group:
                    tokenized.append(self._tokenized(item))
                    deadline.check()
                group = [p for p, _ in tokenized]
                for doc in self.nlp.pipe((d for _, d in tokenized), batch_size=batch_size):
                    parsed.append(doc)
                    deadline.check()
        except Exception:  # includes BudgetExceeded: redone one by one below
            docs = None
        spent = (self.clock() - started) / len(group) if docs is not None else 0.0
        for i, item in enumerate(group):
            yield self._one(item, docs[i] if docs is not None else None, spent)

    def _tokenized(self, item: Prepared) -> tuple[Prepared, Doc]:
        """The article tokenized (``bounded_doc``), cut after ``MAX_TOKENS`` tokens with a
        warning: parsing costs per token, and a page of one-character tokens has five times
        as many as news of its length."""
        doc = bounded_doc(self.nlp, item.text)
        if len(doc) <= MAX_TOKENS:
            return item, doc
        cut = doc[MAX_TOKENS].idx
        note = (f"text truncated: only the first {cut} characters ({MAX_TOKENS} tokens) were "
                "read")
        item = dataclasses.replace(item, text=item.text[:cut], warnings=(*item.warnings, note))
        return item, bounded_doc(self.nlp, item.text)

    def _one(self, item: Prepared, doc: Doc | None, spent: float) -> Result | Failure:
        """One article's remaining work (all of it when ``doc`` is None) within its budget,
        less the ``spent`` seconds of its share of a group's parse."""
        budget = self.time_budget
        seconds = max(budget - spent, 0.1) if budget else None
        deadline = Deadline.after(seconds, self.clock)
        try:
            with time_budget(seconds):
                if doc is None:
                    item, tokens = self._tokenized(item)
                    doc = self._parsed(tokens, deadline)
                return self.result(item, doc, deadline)
        except BudgetExceeded:
            return Failure(item.article.id, f"took longer than {budget:g} s (the per-article "
                           "time budget); not extracted")
        except RecursionError:
            return Failure(item.article.id, "internal error: RecursionError (text too deeply "
                           "structured to read)")
        except Exception as exc:  # one bad article must not stop a run of thousands
            return Failure(item.article.id, f"internal error: {type(exc).__name__}: {exc}")

    def _parsed(self, doc: Doc, deadline: Deadline) -> Doc:
        """``doc`` through each component of the model in turn (what ``nlp(doc)`` does),
        ``deadline`` checked before each."""
        for _name, component in self.nlp.pipeline:
            deadline.check()
            doc = component(doc)
        return doc


def _checked(article: Article, max_chars: int) -> Prepared | Failure:
    try:
        return prepare(article, max_chars)
    except Exception as exc:  # a hand-built Article the readers would not have made
        return Failure(getattr(article, "id", "?"),
                       f"unreadable article: {type(exc).__name__}: {exc}")


@functools.cache
def load_resources() -> Resources:
    """This process's extractor resources, loaded on first use and shared by ``load_pipeline``
    and the spaCy component (``spotrep.component``)."""
    return Resources.load()


@functools.cache
def load_pipeline() -> Pipeline:
    """This process's pipeline: the model and data are loaded on first use, then reused."""
    return Pipeline(nlp=load_model(), resources=load_resources())
