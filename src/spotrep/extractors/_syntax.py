"""Label sets and parse-tree helpers that every stage reads the same way.

Only what is truly the same across stages lives here. Helpers that look alike but differ (the
subject sets of each stage, the clause finders: ``events.when.verb_at_or_above``,
``events.triggers.nearest_verb_clause``, ``times.tense`` ``_verb_above_within``) stay with their
stage under names that say how they differ.
"""

from __future__ import annotations

from spacy.tokens import Token

PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
"""Entity labels of toponyms."""
TIME_ENTS = frozenset({"DATE", "TIME"})
"""Entity labels (and Time types) of dates and clock times."""
NOUN_POS = frozenset({"NOUN", "PROPN"})
VERB_POS = frozenset({"VERB", "AUX"})
"""Parts of speech that head a clause."""
PLURAL_TAGS = frozenset({"NNS", "NNPS"})
DEFINITE_DETS = frozenset({"the", "this", "that", "these", "those"})
"""Determiners of a noun phrase whose referent is given ("the group", "this attack")."""
NOUN_CLAUSE_DEPS = frozenset({"relcl", "acl"})
"""Clauses that modify a noun ("the regions that had been taken", "forces loyal to him")."""


def first_child(token: Token | None, deps: frozenset[str]) -> Token | None:
    """The first child of ``token`` attached by one of ``deps`` (None for no token)."""
    if token is None:
        return None
    return next((c for c in token.children if c.dep_ in deps), None)


def subtree_range(root: Token) -> tuple[int, int]:
    """Character range of a token's phrase (its syntactic subtree)."""
    return root.left_edge.idx, root.right_edge.idx + len(root.right_edge)
