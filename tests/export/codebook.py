"""ACLED's codebook rules (``acled_codebook.tsv``) as a checker of exported rows."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from spotrep import export

CODEBOOK = Path(__file__).with_name("acled_codebook.tsv")
SUB_EVENT_TYPES = {
    "Battles": {"Armed clash", "Government regains territory",
                "Non-state actor overtakes territory"},
    "Protests": {"Peaceful protest", "Protest with intervention",
                 "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
}


def rules() -> list[dict[str, str]]:
    lines = [ln for ln in CODEBOOK.read_text(encoding="utf-8").splitlines()
             if ln and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def _cell_problem(value: str, rule: str, values: str) -> str | None:
    if rule == "int":
        return None if re.fullmatch(r"-?[0-9]+", value) else "not an integer"
    if rule == "float":
        low, high = (float(v) for v in values.split(".."))
        try:
            ok = low <= float(value) <= high
        except ValueError:
            ok = False
        return None if ok else f"not a number in {values}"
    if rule == "date":
        return None if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value) else "not a date"
    if rule == "one of":
        return None if value in values.split("|") else f"{value!r} not one of {values}"
    if rule == "pattern":
        return None if re.fullmatch(values, value, re.S) else f"{value!r} breaks {values}"
    return None


def row_problems(row: dict[str, str]) -> list[str]:
    """Every codebook rule the row breaks, as ``column: why``."""
    out: list[str] = []
    for r in rules():
        value = row.get(r["column"])
        if value is None:
            out.append(f"{r['column']}: missing column")
        elif value == "":
            if r["need"] == "required":
                out.append(f"{r['column']}: empty")
        elif (why := _cell_problem(value, r["rule"], r["values"])) is not None:
            out.append(f"{r['column']}: {why}")
    out += _cross_problems(row)
    return out


def _cross_problems(row: dict[str, str]) -> list[str]:
    out = []
    if row["event_date"][:4] != row["year"]:
        out.append("year: not the year of event_date")
    if bool(row["actor2"]) != bool(row["inter2"]):
        out.append("inter2: not the type of actor2")
    pair = [row["inter1"]] + ([row["inter2"]] if row["inter2"] else [])
    codes = export.acled.inter_codes()
    want = ("-".join(sorted(pair, key=lambda k: codes.get(k, 0))) if len(pair) == 2
            else f"{pair[0]} only")
    if row["inter1"] and row["interaction"] != want:
        out.append(f"interaction: {row['interaction']!r} is not {want!r}")
    subs = SUB_EVENT_TYPES.get(row["event_type"])
    if subs is not None and row["sub_event_type"] not in subs:
        out.append("sub_event_type: not of its event_type")
    return out
