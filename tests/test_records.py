from __future__ import annotations

import hashlib
import json

import pytest

from spotrep.pipeline import Pipeline
from spotrep.records import (
    Actor,
    Article,
    Claim,
    Event,
    Failure,
    Mention,
    Place,
    Result,
    Span,
    Speaker,
    Time,
    Toll,
    When,
)
from spotrep.validation import problems, span_problems

TEXT = "Gunmen killed three villagers in Kidal on Monday, the army said."


def sample_result() -> Result:
    def span(start: int, end: int) -> Span:
        return Span.of(TEXT, start, end)

    place = Place("Kidal", span(32, 37), "Kidal", 2455290, "populated_place", "ML", "Kidal",
                  18.44, 1.41, 1)
    event = Event(
        id="e1",
        code="ATTACK",
        status="reported",
        trigger=span(7, 13),
        actors=(Actor("actor1", "Gunmen", "Unidentified Armed Group", None, None, span(0, 6)),
                Actor("actor2", "villagers", "Civilians (Mali)", "Civilians", "MLI", span(20, 29))),
        when=When("Monday", "2024-05-06", "2024-05-06", "day", span(41, 47)),
        where=place,
        fatalities=Toll(3, 3, 3, "three", span(14, 19)),
        weapon=None,
        claims=("c1",),
        evidence=(span(0, len(TEXT)),),
        confidence=0.9,
    )
    claim = Claim(
        id="c1",
        speaker=Speaker("the army", "the army", "government", None, span(49, 57)),
        content=span(0, 47),
        form="indirect",
        cue=span(58, 62),
        channel=Mention("the radio", None),
        events=("e1",),
    )
    time = Time("Monday", span(41, 47), "DATE", "2024-05-06", "2024-05-06", "2024-05-06")
    article = Article.create(TEXT, published="2024-05-07", outlet="Example Wire")
    return Result(article, (event,), (claim,), (place,), (time,), ("a warning",))


def test_result_validates_and_spans_match() -> None:
    result = sample_result()
    assert problems(result.to_dict()) == []
    assert span_problems(result, TEXT) == []


def test_result_round_trips_through_json() -> None:
    result = sample_result()
    data = json.loads(json.dumps(result.to_dict()))
    again = Result.from_dict(data, text=TEXT)
    assert again == result


def test_event_carries_acled_names() -> None:
    d = sample_result().events[0].to_dict()
    assert (d["event_type"], d["sub_event_type"]) == ("Violence against civilians", "Attack")


@pytest.mark.parametrize("code", ["BOMBING", "", "attack"])
def test_event_rejects_unknown_codes(code: str) -> None:
    with pytest.raises(ValueError, match="unknown event code"):
        Event(id="e1", code=code, status="reported", trigger=None)


@pytest.mark.parametrize("confidence", [-0.1, 1.5])
def test_event_rejects_confidence_outside_unit_interval(confidence: float) -> None:
    with pytest.raises(ValueError, match="confidence"):
        Event(id="e1", code="ATTACK", status="reported", trigger=None, confidence=confidence)


def test_article_id_defaults_to_sha256_of_text() -> None:
    assert Article.create("abc").id == hashlib.sha256(b"abc").hexdigest()
    assert Article.create("abc", id="given").id == "given"


def test_article_output_counts_characters_and_omits_text() -> None:
    d = Article.create("héllo", published="2022-08-25").to_dict()
    assert d["chars"] == 5
    assert "text" not in d


def test_span_problems_reports_a_mismatch() -> None:
    bad = Result(Article.create(TEXT), times=(Time("Monday", Span(0, 6, "Monday"), "DATE", None),))
    assert span_problems(bad, TEXT) == [
        "span 0:6 says 'Monday' but the text there is 'Gunmen'"
    ]


def test_schema_problems_name_the_field() -> None:
    d = sample_result().to_dict()
    d["events"][0]["status"] = "rumoured"
    assert any(p.startswith("events/0/status") for p in problems(d))


def _records_of(result: Result) -> list[object]:
    """One record of every type the sample holds (the nested ones included)."""
    event, claim = result.events[0], result.claims[0]
    return [
        result, result.article, event, claim, claim.speaker, claim.channel, event.actors[0],
        event.when, event.where, event.fatalities, result.times[0], event.trigger,
        Failure("a1", "empty text", "in.jsonl"),
    ]


@pytest.mark.parametrize("index", range(13))
def test_every_record_type_reads_back_what_it_wrote(index: int) -> None:
    record = _records_of(sample_result())[index]
    data = json.loads(json.dumps(record.to_dict()))  # type: ignore[attr-defined]
    if isinstance(record, Result):
        assert Result.from_dict(data, text=TEXT) == record
    elif isinstance(record, Article):
        assert Article.from_dict(data, text=TEXT) == record
    else:
        assert type(record).from_dict(data) == record  # type: ignore[attr-defined]


def test_a_result_read_without_its_text_keeps_the_article_length() -> None:
    result = sample_result()
    again = Result.from_dict(json.loads(json.dumps(result.to_dict())))
    assert again.article.text == "" and again.article.chars == len(TEXT)
    assert again.to_dict() == result.to_dict()
    assert again.events == result.events and again.claims == result.claims


@pytest.mark.parametrize("cls", [Span, Toll, Mention])
def test_absent_optional_records_read_as_none(cls: type[Span | Toll | Mention]) -> None:
    assert cls.from_dict(None) is None


def test_input_notes_are_not_part_of_the_record() -> None:
    article = Article.create(TEXT, notes=("no publication date",))
    assert "notes" not in article.to_dict()
    assert Article.from_dict(article.to_dict(), text=TEXT) == article


@pytest.mark.model
def test_pipeline_results_read_back_losslessly(pipeline: Pipeline) -> None:
    article = Article.create(TEXT, published="2024-05-07", outlet="Example Wire")
    (result,) = pipeline.run([article])
    assert isinstance(result, Result) and result.events
    assert Result.from_dict(json.loads(json.dumps(result.to_dict())), text=TEXT) == result
