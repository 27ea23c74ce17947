"""Work per article against its length: time per character should stay flat.

    python benchmarks/bounded_work.py [--sizes 1000,10000,100000] [--cases news,killed,...]

For each input class (ordinary news built from the bundled examples, and the repetitive and
adversarial texts of issue 15) and each size, prints the seconds one article takes through the
whole pipeline (parse and extraction, no time budget) as CPU time of this process (the machine
is shared: wall time is printed too), microseconds per character, and whether it finished within
10 s. Figures are printed, never asserted: timings depend on the machine.
A case whose next size would take more than ``--give-up`` seconds (judged linearly from the
last) is skipped.
"""

from __future__ import annotations

import argparse
import dataclasses
import time
from collections.abc import Callable
from itertools import cycle
from pathlib import Path

from spotrep.ingest.files import read_sources
from spotrep.pipeline import load_pipeline
from spotrep.records import Article, Failure

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "articles"
TARGET_SECONDS = 10.0


def news(n: int) -> str:
    bodies = [a.text for a in read_sources([EXAMPLES]) if isinstance(a, Article)]
    out: list[str] = []
    size = 0
    for body in cycle(bodies):
        out.append(body)
        size += len(body) + 1
        if size >= n:
            break
    return "\n".join(out)[:n]


def repeated(word: str) -> Callable[[int], str]:
    return lambda n: ((word + " ") * (n // (len(word) + 1) + 1))[:n]


def one_line(n: int) -> str:
    """Ordinary news with every line break made a space: one paragraph of n characters."""
    return news(n).replace("\n", " ")


def no_spaces(n: int) -> str:
    return news(n).replace(" ", "").replace("\n", "")[:n] or "x" * n


TOWNS = ("Kharkiv", "Odesa", "Kherson", "Sumy", "Dnipro", "Lviv", "Mykolaiv", "Poltava",
         "Chernihiv", "Kramatorsk", "Izium", "Zaporizhzhia", "Bakhmut")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def chronology(n: int) -> str:
    """A timeline in one paragraph: a new strike, date, town and toll in every sentence."""
    out: list[str] = []
    size = i = 0
    while size < n:
        out.append(f"On {MONTHS[i % 12]} {i % 28 + 1} a strike hit {TOWNS[i % 13]}, killing "
                   f"{i % 9 + 2} people. ")
        size += len(out[-1])
        i += 1
    return "".join(out)[:n]


CASES: dict[str, Callable[[int], str]] = {
    "news": news,
    "killed": repeated("killed"),
    "killed-period": repeated("killed."),
    "punctuation": lambda n: ("!?.,;-*" * (n // 7 + 1))[:n],
    "punctuation-spaced": repeated("!"),
    "one-line": one_line,
    "no-spaces": no_spaces,
    "numbers": repeated("12 killed, 30"),
    "sentence-repeated": lambda n: ("A strike hit Kharkiv. " * (n // 22 + 1))[:n],
    "chronology": chronology,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--cases", default=",".join(CASES))
    parser.add_argument("--give-up", type=float, default=120.0, metavar="SECONDS")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    pipeline = dataclasses.replace(load_pipeline(), time_budget=None)
    list(pipeline.run([Article.create(news(2000), published="2024-01-01")]))  # warm up
    print(f"{'case':<20}{'chars':>9}{'cpu s':>10}{'us/char':>10}{'wall s':>10}  "
          f"within {TARGET_SECONDS:g} s (cpu)")
    for name in args.cases.split(","):
        last: tuple[int, float] | None = None
        for n in sizes:
            if last is not None and last[1] * n / last[0] > args.give_up:
                print(f"{name:<20}{n:>9}{'skipped':>10}  (over {args.give_up:g} s projected)")
                continue
            article = Article.create(CASES[name](n), published="2024-01-01")
            start, wall = time.process_time(), time.perf_counter()
            (out,) = pipeline.run([article])
            seconds, wall = time.process_time() - start, time.perf_counter() - wall
            note = f"  FAILED: {out.reason}" if isinstance(out, Failure) else ""
            ok = "yes" if seconds <= TARGET_SECONDS else "NO"
            print(f"{name:<20}{n:>9}{seconds:>10.2f}{seconds / n * 1e6:>10.1f}{wall:>10.2f}  "
                  f"{ok}{note}", flush=True)
            last = (n, seconds)


if __name__ == "__main__":
    main()
