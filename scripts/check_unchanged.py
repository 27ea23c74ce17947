"""Check that a refactor leaves behaviour unchanged: the same results, byte for byte.

`record DIR` runs the extractor on the bundled examples, the merge test set (and the seed article
and `make eval` when a shared folder is given) and writes the outputs to DIR; `check DIR` runs the
same again into a temporary folder and compares each file with the recorded one byte for byte.

    python scripts/check_unchanged.py record /tmp/refactor-baseline --shared /work/shared
    python scripts/check_unchanged.py check /tmp/refactor-baseline --shared /work/shared
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPOTREP = str(ROOT / ".venv" / "bin" / "spotrep")
_METRICS = re.compile(r"^\w+: \{")


def _runs(shared: Path | None) -> dict[str, list[str]]:
    """The extract runs whose outputs are compared, by output file name."""
    runs = {
        "examples.jsonl": [str(ROOT / "examples" / "articles")],
        "merge.jsonl": ["--input", str(ROOT / "tests" / "data" / "merge" / "articles.jsonl")],
    }
    if shared is not None:
        seed = shared / "seed" / "000_b77aa55227adc9dc.txt"
        runs["seed.jsonl"] = [str(seed), "--published", "2022-08-25"]
    return runs


def produce(out: Path, shared: Path | None, with_eval: bool = True) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name, args in _runs(shared).items():
        cmd = [SPOTREP, "extract", *args, "--quiet", "--output", str(out / name)]
        subprocess.run(cmd, check=True, cwd=ROOT)
    if shared is not None and with_eval:
        eval_run = subprocess.run(
            ["make", "-s", "eval", f"SHARED={shared}"],
            check=True, cwd=ROOT, capture_output=True, text=True,
        )
        # only the metric lines: `make` may first re-run setup (pins changed) and print that
        metrics = [line for line in eval_run.stdout.splitlines() if _METRICS.match(line)]
        (out / "eval.txt").write_text("\n".join(metrics) + "\n")


def compare(expected: Path, actual: Path) -> list[str]:
    """Names of the files made in ``actual`` that differ from (or are missing in) ``expected``."""
    names = sorted(p.name for p in actual.iterdir())
    differ = []
    for name in names:
        a, b = expected / name, actual / name
        if not (a.exists() and b.exists()) or a.read_bytes() != b.read_bytes():
            differ.append(name)
    return differ


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=["record", "check"])
    parser.add_argument("baseline", type=Path)
    parser.add_argument("--shared", type=Path, help="the shared folder (seed + eval sets)")
    parser.add_argument("--no-eval", action="store_true", help="skip `make eval` (the slow part)")
    args = parser.parse_args()
    if args.mode == "record":
        produce(args.baseline, args.shared)
        print(f"recorded {len(list(args.baseline.iterdir()))} files in {args.baseline}")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        produce(Path(tmp), args.shared, with_eval=not args.no_eval)
        differ = compare(args.baseline, Path(tmp))
        for name in sorted(p.name for p in Path(tmp).iterdir()):
            print(f"{name}: {'DIFFERS' if name in differ else 'identical'}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
