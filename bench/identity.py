"""``python -m bench.identity``: do the outputs stay the same after a speed change?

Runs ``pipeline.extract`` (one process, no cache, tokens on) on the seeds and on the
first ``--n`` 新闻联播 stories (the record file of ``bench.real``), and prints the
sha256 and row count of every JSONL table. ``--save FILE`` writes them as JSON;
``--check FILE`` compares them with a saved run and exits 1 naming every table that
differs (with ``--keep`` on both runs, also the first differing row of each).

Use it around an optimisation: ``--save`` on the commit before, ``--check`` after.
The figures are not committed: other branches change the indicator rules, and with
them the rows.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

TABLES = ("articles", "paragraphs", "indicators", "mentions", "hierarchies", "tokens")


def digests(src: Path, *, keep: Path | None = None) -> dict[str, Any]:
    """``{table: {"sha256", "rows"}}`` of ``pipeline.extract(src)``."""
    from govstats import pipeline

    with tempfile.TemporaryDirectory() as tmp:
        out = keep or Path(tmp)
        pipeline.extract(src, out, n_jobs=1, cache=False, tokens=True)
        res = {}
        for t in TABLES:
            p = out / f"{t}.jsonl"
            data = p.read_bytes() if p.exists() else b""
            res[t] = {"sha256": hashlib.sha256(data).hexdigest(), "rows": data.count(b"\n")}
        return res


def run(n: int, *, keep: Path | None = None) -> dict[str, Any]:
    from govstats.paths import SEEDS_DIR

    from .real import records_file

    out: dict[str, Any] = {"n": n, "kept": str(keep.resolve()) if keep else None}
    out["seeds"] = digests(SEEDS_DIR, keep=keep / "seeds" if keep else None)
    if n:
        out["xwlb"] = digests(records_file(n), keep=keep / "xwlb" if keep else None)
    return out


def _first_diff(a: Path, b: Path) -> str:
    if not (a.exists() and b.exists()):
        return ""
    for i, (x, y) in enumerate(zip(a.open(encoding="utf-8"), b.open(encoding="utf-8"))):
        if x != y:
            return f"    row {i}:\n    - {x.rstrip()[:400]}\n    + {y.rstrip()[:400]}"
    return "    (one file is a prefix of the other)"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m bench.identity", description=__doc__.split("\n\n")[0]
    )
    ap.add_argument("--n", type=int, default=2000, help="first N stories (0: seeds only)")
    ap.add_argument("--save", type=Path, help="write the digests to this JSON file")
    ap.add_argument("--check", type=Path, help="compare with the digests in this JSON file")
    ap.add_argument("--keep", type=Path, help="keep the JSONL tables in this folder")
    args = ap.parse_args(argv)
    got = run(args.n, keep=args.keep)
    for corpus in ("seeds", "xwlb"):
        for t, d in got.get(corpus, {}).items():
            print(f"{corpus:<6} {t:<12} {d['rows']:>8} rows  {d['sha256'][:16]}")
    if args.save:
        args.save.write_text(json.dumps(got, indent=1) + "\n", encoding="utf-8")
    if args.check:
        want = json.loads(args.check.read_text(encoding="utf-8"))
        if want.get("n") != got["n"]:
            print(f"--check: saved for n={want.get('n')}, this run n={got['n']}")
            return 1
        bad = [
            (c, t)
            for c in ("seeds", "xwlb")
            for t in TABLES
            if want.get(c, {}).get(t) != got.get(c, {}).get(t)
        ]
        for c, t in bad:
            print(f"DIFFERS: {c} {t}")
            if args.keep and want.get("kept"):
                print(
                    _first_diff(Path(want["kept"]) / c / f"{t}.jsonl", args.keep / c / f"{t}.jsonl")
                )
        if not bad:
            print("identical: every table of the seeds and the sample")
        return 1 if bad else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
