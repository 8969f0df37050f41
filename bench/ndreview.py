"""``python -m bench.ndreview``: the near-duplicates flagged on the 新闻联播 archive, and a
hand-read sample of them.

Reads every story with the record reader (first ``--n``, default all 74,529), segments
it, computes each article's
signature (``govstats.minhash``, identical to the pipeline's) and runs the pipeline's
corpus-wide step (``segment.near_duplicate_roots``: LSH, exact Jaccard ≥ 0.5, 80 % of the
shorter text in the longer, dated at most 31 days apart). Every
flagged article and the earliest article of its group form a pair; ``--sample`` pairs
are drawn with ``random.Random(--seed)`` and printed (date, title and the first
characters of both texts) for reading. The verdicts of the reader are kept in
``bench/nd_verdicts.json`` (archive ids and a verdict per pair, no text); with
``--record`` the counts and the precision of the sample go into ``bench/results.json``
(``near_duplicates``), from which the README block is rendered.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path
from typing import Any

from .real import documents

HERE = Path(__file__).resolve().parent
VERDICTS = HERE / "nd_verdicts.json"
RESULTS = HERE / "results.json"


def flagged_pairs(n: int | None) -> dict[str, Any]:
    """Counts, and every flagged ``(reprint, original)`` pair with what to print."""
    from govstats import minhash
    from govstats.corpus import segment_document
    from govstats.segment import near_duplicate_roots, near_duplicate_text

    recs: list[dict[str, Any]] = []  # per article: archive id, date, title, text head
    feats = []
    n_stories = 0
    for doc in documents(n):
        n_stories += 1
        arts, _blocks = segment_document(doc)
        texts = [near_duplicate_text(a) for a in arts]
        feats += minhash.features_many(texts)
        for a, t in zip(arts, texts):
            recs.append(
                {
                    "id": doc.record_id,
                    "date": a.date or doc.date,
                    "source": a.source or doc.source,
                    "title": a.title or doc.title or "",
                    "head": t[:90],
                }
            )
    roots = near_duplicate_roots(
        [s for s, _ in feats],
        lambda i: feats[i][1],
        dates=[r["date"] for r in recs],
        sources=[r["source"] for r in recs],
    )
    pairs = []
    for i, r in enumerate(roots):
        if r != i:
            inter = len(set(feats[i][1].tolist()) & set(feats[r][1].tolist()))
            jac = inter / (len(feats[i][1]) + len(feats[r][1]) - inter)
            pairs.append({"dup": recs[i], "orig": recs[r], "jaccard": round(jac, 3)})
    return {
        "stories": n_stories,
        "articles": len(roots),
        "compared": sum(1 for s, _ in feats if len(s)),
        "flagged": len(pairs),
        "groups": len({r for i, r in enumerate(roots) if r != i}),
        "pairs": pairs,
    }


def _cached_pairs(n: int | None) -> dict[str, Any]:
    """:func:`flagged_pairs`, kept in the git-ignored ``bench/_corpora`` between runs."""
    from .real import records_file

    src = records_file(n)
    cache = HERE / "_corpora" / f"nd_pairs_{n or 'all'}.json"
    import hashlib

    from govstats.paths import DATA_DIR, PACKAGE_DIR

    # the flags depend on the archive and on every stage before them (segmenting, dates, the
    # signatures, the rule itself): any changed module or data file re-runs
    code = hashlib.sha256()
    for p in sorted(PACKAGE_DIR.glob("*.py")) + sorted(
        q for q in DATA_DIR.glob("*") if q.is_file()
    ):
        code.update(p.name.encode() + b"\0" + p.read_bytes())
    code = code.hexdigest()
    stamp = [src.stat().st_size, src.stat().st_mtime_ns, code]
    if cache.exists():
        got = json.loads(cache.read_text(encoding="utf-8"))
        if got.get("stamp") == stamp:
            return got
    got = {**flagged_pairs(n), "stamp": stamp}
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_text(json.dumps(got, ensure_ascii=False), encoding="utf-8")
    return got


def _days(a: str | None, b: str | None) -> int | None:
    import datetime as dt

    try:
        return abs((dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days)
    except (TypeError, ValueError):
        return None


def _buckets(pairs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Flagged pairs by Jaccard with their group's first article, and how many of each
    bucket are on the same or the next day."""
    out = []
    for lo, hi in ((0.0, 0.5), (0.5, 0.7), (0.7, 0.9), (0.9, 1.01)):
        sel = [p for p in pairs if lo <= p["jaccard"] < hi]
        gaps = [_days(p["dup"]["date"], p["orig"]["date"]) for p in sel]
        near = [g for g in gaps if g is not None and g <= 1]
        out.append(
            {
                "jaccard": f"{lo:.1f}–{min(hi, 1.0):.1f}",
                "pairs": len(sel),
                "within_a_day": len(near),
            }
        )
    return out


