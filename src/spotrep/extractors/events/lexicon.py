"""The event lexicons (data/events/*.tsv) and the matchers built from them, read once.

Phrases in the data are space-separated lemmas as spaCy tokenizes them; each becomes a hash-based
phrase pattern on the lemma (in lower, capitalized and upper case, since proper-noun lemmas keep
their case) and on the lower-cased word, so inflected forms need no listing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from spacy.lang.en import English
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from spotrep import data


@dataclass(frozen=True, slots=True)
class TriggerRule:
    """A word or phrase that names an event: the family of rules that code it, its default code."""

    phrase: str
    pos: str
    family: str
    code: str
    spec: float


@dataclass(frozen=True, slots=True)
class CueRule:
    """A context word of a cue class (a weapon, a victim, an actor) and the code it implies."""

    group: str
    code: str
    priority: float
    condition: str | None = None
    """What the cue word must be to count (data/events/cue_conditions.tsv): ``transitive``,
    ``common_noun`` or ``not_verb``."""


@dataclass(frozen=True, slots=True)
class Refinement:
    """A family's use of a cue class: where to look, and the code/priority it overrides."""

    group: str
    scope: str
    code: str | None = None
    priority: float | None = None


@dataclass(frozen=True, slots=True)
class Sense:
    """A selectional restriction on a trigger word (data/events/senses.tsv): the argument heads
    (lemmas, "modifier head" compounds, @ENTITY types) in ``role`` that ``require`` or
    ``block`` its event sense."""

    role: str
    mode: str
    heads: frozenset[str]


@dataclass(frozen=True, slots=True)
class Family:
    name: str
    needs: tuple[Refinement, ...]
    refine: tuple[Refinement, ...]


@dataclass(frozen=True, slots=True)
class EventLexicon:
    """Everything the event rules read, built once per process."""

    triggers: PhraseIndex
    cues: PhraseIndex
    trigger_rules: Mapping[int, tuple[TriggerRule, ...]]
    cue_rules: Mapping[int, tuple[CueRule, ...]]
    families: Mapping[str, Family]
    status: Mapping[tuple[str, str], str]
    anaphoric: frozenset[str]
    doers: frozenset[str]
    """Nouns naming the doers of a deed told ("the attackers"; doers.tsv)."""
    distinct: frozenset[str]
    weights: Mapping[str, float]
    classes: Mapping[str, str]
    senses: Mapping[str, tuple[Sense, ...]]
    aspect: Mapping[str, str]
    """Words that make a verb a habit or a state, by kind (aspect.tsv)."""
    partitives: frozenset[str] = frozenset()
    """Nouns of quantity an argument is named through ("dozens of troops"; partitives.tsv)."""


def rows(name: str) -> tuple[dict[str, str], ...]:
    """The records of one TSV file under data/events (comment lines and header skipped)."""
    return data.records("events", name)


def lemma_variants(phrase: str) -> list[list[str]]:
    """The lemma sequences a phrase may show: lower case, sentence-initial, all capitals."""
    words = phrase.split()
    first = [words[0].capitalize(), *words[1:]]
    return [
        list(v) for v in dict.fromkeys((tuple(words), tuple(first), tuple(phrase.upper().split())))
    ]


def word_variants(phrase: str) -> list[list[str]]:
    """The lower-cased word sequences a phrase may show when the lemmatizer missed it: the
    lemma itself, and its plural ("Rockets" tagged as a proper noun keeps its surface lemma)."""
    words = phrase.split()
    return [words, [*words[:-1], words[-1] + "s"], [*words[:-1], words[-1] + "es"]]


@dataclass(frozen=True, slots=True)
class PhraseIndex:
    """Hash-based phrase matchers over lemmas and lower-cased words (one key per phrase)."""

    by_lemma: PhraseMatcher
    by_lower: PhraseMatcher

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        found = {(i, s, e) for i, s, e in self.by_lemma(doc)}
        found.update((i, s, e) for i, s, e in self.by_lower(doc))
        return sorted(found, key=lambda m: (m[1], m[2]))


