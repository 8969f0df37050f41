"""A random sample of indicators from non-gold paragraphs of ``../shared/corpora``, printed with
their sentence, for reading the extractor's subjects and time scopes by hand.

    PYTHONPATH=. python tools/sample_indicators.py --seed 1 -n 300 > /tmp/sample1.tsv

Documents are drawn at random from ``governance.jsonl.gz`` and ``xwlb.jsonl.gz`` (half each),
then one paragraph with at least one figure, then at most ``--per`` figures of it. Every document
of a gold selection (``tests/data/gold/real/selection*.jsonl``, every round) is skipped, and so
is any paragraph whose text occurs in a gold document (the 新闻联播 archive repeats stories
under other ids), so nothing held out is ever printed.

Output: one tab-separated line per figure: ``k, corpus/id, surface, subject, time_scope,
sentence`` (the figure marked ``【…】`` in its sentence).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
GOLD = ROOT / "tests" / "data" / "gold" / "real"
_SENT = re.compile(r"[^。！？!?；;\n]*[。！？!?；;]?")


def gold_ids() -> set[str]:
    ids: set[str] = set()
    for path in GOLD.glob("selection*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                ids.add(json.loads(line)["id"])
    return ids


def _records(name: str):
    with gzip.open(CORPORA / name, "rt", encoding="utf-8") as fh:
        for line in fh:
            yield json.loads(line)


def load(skip: set[str]) -> tuple[dict[str, list[dict]], set[str]]:
    """Non-gold records per corpus file, and the paragraphs of the gold documents."""
    out: dict[str, list[dict]] = {}
    gold_paras: set[str] = set()
    for name in ("governance.jsonl.gz", "xwlb.jsonl.gz"):
        keep = []
        for rec in _records(name):
            if rec["id"] in skip:
                gold_paras.update(p.strip() for p in rec["text"].split("\n") if len(p.strip()) > 8)
            else:
                keep.append(rec)
        out[name] = keep
    return out, gold_paras


def sentence(text: str, start: int, end: int) -> str:
    for m in _SENT.finditer(text):
        if m.start() <= start < max(m.end(), m.start() + 1):
            s, e = m.start(), m.end()
            return text[s:start] + "【" + text[start:end] + "】" + text[end:e]
    return text


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-n", type=int, default=300, help="figures to print")
    ap.add_argument("--per", type=int, default=2, help="figures per paragraph at most")
    ap.add_argument(
        "--jsonl", action="store_true", help="JSON lines with the paragraph and offsets"
    )
    a = ap.parse_args(argv)
    from govstats.indicators import extract_from_text

    recs, gold_paras = load(gold_ids())
    rng = random.Random(a.seed)
    names = sorted(recs)
    k = 0
    tries = 0
    while k < a.n and tries < 50 * a.n:
        tries += 1
        rec = rng.choice(recs[names[tries % 2]])
        paras = [p for p in rec["text"].split("\n") if p.strip() and p.strip() not in gold_paras]
        if not paras:
            continue
        para = rng.choice(paras)
        qs = list(extract_from_text(para))
        if not qs:
            continue
        for q in sorted(rng.sample(qs, min(a.per, len(qs))), key=lambda q: q.start):
            k += 1
            row = [str(k), f"{rec['corpus']}/{rec['id'][:8]}", q.surface, q.subject or "-",
                   q.time_scope or "-", sentence(para, q.start, q.end).strip()]  # fmt: skip
            if a.jsonl:
                keys = ("k", "doc", "surface", "subject", "time_scope", "sentence")
                print(json.dumps({**dict(zip(keys, row)), "para": para, "start": q.start},
                                 ensure_ascii=False))  # fmt: skip
            else:
                print("\t".join(row))
            if k >= a.n:
                break
    return 0


if __name__ == "__main__":
    sys.exit(main())
