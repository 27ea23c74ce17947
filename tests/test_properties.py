"""Property tests: random and adversarial inputs never raise, and every span indexes the text.

Seeded (``derandomize``) and bounded (``max_examples``), so a CI run is repeatable and short;
no example database is written.
"""

from __future__ import annotations

import json
import time

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import spotrep
from spotrep.bounds import bounded_doc
from spotrep.errors import BinaryInputError
from spotrep.ingest.decoding import decode_bytes
from spotrep.ingest.files import articles_from_jsonl, split_front_matter
from spotrep.ingest.records import normalize_published
from spotrep.records import Article, Failure, Result
from spotrep.validation import problems, span_problems

FAST = settings(max_examples=200, deadline=None, derandomize=True, database=None)
MODEL = settings(max_examples=25, deadline=None, derandomize=True, database=None,
                 suppress_health_check=[HealthCheck.too_slow])

WORDS = ["killed", "killed.", "said", "Kidal", "on", "Monday", "!", "...", ",", "-", "\n",
         "12", "1e400", "9" * 30, "dozens", "the", "army", "\u20d2", "\u2028", "\x00", "\ufeff",
         "yesterday", "Jan.", "10000", "Mr.", "(", ")", "\"", "’", "https://x.example/a?b=c"]

repetitive = st.builds(lambda w, n, sep: sep.join([w] * n), st.sampled_from(WORDS),
                       st.integers(1, 400), st.sampled_from([" ", "", "\n", ". "]))
word_salad = st.lists(st.sampled_from(WORDS), max_size=300).map(" ".join)
any_text = st.text(max_size=400)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                 max_size=4),
    max_leaves=12)


@pytest.fixture(scope="module")
def blank() -> spacy.language.Language:
    return spacy.blank("en")


@FAST
@given(text=any_text | repetitive | word_salad)
def test_bounded_doc_keeps_the_text(blank: spacy.language.Language, text: str) -> None:
    assert bounded_doc(blank, text).text == text


@FAST
@given(lines=st.lists(any_text | json_values.map(json.dumps) |
                      st.dictionaries(st.sampled_from(["id", "text", "published", "outlet",
                                                        "url", "title"]), json_values | any_text)
                      .map(lambda d: json.dumps(d, ensure_ascii=False)), max_size=6))
def test_random_jsonl_lines_fail_only_themselves(lines: list[str]) -> None:
    flat = [part for line in lines for part in line.split("\n")]
    out = list(articles_from_jsonl(flat, "in.jsonl"))
    assert len(out) == sum(1 for line in flat if line.strip())
    for item in out:
        assert isinstance(item, Article | Failure)
        if isinstance(item, Article):
            item.text.encode("utf-8")
            assert "\x00" not in item.text


@FAST
@given(data=st.binary(max_size=600))
def test_random_bytes_decode_or_are_refused(data: bytes) -> None:
    try:
        decoded = decode_bytes(data, "f")
    except BinaryInputError:
        return
    assert "\r" not in decoded.text


@FAST
@given(value=any_text | st.integers() | st.floats() | st.none())
def test_publication_dates_never_raise(value: object) -> None:
    iso, _warning = normalize_published(value)
    assert iso is None or len(iso) == 10


@FAST
@given(text=any_text.map(lambda t: "---\n" + t))
def test_front_matter_never_raises(text: str) -> None:
    _meta, body = split_front_matter(text)
    assert text.endswith(body)


@pytest.mark.model
@MODEL
@given(text=any_text | repetitive | word_salad,
       published=st.sampled_from([None, "2024-06-24", "0001-01-01", "9999-12-31", "1800-01-01"]))
def test_the_pipeline_never_raises_and_every_span_indexes_the_text(
    text: str, published: str | None
) -> None:
    start = time.monotonic()
    (out,) = spotrep.process([{"id": "p", "text": text, "published": published}])
    assert time.monotonic() - start < 30
    assert isinstance(out, Result | Failure)
    if isinstance(out, Failure):
        assert out.reason == "empty text" or out.reason.startswith("took longer"), out.reason
        return
    assert problems(out.to_dict()) == []
    assert span_problems(out, out.article.text) == []
