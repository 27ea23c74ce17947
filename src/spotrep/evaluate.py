"""Metrics of ``spotrep eval``: the definitions of the gold sets' scorer, over result dicts.

Each task function takes the gold rows and the results (spotrep/1 dicts keyed by article id) and
returns the metrics dict, rounded to 4 places as the shared scorer prints them. Results are
dicts, not records, so that results written by any version of spotrep can be scored.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import Any

Row = Mapping[str, Any]
Results = Mapping[str, Row]
Metrics = dict[str, Any]

CONFLICT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})


def overlap(a: Row, b: Row) -> int:
    """Characters two spans share."""
    return max(0, int(min(a["end"], b["end"])) - int(max(a["start"], b["start"])))


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, Earth diameter 12,742 km)."""
    p = math.pi / 180
    h = (
        math.sin((lat2 - lat1) * p / 2) ** 2
        + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2
    )
    return 12742 * math.asin(math.sqrt(min(1.0, h)))


def prf(tp_pred: int, n_pred: int, tp_gold: int, n_gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from matched predictions and matched gold items."""
    p = tp_pred / n_pred if n_pred else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _ratio(num: int, den: int) -> float:
    return round(num / den, 4) if den else 0.0


def _best(target: Row, spans: Sequence[Row]) -> int | None:
    """Index of the span overlapping ``target`` most (the first among ties), or None."""
    best = max(range(len(spans)), key=lambda i: overlap(target, spans[i]), default=None)
    if best is None or overlap(target, spans[best]) == 0:
        return None
    return best


def predicted_code(result: Row | None) -> str:
    """The code of the most confident event (the first among ties), or ``NONE``."""
    events = sorted((result or {}).get("events", []), key=lambda e: -e.get("confidence", 0))
    return str(events[0]["code"]) if events else "NONE"


def event_types(gold: Sequence[Row], results: Results) -> Metrics:
    pred = {g["id"]: predicted_code(results.get(g["id"])) for g in gold}
    labels = Counter(g["label"] for g in gold)
    f1s = {}
    for label in labels:
        tp = sum(1 for g in gold if g["label"] == label and pred[g["id"]] == label)
        n_pred = sum(1 for g in gold if pred[g["id"]] == label)
        f1s[label] = prf(tp, n_pred, tp, labels[label])[2]
    n = len(gold)
    return {
        "n": n,
        "weighted_f1": round(sum(f1s[k] * labels[k] for k in labels) / n, 4),
        "macro_f1": round(sum(f1s.values()) / len(f1s), 4),
        "accuracy": round(sum(1 for g in gold if pred[g["id"]] == g["label"]) / n, 4),
        "missing_results": sum(1 for g in gold if g["id"] not in results),
    }


def confusions(gold: Sequence[Row], results: Results, top: int = 10) -> list[tuple[str, str, int]]:
    """The most frequent (gold, predicted) pairs that disagree."""
    pairs = Counter(
        (g["label"], predicted_code(results.get(g["id"])))
        for g in gold
        if predicted_code(results.get(g["id"])) != g["label"]
    )
    return [(a, b, n) for (a, b), n in pairs.most_common(top)]


def geo(gold: Sequence[Row], results: Results) -> Metrics:
    n_gold = n_pred = tp_g = tp_p = ok161 = 0
    for g in gold:
        places = [p for p in (results.get(g["id"]) or {}).get("places", []) if p.get("span")]
        n_pred += len(places)
        n_gold += len(g["toponyms"])
        used: set[int] = set()
        for t in g["toponyms"]:
            best = _best(t, [p["span"] for p in places])
            if best is None:
                continue
            tp_g += 1
            used.add(best)
            p = places[best]
            if p.get("lat") is not None and km(t["lat"], t["lon"], p["lat"], p["lon"]) <= 161:
                ok161 += 1
        tp_p += len(used)
    p, r, f = prf(tp_p, n_pred, tp_g, n_gold)
    return {
        "n_docs": len(gold),
        "toponyms": n_gold,
        "span_p": round(p, 4),
        "span_r": round(r, 4),
        "span_f1": round(f, 4),
        "acc161_matched": _ratio(ok161, tp_g),
        "acc161_end_to_end": _ratio(ok161, n_gold),
    }


def _speaker_ok(claim: Row, source: Row) -> bool:
    span = claim["speaker"].get("span")
    name = (claim["speaker"].get("name") or "").lower()
    gold = source["text"].lower()
    return bool(span and overlap(span, source) > 0) or bool(name and (name in gold or gold in name))


def quotes(gold: Sequence[Row], results: Results) -> Metrics:
    n_gold = n_pred = tp_g = tp_p = exact = src_ok = src_n = 0
    for g in gold:
        claims = [
            c
            for c in (results.get(g["id"]) or {}).get("claims", [])
            if c.get("form") != "unattributed"
        ]
        n_pred += len(claims)
        n_gold += len(g["attributions"])
        used: set[int] = set()
        for a in g["attributions"]:
            best = _best(a["content"], [c["content"] for c in claims])
            if best is None:
                continue
            tp_g += 1
            used.add(best)
            content = claims[best]["content"]
            exact += int(
                content["start"] == a["content"]["start"] and content["end"] == a["content"]["end"]
            )
            if "source" in a:
                src_n += 1
                src_ok += int(_speaker_ok(claims[best], a["source"]))
        tp_p += len(used)
    p, r, f = prf(tp_p, n_pred, tp_g, n_gold)
    return {
        "n_docs": len(gold),
        "attributions": n_gold,
        "content_overlap_p": round(p, 4),
        "content_overlap_r": round(r, 4),
        "content_overlap_f1": round(f, 4),
        "content_exact_of_matched": _ratio(exact, tp_g),
        "speaker_acc_of_matched": _ratio(src_ok, src_n),
    }


def times(gold: Sequence[Row], results: Results) -> Metrics:
    n_gold = n_pred = tp_g = tp_p = val_ok = 0
    for g in gold:
        found = [t for t in (results.get(g["id"]) or {}).get("times", []) if t.get("span")]
        n_pred += len(found)
        n_gold += len(g["timexes"])
        used: set[int] = set()
        for t in g["timexes"]:
            best = _best(t, [x["span"] for x in found])
            if best is None:
                continue
            tp_g += 1
            used.add(best)
            val_ok += int((found[best].get("value") or "") == (t.get("value") or ""))
        tp_p += len(used)
    p, r, f = prf(tp_p, n_pred, tp_g, n_gold)
    vf = prf(val_ok, n_pred, val_ok, n_gold)[2]
    return {
        "n_docs": len(gold),
        "timexes": n_gold,
        "relaxed_p": round(p, 4),
        "relaxed_r": round(r, 4),
        "relaxed_f1": round(f, 4),
        "value_f1": round(vf, 4),
    }


def words_in(small: str, big: str) -> bool:
    """Whether ``small`` occurs in ``big`` as whole words."""
    pattern = r"(?<!\w)" + re.escape(small.strip()) + r"(?!\w)"
    return bool(small.strip()) and re.search(pattern, big) is not None


def _actor_hit(actors: Sequence[Row], golds: Sequence[Row]) -> bool:
    for a in actors:
        text = (a.get("text") or "").lower()
        for g in golds:
            gt = g["text"].lower()
            by_span = bool(a.get("span") and overlap(a["span"], g) > 0)
            if by_span or (text and (words_in(gt, text) or words_in(text, gt))):
                return True
    return False


def _covers(event: Row, trigger: Row) -> int:
    """2 when the event's trigger overlaps the gold trigger, 1 when its evidence contains it."""
    if event.get("trigger") and overlap(event["trigger"], trigger) > 0:
        return 2
    inside = any(
        ev["start"] <= trigger["start"] and trigger["end"] <= ev["end"]
        for ev in event.get("evidence", [])
    )
    return 1 if inside else 0


def actors(gold: Sequence[Row], results: Results) -> Metrics:
    n = det = pred_n = pred_ok = att_n = att_ok = tgt_n = tgt_ok = 0
    for g in gold:
        evs = [
            e
            for e in (results.get(g["id"]) or {}).get("events", [])
            if e.get("event_type") in CONFLICT_TYPES
        ]
        pred_n += len(evs)
        pred_ok += sum(1 for e in evs if any(_covers(e, a["trigger"]) for a in g["attacks"]))
        for a in g["attacks"]:
            n += 1
            cands = [(_covers(e, a["trigger"]), i) for i, e in enumerate(evs)]
            cands = [c for c in cands if c[0]]
            if not cands:
                continue
            det += 1
            e = evs[max(cands)[1]]
            roles = e.get("actors", [])
            if a["attacker"]:
                att_n += 1
                att_ok += _actor_hit([x for x in roles if x.get("role") == "actor1"], a["attacker"])
            if a["target"]:
                tgt_n += 1
                tgt_ok += _actor_hit([x for x in roles if x.get("role") == "actor2"], a["target"])
    p, r, f = prf(pred_ok, pred_n, det, n)
    return {
        "gold_attacks": n,
        "detect_p": round(p, 4),
        "detect_r": round(r, 4),
        "detect_f1": round(f, 4),
        "attacker_acc": _ratio(att_ok, att_n),
        "target_acc": _ratio(tgt_ok, tgt_n),
    }


TASKS: Mapping[str, Callable[[Sequence[Row], Results], Metrics]] = {
    "event_types": event_types,
    "actors": actors,
    "geo": geo,
    "quotes": quotes,
    "times": times,
}