def _key(p: dict[str, Any]) -> str:
    return f"{p['dup']['id']}/{p['orig']['id']}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m bench.ndreview", description=__doc__.split("\n\n")[0]
    )
    ap.add_argument("--n", type=int, default=0, help="first N stories (0: the whole archive)")
    ap.add_argument("--sample", type=int, default=30, help="pairs to draw for reading")
    ap.add_argument("--seed", type=int, default=0, help="seed of the sample")
    ap.add_argument("--record", action="store_true", help="write the counts into results.json")
    ap.add_argument(
        "--min-jaccard",
        type=float,
        default=0.0,
        help="draw the sample only among pairs at least this similar (to judge a stricter rule)",
    )
    ap.add_argument("--max-jaccard", type=float, default=1.01, help="... and below this")
    args = ap.parse_args(argv)
    got = _cached_pairs(args.n or None)
    pairs = got.pop("pairs")
    got["by_jaccard"] = _buckets(pairs)
    if args.min_jaccard or args.max_jaccard <= 1:
        pairs = [p for p in pairs if args.min_jaccard <= p["jaccard"] < args.max_jaccard]
    sample = random.Random(args.seed).sample(pairs, min(args.sample, len(pairs)))
    verdicts = json.loads(VERDICTS.read_text(encoding="utf-8")) if VERDICTS.exists() else {}
    got.pop("stamp", None)
    print(json.dumps(got, ensure_ascii=False))
    for k, p in enumerate(sample, 1):
        v = verdicts.get(_key(p), {})
        print(
            f"\n[{k}] {_key(p)}  J={p['jaccard']}  verdict={v.get('true', '?')} {v.get('kind', '')}"
        )
        for side in ("dup", "orig"):
            r = p[side]
            print(f"  {side:4} {r['date']} {r['title'][:40]}\n       {r['head']}")
    missing = [_key(p) for p in sample if _key(p) not in verdicts]
    if args.record:
        if missing:
            print(
                f"\n{len(missing)} sampled pair(s) have no verdict in {VERDICTS.name}: not recorded"
            )
            return 1
        vs = [verdicts[_key(p)] for p in sample]
        kinds: dict[str, int] = {}
        for v in vs:
            kinds[v["kind"]] = kinds.get(v["kind"], 0) + 1
        true = sum(1 for v in vs if v["true"])
        data = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
        key = "near_duplicates"
        if args.min_jaccard or args.max_jaccard <= 1:
            key += f"_j{args.min_jaccard:g}-{min(args.max_jaccard, 1):g}"
        data[key] = {
            **got,
            "command": f"python -m bench.ndreview --n {args.n} --sample {args.sample} "
            f"--seed {args.seed}"
            + (f" --min-jaccard {args.min_jaccard:g}" if args.min_jaccard else "")
            + (f" --max-jaccard {args.max_jaccard:g}" if args.max_jaccard <= 1 else ""),
            "min_jaccard": args.min_jaccard,
            "max_jaccard": min(args.max_jaccard, 1.0),
            "sample": len(sample),
            "seed": args.seed,
            "true": true,
            "precision": true / len(sample) if sample else None,
            "pool": len(pairs),
            "kinds": dict(sorted(kinds.items(), key=lambda kv: -kv[1])),
        }
        RESULTS.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"\nrecorded in {RESULTS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
