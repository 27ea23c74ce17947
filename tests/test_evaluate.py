"""The eval metrics on small gold fixtures written for these tests, with hand-computed answers."""

from __future__ import annotations

from typing import Any

import pytest

from spotrep import evaluate


def span(start: int, end: int, text: str = "") -> dict[str, Any]:
    return {"start": start, "end": end, "text": text}


def result(aid: str, **parts: Any) -> dict[str, Any]:
    return {"article": {"id": aid}, "events": [], "claims": [], "places": [], "times": [],
            **parts}


def test_event_types_weighted_and_macro_f1() -> None:
    gold = [
        {"id": "1", "label": "AIR_STRIKE"},
        {"id": "2", "label": "AIR_STRIKE"},
        {"id": "3", "label": "ARREST"},
        {"id": "4", "label": "DIPLO"},
    ]
    results = {
        "1": result("1", events=[{"code": "ATTACK", "confidence": 0.2},
                                 {"code": "AIR_STRIKE", "confidence": 0.9}]),
        "2": result("2", events=[{"code": "ARREST", "confidence": 0.5}]),
        "3": result("3", events=[{"code": "ARREST", "confidence": 0.5}]),
    }
    m = evaluate.event_types(gold, results)
    # AIR_STRIKE: p 1/1, r 1/2 -> 2/3; ARREST: p 1/2, r 1 -> 2/3; DIPLO: 0 (predicted NONE).
    assert m == {"n": 4, "weighted_f1": round((2 * 2 / 3 + 2 / 3) / 4, 4),
                 "macro_f1": round((2 / 3 + 2 / 3) / 3, 4), "accuracy": 0.5,
                 "missing_results": 1}
    assert evaluate.confusions(gold, results) == [("AIR_STRIKE", "ARREST", 1),
                                                  ("DIPLO", "NONE", 1)]


def test_geo_span_and_distance() -> None:
    gold = [{"id": "g", "toponyms": [
        {**span(0, 5), "lat": 35.0, "lon": 40.0},
        {**span(10, 15), "lat": 10.0, "lon": 10.0},
        {**span(20, 25), "lat": 0.0, "lon": 0.0},
    ]}]
    places = [
        {"span": span(0, 3), "lat": 35.5, "lon": 40.5},   # ~70 km away: within 161
        {"span": span(12, 18), "lat": 12.0, "lon": 10.0},  # ~222 km away
        {"span": span(40, 45), "lat": 1.0, "lon": 1.0},    # no gold
        {"span": None, "lat": 1.0, "lon": 1.0},            # not a mention: ignored
    ]
    m = evaluate.geo(gold, {"g": result("g", places=places)})
    assert m == {"n_docs": 1, "toponyms": 3, "span_p": round(2 / 3, 4), "span_r": round(2 / 3, 4),
                 "span_f1": round(2 / 3, 4), "acc161_matched": 0.5,
                 "acc161_end_to_end": round(1 / 3, 4)}


def test_quotes_overlap_exact_and_speaker() -> None:
    gold = [{"id": "q", "attributions": [
        {"source": span(0, 10, "Joe Buccino"), "content": span(20, 40)},
        {"source": span(50, 52, "he"), "content": span(60, 80)},
        {"content": span(90, 95)},
    ]}]
    claims = [
        {"form": "direct", "speaker": {"span": span(0, 3), "name": None}, "content": span(20, 40)},
        {"form": "indirect", "speaker": {"span": None, "name": "Ned Price"},
         "content": span(70, 85)},
        {"form": "unattributed", "speaker": {"span": None, "name": None},
         "content": span(90, 95)},
    ]
    m = evaluate.quotes(gold, {"q": result("q", claims=claims)})
    assert m == {"n_docs": 1, "attributions": 3, "content_overlap_p": 1.0,
                 "content_overlap_r": round(2 / 3, 4), "content_overlap_f1": 0.8,
                 "content_exact_of_matched": 0.5, "speaker_acc_of_matched": 0.5}


def test_times_relaxed_and_value() -> None:
    gold = [{"id": "t", "timexes": [
        {**span(0, 6), "value": "2022-08-23"},
        {**span(10, 19), "value": "2022-W33"},
    ]}, {"id": "u", "timexes": [{**span(0, 4), "value": "2019"}]}]
    results = {"t": result("t", times=[
        {"span": span(0, 6), "value": "2022-08-23"},
        {"span": span(12, 19), "value": "2022-08"},
        {"span": span(30, 35), "value": None},
    ])}
    m = evaluate.times(gold, results)
    assert m == {"n_docs": 2, "timexes": 3, "relaxed_p": round(2 / 3, 4),
                 "relaxed_r": round(2 / 3, 4), "relaxed_f1": round(2 / 3, 4),
                 "value_f1": round(1 / 3, 4)}


def test_actors_detection_and_roles() -> None:
    gold = [{"id": "a", "attacks": [
        {"trigger": span(10, 16), "attacker": [span(0, 9, "Militants")],
         "target": [span(17, 25, "soldiers")]},
        {"trigger": span(40, 47), "attacker": [], "target": [span(50, 55, "a base")]},
        {"trigger": span(70, 75), "attacker": [span(60, 65, "rebel")], "target": []},
    ]}]
    events = [
        {"event_type": "Battles", "trigger": span(10, 16), "evidence": [], "actors": [
            {"role": "actor1", "text": "the militants", "span": None},
            {"role": "actor2", "text": "police", "span": span(100, 106)}]},
        {"event_type": "Explosions/Remote violence", "trigger": None,
         "evidence": [span(30, 60)], "actors": [{"role": "actor2", "text": "a base"}]},
        {"event_type": "Protests", "trigger": span(70, 75), "evidence": [], "actors": []},
        {"event_type": "Battles", "trigger": span(200, 205), "evidence": [], "actors": []},
    ]
    m = evaluate.actors(gold, {"a": result("a", events=events)})
    assert m == {"gold_attacks": 3, "detect_p": round(2 / 3, 4), "detect_r": round(2 / 3, 4),
                 "detect_f1": round(2 / 3, 4), "attacker_acc": 1.0, "target_acc": 0.5}


@pytest.mark.parametrize(
    ("small", "big", "expected"),
    [("IS", "IS fighters", True), ("IS", "ISIS fighters", False), ("", "x", False),
     ("the army", "The army", False)],
)
def test_words_in(small: str, big: str, expected: bool) -> None:
    assert evaluate.words_in(small, big) is expected
