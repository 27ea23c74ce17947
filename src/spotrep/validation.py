"""Checks of results against the contract: the JSON Schema, and spans against the text."""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator

from spotrep.records import Result, spans_of


@functools.cache
def validator() -> Draft202012Validator:
    """The spotrep/1 schema validator, built once per process."""
    text = resources.files("spotrep.schema").joinpath("record.schema.json").read_text()
    return Draft202012Validator(json.loads(text))


def problems(result: Mapping[str, Any]) -> list[str]:
    """Where a result dict breaks the JSON Schema (empty when it validates)."""
    return [
        f"{'/'.join(str(p) for p in err.absolute_path) or '(root)'}: {err.message}"
        for err in validator().iter_errors(result)
    ]


def span_problems(result: Result, text: str) -> list[str]:
    """Spans whose ``text`` is not the article text at their offsets."""
    return [
        f"span {s.start}:{s.end} says {s.text!r} but the text there is {text[s.start:s.end]!r}"
        for s in spans_of(result)
        if not (0 <= s.start <= s.end <= len(text)) or text[s.start : s.end] != s.text
    ]
