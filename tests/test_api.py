from __future__ import annotations

import pytest

import spotrep
from spotrep.validation import problems, span_problems

EXPECTED_API = {
    "extract", "extract_many", "process", "__version__",
    "Article", "Result", "Event", "Claim", "Place", "Time", "Span", "Actor", "When", "Toll",
    "Mention", "Speaker", "Failure",
    "SpotrepError", "InputError", "EmptyTextError", "BinaryInputError", "RecordError",
    "ModelError", "DataError", "StoreError",
}


def test_public_api_is_curated() -> None:
    assert set(spotrep.__all__) == EXPECTED_API
    missing = [name for name in spotrep.__all__ if not hasattr(spotrep, name)]
    assert missing == []


@pytest.mark.model
def test_extract_returns_a_valid_result_with_matching_spans() -> None:
    text = (
        "Rebels shelled the town of Kidal on Monday, killing three civilians, "
        "a local official told reporters.\nThe army said it had retaken two villages."
    )
    result = spotrep.extract(text, published="2024-05-07", outlet="Example Wire")
    assert result.article.outlet == "Example Wire"
    assert result.article.published == "2024-05-07"
    assert problems(result.to_dict()) == []
    assert span_problems(result, text) == []


@pytest.mark.model
def test_extract_raises_input_error_for_empty_text() -> None:
    with pytest.raises(spotrep.InputError, match="empty text"):
        spotrep.extract("   \n ")


@pytest.mark.model
def test_process_keeps_order_and_reports_bad_records() -> None:
    rows = [
        {"id": "a", "text": "Police arrested ten protesters in Lagos on Friday."},
        {"id": "b"},
        ["not", "an", "object"],
        {"id": "d", "text": "Floods displaced thousands.", "published": "last Tuesday"},
    ]
    out = list(spotrep.process(rows))
    assert [type(o).__name__ for o in out] == ["Result", "Failure", "Failure", "Result"]
    assert out[1].reason == "input record has no 'text'"
    assert "array" in out[2].reason
    last = out[3]
    assert isinstance(last, spotrep.Result)
    assert any("unparseable publication date" in w for w in last.warnings)
    assert [r.article.id for r in spotrep.extract_many(rows)] == ["a", "d"]


@pytest.mark.model
@pytest.mark.parametrize("text", ["lone \ud800 surrogate. Troops left Kidal.", 12, None,
                                  "\x00" * 10, "combining \u20d2 mark in Kidal on Monday."])
def test_extract_raises_only_spotrep_errors(text: object) -> None:
    try:
        result = spotrep.extract(text)  # type: ignore[arg-type]
    except spotrep.SpotrepError:
        return
    assert span_problems(result, result.article.text) == []


@pytest.mark.model
def test_process_always_yields_one_item_per_input() -> None:
    class Hostile(dict):  # type: ignore[type-arg]
        def get(self, key: object, default: object = None) -> object:
            raise RuntimeError("boom")

    rows: list[object] = [Hostile(), 5, "text", {"text": "Troops left Kidal."}, {"text": ["x"]}]
    out = list(spotrep.process(rows))  # type: ignore[arg-type]
    assert [type(o).__name__ for o in out] == ["Failure"] * 3 + ["Result", "Failure"]
    assert "RuntimeError: boom" in out[0].reason
