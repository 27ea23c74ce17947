"""The one helper tests use to build a parsed ``Doc`` by hand, as spaCy's own tests do.

Each test module keeps the notation that reads best for its cases (``word/POS/...`` items, rows
of tuples, word lists) and turns it into columns; ``parsed_doc`` checks that every column has one
value per word and builds the Doc, by default over a blank English vocabulary (lexical
attributes such as ``lower_`` and ``like_num``, no model).
"""

from __future__ import annotations

from collections.abc import Sequence

import spacy
from spacy.tokens import Doc
from spacy.vocab import Vocab

VOCAB = spacy.blank("en").vocab


def parsed_doc(
    *,
    words: Sequence[str],
    spaces: Sequence[bool] | None = None,
    heads: Sequence[int] | None = None,
    deps: Sequence[str] | None = None,
    pos: Sequence[str] | None = None,
    tags: Sequence[str] | None = None,
    lemmas: Sequence[str] | None = None,
    ents: Sequence[str] | None = None,
    sent_starts: Sequence[bool] | None = None,
    vocab: Vocab = VOCAB,
) -> Doc:
    """A Doc of ``words`` with the given annotation columns (heads are absolute indices, ents
    IOB tags); a column of the wrong length is a ``ValueError`` naming it."""
    columns = {
        "spaces": spaces, "heads": heads, "deps": deps, "pos": pos, "tags": tags,
        "lemmas": lemmas, "ents": ents, "sent_starts": sent_starts,
    }
    for name, column in columns.items():
        if column is not None and len(column) != len(words):
            raise ValueError(f"{name}: {len(column)} values for {len(words)} words")
    given = {name: list(column) for name, column in columns.items() if column is not None}
    return Doc(vocab, words=list(words), **given)
