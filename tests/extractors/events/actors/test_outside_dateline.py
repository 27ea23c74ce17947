"""``names.outside_dateline`` and ``names.phrase`` on hand-parsed Docs (no model): a head in
the dateline gives way to the word the parse attached as it was after the dateline, and a
phrase never starts inside the dateline."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from hand_docs import parsed_doc
from spotrep.extractors.events.actors.names import load, outside_dateline, phrase

RES = load()

Row = tuple[str, int, str, str]

# "PESHAWAR (GWS) - Militants killed two": the parse makes both the town and "Militants"
# subjects of "killed"
TOWN_AS_SUBJECT: list[Row] = [
    ("PESHAWAR", 6, "nsubj", "PROPN"), ("(", 0, "punct", "PUNCT"), ("GWS", 0, "appos", "PROPN"),
    (")", 0, "punct", "PUNCT"), ("-", 6, "punct", "PUNCT"), ("Militants", 6, "nsubj", "NOUN"),
    ("killed", 6, "ROOT", "VERB"), ("two", 6, "dobj", "NUM"),
]
# "KIDAL, Mali - A bomb killed two": no other subject to give way to
TOWN_ALONE: list[Row] = [
    ("KIDAL", 6, "nsubj", "PROPN"), (",", 0, "punct", "PUNCT"), ("Mali", 0, "appos", "PROPN"),
    ("-", 6, "punct", "PUNCT"), ("A", 5, "det", "DET"), ("bomb", 6, "npadvmod", "NOUN"),
    ("killed", 6, "ROOT", "VERB"), ("two", 6, "dobj", "NUM"),
]
# "ISWAP: fighters killed two": a known group before a colon is no town
GROUP_BEFORE_COLON: list[Row] = [
    ("ISWAP", 3, "nsubj", "PROPN"), (":", 3, "punct", "PUNCT"), ("fighters", 3, "nsubj", "NOUN"),
    ("killed", 3, "ROOT", "VERB"), ("two", 3, "dobj", "NUM"),
]
# "LAGOS (GWS) - Gunmen attacked": the parse hangs the dateline on "Gunmen"
DATELINE_AS_MODIFIER: list[Row] = [
    ("LAGOS", 5, "nmod", "NOUN"), ("(", 0, "punct", "PUNCT"), ("GWS", 0, "appos", "PROPN"),
    (")", 0, "punct", "PUNCT"), ("-", 5, "punct", "PUNCT"), ("Gunmen", 6, "nsubj", "NOUN"),
    ("attacked", 6, "ROOT", "VERB"),
]
# "JOS (GWS) - Herdsmen killed two": the parse hangs "Herdsmen" on the town, in apposition
TOWN_WITH_APPOSITION: list[Row] = [
    ("JOS", 6, "nsubj", "PROPN"), ("(", 0, "punct", "PUNCT"), ("GWS", 0, "appos", "PROPN"),
    (")", 0, "punct", "PUNCT"), ("-", 0, "punct", "PUNCT"), ("Herdsmen", 0, "appos", "NOUN"),
    ("killed", 6, "ROOT", "VERB"), ("two", 6, "dobj", "NUM"),
]
# "CENTCOM, the command, announced": capitals and a comma but no dash or outlet: only the
# name would be a dateline's town, and its gloss is not taken for the actor in its place
UNCLOSED_CAPITALS: list[Row] = [
    ("CENTCOM", 5, "nsubj", "PROPN"), (",", 0, "punct", "PUNCT"), ("the", 3, "det", "DET"),
    ("command", 0, "appos", "NOUN"), (",", 0, "punct", "PUNCT"), ("announced", 5, "ROOT", "VERB"),
]
# "UN peacekeepers attacked": no dateline, the acronym is part of the actor
NO_DATELINE: list[Row] = [
    ("UN", 1, "compound", "PROPN"), ("peacekeepers", 2, "nsubj", "NOUN"),
    ("attacked", 2, "ROOT", "VERB"),
]


def doc_of(rows: list[Row]) -> Doc:
    words = [w for w, *_ in rows]
    spaces = [i + 1 < len(words) and words[i + 1] not in (",", ":", ")") and w != "("
              for i, w in enumerate(words)]
    return parsed_doc(words=words, spaces=spaces, heads=[r[1] for r in rows],
                      deps=[r[2] for r in rows], pos=[r[3] for r in rows],
                      lemmas=[w.lower() for w in words])


@pytest.mark.parametrize(
    ("rows", "head", "expected"),
    [
        (TOWN_AS_SUBJECT, 0, "Militants"),
        (TOWN_AS_SUBJECT, 2, None),  # the outlet: nothing after the dateline hangs as it does
        (TOWN_AS_SUBJECT, 5, "Militants"),
        (TOWN_ALONE, 0, None),
        (TOWN_WITH_APPOSITION, 0, "Herdsmen"),
        (UNCLOSED_CAPITALS, 0, None),
        (GROUP_BEFORE_COLON, 0, "ISWAP"),
        (NO_DATELINE, 1, "peacekeepers"),
    ],
)
def test_outside_dateline(rows: list[Row], head: int, expected: str | None) -> None:
    found = outside_dateline(doc_of(rows)[head], RES)
    assert (None if found is None else found.text) == expected


@pytest.mark.parametrize(
    ("rows", "head", "expected"),
    [
        (DATELINE_AS_MODIFIER, 5, "Gunmen"),
        (NO_DATELINE, 1, "UN peacekeepers"),
    ],
)
def test_phrase_starts_after_the_dateline(rows: list[Row], head: int, expected: str) -> None:
    assert phrase(doc_of(rows)[head], RES).text == expected
