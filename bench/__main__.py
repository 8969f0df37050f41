"""``python -m bench``: throughput, peak memory and scaling of govstats, against ``jieba.lcut``.

Two tables. **Real**: the first 10,000 新闻联播 stories of ``../shared/corpora/xwlb.jsonl.gz``
(``--full``: also the whole archive, 74,529 stories), read straight from the gzip JSON
lines (written out one story per file for the rows that run ``govstats extract``).
**Synthetic**: seed paragraphs resampled into ~1,500-character articles (``--sizes``).
Every row runs in a fresh child process (its peak RSS is its own) and is divided by
plain ``jieba.lcut`` over the same text in the same run. Results are merged into
``bench/results.json`` (committed); ``--write-docs`` regenerates the tables in README.md
and bench/README.md from it.

    python -m bench                         # real 10k + synthetic 1k (~4 min on 2 cores)
    python -m bench --full                  # + the whole archive (~15 min, a quiet machine)
    python -m bench --real 0 --sizes 10000  # only the synthetic 10k table
    python -m bench --write-docs            # README blocks from bench/results.json
    python -m bench --check-docs            # exit 1 when a block differs from the results
    python -m bench --stages extraction     # re-measure some rows only (replaced in place)
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from .docs import check_docs, print_table, write_docs
from .stages import real_source, run_child
from .synth import CORPORA, build_corpus
from .targets import real_targets

RESULTS = Path(__file__).resolve().parent / "results.json"
#: ``--stages jieba_again``: only the closing baseline row, added to an earlier run
AGAIN = "jieba_again"

Plan = list[tuple[str, str, dict[str, Any]]]

#: rows measured on the real corpus: (label, stage, options)
REAL_PLAN: Plan = [
    ("jieba.lcut (baseline, every line)", "jieba_lcut", {}),
    ("tokens: jieba backend, HMM off", "tokens_jieba", {}),
    ("tokens: rjieba backend (default), HMM off", "tokens_rjieba", {}),
    ("read + segment (gzip records → articles)", "read_segment", {}),
    ("indicators", "indicators", {}),
    ("mentions + structures", "mentions_hierarchies", {}),
    ("near-dup signatures: segment (pipeline today)", "nd_signatures", {"impl": "segment"}),
    ("near-dup signatures: govstats.minhash", "nd_signatures", {"impl": "minhash"}),
    ("near-duplicates: LSH + exact check (corpus-wide)", "nd_reduce", {}),
    ("topics (tokens + TF-IDF + k-means, k=8)", "topics", {}),
    ("writing the store (DuckDB)", "store_write", {}),
    ("extraction w/o tokens (read + extract_document)", "extraction", {}),
    ("extraction w/o tokens, govstats.minhash wired in", "extraction", {"minhash": True}),
    ("govstats extract, 1 process, --no-cache", "extract_e2e", {"n_jobs": 1, "tokens": False}),
    (
        "govstats extract, 1 process, cache on (first run)",
        "extract_e2e",
        {"n_jobs": 1, "tokens": False, "cache": True},
    ),
    ("extract + tokens, 1 process", "extract_e2e", {"n_jobs": 1, "tokens": True}),
    ("extract + tokens, all cores", "extract_e2e", {"n_jobs": 0, "tokens": True}),
    (
        "extract + tokens, all cores, re-run (cached)",
        "extract_e2e",
        {"n_jobs": 0, "tokens": True, "rerun": True},
    ),
    (
        "extract + tokens on all cores, then topics (hashing)",
        "e2e_topics",
        {"n_jobs": 0, "tokens": True},
    ),
    ("Dask, local cluster of 2 workers (+ identity check)", "dask_check", {"n_jobs": 2}),
]
#: the rows of the whole-archive run (the others take long there and repeat the 10k figure)
FULL_STAGES = {
    "jieba_lcut",
    "tokens_rjieba",
    "read_segment",
    "nd_reduce",
    "extraction",
    "extract_e2e",
    "e2e_topics",
}

#: rows measured on the synthetic corpora
SYNTH_PLAN: Plan = [
    ("jieba.lcut (baseline, sample)", "jieba_lcut", {"sample": True}),
    ("tokens: jieba backend (sample)", "tokens_jieba", {"sample": True}),
    ("tokens: rjieba backend (sample)", "tokens_rjieba", {"sample": True}),
    ("read + segment", "read_segment", {}),
    ("indicators", "indicators", {}),
    ("mentions + hierarchies", "mentions_hierarchies", {}),
    ("extraction w/o tokens (extract_file, 1 process)", "extraction", {}),
    ("extraction w/o tokens, govstats.minhash wired in", "extraction", {"minhash": True}),
    ("topics (tokens + TF-IDF + k-means, k=8)", "topics", {}),
    ("govstats extract, 1 process", "extract_e2e", {"n_jobs": 1, "tokens": False}),
    ("extract + tokens, 1 process", "extract_e2e", {"n_jobs": 1, "tokens": True}),
    ("extract + tokens, all cores", "extract_e2e", {"n_jobs": 0, "tokens": True}),
    (
        "extract + tokens, all cores, re-run (cached)",
        "extract_e2e",
        {"n_jobs": 0, "tokens": True, "rerun": True},
    ),
]


def _parse(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    p.add_argument(
        "--real",
        type=int,
        default=10_000,
        help="新闻联播 stories of the real table (first N of the archive; 0: no real table)",
    )
    p.add_argument("--full", action="store_true", help="also run the whole archive (74,529)")
    p.add_argument(
        "--sizes", default="1000", help="synthetic corpus sizes in articles ('' for none)"
    )
    p.add_argument(
        "--sample-chars",
        type=int,
        default=2_000_000,
        help="characters of a synthetic corpus the jieba baseline and backends are timed on",
    )
    p.add_argument("--stages", default="", help="only these stage names (comma-separated)")
    p.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="runs per measurement; the fastest is kept (the machine may be busy)",
    )
    p.add_argument(
        "--no-baseline",
        action="store_true",
        help="with --stages: do not add the jieba.lcut row (absolute figures only, no ratios)",
    )
    p.add_argument("--seed", type=int, default=0, help="resampling seed (synthetic)")
    p.add_argument("--corpora", default=str(CORPORA), help="where synthetic corpora are written")
    p.add_argument("--out", default=str(RESULTS), help="results JSON file (rows merged in)")
    p.add_argument(
        "--fresh", action="store_true", help="drop the rows already in --out instead of merging"
    )
    p.add_argument(
        "--write-docs",
        action="store_true",
        help="rewrite the README blocks from --out, run nothing",
    )
    p.add_argument(
        "--check-docs", action="store_true", help="exit 1 if a README block differs from --out"
    )
    return p.parse_args(argv)


def _git_commit() -> str | None:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            cwd=Path(__file__).resolve().parent,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None


def run_plan(
    corpus: str, size: int | None, src: Any, plan: Plan, args: argparse.Namespace
) -> list[dict[str, Any]]:
    """Run every row of ``plan`` on ``src``; each row's ratio is to its first (baseline)."""
    only = {s for s in args.stages.split(",") if s}
    rows: list[dict[str, Any]] = []
    stamp = _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    for label, name, opts in plan:
        if only and name not in only and (name != "jieba_lcut" or args.no_baseline):
            continue
        if only == {AGAIN}:  # only the closing baseline, added to an earlier run's rows
            break
        opts = dict(opts)
        if opts.pop("sample", False):
            opts["sample_chars"] = args.sample_chars
        load = os.getloadavg()[0]
        runs = [run_child(name, src, **opts) for _ in range(max(1, args.repeat))]
        res_load = [load, os.getloadavg()[0]]
        res = min(runs, key=lambda r: r["wall_s"])
        res["wall_s_all"] = [r["wall_s"] for r in runs]
        row = {
            "corpus": corpus,
            "size": size,
            "label": label,
            "stage": name,
            "options": opts,
            "measured_at": stamp,
            "commit": _git_commit(),
            "load_avg": res_load,  # 1-minute load average before and after
            "cpu_count": os.cpu_count(),
            **res,
        }
        rows.append(row)
        add_ratios(rows)
        print_table([row], header=len(rows) == 1)
    if (rows and rows[0]["stage"] == "jieba_lcut" and len(rows) > 2) or only == {AGAIN}:
        # the baseline once more at the end: the machine's load moves during a run, and
        # the ratios use the mean of the two baseline times
        label, name, opts = plan[0]
        opts = dict(opts)
        if opts.pop("sample", False):
            opts["sample_chars"] = args.sample_chars
        load = os.getloadavg()[0]
        res = run_child(name, src, **opts)
        rows.append(
            {
                "corpus": corpus,
                "size": size,
                "label": label.replace("(baseline", "(baseline again, last"),
                "stage": name,
                "options": opts,
                "measured_at": stamp,
                "commit": _git_commit(),
                "load_avg": [load, os.getloadavg()[0]],
                "cpu_count": os.cpu_count(),
                **res,
            }
        )
        add_ratios(rows)
        print_table(rows[-1:], header=False)
    own = [r["wall_s"] for r in rows if r["stage"] == "jieba_lcut"]
    for r in rows:  # each row keeps the baseline of its own run (later runs may replace it)
        if own and corpus == "xwlb":
            r["baseline_wall_s"] = sum(own) / len(own)
    add_ratios(rows)
    return rows


