"""Article place/city/province/date against the real-corpus gold, **dev documents only**.

Reads ``selection.jsonl`` first and keeps only gold rows of documents whose split is
``dev`` (test rows are dropped as they are read, never compared or printed), then
compares each with the ``articles.jsonl`` of an ``extract`` run on
``governance.jsonl.gz``. Place names compare by the division they mean (上海 = 上海市).

Run::

    govstats extract ../shared/corpora/governance.jsonl.gz --out /tmp/gov
    PYTHONPATH=. python tools/measure_places.py /tmp/gov [GOLD_DIR]
"""

from __future__ import annotations

import glob
import gzip
import json
import sys
from pathlib import Path

from govstats.places import load_gazetteer

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "governance.jsonl.gz"
FIELDS = ("place", "city", "province", "date", "date_precision")


def _same(field: str, a, b) -> bool:
    if (a or None) == (b or None):
        return True
    if field in ("place", "city", "province") and a and b:
        G = load_gazetteer()
        return bool(set(G.lookup(a)) & set(G.lookup(b)))
    return False


def main(out: str, gold_dir: str) -> dict[str, str]:
    with open(Path(gold_dir) / "selection.jsonl", encoding="utf-8") as fh:
        dev = {(s["corpus"], s["id"]) for s in map(json.loads, fh) if s["split"] == "dev"}
    gold = {}
    for f in sorted(glob.glob(str(Path(gold_dir) / "parts" / "*" / "articles.jsonl"))):
        with open(f, encoding="utf-8") as fh:
            for line in fh:
                r = json.loads(line) if line.strip() else None
                if r is not None and (r["corpus"], r["id"]) in dev:
                    gold[(r["corpus"], r["id"])] = r
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        corpus_of = {str(r["id"]): r["corpus"] for r in map(json.loads, fh)}
    ours = {}
    with open(Path(out) / "articles.jsonl", encoding="utf-8") as fh:
        for a in map(json.loads, fh):
            rid = a["file"].split("#", 1)[1]
            ours[(corpus_of.get(rid), rid)] = a
    hits = dict.fromkeys(FIELDS, 0)
    for key, g in gold.items():
        a = ours.get(key, {})
        for f in FIELDS:
            hits[f] += _same(f, a.get(f), g.get(f))
    return {f: f"{n}/{len(gold)}" for f, n in hits.items()}


if __name__ == "__main__":
    gold_dir = sys.argv[2] if len(sys.argv) > 2 else str(ROOT / "tests" / "data" / "gold" / "real")
    print(json.dumps(main(sys.argv[1], gold_dir)))
