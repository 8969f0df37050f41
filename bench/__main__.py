"""``python -m bench``: throughput, peak memory and scaling of govstats, against ``jieba.lcut``.

For each size (articles of ~1,500 characters, one per file, resampled from the seeds
with a fixed seed) it measures, each in a fresh child process: the baseline
``jieba.lcut`` on a fixed-size sample of the corpus lines, the tokenizer backends on
the same sample, every stage, and ``govstats.pipeline.extract`` end to end on one and
on all cores (cold, and re-run on the unchanged corpus). It prints a table and writes
``bench/results.json``; ratios to the baseline are the headline.

    python -m bench                            # sizes 1000,10000 (~4 min on 2 cores)
    python -m bench --sizes 1000,10000,100000  # + the 100k memory run (~10 min more)
    python -m bench --markdown bench/results.json  # the tables of a run, as Markdown
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import time
from pathlib import Path
from typing import Any

from .stages import run_child
from .synth import CORPORA, build_corpus

RESULTS = Path(__file__).resolve().parent / "results.json"

# (row label, stage, options, single-process?)  – per size
PLAN: list[tuple[str, str, dict[str, Any]]] = [
    ("jieba.lcut (baseline, sample)", "jieba_lcut", {"sample": True}),
    ("tokens: jieba backend (sample)", "tokens_jieba", {"sample": True}),
    ("tokens: rjieba backend (sample)", "tokens_rjieba", {"sample": True}),
    ("tokens: rjieba backend (all)", "tokens_rjieba", {}),
    ("read + segment", "read_segment", {}),
    ("indicators", "indicators", {}),
    ("mentions + hierarchies", "mentions_hierarchies", {}),
    ("extraction w/o tokens (seg+ind+men+hier)", "extraction", {}),
    ("topics (tokens + TF-IDF + k-means, k=8)", "topics", {}),
    ("govstats extract, 1 process", "extract_e2e", {"n_jobs": 1, "tokens": False}),
    ("govstats extract, all cores", "extract_e2e", {"n_jobs": 0, "tokens": False}),
    ("extract + tokens, 1 process", "extract_e2e", {"n_jobs": 1, "tokens": True}),
    ("extract + tokens, all cores", "extract_e2e", {"n_jobs": 0, "tokens": True}),
    (
        "extract + tokens, re-run (cached)",
        "extract_e2e",
        {"n_jobs": 0, "tokens": True, "cache": True},
    ),
]
LARGE_ONLY = [
    (
        "govstats extract, all cores (kept)",
        "extract_e2e",
        {"n_jobs": 0, "tokens": False, "keep": True},
    ),
    ("topics (hashing) from the extract's tables", "topics_from_store", {"store": True}),
]
LARGE = 100_000


def _parse(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    p.add_argument(
        "--sizes", default="1000,10000", help="corpus sizes in articles (comma-separated)"
    )
    p.add_argument(
        "--sample-chars",
        type=int,
        default=2_000_000,
        help="characters of the corpus the jieba baseline and backends are timed on",
    )
    p.add_argument("--stages", default="", help="only these stage names (comma-separated)")
    p.add_argument(
        "--large-stages",
        default="",
        help=(
            f"at sizes >= {LARGE:,}, run only these stages (default: only the end-to-end "
            "memory run, extract_e2e + topics_from_store; 'all' for every stage)"
        ),
    )
    p.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="runs per measurement; the fastest is kept (the machine may be busy)",
    )
    p.add_argument("--seed", type=int, default=0, help="resampling seed")
    p.add_argument(
        "--markdown", metavar="RESULTS_JSON", help="print the tables of an earlier run as Markdown"
    )
    p.add_argument("--corpora", default=str(CORPORA), help="where synthetic corpora are written")
    p.add_argument("--out", default=str(RESULTS), help="results JSON file")
    return p.parse_args(argv)


def _fmt(x: float | None, spec: str) -> str:
    return "—" if x is None else format(x, spec)


def print_table(rows: list[dict[str, Any]], *, header: bool = True) -> None:
    """The results as a fixed-width table."""
    head = f"{'size':>7}  {'what':<44} {'chars':>11} {'wall s':>8} {'M char/s':>9} {'× jieba':>8} {'peak RSS MiB':>14}"
    if header:
        print(head)
        print("-" * len(head))
    for r in rows:
        rss = r.get("peak_rss_mib")
        tree = r.get("tree_peak_rss_mib")
        rss_s = _fmt(rss, ".0f") + (f" ({tree:.0f})" if tree and tree > rss * 1.2 else "")
        print(
            f"{r['size']:>7}  {r['label']:<44} {r['chars']:>11,} {_fmt(r['wall_s'], '8.2f')} "
            f"{_fmt(r['chars_per_s'] / 1e6 if r.get('chars_per_s') else None, '9.3f')} "
            f"{_fmt(r.get('ratio_to_jieba'), '8.2f')} {rss_s:>14}",
            flush=True,
        )


def markdown(rows: list[dict[str, Any]], tg: list[dict[str, Any]]) -> str:
    """The results and targets as Markdown tables (for the README)."""
    out = [
        "| articles | what | characters | wall s | M char/s | × jieba.lcut | peak RSS MiB |",
        "|---:|---|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        rate = r["chars_per_s"] / 1e6 if r.get("chars_per_s") else None
        rss = max(r.get("peak_rss_mib") or 0, r.get("tree_peak_rss_mib") or 0)
        out.append(
            f"| {r['size']:,} | {r['label']} | {r['chars']:,} | {r['wall_s']:.2f} | "
            f"{_fmt(rate, '.2f')} | {_fmt(r.get('ratio_to_jieba'), '.2f')} | {rss:.0f} |"
        )
    out += ["", "| target | articles | measured | met |", "|---|---:|---:|---|"]
    for t in tg:
        out.append(
            f"| {t['target']} | {t['size']:,} | {_fmt(t['value'], '.2f')} | "
            f"{'yes' if t['met'] else '**no**'} |"
        )
    return "\n".join(out)


def targets(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The issue's targets, evaluated on the largest size that measured each."""

    def get(label: str) -> dict[str, dict[str, Any]]:
        return {r["size"]: r for r in rows if r["label"] == label}

    out = []
    ext, base = get(PLAN[7][0]), get(PLAN[0][0])
    for size, r in sorted(ext.items()):
        if size in base:
            out.append(
                {
                    "target": "extraction w/o tokens >= 5x jieba.lcut (1 process)",
                    "size": size,
                    "value": r["ratio_to_jieba"],
                    "met": r["ratio_to_jieba"] >= 5,
                }
            )
    rj, jb = get(PLAN[2][0]), get(PLAN[0][0])
    for size in sorted(set(rj) & set(jb)):
        v = rj[size]["chars_per_s"] / jb[size]["chars_per_s"]
        out.append(
            {"target": "rjieba tokens >= 10x jieba.lcut", "size": size, "value": v, "met": v >= 10}
        )
    one, allc = get(PLAN[11][0]), get(PLAN[12][0])
    for size in sorted(set(one) & set(allc)):
        v = one[size]["wall_s"] / allc[size]["wall_s"]
        out.append(
            {
                "target": f"extract+tokens all cores ({os.cpu_count()}) >= 1.7x one process",
                "size": size,
                "value": v,
                "met": v >= 1.7,
            }
        )
    cached = get(PLAN[13][0])
    for size, r in sorted(cached.items()):
        v = r["wall_s"] / r["first_wall_s"] if r.get("first_wall_s") else None
        out.append(
            {
                "target": "re-run on an unchanged corpus: small fraction of the first run",
                "size": size,
                "value": v,
                "met": v is not None and v <= 0.25,
            }
        )
    ext, top = get(LARGE_ONLY[0][0]), get(LARGE_ONLY[1][0])
    for size in sorted(set(ext) & set(top)):
        e, t = ext[size], top[size]
        peak = max(  # the sampled tree sum can miss a short spike that ru_maxrss keeps
            e.get("tree_peak_rss_mib") or 0,
            e["peak_rss_mib"],
            t.get("tree_peak_rss_mib") or 0,
            t["peak_rss_mib"],
        )
        out.append(
            {
                "target": "extract (parent + every worker) and topics each peak < 4 GiB RSS",
                "size": size,
                "value": peak,
                "met": peak < 4096,
            }
        )
    return out


