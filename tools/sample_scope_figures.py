"""A stratified random sample of figures with their time scope from non-gold text of
``../shared/corpora``, for judging time scopes by reading (issue 11), and the re-check of a
judged sample against the current rules.

    PYTHONPATH=. python tools/sample_scope_figures.py --seed 61 --xwlb 80 --reports 40 --party 30 \
        > /tmp/s61.jsonl
    PYTHONPATH=. python tools/sample_scope_figures.py --check bench/scope_verdicts_s61.json

Strata: 新闻联播 stories (both corpus files), work reports (State Council and provincial) and
party-building articles of ``governance.jsonl.gz``. For each figure of a stratum a document is
drawn, then one of its paragraphs with a figure, then one figure of it (each figure once).
Every gold-selection document is skipped, and so is any paragraph that occurs in a gold
document (as in ``tools/sample_indicators.py``). One JSON line per figure: ``id``
(``corpus/doc#paragraph:start-end``), ``stratum``, ``surface``, ``subject``, ``scope`` (null for
none), ``sentence`` (the figure marked ``【…】``) and ``para``.

``--check FILE`` reads a verdict file (a JSON list of those rows, with ``para_sha1`` in place of
the paragraph, ``indicator``, ``ok`` and ``right``: the scope a reader judged right, null for
none), finds every paragraph in the corpus files again, re-extracts it with the current rules
and prints accuracy before and after and every changed scope, marked right or wrong by the
verdict (``lenient_equal``, as the scorer compares time scopes): ``right``, ``wrong`` (was right),
``still wrong`` (a different scope, neither right). Rows judged not an indicator are left out;
rows marked ``read_before`` (seen in an earlier sample while the rules were written) are
counted apart as well.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sample_indicators import CORPORA, gold_ids, load, sentence  # noqa: E402

STRATA = {
    "xwlb": ("xwlb",),
    "reports": ("state-council-reports", "provincial-reports-2026"),
    "party": ("party-building",),
}


def sample(seed: int, sizes: dict[str, int]) -> list[dict]:
    from govstats.indicators import extract_from_text

    recs, gold_paras = load(gold_ids())
    docs = [r for name in sorted(recs) for r in recs[name]]
    rng = random.Random(seed)
    out: list[dict] = []
    seen: set[str] = set()
    for stratum, n in sizes.items():
        pool = [r for r in docs if r["corpus"] in STRATA[stratum]]
        got = tries = 0
        while got < n and tries < 200 * max(n, 1):
            tries += 1
            rec = rng.choice(pool)
            paras = [
                (i, p) for i, p in enumerate(rec["text"].split("\n"))
                if p.strip() and p.strip() not in gold_paras
            ]  # fmt: skip
            if not paras:
                continue
            pi, para = rng.choice(paras)
            qs = list(extract_from_text(para))
            if not qs:
                continue
            q = rng.choice(qs)
            key = f"{rec['corpus']}/{rec['id']}#{pi}:{q.start}-{q.end}"
            if key in seen:
                continue
            seen.add(key)
            got += 1
            out.append({
                "id": key, "stratum": stratum, "surface": q.surface, "subject": q.subject,
                "scope": q.time_scope, "sentence": sentence(para, q.start, q.end).strip(),
                "para": para,
            })  # fmt: skip
    return out


def _paragraphs(rows: list[dict]) -> dict[str, str]:
    """The paragraph of every row, from the corpus files (``id`` = ``corpus/doc#index:span``;
    ``para_sha1`` decides between records that share an id)."""
    wanted = {r["id"].split("#")[0] for r in rows}
    found: dict[str, str] = {}
    for name in ("governance.jsonl.gz", "xwlb.jsonl.gz"):
        with gzip.open(CORPORA / name, "rt", encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                doc = f"{rec['corpus']}/{rec['id']}"
                if doc not in wanted:
                    continue
                lines = rec["text"].split("\n")
                for r in rows:
                    if r["id"].split("#")[0] != doc or r["id"] in found:
                        continue
                    i = int(r["id"].split("#")[1].split(":")[0])
                    p = lines[i] if i < len(lines) else ""
                    if hashlib.sha1(p.encode()).hexdigest() == r["para_sha1"]:
                        found[r["id"]] = p
    missing = [r["id"] for r in rows if r["id"] not in found]
    if missing:
        raise SystemExit(f"paragraphs not found (corpus changed?): {missing[:5]}")
    return found


def check(path: Path) -> int:
    from govstats.evaluate import lenient_equal
    from govstats.indicators import extract_from_text

    rows = [r for r in json.loads(path.read_text(encoding="utf-8")) if r["indicator"]]
    paras = _paragraphs(rows)
    before = after = 0
    changed = []
    for r in rows:
        span = r["id"].rsplit(":", 1)[1]
        start, end = (int(x) for x in span.split("-"))
        now = next(
            (
                q.time_scope
                for q in extract_from_text(paras[r["id"]])
                if (q.start, q.end) == (start, end)
            ),
            "<figure lost>",
        )
        was = r["scope"]
        before += bool(r["ok"])
        ok_now = lenient_equal(now, r["right"])
        after += bool(ok_now)
        if now != was:
            mark = "right" if ok_now else ("wrong" if r["ok"] else "still wrong")
            changed.append((mark, r["id"], was, now, r["right"], r["sentence"]))
    n = len(rows)
    print(f"{path.name}: {n} indicators, right before {before} ({before / n:.3f}), "
          f"after {after} ({after / n:.3f}); {len(changed)} changed")  # fmt: skip
    fresh = [r for r in rows if not r.get("read_before")]
    if len(fresh) < n:  # rows a reader had seen in an earlier sample while writing the rules
        ids = {r["id"] for r in fresh}
        b = sum(bool(r["ok"]) for r in fresh)
        a = b + sum((m == "right") - (m == "wrong") for m, i, *_ in changed if i in ids)
        print(f"  not read before: {len(fresh)} indicators, right before {b}, after {a}")
    for mark, i, was, now, right, sent in changed:
        print(f"  [{mark}] {i}: {was!r} -> {now!r} (judged {right!r})\n      {sent}")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--xwlb", type=int, default=80)
    ap.add_argument("--reports", type=int, default=40)
    ap.add_argument("--party", type=int, default=30)
    ap.add_argument("--check", type=Path, help="a verdict file to re-check")
    a = ap.parse_args(argv)
    if a.check:
        return check(a.check)
    for row in sample(a.seed, {"xwlb": a.xwlb, "reports": a.reports, "party": a.party}):
        print(json.dumps(row, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
