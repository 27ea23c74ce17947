#!/usr/bin/env python3
"""Score every dev set in two halves split by a hash of the article id.

Rules are changed looking at half A only; half B says whether a change generalizes. Each gold
set is run through the pipeline once (``spotrep extract``), then each half is scored with the
gold sets' own scorer (``SHARED/eval/score.py``), so the figures are the ones it prints.

    .venv/bin/python scripts/eval_halves.py [--shared ../shared] [--tasks event_types,actors]
                                            [--reuse] [--out out/halves]

A row is in half A when the first byte of sha256(id) is even, B when it is odd.
``--reuse`` scores results written by an earlier run instead of extracting again.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
from pathlib import Path

# (name, scorer task, gold file)
SETS: tuple[tuple[str, str, str], ...] = (
    ("event_types", "event_types", "event_types.dev.jsonl"),
    ("actors", "actors", "actors.dev.jsonl"),
    ("actors_rams", "actors", "actors_rams.dev.jsonl"),
    ("events_full", "events_full", "events_full.dev.jsonl"),
    ("times", "times", "times.dev.jsonl"),
    ("geo", "geo", "geo.dev.jsonl"),
    ("quotes", "quotes", "quotes.dev.jsonl"),
)


def half_of(article_id: str) -> str:
    """'A' when sha256(id)'s first byte is even, 'B' when odd."""
    return "A" if hashlib.sha256(article_id.encode("utf-8")).digest()[0] % 2 == 0 else "B"


def split(gold: Path, out: Path) -> dict[str, Path]:
    """Write the gold rows of each half beside the results; the paths by half."""
    rows: dict[str, list[str]] = {"A": [], "B": []}
    for line in gold.read_text(encoding="utf-8").splitlines():
        if line.strip():
            rows[half_of(str(json.loads(line)["id"]))].append(line)
    paths = {}
    for half, lines in rows.items():
        path = out / f"{gold.stem}.{half}.jsonl"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths[half] = path
    return paths


def extract(spotrep: Path, gold: Path, results: Path) -> None:
    subprocess.run([str(spotrep), "extract", "--input", str(gold), "--output", str(results),
                    "--quiet"], check=False)


def score(scorer: Path, task: str, gold: Path, results: Path) -> dict[str, object]:
    done = subprocess.run([sys.executable, str(scorer), task, str(gold), str(results)],
                          check=True, capture_output=True, text=True)
    return dict(json.loads(done.stdout))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--tasks", default=",".join(s[0] for s in SETS),
                        help="comma-separated set names (default: all)")
    parser.add_argument("--out", type=Path, default=Path("out/halves"))
    parser.add_argument("--reuse", action="store_true", help="score earlier results")
    parser.add_argument("--spotrep", type=Path, default=Path(sys.executable).parent / "spotrep")
    args = parser.parse_args(argv)
    wanted = args.tasks.split(",")
    unknown = set(wanted) - {s[0] for s in SETS}
    if unknown:
        parser.error(f"unknown sets: {', '.join(sorted(unknown))}")
    args.out.mkdir(parents=True, exist_ok=True)
    scorer = args.shared / "eval" / "score.py"
    for name, task, file in SETS:
        if name not in wanted:
            continue
        gold = args.shared / "eval" / file
        results = args.out / f"{name}.results.jsonl"
        if not (args.reuse and results.exists()):
            extract(args.spotrep, gold, results)
        figures = {"all": score(scorer, task, gold, results)}
        for half, path in split(gold, args.out).items():
            figures[half] = score(scorer, task, path, results)
        for half in ("all", "A", "B"):
            print(f"{name}\t{half}\t{json.dumps(figures[half])}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
