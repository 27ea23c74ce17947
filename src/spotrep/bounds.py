"""Bounded work per article: a Doc whose pieces are short enough for linear work, and a time
budget after which an article is given up.

spaCy's tokenizer strips prefixes and suffixes off a whitespace-free run one at a time, which is
quadratic in the run's length (a page of punctuation, a 5 MB line with no spaces); and the
extractors look at every token of a mention's sentence, which is quadratic in the sentence's
length ("killed" repeated 2,000 times with no period). ``bounded_doc`` tokenizes long runs in
fixed-size pieces and starts a sentence after ``MAX_SENTENCE_TOKENS`` tokens without a sentence
end; the Doc's text is the article's text, character for character, so every span indexes it.
"""

from __future__ import annotations

import re
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from spacy.language import Language
from spacy.tokens import Doc

MAX_RUN = 100
"""Characters without whitespace tokenized as one piece (a long URL still is one)."""
MAX_SENTENCE_TOKENS = 150
"""Tokens after which a sentence that has not ended is cut; news sentences are far shorter."""
DEFAULT_TIME_BUDGET = 30.0
"""Seconds one article may take (parse and extraction); beyond it the article is a Failure."""

_LONG_RUN = re.compile(rf"(\S{{{MAX_RUN},}})\s*")
_SENTENCE_END = frozenset({".", "!", "?", "…"})


class BudgetExceeded(Exception):  # noqa: N818 - an interruption, not an error to report
    """Raised inside the work of an article whose time budget ran out."""


def bounded_doc(nlp: Language, text: str) -> Doc:
    """The tokenized ``text`` (not yet parsed) with long runs and long sentences cut."""
    if _LONG_RUN.search(text) is None:
        doc = nlp.make_doc(text)
    else:
        doc = Doc.from_docs([nlp.make_doc(p) for p in _pieces(text)], ensure_whitespace=False)
    _cap_sentences(doc)
    return doc


def _pieces(text: str) -> Iterator[str]:
    """``text`` in order, each whitespace-free run of ``MAX_RUN`` or more cut into chunks; the
    whitespace after a run stays with its last chunk, as the tokenizer would keep it."""
    pos = 0
    for match in _LONG_RUN.finditer(text):
        if match.start() > pos:
            yield text[pos : match.start()]
        run_end = match.end(1)
        for i in range(match.start(), run_end, MAX_RUN):
            yield text[i : match.end()] if i + MAX_RUN >= run_end else text[i : i + MAX_RUN]
        pos = match.end()
    if pos < len(text):
        yield text[pos:]


def _cap_sentences(doc: Doc) -> None:
    """Start a sentence after ``MAX_SENTENCE_TOKENS`` tokens with no sentence end or line break
    (the parser keeps sentence starts set before it)."""
    count = 0
    for token in doc:
        if count >= MAX_SENTENCE_TOKENS:
            token.is_sent_start = True
            count = 0
        count += 1
        if token.text in _SENTENCE_END or "\n" in token.whitespace_ or "\n" in token.text:
            count = 0


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Raise ``BudgetExceeded`` in the block once ``seconds`` have passed.

    Uses SIGALRM, so it works in the main thread of a POSIX process (the CLI, each ``--jobs``
    worker); elsewhere (a thread of a server or of Dask) the block simply runs unbounded.
    """
    usable = (seconds is not None and seconds > 0 and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return
    assert seconds is not None

    def on_alarm(_signum: int, _frame: FrameType | None) -> None:
        raise BudgetExceeded

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
