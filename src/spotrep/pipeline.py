"""Articles -> Doc -> extractors -> Results: the one place the stages are wired.

``Pipeline.run`` is a pure function of its input batch given the loaded model and data, so the
same code runs in one process, in worker processes (``--jobs``) or on a cluster; each process
builds its ``Pipeline`` once (``load_pipeline``).
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from spotrep import data
from spotrep.extractors import claims, events, places, times
from spotrep.geo.outlets import outlet_country
from spotrep.nlp import load_model
from spotrep.records import Article, Claim, Event, Failure, Place, Result

MAX_CHARS = 100_000
"""Longer texts are cut here (with a warning): no news report is longer, and parsing is linear."""

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
        return Failure(article.id, "empty text")
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


@dataclass(frozen=True, slots=True)
class Pipeline:
    """The loaded model and data, and the function from articles to results."""

    nlp: Language
    resources: Resources
    max_chars: int = MAX_CHARS

    def result(self, prepared: Prepared, doc: Doc) -> Result:
        """Run every extractor over one parsed article."""
        article = prepared.article
        published = article.published_date
        res = self.resources
        outlet = outlet_country(article.url)
        ps = places.find_places(doc, res.places, outlet)
        ts = times.find_times(doc, published, res.times, article_countries(ps, outlet))
        evs = events.find_events(doc, ts, ps, published, res.events)
        cls = claims.find_claims(doc, evs, res.claims)
        return Result(
            article=article,
            events=link_claims(evs, cls),
            claims=cls,
            places=ps,
            times=ts,
            warnings=prepared.warnings,
        )

    def run(self, articles: Iterable[Article], batch_size: int = 16) -> Iterator[Result | Failure]:
        """Results (or failures) for ``articles``, in order, parsed in batches with ``nlp.pipe``."""
        checked = [prepare(a, self.max_chars) for a in articles]
        ready = [p for p in checked if isinstance(p, Prepared)]
        docs = self.nlp.pipe((p.text for p in ready), batch_size=batch_size)
        for item in checked:
            if isinstance(item, Failure):
                yield item
                continue
            doc = next(docs)
            try:
                yield self.result(item, doc)
            except Exception as exc:  # one bad article must not stop a run of thousands
                yield Failure(item.article.id, f"internal error: {type(exc).__name__}: {exc}")


@functools.cache
def load_pipeline() -> Pipeline:
    """This process's pipeline: the model and data are loaded on first use, then reused."""
    return Pipeline(nlp=load_model(), resources=Resources.load())