def add_ratios(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Set every row's ``ratio_to_jieba`` from the baseline row of its corpus and size.

    On the real corpus every row covers the same stories as its baseline, so the ratio
    is the baseline's wall time over the row's (how many times faster than ``jieba.lcut``
    over the same stories): the mean of the baseline rows of the row's own run
    (``baseline_wall_s``, kept in the row), or of the current ones for a run without one. The synthetic baseline runs on a sample of the corpus, so
    there the ratio is of characters per second.
    """
    base: dict[tuple, list[dict[str, Any]]] = {}
    for r in rows:
        if r["stage"] == "jieba_lcut":
            base.setdefault((r["corpus"], r["size"]), []).append(r)
    for r in rows:
        bs = base.get((r["corpus"], r["size"]))
        if r.get("baseline_wall_s") and r.get("wall_s") and r["corpus"] == "xwlb":
            # the baseline of the row's own run (mean of its first and last row)
            r["ratio_to_jieba"] = r["baseline_wall_s"] / r["wall_s"]
        elif not bs or not r.get("wall_s"):
            r["ratio_to_jieba"] = None
        elif r["corpus"] == "xwlb":  # the mean of the baseline runs (first and last row)
            r["ratio_to_jieba"] = sum(b["wall_s"] for b in bs) / len(bs) / r["wall_s"]
        else:
            rate = sum(b["chars_per_s"] for b in bs) / len(bs)
            r["ratio_to_jieba"] = r["chars_per_s"] / rate
    return rows


def _merge(
    old: list[dict[str, Any]], new: list[dict[str, Any]], *, by_label: bool = False
) -> list[dict[str, Any]]:
    """``old`` rows whose (corpus, size) was not measured again, then ``new``.

    With ``by_label`` (a run of some ``--stages`` only) just the rows measured again
    are replaced, each in its place; new rows go after their corpus and size.
    """
    if not by_label:
        done = {(r["corpus"], r["size"]) for r in new}
        return [r for r in old if (r.get("corpus"), r.get("size")) not in done] + new
    fresh = {(r["corpus"], r["size"], r["label"]): r for r in new}
    out = [fresh.pop((r.get("corpus"), r.get("size"), r.get("label")), r) for r in old]
    for r in new:
        if (r["corpus"], r["size"], r["label"]) in fresh:
            last = max(
                (
                    i
                    for i, o in enumerate(out)
                    if (o["corpus"], o["size"]) == (r["corpus"], r["size"])
                ),
                default=len(out) - 1,
            )
            out.insert(last + 1, r)
    return out


def main(argv: list[str] | None = None) -> int:
    args = _parse(argv)
    out_path = Path(args.out)
    if args.write_docs or args.check_docs:
        data = json.loads(out_path.read_text(encoding="utf-8"))
        if args.check_docs:
            bad = check_docs(data)
            for b in bad:
                print(f"out of date: {b} (run python -m bench --write-docs)")
            return 1 if bad else 0
        for p in write_docs(data):
            print(f"rewrote {p}")
        return 0
    old: dict[str, Any] = {}
    if out_path.exists() and not args.fresh:
        old = json.loads(out_path.read_text(encoding="utf-8"))
    t_start = time.perf_counter()
    rows: list[dict[str, Any]] = []
    real_sizes: list[int | None] = ([args.real] if args.real else []) + (
        [None] if args.full else []
    )
    for n in real_sizes:
        plan = REAL_PLAN if n else [p for p in REAL_PLAN if p[1] in FULL_STAGES]
        print(
            f"\n== 新闻联播 archive, {'all' if n is None else f'first {n:,}'} stories", flush=True
        )
        rows += run_plan("xwlb", n, real_source(n), plan, args)
    for size in [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]:
        t0 = time.perf_counter()
        folder = build_corpus(size, root=Path(args.corpora), seed=args.seed)
        print(
            f"\n== synthetic, {size:,} articles in {folder} "
            f"(built/reused in {time.perf_counter() - t0:.1f} s)",
            flush=True,
        )
        rows += run_plan("synthetic", size, folder, SYNTH_PLAN, args)
    print(f"\nall rows in {time.perf_counter() - t_start:.0f} s\n")
    all_rows = add_ratios(_merge(old.get("rows", []), rows, by_label=bool(args.stages)))
    tg = real_targets(all_rows)
    for t in tg:
        print(f"{t['status'].upper():7} {t['target']}: {t['measured']}")
    if out_path.exists():  # keep what other tools recorded meanwhile (profile, review)
        old = {**old, **json.loads(out_path.read_text(encoding="utf-8"))}
        old.pop("rows", None)
    data = {
        **{k: v for k, v in old.items() if k not in ("rows", "targets")},
        "machine": {
            "cpu_count": os.cpu_count(),
            "python": sys.version.split()[0],
            "platform": platform.platform(),
        },
        "rows": all_rows,
        "targets": tg,
    }
    out_path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"\nwrote {out_path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
