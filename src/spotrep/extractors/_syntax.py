"""Label sets and parse-tree helpers that every stage reads the same way."""

from __future__ import annotations

from spacy.tokens import Token


def first_child(token: Token | None, deps: frozenset[str]) -> Token | None:
    if token is None:
        return None
    return next((c for c in token.children if c.dep_ in deps), None)


def subtree_range(root: Token) -> tuple[int, int]:
    """Character range of a trigger's own phrase (its syntactic subtree)."""
    return root.left_edge.idx, root.right_edge.idx + len(root.right_edge)