def main(argv: list[str] | None = None) -> int:
    args = _parse(argv)
    if args.markdown:
        data = json.loads(Path(args.markdown).read_text(encoding="utf-8"))
        print(markdown(data["rows"], targets(data["rows"])))
        return 0
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    only = {s for s in args.stages.split(",") if s}
    large_only = {s for s in args.large_stages.split(",") if s}
    rows: list[dict[str, Any]] = []
    t_start = time.perf_counter()
    for size in sizes:
        t0 = time.perf_counter()
        folder = build_corpus(size, root=Path(args.corpora), seed=args.seed)
        manifest = json.loads((folder / "MANIFEST.json").read_text(encoding="utf-8"))
        print(
            f"\n== {size:,} articles, {manifest['n_chars']:,} characters in {folder} "
            f"(built/reused in {time.perf_counter() - t0:.1f} s)",
            flush=True,
        )
        plan = list(PLAN)
        if size >= LARGE:  # the per-stage rows take long here: only the memory run by default
            plan = [p for p in PLAN + LARGE_ONLY if p[1] in large_only or "all" in large_only]
            plan = plan or list(LARGE_ONLY)
        kept = folder.with_name(folder.name + ".out")
        base_rate = None
        for label, name, opts in plan:
            if only and name not in only:
                continue
            opts = dict(opts)
            if opts.pop("sample", False):
                opts["sample_chars"] = args.sample_chars
            src = folder
            if opts.pop("keep", False):  # keep the output for the next row
                opts["out"] = str(kept)
            if opts.pop("store", False):  # read the kept output instead of the corpus
                src = kept
            runs = [run_child(name, src, **opts) for _ in range(max(1, args.repeat))]
            res = min(runs, key=lambda r: r["wall_s"])
            res["wall_s_all"] = [r["wall_s"] for r in runs]
            row = {"size": size, "label": label, "stage": name, "options": opts, **res}
            if name == "jieba_lcut":
                base_rate = res["chars_per_s"]
            row["ratio_to_jieba"] = (res["chars_per_s"] / base_rate) if base_rate else None
            rows.append(row)
            print_table([row], header=len(rows) == 1)
        shutil.rmtree(kept, ignore_errors=True)
    print(f"\nall sizes in {time.perf_counter() - t_start:.0f} s\n")
    print_table(rows)
    tg = targets(rows)
    print()
    for t in tg:
        print(
            f"{'MET ' if t['met'] else 'MISS'}  {t['target']}  (size {t['size']:,}: "
            f"{_fmt(t['value'], '.2f')})"
        )
    out = {
        "machine": {
            "cpu_count": os.cpu_count(),
            "python": sys.version.split()[0],
            "platform": platform.platform(),
            "processor": platform.processor(),
        },
        "args": vars(args),
        "corpus": "one synthetic article (~1,500 chars, seed paragraphs resampled) per file",
        "baseline": "jieba.lcut (jieba 0.42.1, default dictionary) on the first "
        f"{args.sample_chars:,} characters of corpus lines",
        "rows": rows,
        "targets": tg,
    }
    Path(args.out).write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"\nwrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
