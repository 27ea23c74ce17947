"""Bounded work per article: a Doc whose pieces are short enough for linear work, and a time
budget after which an article is given up.

spaCy's tokenizer strips prefixes and suffixes off a whitespace-free run one at a time, which is
quadratic in the run's length (a page of punctuation, a 5 MB line with no spaces); and the
extractors look at every token of a mention's sentence, which is quadratic in the sentence's
length ("killed" repeated 2,000 times with no period). ``bounded_doc`` tokenizes long runs in
fixed-size pieces and starts a sentence after ``MAX_SENTENCE_TOKENS`` tokens without a sentence
end; the Doc's text is the article's text, character for character, so every span indexes it.

The time budget holds wherever an article is worked on (the CLI, ``--jobs`` workers, Dask
worker threads, a server's threads): a ``Deadline`` is passed along the pipeline and checked
between its stages (tokenizing, each parser component, each extractor), and ``time_budget``
adds SIGALRM as a backstop where a signal can be used (a process's main thread).
"""

from __future__ import annotations

import ctypes
import re
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy is imported where a Doc is made: the CLI starts without it
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


Clock = Callable[[], float]
"""Seconds from some fixed point (``time.monotonic``; tests pass their own)."""


@dataclass(frozen=True, slots=True)
class Deadline:
    """The moment one unit of work (an article, a group parsed together) must be done by;
    ``check`` raises ``BudgetExceeded`` after it. ``Deadline.after(None)`` never passes."""

    at: float | None
    clock: Clock = time.monotonic

    @classmethod
    def after(cls, seconds: float | None, clock: Clock = time.monotonic) -> Deadline:
        return cls(None if seconds is None else clock() + seconds, clock)

    def remaining(self) -> float | None:
        """Seconds left (at least 0), or None when unbounded."""
        return None if self.at is None else max(self.at - self.clock(), 0.0)

    def check(self) -> None:
        if self.at is not None and self.clock() >= self.at:
            raise BudgetExceeded


def bounded_doc(nlp: Language, text: str) -> Doc:
    """The tokenized ``text`` (not yet parsed) with long runs and long sentences cut."""
    from spacy.tokens import Doc

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
    starts = []
    for token in doc:
        if count >= MAX_SENTENCE_TOKENS:
            starts.append(token.i)
            count = 0
        count += 1
        if token.text in _SENTENCE_END or "\n" in token.whitespace_ or "\n" in token.text:
            count = 0
    start_sentences(doc, starts)


def start_sentences(doc: Doc, indices: Sequence[int]) -> None:
    """Start a sentence at each token of ``indices``, as ``token.is_sent_start = True`` does
    for one token, in one pass: that setter looks at every token of the Doc to check that it
    is not parsed yet, which made marking a long article's paragraphs quadratic."""
    if not indices:
        return
    from spacy.attrs import SENT_START

    doc[indices[0]].is_sent_start = True  # raises on a parsed Doc, as the setter does
    starts = doc.to_array(SENT_START)
    starts[list(indices)] = 1
    doc.from_array(SENT_START, starts)  # type: ignore[arg-type]  # uint64, typed as floats


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Raise ``BudgetExceeded`` in the block once ``seconds`` have passed: the backstop of a
    ``Deadline``, catching work between its checks.

    In a process's main thread by SIGALRM; in any other thread (a server's, Dask's) by a timer
    thread that raises the exception asynchronously in the working thread (CPython's
    ``PyThreadState_SetAsyncExc``). Either lands between two Python bytecodes, so a long call
    into C (the parser) is interrupted when it returns.
    """
    if seconds is None or seconds <= 0:
        yield
    elif threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
        with _alarm(seconds):
            yield
    else:
        with _thread_alarm(seconds):
            yield


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    def on_alarm(_signum: int, _frame: FrameType | None) -> None:
        raise BudgetExceeded

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def _thread_alarm(seconds: float) -> Iterator[None]:
    target = ctypes.c_ulong(threading.get_ident())
    lock = threading.Lock()
    state = {"armed": True, "fired": False}

    def fire() -> None:
        with lock:
            if state["armed"]:
                state["fired"] = True
                ctypes.pythonapi.PyThreadState_SetAsyncExc(target, ctypes.py_object(BudgetExceeded))

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:  # from here on the timer cannot fire; withdraw what it raised, if undelivered
            state["armed"] = False
            if state["fired"]:
                ctypes.pythonapi.PyThreadState_SetAsyncExc(target, None)
        timer.cancel()
