"""A random sample of the structures the extractor finds on non-gold cue stories, to judge levels.

    python tools/sample_found_structures.py --seed 7301 --n 40 [--stories 400] [--exclude-seed 7301]

Stories: non-gold records of ``../shared/corpora/xwlb.jsonl.gz`` and ``governance.jsonl.gz``
(at most 3,000 characters) that match the wide structure cue of ``tools/select_gold.py``;
``--stories`` of them are drawn with ``random.Random(seed)``, the extractor runs on them, and
``--n`` of the structures it finds (one per statement) are drawn with ``random.Random(seed + 1)``
and printed with their paragraph, for a reader to judge the levels by ANNOTATION.md.
``--exclude-seed S:K`` leaves out the K stories the draw of seed ``S`` read (a second, fresh sample).
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
sys.path.insert(0, str(ROOT / "tools"))

from measure_structures import extract, gold_ids  # noqa: E402
from select_gold import STRUCTURE_CUE_WIDE, _key  # noqa: E402

# a level that is only a rank word (省, 市级, 县区, 乡镇（街道）, 村居 …)
_RANKS = re.compile(
    r"(?:中央|国家|[省市县区乡镇村州旗盟组]|街道|社区|村居|地市)+级?(?:[（(][^）)]*[）)])?"
)
CORPORA = [ROOT.parent / "shared" / "corpora" / n for n in ("xwlb.jsonl.gz", "governance.jsonl.gz")]


def pool() -> list[dict]:
    exclude = gold_ids()
    rows = []
    for path in CORPORA:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                r = json.loads(line)
                t = r.get("text") or ""
                if r["id"] in exclude or len(t) > 3000 or not STRUCTURE_CUE_WIDE.search(t):
                    continue
                rows.append({k: r.get(k) for k in ("id", "text", "title", "date")})
    return sorted(rows, key=lambda r: _key(str(r["id"])))


def draw(rows: list[dict], seed: int, n: int) -> list[dict]:
    return random.Random(seed).sample(rows, min(n, len(rows)))


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--n", type=int, default=40)
    ap.add_argument("--stories", type=int, default=400)
    ap.add_argument(
        "--exclude-seed", action="append", default=[], help="SEED:STORIES of an earlier draw"
    )
    ap.add_argument(
        "--not-ranks",
        action="store_true",
        help="only structures with a level that is not a bare rank (省, 市级, 乡镇 …)",
    )
    args = ap.parse_args(argv)
    rows = pool()
    full = list(rows)
    for spec in args.exclude_seed:
        s, _, k = spec.partition(":")
        used = {r["id"] for r in draw(full, int(s), int(k or args.stories))}
        rows = [r for r in rows if r["id"] not in used]
    picked = draw(rows, args.seed, args.stories)
    texts: dict[str, str] = {}
    found = extract(picked, texts)
    allh = [(rid, h) for rid in sorted(found, key=lambda i: _key(str(i))) for h in found[rid]]
    if args.not_ranks:
        allh = [(rid, h) for rid, h in allh if not all(_RANKS.fullmatch(lv) for lv in h.levels)]
    print(f"# {len(picked)} stories, {len(allh)} structures found", file=sys.stderr)
    sample = random.Random(args.seed + 1).sample(allh, min(args.n, len(allh)))
    for k, (rid, h) in enumerate(sample, 1):
        text = texts[rid]
        a = text.rfind("\n", 0, h.start) + 1
        b = text.find("\n", h.end)
        b = len(text) if b < 0 else b
        ctx = text[max(a, h.start - 120) : min(b, h.end + 80)]
        print(f"[{k}] {rid} | {h.surface} | {' / '.join(h.levels)} | {h.n_levels_claimed}")
        print(f"     {ctx}")


if __name__ == "__main__":
    main(sys.argv[1:])