def parse_refinement(item: str) -> Refinement:
    """``group@scope`` or ``group@scope=CODE:priority``."""
    target, _, override = item.partition("=")
    group, _, scope = target.partition("@")
    if not override:
        return Refinement(group, scope)
    code, _, priority = override.partition(":")
    return Refinement(group, scope, code, float(priority))


def load_families() -> Mapping[str, Family]:
    out: dict[str, Family] = {}
    for r in rows("families.tsv"):
        needs = tuple(parse_refinement(x) for x in r["needs"].split("|") if x != "-")
        refine = tuple(parse_refinement(x) for x in r["refine"].split(",") if x != "-")
        out[r["family"]] = Family(r["family"], needs, refine)
    return MappingProxyType(out)


def build_matcher(vocab: Vocab, phrases: list[str]) -> tuple[PhraseIndex, Mapping[int, str]]:
    """A phrase index with a key per phrase, and the phrase each match id stands for."""
    by_lemma = PhraseMatcher(vocab, attr="LEMMA")
    by_lower = PhraseMatcher(vocab, attr="LOWER")
    ids: dict[int, str] = {}
    for phrase in phrases:
        key = "spotrep_event:" + phrase
        lemma_docs = [Doc(vocab, words=v, lemmas=v) for v in lemma_variants(phrase)]
        by_lemma.add(key, lemma_docs)
        by_lower.add(key, [Doc(vocab, words=v) for v in word_variants(phrase)])
        ids[vocab.strings[key]] = phrase
    return PhraseIndex(by_lemma, by_lower), MappingProxyType(ids)


def load_senses() -> Mapping[str, tuple[Sense, ...]]:
    out: defaultdict[str, list[Sense]] = defaultdict(list)
    for r in rows("senses.tsv"):
        heads = frozenset(h.strip() for h in r["heads"].split(",") if h.strip())
        out[r["lemma"]].append(Sense(r["role"], r["mode"], heads))
    return MappingProxyType({k: tuple(v) for k, v in out.items()})


def load_lexicon() -> EventLexicon:
    vocab = English().vocab  # lower-case forms for the word patterns; no model needed
    triggers: defaultdict[str, list[TriggerRule]] = defaultdict(list)
    for r in rows("triggers.tsv"):
        triggers[r["phrase"]].append(
            TriggerRule(r["phrase"], r["pos"], r["family"], r["code"], float(r["spec"]))
        )
    cues: defaultdict[str, list[CueRule]] = defaultdict(list)
    conditions = {(r["group"], r["phrase"]): r["condition"] for r in rows("cue_conditions.tsv")}
    for r in rows("cues.tsv"):
        group, phrase = r["group"], r["phrase"]
        condition = conditions.get((group, phrase)) or conditions.get((group, "*"))
        cues[phrase].append(CueRule(group, r["code"], float(r["priority"]), condition))
    trigger_matcher, trigger_ids = build_matcher(vocab, list(triggers))
    cue_matcher, cue_ids = build_matcher(vocab, list(cues))
    codes = list(rows("codes.tsv"))
    return EventLexicon(
        triggers=trigger_matcher,
        cues=cue_matcher,
        trigger_rules=MappingProxyType({i: tuple(triggers[p]) for i, p in trigger_ids.items()}),
        cue_rules=MappingProxyType({i: tuple(cues[p]) for i, p in cue_ids.items()}),
        families=load_families(),
        status=MappingProxyType({(r["lemma"], r["dep"]): r["status"] for r in rows("status.tsv")}),
        anaphoric=frozenset(r["word"] for r in rows("anaphora.tsv")),
        doers=frozenset(r["word"] for r in rows("doers.tsv")),
        distinct=frozenset(r["word"] for r in rows("distinct.tsv")),
        weights=MappingProxyType({r["code"]: float(r["weight"]) for r in codes}),
        classes=MappingProxyType({r["code"]: r["class"] for r in codes}),
        senses=load_senses(),
        aspect=MappingProxyType({r["word"]: r["kind"] for r in rows("aspect.tsv")}),
        partitives=frozenset(r["word"] for r in rows("partitives.tsv")),
    )
